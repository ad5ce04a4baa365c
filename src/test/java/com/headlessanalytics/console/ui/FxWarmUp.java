package com.headlessanalytics.console.ui;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Shows a screen once in a throwaway window, with time to spare, before a test shows it for real:
 * the toolkit's first CSS pass of a large screen can take longer than {@link ScreenRobot}'s wait on
 * a busy machine, while later ones are quick.
 */
public final class FxWarmUp {
    private FxWarmUp() {
    }

    public static void show(Supplier<Parent> view) throws Exception {
        ScreenRobot.startToolkit();
        WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(view.get(), 1280, 800));
            stage.show();
            stage.close();
            return null;
        }).get(120, TimeUnit.SECONDS);
    }
}
