package com.headlessanalytics.console.ui.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Usage screen in a real window over a real engine: calls served (metered as serve mode meters
 * them) show as totals per endpoint; more calls served, then Refresh clicked, raise the totals; the
 * totals export as CSV from the Export menu.
 */
class UsageInteractionTest {
    @TempDir
    Path dir;
    Engine engine;
    FxTaskRunner tasks;
    final TestDialogs dialogs = new TestDialogs();

    @BeforeEach
    void open() {
        engine = Engine.open(dir.resolve("data"));
        tasks = new FxTaskRunner(Platform::runLater);
    }

    @AfterEach
    void close() {
        tasks.close();
        engine.close();
    }

    void served(String method, String endpoint, int status, int times) {
        long now = System.currentTimeMillis();
        for (int i = 0; i < times; i++) {
            engine.meter(new UsageRecord(now - 60_000 + i, engine.defaultWorkspaceId(), "ak_test", method, endpoint,
                    status, 5 + i, 100, 2048, "q" + i));
        }
    }

    static String totals(TableView<UsageViewModel.TotalRow> table) {
        return table.getItems().stream().map(t -> t.endpoint() + "=" + t.calls() + "/" + t.errors())
                .collect(Collectors.joining(", "));
    }

    @Test
    void servedCallsShowAndRefreshAndTheTotalsExport() throws Exception {
        served("GET", "/api/events", 200, 3);
        served("POST", "/api/ingest", 400, 1);
        UsageViewModel model = ScreenRobot.onFx(() -> new UsageViewModel(engine::defaultWorkspace, tasks, dialogs,
                Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new UsageView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            TableView<UsageViewModel.TotalRow> table = robot.find("#usage-totals");
            robot.waitUntil(() -> table.getItems().size() == 2, () -> "totals " + totals(table) + " error "
                    + model.query().errorProperty().get());
            assertThat(robot.read(() -> totals(table))).isEqualTo("/api/events=3/0, /api/ingest=1/1");
            assertThat(robot.read(() -> robot.<Label>find("#usage-summary").getText()))
                    .isEqualTo("4 calls in last 30 days, 1 with an error (status 400 or above) · newest 4 listed");
            assertThat(robot.read(() -> robot.<Label>find("#usage-quota").getText()))
                    .startsWith("4 of 1,000,000 calls used this month (under 0.1%)");
            assertThat(robot.read(() -> robot.<ProgressBar>find("#usage-quota-bar").getStyleClass()))
                    .as("far from the quota").doesNotContain("warning", "danger");
            ProgressBar bar = robot.find("#usage-quota-bar");
            robot.waitUntil(() -> bar.getWidth() > 300, () -> "the quota bar does not fill the line: width "
                    + bar.getWidth());
            TableView<UsageViewModel.CallRow> calls = robot.find("#usage-calls");
            assertThat(robot.read(() -> calls.getItems().size())).isEqualTo(4);

            served("GET", "/api/metrics/query", 200, 5);
            robot.clickOn("#usage-refresh");
            robot.waitUntil(() -> table.getItems().size() == 3, () -> "totals after refresh " + totals(table));
            assertThat(robot.read(() -> totals(table)))
                    .isEqualTo("/api/metrics/query=5/0, /api/events=3/0, /api/ingest=1/1");
            assertThat(robot.read(() -> robot.<Label>find("#usage-summary").getText())).startsWith("9 calls in");
            assertThat(robot.read(() -> model.chart().stream().map(UsageViewModel.ChartBar::endpoint).toList()))
                    .containsExactly("/api/metrics/query", "/api/events", "/api/ingest");

            Path file = dir.resolve("totals.csv");
            dialogs.saveFile = file;
            robot.clickOn("#usage-export");
            robot.clickOn("Totals by endpoint…");
            robot.waitUntil(() -> Files.exists(file), () -> "no CSV written; " + dialogs.errors);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("\uFEFFendpoint,calls,errors,by_status,avg_latency_ms,max_latency_ms,"
                    + "request_bytes,response_bytes");
            assertThat(lines).hasSize(4);
            assertThat(lines.get(3)).startsWith("/api/ingest,1,1,400:1,");
            assertThat(robot.read(() -> dialogs.fileQuestions.get(0).suggestedName())).startsWith("usage-totals-");
            robot.screenshot("interaction-usage");
        }
    }
}
