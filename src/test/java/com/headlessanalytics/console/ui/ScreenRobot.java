package com.headlessanalytics.console.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A screen in a real window for interaction tests: the test types and clicks with TestFX's robot
 * (the glass robot, on Monocle by default or in real windows under Xvfb with {@code -Dxvfb}) and
 * reads what the screen then shows. One shared way to start the toolkit, show a view, wait for the
 * background work to land, read nodes and save a screenshot.
 */
public final class ScreenRobot extends FxRobot implements AutoCloseable {
    private static final long TIMEOUT_MS = 20_000;
    private static boolean started;
    private final Stage stage;

    private ScreenRobot(Stage stage) {
        this.stage = stage;
    }

    /** Starts the toolkit if needed and shows {@code view} (built on the FX thread) in a 1280×800 window. */
    public static ScreenRobot show(Supplier<Parent> view) {
        return show(view, false);
    }

    public static ScreenRobot show(Supplier<Parent> view, boolean dark) {
        startToolkit();
        Stage stage = onFx(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(view.get(), 1280, 800);
            scene.getStylesheets().add(ScreenRobot.class.getResource(
                    "/com/headlessanalytics/console/ui/console.css").toExternalForm());
            Stage s = new Stage();
            s.setScene(scene);
            s.show();
            s.toFront();
            return s;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return new ScreenRobot(stage);
    }

    public static synchronized void startToolkit() {
        if (started) {
            return;
        }
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
        started = true;
    }

    /** Runs {@code work} on the FX thread and returns its result. */
    public static <T> T onFx(Callable<T> work) {
        startToolkit();
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX work failed", e);
        }
    }

    public Stage stage() {
        return stage;
    }

    /** The node the CSS query finds in this window (e.g. "#screen-status"). */
    public <T extends Node> T find(String query) {
        T node = lookup(query).match(n -> n.getScene() == stage.getScene()).query();
        if (node == null) {
            throw new AssertionError("no node matches " + query);
        }
        return node;
    }

    /**
     * Scrolls the node the query finds into view inside its scroll pane (the sidebar holds more
     * areas than a 800-pixel window shows), so that a click lands on it.
     */
    public ScreenRobot reveal(String query) {
        Node node = find(query);
        onFx(() -> {
            for (Node p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof ScrollPane scroll && scroll.getContent() != null) {
                    Bounds inContent = scroll.getContent().sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                    double hidden = scroll.getContent().getBoundsInLocal().getHeight()
                            - scroll.getViewportBounds().getHeight();
                    if (hidden > 0) {
                        scroll.setVvalue(Math.max(0, Math.min(1, inContent.getMinY() / hidden)));
                    }
                    break;
                }
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Selects the text field's content and types {@code text} in its place. */
    public ScreenRobot typeInto(String query, String text) {
        Node field = find(query);
        clickOn(field);
        onFx(() -> {
            ((javafx.scene.control.TextInputControl) field).clear();
            return null;
        });
        write(text);
        return this;
    }

    /** Opens the combo box {@code query} and clicks the item shown as {@code itemText}. */
    public ScreenRobot choose(String query, String itemText) {
        Node combo = find(query);
        clickOn(combo);
        waitUntil(() -> lookup(".list-cell").match(n -> n.isVisible()
                && itemText.equals(((javafx.scene.control.ListCell<?>) n).getText())).tryQuery().isPresent(),
                () -> "no item " + itemText + " in " + query);
        Node item = lookup(".list-cell").match(n -> n.isVisible()
                && itemText.equals(((javafx.scene.control.ListCell<?>) n).getText())).query();
        clickOn(item);
        return this;
    }

    /** Waits, letting FX events and background tasks run, until {@code condition} holds (read on the FX thread). */
    public void waitUntil(BooleanSupplier condition, Supplier<String> whatFailed) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!onFx(condition::getAsBoolean)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out: " + whatFailed.get());
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** Reads a value on the FX thread. */
    public <T> T read(Callable<T> value) {
        return onFx(value);
    }

    /** Saves the window as target/screenshots/NAME.png, for a person to look at; returns the file. */
    public Path screenshot(String name) {
        return screenshot(name, stage.getScene());
    }

    /** Saves another window's scene (a dialog's) as target/screenshots/NAME.png; returns the file. */
    public Path screenshot(String name, Scene scene) {
        try {
            Path classes = Path.of(ScreenRobot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path out = classes.getParent().resolve("screenshots");
            Files.createDirectories(out);
            WritableImage image = onFx(() -> scene.snapshot(null));
            BufferedImage png = SwingFXUtils.fromFXImage(image, null);
            Path file = out.resolve(name + ".png");
            ImageIO.write(png, "png", file.toFile());
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        onFx(() -> {
            stage.close();
            return null;
        });
    }
}
