package com.headlessanalytics.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.ui.ScreenRobot;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

/**
 * The scaffold and the query lifecycle in a real window, with the app's task runner: a typed query
 * runs in the background, the status line and Cancel show while it runs, Cancel drops its answer,
 * a failure shows in the error banner, and a command's button is disabled while it cannot run.
 */
class ScreenScaffoldInteractionTest {

    static final class Probe extends ScreenScaffold {
        Probe(QueryLifecycle query, StringProperty input, Command run, Label answer) {
            super("Probe", query);
            TextField field = new TextField();
            field.setId("input");
            field.textProperty().bindBidirectional(input);
            Button go = ViewParts.button("Run", null, run);
            go.setId("run");
            controls(new VBox(field, go));
            body(answer);
        }
    }

    @Test
    void typedQueryRunsCancelsAndFails() throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        QueryLifecycle query = ScreenRobot.onFx(() -> new QueryLifecycle(tasks));
        StringProperty input = new SimpleStringProperty("");
        Label answer = ScreenRobot.onFx(Label::new);
        answer.setId("answer");
        CountDownLatch release = new CountDownLatch(1);
        Command run = new Command(() -> {
            String q = input.get();
            query.run("Probe " + q, "Asking " + q + "…", p -> {
                if (q.equals("slow")) {
                    release.await(10, TimeUnit.SECONDS);
                }
                if (q.equals("bad")) {
                    throw new IllegalArgumentException("bad input");
                }
                return q.toUpperCase();
            }, answer::setText);
        }, Bindings.createBooleanBinding(() -> !input.get().isBlank(), input));
        try (ScreenRobot robot = ScreenRobot.show(() -> new Probe(query, input, run, answer))) {
            Button go = robot.find("#run");
            assertThat(go.isDisabled()).as("nothing typed yet").isTrue();
            robot.typeInto("#input", "hello").clickOn("#run");
            robot.waitUntil(() -> "HELLO".equals(answer.getText()), () -> "answer " + answer.getText());

            robot.typeInto("#input", "slow").clickOn("#run");
            robot.waitUntil(() -> robot.<Button>find("#screen-cancel").isVisible(), () -> "no Cancel");
            assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText())).isEqualTo("Asking slow…");
            robot.clickOn("#screen-cancel");
            release.countDown();
            robot.waitUntil(() -> !tasks.busyProperty().get(), () -> "task still running");
            assertThat(robot.read(answer::getText)).as("a cancelled answer is never shown").isEqualTo("HELLO");
            assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText())).isEqualTo("Cancelled");

            robot.typeInto("#input", "bad").clickOn("#run");
            robot.waitUntil(() -> robot.<Label>find("#screen-error").isVisible(), () -> "no error shown");
            assertThat(robot.read(() -> robot.<Label>find("#screen-error").getText())).contains("bad input");
        } finally {
            tasks.close();
        }
    }
}
