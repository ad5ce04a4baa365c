package com.headlessanalytics.console.ui.common;

/**
 * Which embedded workspace the console shows: the user's own, or the demo workspace, which lives in
 * a folder of its own so demo data never mixes with the user's. Both switches block: run them
 * through the {@link TaskRunner}.
 */
public interface Workspaces {

    /** A sentence naming the open workspace, and whether it is the demo one. */
    record Current(String description, boolean demo) {
    }

    Current current();

    /** Opens the demo workspace, creating its seeded data the first time (with progress). */
    Current openDemo(TaskRunner.Progress progress) throws Exception;

    Current openOwn(TaskRunner.Progress progress) throws Exception;
}
