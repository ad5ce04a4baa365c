package com.headlessanalytics.console.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "Send test event" dialog in a shown window, light and dark, built (as the composition root's
 * registered form would be) from the form the Events screen asked the dialog service to show:
 * problems appear under their fields and disable Send, and Send stores the event, closes the dialog
 * and reloads the Events table. Saves
 * target/screenshots/test-event-{light,dark}.png with the problems showing.
 */
class EventsTestEventDialogTest {
    static final Path OUT = Path.of("target", "screenshots");
    @TempDir
    static Path dir;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
        engine = Engine.open(dir);
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void showsProblemsUnderTheirFieldsAndSends(String theme) throws Exception {
        HeadlessApi api = engine.defaultWorkspace();
        long before = api.events(EventQuery.all().withLimit(1000)).events().size();
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        TestDialogs dialogs = new TestDialogs();
        EventsViewModel events = new EventsViewModel(engine::defaultWorkspace, tasks, new ManualScheduler(),
                Clock.systemUTC(), ZoneOffset.UTC, dialogs, text -> { });
        WaitForAsyncUtils.asyncFx(() -> events.sendTestEventCommand().execute()).get(10, TimeUnit.SECONDS);
        assertThat(dialogs.forms).singleElement().isInstanceOf(TestEventViewModel.class);
        TestEventViewModel model = (TestEventViewModel) dialogs.forms.get(0);
        TestEventView[] dialog = new TestEventView[1];
        Stage[] owner = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(theme.equals("dark") ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(new StackPane(), 900, 700);
            scene.getStylesheets().add(EventsTestEventDialogTest.class.getResource(
                    "/com/headlessanalytics/console/ui/console.css").toExternalForm());
            owner[0] = new Stage();
            owner[0].setScene(scene);
            owner[0].show();
            dialog[0] = new TestEventView(model, owner[0]);
            dialog[0].show();
            model.eventNameProperty().set("order created");
            model.actorIdProperty().set("cust_42");
            model.propertiesJsonProperty().set("{\"source\": \"console test\",\n \"amount\": 12.50,\n}");
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Button send = (Button) dialog[0].getDialogPane().lookupButton(TestEventView.SEND);
        assertThat(send.isDisabled()).isTrue();
        save(dialog[0], "test-event-" + theme);

        WaitForAsyncUtils.asyncFx(() -> {
            model.eventNameProperty().set("order.created");
            model.propertiesJsonProperty().set("{\"source\": \"console test\", \"amount\": 12.50}");
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(send.isDisabled()).isFalse();
        WaitForAsyncUtils.asyncFx(send::fire).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialog[0].isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.notices).singleElement().asString().startsWith("Sent test event evt_");
        assertThat(api.events(EventQuery.all().withLimit(1000)).events()).hasSize((int) before + 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> events.rows().size() == before + 1);
        WaitForAsyncUtils.asyncFx(() -> owner[0].close()).get(5, TimeUnit.SECONDS);
        tasks.close();
    }

    private static void save(TestEventView dialog, String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> dialog.getDialogPane().getScene().snapshot(null))
                .get(10, TimeUnit.SECONDS);
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", OUT.resolve(name + ".png").toFile());
        assertThat(png.getWidth()).as(name + " width").isGreaterThan(400);
    }
}
