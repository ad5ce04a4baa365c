package com.headlessanalytics.console.ui.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Agent context screen in a real window over a real engine: choose "What changed" and Run, read
 * the answer's text and its changes table, open a change's events, export the table; then a run
 * held inside the API is cancelled with Esc (the header's Cancel) and its late answer never replaces the shown
 * one.
 */
class AgentContextInteractionTest extends EngineScreenTest {
    static final long DAY = 86_400_000L;
    /** While set, agent-context requests wait for it inside the API. */
    final AtomicReference<CountDownLatch> gate = new AtomicReference<>();

    static Map<String, Object> event(String name, long ts) {
        Map<String, Object> m = new HashMap<>();
        m.put("event", name);
        m.put("actor", "a" + (ts % 7));
        m.put("timestamp", ts);
        return m;
    }

    @BeforeEach
    void fill() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            events.add(event("order.created", now - 10 * DAY + i * 3_600_000L));
        }
        for (int i = 0; i < 6; i++) {
            events.add(event("order.created", now - 3 * DAY + i * 3_600_000L));
        }
        for (int i = 0; i < 5; i++) {
            events.add(event("page.viewed", now - 9 * DAY + i * 3_600_000L));
            events.add(event("page.viewed", now - 2 * DAY + i * 3_600_000L));
        }
        engine.defaultWorkspace().ingest(events);
    }

    @AfterEach
    void releaseGate() {
        CountDownLatch held = gate.getAndSet(null);
        if (held != null) {
            held.countDown();
        }
    }

    /** The engine's API, with agent-context requests held while {@link #gate} is set. */
    HeadlessApi api() {
        HeadlessApi real = engine.defaultWorkspace();
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(),
                new Class<?>[] {HeadlessApi.class}, (proxy, method, args) -> {
                    CountDownLatch held = gate.get();
                    if (method.getName().equals("agentContext") && held != null) {
                        held.await(20, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static String row(TableView<AgentContextViewModel.Row> table, int i) {
        return String.join(" | ", table.getItems().get(i).cells());
    }

    @Test
    void runWhatChangedReadDrillExportAndCancelARun() throws Exception {
        HeadlessApi api = api();
        List<String> copied = new CopyOnWriteArrayList<>();
        AgentContextViewModel model = ScreenRobot.onFx(() -> new AgentContextViewModel(() -> api, tasks, dialogs,
                drilled::add, Clock.systemUTC(), ZoneOffset.UTC, copied::add));
        try (ScreenRobot robot = ScreenRobot.show(() -> new AgentContextView(model))) {
            assertThat(robot.read(() -> robot.<Label>find("#agent-heading").getText()))
                    .isEqualTo("No answer yet: choose a mode and press Run.");
            assertThat(robot.<Button>find("#agent-copy-json").isDisabled()).as("nothing to copy yet").isTrue();
            robot.choose("#agent-mode", "What changed");
            assertThat(robot.read(() -> robot.<Label>find("#agent-mode-description").getText()))
                    .startsWith("Each event's count against the period before");
            robot.clickOn("#agent-run");
            robot.waitUntil(() -> !model.query().isRunning() && !model.grids().isEmpty(),
                    () -> "no answer; error " + model.query().errorProperty().get());
            TableView<AgentContextViewModel.Row> changes = robot.find("#agent-changes");
            assertThat(robot.read(() -> robot.<TabPane>find("#agent-tabs").getSelectionModel().getSelectedItem()
                    .getText())).isEqualTo("What changed (2)");
            assertThat(robot.read(() -> row(changes, 0))).startsWith("order.created | 6 | 2 | +200.0%");
            assertThat(robot.read(() -> row(changes, 1))).startsWith("page.viewed | 5 | 5 | +0.0%");
            String text = robot.read(() -> robot.<TextArea>find("#agent-text").getText());
            assertThat(text).contains("order.created");
            String heading = robot.read(() -> robot.<Label>find("#agent-heading").getText());
            assertThat(heading).startsWith("What changed · default · ");
            assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText())).startsWith("Answered at ");
            robot.clickOn("#agent-copy-json");
            robot.waitUntil(() -> !copied.isEmpty(), () -> "Copy JSON copied nothing");
            assertThat(copied).containsExactly(model.jsonProperty().get());

            // the changes table was built with the answer; its row cells are made at a later layout pulse
            robot.waitUntil(() -> robot.from(changes).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r
                    && r.getItem() instanceof AgentContextViewModel.Row item && item.cells().get(0)
                    .equals("order.created")).tryQuery().isPresent(), () -> "the order.created row is not drawn");
            Node orders = robot.from(changes).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r
                    && r.getItem() instanceof AgentContextViewModel.Row item && item.cells().get(0)
                    .equals("order.created")).query();
            robot.doubleClickOn(orders);
            robot.waitUntil(() -> !drilled.isEmpty(), () -> "no drill-down");
            assertThat(drilled.get(0).event()).isEqualTo("order.created");
            assertThat(drilled.get(0).businessId()).isEqualTo("default");

            Path file = dir.resolve("changes.csv");
            dialogs.saveFile = file;
            robot.clickOn("#agent-export-changes");
            robot.waitUntil(() -> Files.exists(file), () -> "no CSV written; " + dialogs.errors);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("\uFEFFevent,current,previous,change_pct,z_score,significant");
            assertThat(lines.get(1)).startsWith("order.created,6,2,200.0,");
            robot.screenshot("interaction-agent-context");

            CountDownLatch release = new CountDownLatch(1);
            gate.set(release);
            robot.choose("#agent-mode", "Summary");
            robot.clickOn("#agent-run");
            robot.waitUntil(() -> robot.<Button>find("#screen-cancel").isVisible(), () -> "no Cancel while running");
            assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText()))
                    .isEqualTo("Asking for summary of default…");
            assertThat(robot.<Button>find("#agent-run").isDisabled()).as("one request at a time").isTrue();
            robot.type(KeyCode.ESCAPE);
            gate.set(null);
            release.countDown();
            robot.waitUntil(() -> !tasks.busyProperty().get(), () -> "the held request still runs");
            assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText()))
                    .as("the screen header's Cancel keeps the previous answer").isEqualTo("Cancelled; the previous answer is still shown.");
            assertThat(robot.read(() -> robot.<Label>find("#agent-heading").getText())).isEqualTo(heading);
            assertThat(robot.read(() -> robot.<TextArea>find("#agent-text").getText())).isEqualTo(text);
            assertThat(robot.<Button>find("#agent-run").isDisabled()).isFalse();
        }
    }
}
