package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.app.LaunchOptions;

/**
 * Checks the console window's launch options before the window opens, saying on stderr what is
 * wrong; and says what a launch did instead of opening a window (handed over, or why not).
 */
public final class WindowOptions {
    private WindowOptions() {
    }

    /** True when {@code args} are valid window options; else prints why (with the valid screen names). */
    public static boolean check(String[] args) {
        try {
            LaunchOptions.parse(args);
            return true;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return false;
        }
    }

    /** A line on stdout: what the launch did (e.g. handed its arguments to the running console). */
    public static void say(String line) {
        System.out.println(line);
    }

    /** A line on stderr: why the launch did not do what was asked, or what it did instead. */
    public static void complain(String line) {
        System.err.println(line);
    }
}
