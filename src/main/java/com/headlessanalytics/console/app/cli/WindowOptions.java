package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.app.LaunchOptions;

/** Checks the console window's launch options before the window opens, saying on stderr what is wrong. */
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
}
