package com.headlessanalytics.console.app;

import javafx.application.Application;
import javafx.stage.Stage;

public class ConsoleApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.show();
    }
}
