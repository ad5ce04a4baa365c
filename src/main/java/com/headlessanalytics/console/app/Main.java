package com.headlessanalytics.console.app;

import com.headlessanalytics.console.app.cli.HaCommand;
import com.headlessanalytics.console.app.cli.WindowOptions;
import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Application;
import org.slf4j.LoggerFactory;

/**
 * Entry point: without arguments, or with launch options only ({@code --screen NAME}, a
 * {@code .haproof} file), the console window opens, or, when a console already runs on the same
 * data folder, the options go to it ({@link SingleInstance}); with a command the CLI runs it.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (LaunchOptions.opensWindow(args)) {
            if (!WindowOptions.check(args)) {
                System.exit(2);
            }
            Path folder = DataFolders.defaultFolder();
            ConsoleApp.prepare(folder);
            SingleInstance claimed = null;
            try {
                Optional<SingleInstance> mine = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(args),
                        SingleInstance.HANDOFF_TIMEOUT);
                if (mine.isEmpty()) {
                    WindowOptions.say("Handed over to the console already running on " + folder);
                    System.exit(0);
                }
                claimed = mine.get();
            } catch (SingleInstance.NotAnswering e) {
                WindowOptions.complain(e.getMessage());
                System.exit(1);
            } catch (IOException | RuntimeException e) {
                WindowOptions.complain("Could not check for a console already running on " + folder + " ("
                        + e.getMessage() + "); opening the window anyway.");
            }
            ConsoleApp.instance(claimed);
            if (claimed != null) {
                openFilesFromTheOs(claimed);
            }
            Application.launch(ConsoleApp.class, args);
            return;
        }
        System.exit(HaCommand.run(args));
    }

    /**
     * On macOS a file opened from the Finder arrives as an open-file event, not as an argument: it
     * takes the same way as a later launch's argument. Elsewhere files are arguments.
     */
    private static void openFilesFromTheOs(SingleInstance claimed) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return;
        }
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()
                    || !Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_FILE)) {
                return;
            }
            Desktop.getDesktop().setOpenFileHandler(event -> event.getFiles().forEach(file -> claimed.deliver(
                    new SingleInstance.Message(List.of(file.getAbsolutePath()), file.getAbsoluteFile().getParent()))));
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(Main.class).warn("Files opened from the Finder cannot be received", e);
        }
    }
}
