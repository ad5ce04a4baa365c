package com.headlessanalytics.console.app;
public class ConsoleApp { public static void main(String[] a){ System.out.println("x"); } }
