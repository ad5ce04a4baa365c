package com.headlessanalytics.console.ui.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.app.GraphQlQueries;
import com.headlessanalytics.console.graphql.GraphQlService;
import com.headlessanalytics.console.graphql.editor.Problem;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.FxWarmUp;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL screen over a real engine in a real window: a query typed by keyboard, a field
 * completed with Ctrl+Space and Enter, a wrong field reported and clicked to its place, the run
 * with Ctrl+Enter whose answer equals the engine's events, and the query saved and listed.
 */
class GraphQlInteractionTest extends EngineScreenTest {

    @Test
    void typeCompleteCheckRunAndSave() throws Exception {
        HeadlessApi api = engine.defaultWorkspace();
        api.ingest(List.of(event("ana", "order.created", 1_764_600_000_000L, "newsletter", "49.90"),
                event("ben", "page.viewed", 1_764_600_060_000L, null, null),
                event("ana", "page.viewed", 1_764_600_120_000L, null, null)));
        GraphQlService service = new GraphQlService();
        List<String> copied = new CopyOnWriteArrayList<>();
        textAnswer("Recent events");
        FxWarmUp.show(() -> new GraphQlView(new GraphQlViewModel(() -> service.over(api), () -> CurlTarget.none("warm-up"),
                new GraphQlQueries(dir.resolve("warm-up")), tasks, dialogs, copied::add, Clock.systemUTC(), ZoneOffset.UTC)));
        GraphQlViewModel model = ScreenRobot.onFx(() -> new GraphQlViewModel(() -> service.over(api),
                () -> CurlTarget.of("http://127.0.0.1:8787/", List.of("Authorization: Bearer $HA_API_KEY")),
                new GraphQlQueries(dir), tasks, dialogs, copied::add, Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new GraphQlView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.schemaProperty().get() != null, () -> "no schema: "
                    + model.schemaStatusProperty().get());
            robot.read(() -> {
                model.variablesProperty().set("{}");
                return null;
            });

            robot.typeInto("#graphql-editor", "{ events(limit: 10) { actor even");
            robot.press(KeyCode.CONTROL, KeyCode.SPACE).release(KeyCode.SPACE, KeyCode.CONTROL);
            ListView<?> completions = robot.lookup("#graphql-completions").query();
            robot.waitUntil(() -> completions.isVisible() && !completions.getItems().isEmpty(),
                    () -> "no completions shown");
            assertThat(robot.read(() -> completions.getItems().stream().map(s -> ((com.headlessanalytics.console
                    .graphql.editor.Suggestion) s).label()).toList())).contains("event");
            robot.type(KeyCode.ENTER);
            TextArea editor = robot.find("#graphql-editor");
            robot.waitUntil(() -> editor.getText().endsWith("actor event"), () -> "editor: " + editor.getText());

            robot.write(" colour } }");
            robot.waitUntil(() -> model.problems().size() == 1, () -> "problems " + model.problems());
            Problem wrong = robot.read(() -> model.problems().get(0));
            assertThat(wrong.describe()).contains("colour");
            robot.clickOn(wrong.describe());
            int expected = editor.getText().indexOf("colour");
            robot.waitUntil(() -> editor.getCaretPosition() == expected, () -> "caret at "
                    + editor.getCaretPosition() + ", not " + expected);

            robot.read(() -> {
                editor.selectRange(expected, expected + "colour".length());
                return null;
            });
            robot.write("timestamp");
            robot.waitUntil(() -> model.problems().isEmpty(), () -> "problems " + model.problems());
            robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
            robot.waitUntil(() -> model.history().size() == 1 && model.resultJsonProperty().get() != null
                    && !model.resultJsonProperty().get().isBlank(), () -> "no answer: " + model.resultSummaryProperty().get());
            Map<?, ?> answer = (Map<?, ?>) ApiJson.read(robot.read(() -> model.resultJsonProperty().get()));
            List<?> events = (List<?>) ((Map<?, ?>) answer.get("data")).get("events");
            assertThat(events).hasSize(3);
            assertThat(events.stream().map(e -> (Object) ((Map<?, ?>) e).get("event")).toList())
                    .containsExactly("order.created", "page.viewed", "page.viewed");
            assertThat(robot.read(() -> model.resultErrors().isEmpty())).isTrue();
            robot.screenshot("interaction-graphql");

            robot.clickOn("#graphql-save");
            robot.waitUntil(() -> model.saved().size() == 1, () -> "saved " + model.saved());
            assertThat(robot.read(() -> model.saved().get(0).name())).isEqualTo("Recent events");
            assertThat(new GraphQlQueries(dir).saved()).extracting(SavedQuery::name).containsExactly("Recent events");
            robot.clickOn("#graphql-curl");
            robot.waitUntil(() -> copied.size() == 1, () -> "copied " + copied);
            assertThat(copied.get(0)).contains("curl", "http://127.0.0.1:8787/api/graphql", "timestamp");
        }
    }

    private void textAnswer(String answer) {
        dialogs.textAnswers.add(answer);
    }
}
