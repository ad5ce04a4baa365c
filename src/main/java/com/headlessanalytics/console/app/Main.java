package com.headlessanalytics.console.app;

import com.headlessanalytics.console.app.cli.HaCommand;
import javafx.application.Application;

/** Entry point: without arguments the console window opens; with a command the CLI runs it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(ConsoleApp.class, args);
            return;
        }
        System.exit(HaCommand.run(args));
    }
}
