package com.headlessanalytics.console.ui.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.app.GraphQlQueries;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.graphql.GraphQlService;
import com.headlessanalytics.console.graphql.editor.Completions;
import com.headlessanalytics.console.graphql.editor.EditorSchema;
import com.headlessanalytics.console.graphql.editor.Problem;
import com.headlessanalytics.console.graphql.editor.Suggestion;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import graphql.GraphQL;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GraphQL screen's logic over a fake endpoint and the console's real schema, without a toolkit. */
class GraphQlViewModelTest {
    @TempDir
    Path dir;
    final TestDialogs dialogs = new TestDialogs();
    final List<String> copied = new ArrayList<>();
    final List<GraphQl.Request> sent = new ArrayList<>();
    /** What the endpoint answers to a request that is not the introspection query. */
    Function<GraphQl.Request, GraphQl.Response> answer = r -> new GraphQl.Response(200, Map.of("data",
            Map.of("events", List.of(Map.of("event", "order.created", "timestamp", 1_764_547_200_000L)))));
    /** Whether the endpoint answers the introspection query (else 400, and the console's schema is used). */
    boolean introspects;
    CurlTarget target = CurlTarget.of("http://127.0.0.1:8787/", List.of("Authorization: Bearer $HA_API_KEY"));
    final GraphQl.Endpoint endpoint = request -> {
        if (request.query().contains("__schema")) {
            if (!introspects) {
                return new GraphQl.Response(400, Map.of("errors", List.of(Map.of("message", "introspection is off"))));
            }
            return new GraphQl.Response(200, Map.of("data", GraphQL.newGraphQL(UnExecutableSchemaGenerator
                    .makeUnExecutableSchema(new SchemaParser().parse(EditorSchema.bundledSdl()))).build()
                    .execute(request.query()).getData()));
        }
        sent.add(request);
        return answer.apply(request);
    };
    TestTasks tasks = TestTasks.direct();
    GraphQlViewModel model;

    GraphQlViewModel model() {
        GraphQlViewModel m = new GraphQlViewModel(() -> endpoint, () -> target, new GraphQlQueries(dir), tasks,
                dialogs, copied::add, new TestClock(java.time.Instant.ofEpochMilli(1_764_547_200_000L)), ZoneOffset.UTC);
        m.activate();
        return m;
    }

    @BeforeEach
    void open() {
        model = model();
    }

    @Test
    void startsWithTheReferenceExampleCheckedAgainstTheSchema() {
        assertThat(model.documentProperty().get()).contains("query Ops($limit: Int)", "events(limit: $limit)",
                "businessHealth", "attribution");
        assertThat(ApiJson.read(model.variablesProperty().get())).isEqualTo(Map.of("limit", 100));
        assertThat(model.schemaProperty().get()).isNotNull();
        assertThat(model.schemaStatusProperty().get()).contains("console's schema").contains("HTTP 400");
        assertThat(model.problems()).isEmpty();
        assertThat(model.runCommand().isExecutable()).isTrue();
    }

    @Test
    void theServersSchemaIsUsedWhenItAnswersIntrospection() {
        introspects = true;
        GraphQlViewModel m = model();
        assertThat(m.schemaStatusProperty().get()).isEqualTo("Checked against the server's schema");
        assertThat(m.schemaProperty().get().origin()).isEqualTo("the server");
        m.documentProperty().set("{ events { nope } }");
        assertThat(m.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("nope"));
    }

    @Test
    void runSendsDocumentVariablesAndOperationAndShowsTreeAndJson() {
        model.operationNameProperty().set(" Ops ");
        model.runCommand().execute();
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.variables()).isEqualTo(Map.of("limit", 100));
            assertThat(r.operationName()).isEqualTo("Ops");
            assertThat(r.query()).isEqualTo(GraphQlViewModel.STARTER_QUERY);
        });
        assertThat(model.resultJsonProperty().get()).contains("\"order.created\"").contains("\n");
        ResultNode tree = model.resultTreeProperty().get();
        assertThat(tree.children()).extracting(ResultNode::key).containsExactly("data");
        ResultNode events = tree.children().get(0).children().get(0);
        assertThat(events.display()).isEqualTo("events: [1 item]");
        assertThat(events.children().get(0).children()).extracting(ResultNode::display)
                .containsExactlyInAnyOrder("event: \"order.created\"", "timestamp: 1764547200000");
        assertThat(model.resultSummaryProperty().get()).startsWith("HTTP 200 · ");
        assertThat(model.query().statusProperty().get()).startsWith("HTTP 200");
        assertThat(model.resultErrors()).isEmpty();
    }

    @Test
    void badVariablesAreShownAtTheVariablesAndNothingIsSent() {
        model.variablesProperty().set("{\"limit\": 10,}");
        assertThat(model.variablesErrorProperty().get()).startsWith("The variables are not valid JSON");
        model.run();
        assertThat(sent).isEmpty();
        assertThat(model.query().errorProperty().get()).startsWith("The variables are not valid JSON");
        model.variablesProperty().set("[1]");
        assertThat(model.variablesErrorProperty().get()).contains("must be a JSON object");
        model.variablesProperty().set("  ");
        assertThat(model.variablesErrorProperty().get()).isEmpty();
        model.run();
        assertThat(sent).singleElement().satisfies(r -> assertThat(r.variables()).isEmpty());
    }

    @Test
    void errorsOfTheAnswerAreListedWhereTheyAreAndClickingOneMovesTheCaret() {
        answer = r -> new GraphQl.Response(200, Map.of("data", Map.of("businessHealth", Map.of()),
                "errors", List.of(Map.of("message", "limit must be at most 10000", "path", List.of("events"),
                        "locations", List.of(Map.of("line", 2, "column", 3)),
                        "extensions", Map.of("code", "invalid_input")))));
        model.run();
        assertThat(model.resultErrors()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.SERVER);
            assertThat(p.message()).isEqualTo("limit must be at most 10000 (at events)");
            assertThat(p.describe()).startsWith("2:3  ");
        });
        Problem p = model.resultErrors().get(0);
        model.goTo(p);
        assertThat(model.documentProperty().get().substring(model.caretMoveProperty().get().offset()))
                .startsWith("events(limit");
        long first = model.caretMoveProperty().get().sequence();
        model.goTo(p);
        assertThat(model.caretMoveProperty().get().sequence()).as("the same place again is a new move")
                .isGreaterThan(first);
        assertThat(model.resultSummaryProperty().get()).endsWith("· 1 error");
        assertThat(model.history().get(0).errors()).isEqualTo(1);
    }

    @Test
    void aFailedRunShowsItsErrorAndAnEndpointFailureKeepsTheScreenUsable() {
        answer = r -> {
            throw new IllegalStateException("The server at http://127.0.0.1:1 cannot be reached");
        };
        model.run();
        assertThat(model.query().errorProperty().get()).contains("cannot be reached");
        assertThat(model.query().isRunning()).isFalse();
        assertThat(model.history()).isEmpty();
    }

    @Test
    void aRunningQueryCanBeCancelledAndItsAnswerIsDropped() {
        tasks = TestTasks.held();
        GraphQlViewModel m = model();
        tasks.runAll();
        m.run();
        assertThat(m.query().isRunning()).isTrue();
        assertThat(m.runCommand().isExecutable()).isFalse();
        m.query().cancel();
        tasks.runAll();
        assertThat(m.query().isRunning()).isFalse();
        assertThat(m.resultTreeProperty().get()).isNull();
        assertThat(m.query().statusProperty().get()).startsWith("Cancelled");
        assertThat(m.runCommand().isExecutable()).isTrue();
    }

    @Test
    void problemsFollowTheTypingWithTheirPlaces() {
        model.documentProperty().set("{\n  events {\n    event\n    colour\n  }\n}");
        assertThat(model.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(5);
        });
        model.documentProperty().set("{ events { event }");
        assertThat(model.problems()).singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.SYNTAX));
        model.goTo(model.problems().get(0));
        assertThat(model.caretMoveProperty().get().offset()).isEqualTo(18);
    }

    @Test
    void completionFromTheRealSchemaInsertsTheChoiceAndMovesTheCaret() {
        model.documentProperty().set("{ events(li) { ev } }");
        Completions args = model.complete(11);
        assertThat(args.suggestions()).extracting(Suggestion::label).containsExactly("limit");
        model.accept(args.suggestions().get(0));
        assertThat(model.documentProperty().get()).isEqualTo("{ events(limit: ) { ev } }");
        assertThat(model.caretMoveProperty().get().offset()).isEqualTo(16);
        assertThat(model.completionsProperty().get()).isNull();

        Completions fields = model.complete(model.documentProperty().get().indexOf("ev }") + 2);
        assertThat(fields.suggestions()).extracting(Suggestion::label).containsExactly("event");
        assertThat(fields.suggestions().get(0).type()).isEqualTo("String!");
        model.accept(fields.suggestions().get(0));
        assertThat(model.documentProperty().get()).isEqualTo("{ events(limit: ) { event } }");
    }

    @Test
    void historyKeepsRunsNewestFirstAcrossRestartsAndReopensThem() {
        model.run();
        model.documentProperty().set("{ proofTrails { proofId } }");
        model.variablesProperty().set("");
        model.run();
        assertThat(model.history()).extracting(GraphQlRun::title).containsExactly("{ proofTrails { proofId } }",
                "query Ops");
        assertThat(model.describe(model.history().get(0))).startsWith("Dec 1, 2025 00:00 · HTTP 200 · ").endsWith(" ms");

        GraphQlViewModel again = model();
        assertThat(again.history()).hasSize(2);
        again.open(again.history().get(1));
        assertThat(again.documentProperty().get()).isEqualTo(GraphQlViewModel.STARTER_QUERY);
        assertThat(again.variablesProperty().get()).isEqualTo(GraphQlViewModel.STARTER_VARIABLES);
    }

    @Test
    void theHistoryShowsOnlyTheLastFifty() {
        for (int i = 0; i < 53; i++) {
            model.run();
        }
        assertThat(model.history()).hasSize(GraphQlStore.HISTORY_LIMIT);
        assertThat(model().history()).hasSize(GraphQlStore.HISTORY_LIMIT);
    }

    @Test
    void savedQueriesAreSavedRenamedDeletedAndPersisted() {
        model.operationNameProperty().set("Ops");
        dialogs.textAnswers.add("Daily ops");
        model.saveCommand().execute();
        assertThat(model.saved()).extracting(SavedQuery::name).containsExactly("Daily ops");
        assertThat(dialogs.notices).contains("Saved \"Daily ops\"");

        model.documentProperty().set("{ proofTrails { proofId } }");
        model.operationNameProperty().set("");
        dialogs.textAnswers.add("Trails");
        model.saveCurrent();
        dialogs.textAnswers.add("Proof trails");
        model.rename(model.saved().get(1));
        assertThat(model.saved()).extracting(SavedQuery::name).containsExactly("Daily ops", "Proof trails");

        GraphQlViewModel again = model();
        assertThat(again.saved()).extracting(SavedQuery::name).containsExactly("Daily ops", "Proof trails");
        again.open(again.saved().get(0));
        assertThat(again.documentProperty().get()).isEqualTo(GraphQlViewModel.STARTER_QUERY);
        assertThat(again.operationNameProperty().get()).isEqualTo("Ops");
        again.delete(again.saved().get(1));
        assertThat(again.saved()).extracting(SavedQuery::name).containsExactly("Daily ops");
        assertThat(model().saved()).hasSize(1);
    }

    @Test
    void copyAsCurlPostsToTheGraphQlPathWithoutTheSecret() {
        model.copyCurlCommand().execute();
        assertThat(copied).singleElement().satisfies(c -> {
            assertThat(c).startsWith("curl -sS -X POST 'http://127.0.0.1:8787/api/graphql' \\\n");
            assertThat(c).contains("-H 'Content-Type: application/json'")
                    .contains("-H \"Authorization: Bearer $HA_API_KEY\"")
                    .contains("\"variables\":{\"limit\":100}");
            String body = c.substring(c.indexOf("--data-binary '") + 15, c.length() - 1);
            assertThat(ApiJson.read(body)).isEqualTo(Map.of("query", GraphQlViewModel.STARTER_QUERY,
                    "variables", Map.of("limit", 100)));
        });
        model.documentProperty().set("{ events(event: \"it's\") { event } }");
        model.variablesProperty().set("");
        model.copyAsCurl();
        assertThat(copied.get(1)).contains("it'\\''s").doesNotContain("variables");
    }

    @Test
    void theReferenceExampleRunsThroughTheConsolesGraphQlServiceOverARealEngine() {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            engine.defaultWorkspace().ingest(List.of(
                    Map.of("event", "order.created", "timestamp", 1_764_547_200_000L, "actor", "cust_1",
                            "attribution", Map.of("source", "qr", "campaign", "spring")),
                    Map.of("event", "qr.bottle_scanned", "timestamp", 1_764_547_260_000L, "actor", "cust_2")));
            GraphQl.Endpoint service = new GraphQlService().over(engine.defaultWorkspace());
            GraphQlViewModel m = new GraphQlViewModel(() -> service, () -> target, new GraphQlQueries(dir), tasks,
                    dialogs, copied::add, Clock.systemUTC(), ZoneOffset.UTC);
            m.activate();
            assertThat(m.schemaStatusProperty().get()).isEqualTo("Checked against the server's schema");
            m.run();
            assertThat(m.query().errorProperty().get()).isEmpty();
            assertThat(m.resultErrors()).isEmpty();
            assertThat(m.resultSummaryProperty().get()).startsWith("HTTP 200");
            ResultNode data = m.resultTreeProperty().get().children().get(0);
            assertThat(data.key()).isEqualTo("data");
            assertThat(data.children()).extracting(ResultNode::key)
                    .containsExactly("events", "businessHealth", "attribution");
            assertThat(data.children().get(0).children()).hasSize(2);
            assertThat(m.resultJsonProperty().get()).contains("\"qr.bottle_scanned\"", "\"healthScore\"");

            m.documentProperty().set("{ events(limit: \"many\") { event } }");
            assertThat(m.problems()).hasSize(1);
            m.run();
            assertThat(m.resultSummaryProperty().get()).startsWith("HTTP 400");
            assertThat(m.resultErrors()).isNotEmpty().allSatisfy(p -> assertThat(p.located()).isTrue());
        }
    }

    @Test
    void copyAsCurlWithoutServeModeSaysWhatToDo() {
        target = CurlTarget.none("Copy as curl needs serve mode: start it in Settings, then copy again.");
        model.copyAsCurl();
        assertThat(copied).isEmpty();
        assertThat(model.query().errorProperty().get()).contains("serve mode");
    }
}
