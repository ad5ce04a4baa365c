package com.headlessanalytics.console.ui.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime health in a real window over a real engine, driven by the robot: it reads the checks,
 * Refresh reads them again (the checked-at time moves, a key created since clears the warning), the
 * timer refreshes only while the screen is shown, and an API that does not answer shows its error.
 */
class HealthInteractionTest {
    @TempDir
    Path dir;

    @Test
    void readsTheChecksRefreshesAndShowsAnError() {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        ManualScheduler scheduler = new ManualScheduler();
        TestClock clock = new TestClock(Instant.parse("2026-11-27T10:15:30Z"));
        AtomicBoolean unreachable = new AtomicBoolean();
        try (Engine engine = Engine.open(dir)) {
            HealthViewModel model = ScreenRobot.onFx(() -> new HealthViewModel(() -> {
                if (unreachable.get()) {
                    throw new ApiException.Unreachable("connection refused", null);
                }
                return engine.defaultWorkspace();
            }, tasks, scheduler, clock, ZoneOffset.UTC));
            try (ScreenRobot robot = ScreenRobot.show(() -> new HealthView(model))) {
                robot.read(() -> {
                    model.activate();
                    return null;
                });
                robot.waitUntil(() -> robot.<VBox>find("#health-checks").getChildren().size() >= 4,
                        () -> "checks: " + robot.read(() -> texts(robot.find("#health-checks"))));
                String checks = robot.read(() -> texts(robot.find("#health-checks")));
                assertThat(checks).contains("Database", "Data folder", "API keys", "Usage metering");
                assertThat(robot.read(() -> robot.<Label>find("#health-summary").getText()))
                        .isEqualTo("Ready, with 1 warning");
                assertThat(robot.read(() -> robot.<Label>find("#health-summary").getStyleClass())).contains("warning");
                assertThat(status(robot)).isEqualTo("Checked at 10:15:30");

                engine.keys().create(engine.defaultWorkspaceId(), "scanner");
                clock.advance(Duration.ofSeconds(42));
                robot.clickOn("#health-refresh");
                robot.waitUntil(() -> status(robot).equals("Checked at 10:16:12"), () -> "status " + status(robot));
                assertThat(robot.read(() -> robot.<Label>find("#health-summary").getText()))
                        .startsWith("All ").endsWith("checks pass — ready");
                assertThat(robot.read(() -> robot.<Label>find("#health-summary").getStyleClass())).contains("success")
                        .doesNotContain("warning");
                robot.screenshot("interaction-runtime-health");

                unreachable.set(true);
                robot.clickOn("#health-refresh");
                robot.waitUntil(() -> robot.<Label>find("#screen-error").isVisible(), () -> "no error shown");
                assertThat(robot.read(() -> robot.<Label>find("#screen-error").getText()))
                        .isEqualTo("The API could not be reached: connection refused");
                assertThat(robot.read(() -> robot.<Label>find("#health-summary").getText()))
                        .isEqualTo("Health could not be read");

                unreachable.set(false);
                clock.advance(Duration.ofSeconds(5));
                robot.read(() -> {
                    scheduler.tick();
                    return null;
                });
                robot.waitUntil(() -> status(robot).equals("Checked at 10:16:17"), () -> "status " + status(robot));
                assertThat(robot.read(() -> robot.<Label>find("#screen-error").isVisible())).isFalse();

                robot.read(() -> {
                    model.deactivate();
                    return null;
                });
                assertThat(scheduler.active()).as("no timer once the screen is left").isZero();
            }
        } finally {
            tasks.close();
        }
    }

    private static String status(ScreenRobot robot) {
        return robot.read(() -> robot.<Label>find("#screen-status").getText());
    }

    private static String texts(Node root) {
        return root.lookupAll(".label").stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText())
                .collect(Collectors.joining(" | "));
    }
}
