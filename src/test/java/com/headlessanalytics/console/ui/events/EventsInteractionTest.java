package com.headlessanalytics.console.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestEntityNavigator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Events screen in a real window over a real engine: type an event-name filter and apply it,
 * read that only matching rows show, open one and read its envelope; send a test event through the
 * form (its View built from the form the screen asked the dialog service for) and see it in the
 * list; the live refresh adds a new matching event and leaves others out; export what the filter
 * matches and read the file.
 */
class EventsInteractionTest {
    @TempDir
    Path dir;

    static void fill(HeadlessApi api) {
        long start = System.currentTimeMillis() - 3_600_000L;
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(Map.of("id", "evt_" + i, "event", i % 3 == 0 ? "order.created" : "page.viewed",
                    "actor", "cust_" + i, "timestamp", start + i * 60_000L));
        }
        api.ingest(events);
    }

    @Test
    void filterOpenSendRefreshAndExport() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            HeadlessApi api = engine.defaultWorkspace();
            fill(api);
            FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
            TestDialogs dialogs = new TestDialogs();
            ManualScheduler ticks = new ManualScheduler();
            List<String> copied = new java.util.concurrent.CopyOnWriteArrayList<>();
            EventsViewModel model = ScreenRobot.onFx(() -> new EventsViewModel(engine::defaultWorkspace, tasks, ticks,
                    Clock.systemUTC(), ZoneOffset.UTC, dialogs, copied::add));
            try (ScreenRobot robot = ScreenRobot.show(() -> {
                model.activate();
                return new EventsView(model);
            })) {
                robot.waitUntil(() -> model.rows().size() == 9, () -> "rows " + model.rows().size());
                robot.typeInto("#events-event", "order.created");
                robot.clickOn("#events-apply");
                robot.waitUntil(() -> model.rows().size() == 3 && !model.loadingProperty().get(),
                        () -> "rows " + model.rows().size());
                assertThat(text(robot, "#screen-status")).isEqualTo("3 events shown");
                TableView<EventsViewModel.Row> table = robot.find("#events-table");
                // the 9 rows drawn before the filter stay in their cells until the next layout pulse
                robot.waitUntil(() -> drawn(table, model.rows()), () -> "the 3 filtered rows not drawn; drawn: "
                        + robot.read(() -> drawnItems(table)));
                List<String> shownNames = robot.read(() -> List.of(cells(table, 0).get(1), cells(table, 1).get(1),
                        cells(table, 2).get(1)));
                assertThat(shownNames).containsOnly("order.created");
                String firstActor = robot.read(() -> cells(table, 0).get(2));
                assertThat(firstActor).isEqualTo("cust_6");

                robot.clickOn(robot.read(() -> rowNode(table, 1)));
                TextArea envelope = robot.find("#events-envelope");
                robot.waitUntil(() -> !envelope.getText().isEmpty(), () -> "no envelope shown");
                String json = robot.read(envelope::getText);
                assertThat(json).contains("\"id\" : \"evt_3\"",
                        "\"event\" : \"order.created\"", "\"actor\" : \"cust_3\"");
                robot.clickOn("#events-copy-json");
                robot.waitUntil(() -> !copied.isEmpty(), () -> "Copy JSON copied nothing");
                assertThat(copied).containsExactly(json);

                robot.clickOn("#events-send-test");
                robot.waitUntil(() -> dialogs.forms.size() == 1, () -> "no form asked for");
                TestEventViewModel form = (TestEventViewModel) dialogs.forms.get(0);
                TestEventView dialog = ScreenRobot.onFx(() -> {
                    TestEventView d = new TestEventView(form, robot.stage());
                    d.show();
                    return d;
                });
                robot.waitUntil(dialog::isShowing, () -> "the form did not open");
                Node eventField = robot.read(() -> dialog.getDialogPane().lookup(".text-field"));
                robot.clickOn(eventField);
                ScreenRobot.onFx(() -> {
                    ((javafx.scene.control.TextField) eventField).clear();
                    return null;
                });
                robot.write("order.created");
                ScreenRobot.onFx(() -> {
                    form.actorIdProperty().set("cust_test");
                    return null;
                });
                Button send = robot.read(() -> (Button) dialog.getDialogPane().lookupButton(TestEventView.SEND));
                robot.clickOn(send);
                robot.waitUntil(() -> !dialog.isShowing(), () -> "the form stayed open: " + form.sendErrorProperty().get());
                robot.waitUntil(() -> model.rows().size() == 4, () -> "rows " + model.rows().size());
                String newest = robot.read(() -> model.rows().get(0).actor());
                assertThat(newest).isEqualTo("cust_test");
                assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Sent test event evt_"));

                api.ingest(List.of(Map.of("event", "page.viewed", "actor", "cust_live"),
                        Map.of("event", "order.created", "actor", "cust_live")));
                ScreenRobot.onFx(() -> {
                    ticks.tick();
                    return null;
                });
                robot.waitUntil(() -> model.rows().size() == 5, () -> "rows " + model.rows().size());
                List<String> names = robot.read(() -> model.rows().stream().map(EventsViewModel.Row::name)
                        .distinct().toList());
                assertThat(names).as("the live refresh adds only matching events").containsExactly("order.created");
                assertThat(text(robot, "#screen-status")).isEqualTo("5 events shown");

                dialogs.saveFile = dir.resolve("events.csv");
                robot.clickOn("#events-export");
                robot.waitUntil(() -> dialogs.notices.stream().anyMatch(n -> n.startsWith("Exported")),
                        () -> "not exported; errors " + dialogs.errors);
                List<String> lines = Files.readAllLines(dialogs.saveFile, StandardCharsets.UTF_8);
                assertThat(lines).hasSize(6);
                assertThat(lines.subList(1, 6)).allMatch(l -> l.contains(",order.created,"));
                assertThat(dialogs.fileQuestions).singleElement().satisfies(q ->
                        assertThat(q.suggestedName()).matches("events-\\d{8}-\\d{4}\\.csv"));
                robot.clickOn(robot.read(() -> rowNode(table, 0)));
                robot.waitUntil(() -> envelope.getText().contains("cust_live"), () -> "no envelope shown");
                robot.screenshot("interaction-events");
            } finally {
                tasks.close();
            }
        }
    }

    @Test
    void theEntityMenuOpensTheEventsActorOrObjectAndIsOffForAStringActor() {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            engine.defaultWorkspace().ingest(List.of(
                    Map.of("event", "page.viewed", "actor", "visitor-7", "timestamp", 1_764_600_000_000L),
                    Map.of("event", "page.product_viewed", "timestamp", 1_764_600_060_000L,
                            "actor", Map.of("type", "customer", "id", "cust_1", "name", "Ada Silva"),
                            "object", Map.of("type", "product", "id", "gift-box"))));
            FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
            TestEntityNavigator entities = new TestEntityNavigator();
            EventsViewModel model = ScreenRobot.onFx(() -> new EventsViewModel(engine::defaultWorkspace, tasks,
                    new ManualScheduler(), Clock.systemUTC(), ZoneOffset.UTC, new TestDialogs(), text -> { }));
            model.onOpenEntity(entities);
            try (ScreenRobot robot = ScreenRobot.show(() -> {
                model.activate();
                return new EventsView(model);
            })) {
                robot.waitUntil(() -> model.rows().size() == 2, () -> "rows " + model.rows().size());
                TableView<EventsViewModel.Row> table = robot.find("#events-table");
                robot.waitUntil(() -> rowNode(table, 1) != null, () -> "rows not drawn");
                robot.clickOn(robot.read(() -> rowNode(table, 1)));
                robot.waitUntil(() -> model.selectedProperty().get() != null, () -> "nothing selected");
                assertThat(robot.read(() -> robot.<MenuButton>find("#events-open-entity").isDisabled()))
                        .as("a string actor names no entity").isTrue();
                robot.clickOn(robot.read(() -> rowNode(table, 0)));
                robot.waitUntil(() -> !robot.<MenuButton>find("#events-open-entity").isDisabled(),
                        () -> "the menu stays off");
                robot.clickOn("#events-open-entity");
                robot.clickOn("Open object: product gift-box");
                robot.waitUntil(() -> !entities.opened.isEmpty(), () -> "nothing opened");
                assertThat(entities.opened).containsExactly("product/gift-box");
            } finally {
                tasks.close();
            }
        }
    }

    static String text(ScreenRobot robot, String query) {
        return robot.read(() -> robot.<Labeled>find(query).getText());
    }

    static TableRow<?> rowNode(TableView<?> table, int index) {
        return table.lookupAll(".table-row-cell").stream().map(n -> (TableRow<?>) n)
                .filter(r -> r.getIndex() == index && !r.isEmpty()).findFirst().orElse(null);
    }

    /**
     * Whether the table's cells show {@code rows} now: a row cell per row, holding it, with its Event
     * and Actor cells showing its name and actor. Cells take a new list's items at the next layout
     * pulse, not when the list changes.
     */
    static boolean drawn(TableView<?> table, List<EventsViewModel.Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            TableRow<?> row = rowNode(table, i);
            if (row == null || !rows.get(i).equals(row.getItem())) {
                return false;
            }
            List<String> shown = cells(table, i);
            if (shown.size() < 3 || !shown.get(1).equals(rows.get(i).name())
                    || !shown.get(2).equals(rows.get(i).actor())) {
                return false;
            }
        }
        return true;
    }

    /** The items the non-empty row cells hold, by index, for a failure message. */
    static String drawnItems(TableView<?> table) {
        return table.lookupAll(".table-row-cell").stream().map(n -> (TableRow<?>) n).filter(r -> !r.isEmpty())
                .sorted(java.util.Comparator.comparingInt(TableRow::getIndex))
                .map(r -> r.getIndex() + ":" + (r.getItem() instanceof EventsViewModel.Row row
                        ? row.name() + " " + row.actor() : r.getItem())).toList().toString();
    }

    static List<String> cells(TableView<?> table, int index) {
        return rowNode(table, index).lookupAll(".table-cell").stream().map(n -> ((Labeled) n).getText())
                .map(t -> t == null ? "" : t).toList();
    }
}
