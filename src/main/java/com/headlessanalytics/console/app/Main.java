package com.headlessanalytics.console.app;

import com.headlessanalytics.console.app.cli.HaCommand;
import javafx.application.Application;

/**
 * Entry point: without arguments (or with {@code --screen NAME} only) the console window opens;
 * with a command the CLI runs it.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (LaunchOptions.opensWindow(args)) {
            try {
                LaunchOptions.parse(args);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
            Application.launch(ConsoleApp.class, args);
            return;
        }
        System.exit(HaCommand.run(args));
    }
}
