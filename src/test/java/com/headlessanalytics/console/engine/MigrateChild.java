package com.headlessanalytics.console.engine;

import java.nio.file.Path;

/** Run in a child JVM by {@link KillDuringMigrationTest}: opens (and so migrates) the data folder, then exits. */
public final class MigrateChild {
    public static void main(String[] args) {
        Engine.open(Path.of(args[0])).close();
        System.out.println("OPENED");
    }
}
