package com.headlessanalytics.console.ui.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.ui.agent.AgentContextViewModel.Grid;
import com.headlessanalytics.console.ui.agent.AgentContextViewModel.Table;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentContextViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final long WEEK = 7L * 86_400_000;
    static final long BUCKET = Instant.parse("2026-11-25T19:00:00Z").toEpochMilli();

    @TempDir
    Path dir;
    final FakeApi api = new FakeApi();
    final TestDialogs dialogs = new TestDialogs();
    final List<EventQuery> drilled = new ArrayList<>();
    final List<String> copied = new ArrayList<>();

    AgentContextViewModel model(TaskRunner tasks) {
        return new AgentContextViewModel(() -> api, tasks, dialogs, drilled::add, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC, copied::add);
    }

    @Test
    void copyJsonCopiesTheAnswerOnlyOnceThereIsOneAndSaysHowLongItWas() {
        AgentContextViewModel model = model(TestTasks.direct());
        assertThat(model.copyJsonCommand().isExecutable()).as("no answer yet").isFalse();
        model.copyJsonCommand().execute();
        assertThat(copied).isEmpty();
        assertThat(dialogs.notices).isEmpty();

        model.run();
        assertThat(model.copyJsonCommand().isExecutable()).isTrue();
        model.copyJsonCommand().execute();
        String json = model.jsonProperty().get();
        assertThat(copied).containsExactly(json);
        assertThat(dialogs.notices).containsExactly(String.format(java.util.Locale.ENGLISH,
                "Copied the JSON answer (%,d characters) to the clipboard", json.length()));
    }

    @Test
    void theHeadingSaysHowToGetAnAnswerUntilThereIsOne() {
        AgentContextViewModel model = model(TestTasks.direct());
        assertThat(model.headingTextProperty().get()).isEqualTo("No answer yet: choose a mode and press Run.");
        model.modeProperty().set(AgentContext.Mode.ANOMALIES);
        model.run();
        assertThat(model.headingTextProperty().get()).isEqualTo(model.headingProperty().get())
                .startsWith("Anomalies · default · ");
    }

    @Test
    void eachPartSaysItsTabTitleEmptyTextHintAndWhichColumnsAreNumbers() {
        AgentContextViewModel model = model(TestTasks.direct());
        api.full = true;
        model.run();
        Grid summary = model.grids().get(0);
        Grid changes = model.grids().get(1);
        Grid proof = model.grids().get(3);
        Grid actions = model.grids().get(4);
        assertThat(proof.key()).isEqualTo("missing-proof");
        assertThat(changes.tabTitle()).isEqualTo("What changed (2)");
        assertThat(proof.emptyText()).isEqualTo("Nothing to list: the answer holds no missing proof.");
        assertThat(changes.hint()).as("rows that stand for events").isEqualTo("Double-click a row to open its events.");
        assertThat(actions.hint()).as("next actions are not events").isEmpty();
        assertThat(summary.hint()).isEmpty();
        assertThat(changes.numeric(0)).as("event names").isFalse();
        assertThat(changes.numeric(1)).as("counts").isTrue();
        assertThat(changes.numeric(3)).as("'new' is not a number").isFalse();
        assertThat(changes.numeric(4)).as("signed z-scores").isTrue();
        Grid percentages = new Grid(Table.CHANGES, List.of("Change", "Blank"), List.of("c", "b"), List.of(
                new AgentContextViewModel.Row(List.of("+50.0%", ""), List.of(), null, false),
                new AgentContextViewModel.Row(List.of("1,234.5", ""), List.of(), null, false)));
        assertThat(percentages.numeric(0)).isTrue();
        assertThat(percentages.numeric(1)).as("a column of blanks only").isFalse();
    }

    @Test
    void runsTheChosenModeAndShowsTextJsonAndTheTablesItReturned() throws Exception {
        AgentContextViewModel model = model(TestTasks.direct());
        model.modeProperty().set(AgentContext.Mode.ANOMALIES);
        model.businessProperty().set(" shop ");
        model.limitProperty().set(10);
        model.run();

        assertThat(api.asked).containsExactly(new AgentContext.Query("anomalies", "shop", 10,
                NOW.toEpochMilli() - WEEK, NOW.toEpochMilli()));
        assertThat(model.textProperty().get()).isEqualTo("1 anomaly: qr.bottle_scanned rose to 90 at Nov 25 19:00.");
        JsonNode json = ApiJson.mapper().readTree(model.jsonProperty().get());
        assertThat(json.path("mode").asText()).isEqualTo("anomalies");
        assertThat(json.path("anomalies").get(0).path("score").asDouble()).isEqualTo(9.1);
        assertThat(model.jsonProperty().get()).contains("\n  \"mode\"");
        assertThat(model.headingProperty().get()).isEqualTo("Anomalies · shop · Nov 20, 10:15 – Nov 27, 10:15");
        assertThat(model.grids()).extracting(Grid::table).containsExactly(Table.ANOMALIES);
        AgentContextViewModel.Row row = model.grids().get(0).rows().get(0);
        assertThat(row.cells()).containsExactly("qr.bottle_scanned", "Nov 25, 19:00 (hour)", "90", "12", "3",
                "+9.10", "up");
        assertThat(model.query().runningProperty().get()).isFalse();
        assertThat(model.query().errorProperty().get()).isEmpty();

        model.drillDown(row);
        assertThat(drilled).containsExactly(new EventQuery("shop", "qr.bottle_scanned", null, null, BUCKET,
                BUCKET + 3_600_000 - 1, null, null, EventQuery.Order.DESC));
    }

    @Test
    void everyPartOfAnAnswerBecomesATableInOrderAndExportsRawValuesToCsv() throws Exception {
        AgentContextViewModel model = model(TestTasks.direct());
        api.full = true;
        model.run();
        assertThat(model.grids()).extracting(Grid::table).containsExactly(Table.SUMMARY, Table.CHANGES,
                Table.ANOMALIES, Table.MISSING_PROOF, Table.NEXT_ACTIONS);
        Grid summary = model.grids().get(0);
        assertThat(summary.rows()).extracting(r -> r.cells().get(0) + " = " + r.cells().get(1))
                .containsExactly("Total events = 5,000", "Unique actors = 1,200", "Revenue = 1234.50",
                        "Top events · page.viewed = 3,000", "Top events · order.created = 60", "Windows = [1,2]");
        assertThat(summary.rows()).extracting(r -> r.csv().get(0) + "," + r.csv().get(1))
                .contains("totalEvents,5000", "topEvents.page.viewed,3000");
        Grid changes = model.grids().get(1);
        assertThat(changes.rows().get(0).cells()).containsExactly("order.created", "60", "40", "+50.0%", "+2.58", "yes");
        assertThat(changes.rows().get(0).highlighted()).isTrue();
        assertThat(changes.rows().get(1).cells()).containsExactly("lead.created", "3", "0", "new", "+1.73", "no");
        Grid actions = model.grids().get(4);
        assertThat(actions.rows().get(0).cells()).containsExactly("high", "Raise the budget", "ROAS 4.1", "yes",
                "increase budget, ads, approved, T3+");

        Path file = dir.resolve("changes.csv");
        dialogs.saveFile = file;
        model.exportCommand(changes).execute();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFevent,current,previous,change_pct,z_score,significant",
                "order.created,60,40,50.0,2.58,true",
                "lead.created,3,0,,1.73,false");
        Path proof = dir.resolve("proof.csv");
        dialogs.saveFile = proof;
        model.exportCommand(model.grids().get(3)).execute();
        assertThat(Files.readAllLines(proof, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFtimestamp,event,event_id,trust_tier,decision_id,reason",
                "2026-11-26T08:00:00Z,budget.changed,demo-1-42,T4,dec_7,T4 event without proofId");
        assertThat(dialogs.notices).hasSize(2);
        assertThat(dialogs.notices.get(0)).isEqualTo("Exported 2 rows of what changed to " + file);
        assertThat(dialogs.notices.get(1)).startsWith("Exported 1 ").endsWith(" of missing proof to " + proof);
        assertThat(dialogs.fileQuestions).extracting(TestDialogs.Asked::suggestedName).containsExactly(
                "agent-context-changes-20261127-1015.csv", "agent-context-missing-proof-20261127-1015.csv");

        model.drillDown(model.grids().get(3).rows().get(0));
        long t = Instant.parse("2026-11-26T08:00:00Z").toEpochMilli();
        assertThat(drilled).containsExactly(new EventQuery("default", "budget.changed", null, null, t, t, null, null,
                EventQuery.Order.DESC));
        model.drillDown(actions.rows().get(0));
        assertThat(drilled).as("next actions are not events").hasSize(1);
    }

    @Test
    void aRunCanBeCancelledAndItsLateAnswerIsDropped() {
        TestTasks tasks = TestTasks.held();
        AgentContextViewModel model = model(tasks);
        model.run();
        assertThat(model.query().runningProperty().get()).isTrue();
        assertThat(model.query().statusProperty().get()).isEqualTo("Asking for summary of default…");
        model.run();
        assertThat(tasks.pending()).as("one request at a time").isEqualTo(1);
        assertThat(model.runCommand().isExecutable()).isFalse();

        model.query().cancel();
        assertThat(model.query().runningProperty().get()).isFalse();
        assertThat(model.query().statusProperty().get()).startsWith("Cancelled");
        tasks.runAll();
        assertThat(api.asked).hasSize(1);
        assertThat(model.textProperty().get()).isEmpty();
        assertThat(model.grids()).isEmpty();

        model.run();
        tasks.runAll();
        assertThat(tasks.updates.stream().map(TestTasks.Update::message)).contains("Asking for summary of default…");
        assertThat(model.textProperty().get()).isNotEmpty();
    }

    @Test
    void badInputIsRefusedWithASentenceAndFailuresAreShownReadably() {
        AgentContextViewModel model = model(TestTasks.direct());
        model.businessProperty().set("");
        model.run();
        assertThat(model.query().errorProperty().get()).startsWith("Enter a business ID");
        model.businessProperty().set("default");
        model.limitProperty().set(0);
        model.run();
        assertThat(model.query().errorProperty().get()).isEqualTo("Limit must be between 1 and 1000.");
        assertThat(api.asked).isEmpty();

        model.limitProperty().set(50);
        model.rangeProperty().set(DateRange.of(DateRange.Preset.ALL_TIME));
        api.failure = new ApiException.Client(400, "invalid_input", "The query is not valid", List.of());
        model.run();
        assertThat(api.asked.get(0).from()).as("all time is not the API's default week").isZero();
        assertThat(api.asked.get(0).to()).isEqualTo(NOW.toEpochMilli());
        assertThat(model.query().errorProperty().get()).isEqualTo("The query is not valid");
        assertThat(model.query().runningProperty().get()).isFalse();
    }

    @Test
    void modesHaveTitlesAndDescriptions() {
        assertThat(AgentContextViewModel.title(AgentContext.Mode.RECOMMEND_NEXT_ACTIONS)).isEqualTo("Recommend next actions");
        for (AgentContext.Mode m : AgentContext.Mode.values()) {
            assertThat(AgentContextViewModel.describe(m)).isNotBlank();
        }
        assertThat(AgentContextViewModel.label("uniqueActors")).isEqualTo("Unique actors");
        assertThat(AgentContextViewModel.label("health_score")).isEqualTo("Health score");
    }

    static final class FakeApi implements EventsOnlyApi {
        final List<AgentContext.Query> asked = new ArrayList<>();
        boolean full;
        RuntimeException failure;

        @Override
        public AgentContext.Result agentContext(AgentContext.Query q) {
            asked.add(q);
            if (failure != null) {
                throw failure;
            }
            Period period = new Period(q.from(), q.to());
            Period previous = new Period(q.from() - WEEK, q.from() - 1);
            List<AgentContext.Anomaly> anomalies = List.of(new AgentContext.Anomaly("qr.bottle_scanned", "hour", BUCKET,
                    90, 12, 3, 9.1, "up"));
            if (!full) {
                return new AgentContext.Result(q.mode(), q.businessId(), period, previous, null, null, anomalies, null,
                        null, "1 anomaly: qr.bottle_scanned rose to 90 at Nov 25 19:00.", null);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("totalEvents", 5000);
            summary.put("uniqueActors", 1200);
            summary.put("revenue", "1234.50");
            Map<String, Long> top = new LinkedHashMap<>();
            top.put("page.viewed", 3000L);
            top.put("order.created", 60L);
            summary.put("topEvents", top);
            summary.put("windows", List.of(1, 2));
            long t = Instant.parse("2026-11-26T08:00:00Z").toEpochMilli();
            return new AgentContext.Result(q.mode(), q.businessId(), period, previous, summary,
                    List.of(new AgentContext.Change("order.created", 60, 40, 50.0, 2.58, true),
                            new AgentContext.Change("lead.created", 3, 0, null, 1.73, false)),
                    anomalies,
                    List.of(new AgentContext.MissingProof("demo-1-42", "budget.changed", t, "T4", "dec_7",
                            "T4 event without proofId")),
                    List.of(new NextAction("a1", "Raise the budget", "ROAS 4.1", "high", true,
                            new NextAction.RequiredDecision("increase_budget", "ads", "approved", "T3"))),
                    "Everything.", null);
        }

        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventPage events(EventQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventNames eventNames(String businessId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RuntimeHealth health() {
            throw new UnsupportedOperationException();
        }
    }


}
