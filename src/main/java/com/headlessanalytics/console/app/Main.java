package com.headlessanalytics.console.app;

import com.headlessanalytics.console.app.cli.HaCommand;
import com.headlessanalytics.console.app.cli.WindowOptions;
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
            if (!WindowOptions.check(args)) {
                System.exit(2);
            }
            Application.launch(ConsoleApp.class, args);
            return;
        }
        System.exit(HaCommand.run(args));
    }
}
