package com.headlessanalytics.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.app.GraphQlQueries;
import com.headlessanalytics.console.ui.graphql.CurlTarget;
import com.headlessanalytics.console.ui.graphql.GraphQlView;
import com.headlessanalytics.console.ui.graphql.GraphQlViewModel;
import com.headlessanalytics.console.ui.graphql.SavedQuery;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Popup;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL screen after running the reference's example query, for a person to look at
 * (target/screenshots/graphql.png): saved queries and history, the document, its variables, and the
 * answer as a tree; then Ctrl+Space in the editor lists the fields of the type at the caret.
 */
class GraphQlScreenshotTest extends EngineScreenTest {

    /** A JSON object with its keys in the order given. */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** The reference's example answered as serve mode answers it. */
    static GraphQl.Response answer(GraphQl.Request request) {
        if (request.query().contains("__schema")) {
            return new GraphQl.Response(400, obj("errors", List.of(obj("message", "not here"))));
        }
        return new GraphQl.Response(200, obj(
                "data", obj(
                        "events", List.of(
                                obj("event", "order.created", "timestamp", 1_764_600_000_000L),
                                obj("event", "qr.bottle_scanned", "timestamp", 1_764_599_000_000L),
                                obj("event", "lead.created", "timestamp", 1_764_598_000_000L)),
                        "businessHealth", obj("healthScore", 82, "revenue", "1840.50", "nextActions",
                                List.of(obj("id", "act_1", "title", "Follow up 3 open leads", "priority", "high"))),
                        "attribution", obj("bySource", obj("qr", 41, "email", 17, "paid_social", 9),
                                "byCampaign", obj("spring-launch", 52, "(none)", 15))),
                "extensions", obj("proof", obj("queryId", "qry_01JDX4", "workspaceId", "default",
                        "generatedAt", 1_764_600_100_000L, "schemaVersion", "1"))));
    }

    @Test
    void rendersTheScreenWithAnAnswerAndCompletesAtTheCaret() throws Exception {
        GraphQlQueries store = new GraphQlQueries(dir.resolve("settings"));
        store.save(new SavedQuery("Daily ops", "query Ops($limit: Int) { events(limit: $limit) { event timestamp } }", "{\"limit\": 100}", "Ops", 1L));
        store.save(new SavedQuery("Agent spend", "{ agentPerformance(agentId: \"pricing\") { spend { costUsd } } }",
                "", null, 2L));
        GraphQlViewModel model = ScreenRobot.onFx(() -> new GraphQlViewModel(() -> GraphQlScreenshotTest::answer,
                () -> CurlTarget.of("http://127.0.0.1:8787", List.of("Authorization: Bearer $HA_API_KEY")), store,
                tasks, dialogs, text -> { }, Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new GraphQlView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.schemaProperty().get() != null && model.saved().size() == 2,
                    () -> "schema " + model.schemaStatusProperty().get());
            robot.read(() -> {
                model.runCommand().execute();
                return null;
            });
            robot.waitUntil(() -> model.resultTreeProperty().get() != null && !model.history().isEmpty(),
                    () -> "no answer: " + model.query().errorProperty().get());
            TreeView<?> tree = robot.find("#graphql-tree");
            assertThat(robot.read(tree::getExpandedItemCount)).isGreaterThan(5);
            robot.screenshot("graphql");

            TextArea editor = robot.find("#graphql-editor");
            robot.read(() -> {
                editor.requestFocus();
                editor.positionCaret(editor.getText().indexOf("timestamp") + "timestamp".length() + 1);
                return null;
            });
            robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
            robot.waitUntil(() -> completions() != null, () -> "no completion popup");
            ListView<?> list = completions();
            assertThat(robot.read(() -> list.getItems().size())).as("the fields of Event").isGreaterThan(15);
            robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
            robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
            robot.waitUntil(() -> completions() == null, () -> "the popup stays open");
            assertThat(robot.<String>read(() -> editor.getText())).contains("timestamp\nevent  }");
        }
    }

    /** The completion list when its popup shows, else null. */
    static ListView<?> completions() {
        return ScreenRobot.onFx(() -> Window.getWindows().stream().filter(w -> w instanceof Popup && w.isShowing())
                .map(w -> (ListView<?>) w.getScene().getRoot().lookup("#graphql-completions"))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null));
    }
}
