package com.headlessanalytics.console.ui.overview;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import eu.hansolo.tilesfx.Tile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The Overview in a real window over a real engine, driven by the robot: an empty workspace reads
 * "no data" and "governance not set up"; after events are ingested, Refresh shows a score and the
 * counts; another business typed in shows its own figures, and a read of the old business that
 * answers late is never shown; an unknown business shows the error and no figures; a tile opens
 * exactly its events.
 */
class OverviewInteractionTest {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    @TempDir
    Path dir;

    @Test
    void readsNoDataThenFiguresThenAnotherBusinessAndDrillsDown() throws Exception {
        long now = System.currentTimeMillis();
        Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        ManualScheduler scheduler = new ManualScheduler();
        List<EventQuery> drilled = new CopyOnWriteArrayList<>();
        AtomicReference<CountDownLatch> holdDefault = new AtomicReference<>();
        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = holding(engine.defaultWorkspace(), holdDefault);
            OverviewViewModel model = ScreenRobot.onFx(() -> new OverviewViewModel(() -> api, tasks, scheduler, clock,
                    ZoneOffset.UTC, drilled::add, new TestDialogs(), id -> { }));
            try (ScreenRobot robot = ScreenRobot.show(() -> new OverviewView(model))) {
                robot.read(() -> {
                    model.activate();
                    return null;
                });
                Tile score = robot.find("#tile-health-score");
                Tile orders = robot.find("#tile-orders");
                Tile leads = robot.find("#tile-leads");
                Tile pending = robot.find("#tile-pending-approvals");
                Tile runtime = robot.find("#tile-runtime");

                // an empty workspace: no data, governance not set up
                robot.waitUntil(() -> shown(score).contains("no data") && !score.isValueVisible(),
                        () -> "score tile shows " + robot.read(() -> shown(score)));
                assertThat(robot.read(() -> shown(pending))).contains("governance not set up");
                assertThat(robot.read(pending::isValueVisible)).isFalse();
                assertThat(robot.read(() -> labels(robot.find("#overview-components"))))
                        .contains("no data").doesNotContain("/ 100");
                robot.waitUntil(() -> runtime.getDescription().startsWith("Ready"), () -> "runtime "
                        + runtime.getDescription());
                assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText())).startsWith("Updated ");

                // events arrive; Refresh shows a score and the counts
                engine.defaultWorkspace().ingest(events(now));
                robot.clickOn("#overview-refresh");
                robot.waitUntil(() -> score.isValueVisible() && orders.isValueVisible() && orders.getValue() == 3,
                        () -> "orders " + orders.getValue() + ", score " + score.getValue());
                int scoreValue = (int) Math.round(robot.read(score::getValue));
                assertThat(scoreValue).isBetween(1, 100);
                assertThat(robot.read(() -> shown(score))).contains(String.valueOf(scoreValue));
                assertThat(robot.read(() -> shown(orders))).contains("3");
                assertThat(robot.read(leads::getValue)).isEqualTo(3);
                assertThat(robot.read(() -> robot.<Label>find("#overview-period").getText())).contains("newest event");

                // another business, while a read of default is held: its late answer is never shown
                List<String> ordersShown = new CopyOnWriteArrayList<>();
                CountDownLatch release = new CountDownLatch(1);
                holdDefault.set(release);
                robot.clickOn("#overview-refresh");
                robot.waitUntil(() -> model.query().isRunning(), () -> "the held read is not running");
                robot.read(() -> {
                    orders.valueProperty().addListener((o, a, b) -> ordersShown.add(visible(orders)));
                    orders.valueVisibleProperty().addListener((o, a, b) -> ordersShown.add(visible(orders)));
                    return null;
                });
                robot.typeInto("#overview-business", "shop-2");
                robot.type(KeyCode.ENTER);
                robot.waitUntil(() -> orders.isValueVisible() && orders.getValue() == 1 && leads.getValue() == 4,
                        () -> "shop-2 orders " + orders.getValue() + ", leads " + leads.getValue());
                release.countDown();
                robot.waitUntil(() -> !tasks.busyProperty().get(), () -> "tasks still running");
                assertThat(robot.read(orders::getValue)).as("default's late answer is dropped").isEqualTo(1);
                assertThat(ordersShown).as("the orders tile never showed default's 3 for shop-2")
                        .doesNotContain("3").contains("1");

                // an unknown business: the error, and no figures
                robot.typeInto("#overview-business", "nope");
                robot.type(KeyCode.ENTER);
                robot.waitUntil(() -> robot.<Label>find("#screen-error").isVisible(), () -> "no error shown");
                assertThat(robot.read(() -> robot.<Label>find("#screen-error").getText())).contains("nope");
                assertThat(robot.read(orders::isValueVisible)).isFalse();
                assertThat(robot.read(score::isValueVisible)).isFalse();

                // back to default: a tile with one event name opens it at once, with the exact query
                robot.typeInto("#overview-business", "default");
                robot.type(KeyCode.ENTER);
                robot.waitUntil(() -> orders.isValueVisible() && orders.getValue() == 3, () -> "default again");
                assertThat(robot.read(() -> robot.<Label>find("#screen-error").isVisible())).isFalse();
                robot.clickOn(orders);
                robot.waitUntil(() -> drilled.size() == 1, () -> "no drill-down: " + drilled);
                EventQuery expected = new EventQuery("default", "order.created", null, null, now - 7 * DAY, now, null,
                        null, EventQuery.Order.DESC);
                assertThat(drilled.get(0)).isEqualTo(expected);

                // a tile with several names offers a menu
                robot.clickOn(leads);
                robot.clickOn("Open lead.qualified (1)");
                robot.waitUntil(() -> drilled.size() == 2, () -> "no drill-down: " + drilled);
                assertThat(drilled.get(1)).isEqualTo(new EventQuery("default", "lead.qualified", null, null,
                        now - 7 * DAY, now, null, null, EventQuery.Order.DESC));
                robot.screenshot("interaction-overview");
            } finally {
                ScreenRobot.onFx(() -> {
                    model.deactivate();
                    return null;
                });
            }
        } finally {
            tasks.close();
        }
    }

    /** Default: 3 orders (revenue 60), 2 lead.created, 1 lead.qualified, 1 scan, 4 page views; shop-2: 1 order, 4 leads. */
    private static List<Map<String, Object>> events(long now) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(event("order.created", now - (i + 1) * HOUR, null, "properties", Map.of("amount", "20.00")));
        }
        events.add(event("lead.created", now - 5 * HOUR, null));
        events.add(event("lead.created", now - 6 * HOUR, null));
        events.add(event("lead.qualified", now - 7 * HOUR, null));
        events.add(event("qr.bottle_scanned", now - 8 * HOUR, null));
        for (int i = 0; i < 4; i++) {
            events.add(event("page.viewed", now - (i + 2) * DAY, null));
        }
        events.add(event("order.created", now - 2 * HOUR, "shop-2", "properties", Map.of("amount", "5.00")));
        for (int i = 0; i < 4; i++) {
            events.add(event("lead.created", now - (i + 3) * HOUR, "shop-2"));
        }
        return events;
    }

    private static Map<String, Object> event(String name, long ts, String business, Object... fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        e.put("timestamp", ts);
        e.put("actor", Map.of("id", "cust_" + (ts % 7)));
        if (business != null) {
            e.put("businessId", business);
        }
        for (int i = 0; i < fields.length; i += 2) {
            e.put((String) fields[i], fields[i + 1]);
        }
        return e;
    }

    /** The port, but a read of the default business's health waits for the latch the test sets, once. */
    private static HeadlessApi holding(HeadlessApi real, AtomicReference<CountDownLatch> hold) {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(), new Class<?>[] {HeadlessApi.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("businessHealth") && "default".equals(args[0])) {
                        CountDownLatch latch = hold.getAndSet(null);
                        if (latch != null) {
                            latch.await(10, TimeUnit.SECONDS);
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The texts a tile draws now (its skin's visible text nodes). */
    static String shown(Tile tile) {
        return tile.lookupAll("Text").stream().filter(n -> n instanceof Text && visible(n))
                .map(n -> ((Text) n).getText()).filter(t -> t != null && !t.isBlank()).collect(Collectors.joining(" | "));
    }

    private static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String visible(Tile tile) {
        return tile.isValueVisible() ? String.valueOf((long) tile.getValue()) : "hidden";
    }

    /** Every label's text under {@code root}. */
    static String labels(Node root) {
        return root.lookupAll(".label").stream().filter(n -> n instanceof Label).map(n -> ((Label) n).getText())
                .collect(Collectors.joining(" | "));
    }
}
