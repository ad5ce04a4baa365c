package com.headlessanalytics.console.ui.prooftrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.InMemoryGovernanceApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProofExportBuilderTest {
    static final Instant NOW = Instant.parse("2026-05-28T12:00:00Z");
    static final long T = NOW.toEpochMilli();

    final InMemoryGovernanceApi api = new InMemoryGovernanceApi();
    final TestTasks tasks = TestTasks.direct();
    final List<ProofTrails.ExportResult> exported = new ArrayList<>();
    final ProofExportBuilder builder = new ProofExportBuilder(() -> api, tasks, new TestClock(NOW), ZoneOffset.UTC,
            exported::add);

    static Governance.Receipt receipt(String id, String decision, String outcome, long seq) {
        return new Governance.Receipt(id, decision, outcome, List.of(), "d".repeat(64), T - 3_600_000L, "key_agent",
                "grt_1", "ctr_1", null, null, seq, "0".repeat(64), "1".repeat(64), "k", "s");
    }

    static Governance.Decision decision(String id, String state, String amount) {
        ObjectNode action = ApiJson.mapper().createObjectNode();
        action.put("action", "ads.budget.increase");
        if (amount != null) {
            action.put("amount", new BigDecimal(amount));
            action.put("currency", "EUR");
        }
        return new Governance.Decision(id, state, action, "d".repeat(64), "key_agent", "grt_1", "ctr_1", "default",
                List.of(), "T3", null, 1, T + 86_400_000L, List.of(), List.of(), T - 7_200_000L, T);
    }

    @Test
    void aTimeWindowNeedsOnlyATitleAndThePreviewIsForgottenWhenTheSelectionChanges() {
        assertThat(builder.scopeProperty().get()).isEqualTo(ProofExportBuilder.Scope.WINDOW);
        assertThat(builder.previewCommand().isExecutable()).isTrue();
        assertThat(builder.exportCommand().isExecutable()).as("no title").isFalse();
        assertThat(builder.titleErrorProperty().get()).startsWith("Give the packet a title");
        ProofTrails.ExportRequest request = builder.request();
        assertThat(request.from()).isEqualTo(T - 30L * 86_400_000L);
        assertThat(request.to()).isEqualTo(T);
        assertThat(request.receiptIds()).isNull();
        assertThat(request.pushToSovereignProof()).isNull();

        api.counts = r -> new ProofTrails.Counts(120, 14, 1, 0);
        builder.previewCommand().execute();
        assertThat(api.previews).singleElement().isEqualTo(request);
        assertThat(builder.previewTextProperty().get()).isEqualTo("The packet would hold 120 events, 14 decision"
                + " records, 1 receipt and 0 evidence items.");
        builder.rangeProperty().set(DateRange.custom(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 2)));
        assertThat(builder.previewTextProperty().get()).as("counts of another selection are not shown").isEmpty();
        assertThat(builder.request().from()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z").toEpochMilli());
        assertThat(builder.request().to()).isEqualTo(Instant.parse("2026-05-02T23:59:59.999Z").toEpochMilli());
        builder.rangeProperty().set(DateRange.of(DateRange.Preset.ALL_TIME));
        assertThat(builder.request().from()).isNull();

        builder.titleProperty().set("x".repeat(201));
        assertThat(builder.titleErrorProperty().get()).isEqualTo("The title must be at most 200 characters");
        builder.previewCommand().execute();
        builder.titleProperty().set("  Q3 ads spend ");
        builder.pushProperty().set(true);
        assertThat(builder.previewTextProperty().get()).as("the title and the push do not change the counts")
                .isNotEmpty();
        assertThat(builder.exportCommand().isExecutable()).isTrue();
        assertThat(builder.request().title()).isEqualTo("Q3 ads spend");
        assertThat(builder.request().pushToSovereignProof()).isTrue();
    }

    @Test
    void receiptsAndDecisionsAreTickedFromListsReadWhenTheScreenIsShown() {
        api.receipts.add(receipt("rcp_1", "dec_1", "allow", 4));
        api.receipts.add(receipt("rcp_2", null, "deny", 9));
        api.decisions.add(decision("dec_1", "released", "1500.5"));
        api.decisions.add(decision("dec_2", "pending_approval", null));
        builder.scopeProperty().set(ProofExportBuilder.Scope.RECEIPTS);
        assertThat(api.calls).as("not while hidden").isEmpty();
        builder.activate();
        assertThat(api.calls).containsExactly("receipts null null");
        assertThat(builder.receipts()).extracting(ProofExportBuilder.Choice::label).containsExactly(
                "May 28, 11:00 · deny · no decision · seq 9", "May 28, 11:00 · allow · dec_1 · seq 4");
        assertThat(builder.selectionProblemProperty().get()).isEqualTo("Tick at least one receipt");
        assertThat(builder.previewCommand().isExecutable()).isFalse();
        builder.receipts().get(1).chosen().set(true);
        assertThat(builder.selectionProblemProperty().get()).isEmpty();
        assertThat(builder.request().receiptIds()).containsExactly("rcp_1");
        assertThat(builder.request().from()).isNull();
        builder.chooseAllCommand().execute();
        assertThat(builder.request().receiptIds()).containsExactly("rcp_2", "rcp_1");
        builder.chooseNoneCommand().execute();
        assertThat(builder.selectionOkProperty().get()).isFalse();

        builder.scopeProperty().set(ProofExportBuilder.Scope.DECISIONS);
        assertThat(api.calls).endsWith("decisions null");
        assertThat(builder.decisions()).extracting(ProofExportBuilder.Choice::label).containsExactly(
                "dec_1 · ads.budget.increase 1,500.50 EUR · released · by key_agent",
                "dec_2 · ads.budget.increase · pending approval · by key_agent");
        builder.decisions().get(0).chosen().set(true);
        assertThat(builder.request().decisionObjectIds()).containsExactly("dec_1");
        builder.scopeProperty().set(ProofExportBuilder.Scope.RECEIPTS);
        assertThat(api.calls).as("read once per showing").containsOnlyOnce("receipts null null");
        builder.deactivate();
        builder.activate();
        assertThat(api.calls).filteredOn("receipts null null"::equals).hasSize(2);
    }

    @Test
    void aTraceMustBeTyped() {
        builder.scopeProperty().set(ProofExportBuilder.Scope.TRACE);
        assertThat(builder.selectionProblemProperty().get()).isEqualTo("Type the trace ID");
        builder.traceIdProperty().set("x".repeat(257));
        assertThat(builder.selectionProblemProperty().get()).isEqualTo("The trace ID must be at most 256 characters");
        builder.traceIdProperty().set(" trace-42 ");
        builder.titleProperty().set("Trace 42");
        assertThat(builder.request()).isEqualTo(new ProofTrails.ExportRequest("Trace 42", null, null, "trace-42", null,
                null, null, null));
    }

    @Test
    void exportingSaysWhatWasWrittenAndWhatThePushDid() {
        builder.titleProperty().set("Q3");
        api.counts = r -> new ProofTrails.Counts(3, 2, 1, 0);
        builder.exportCommand().execute();
        assertThat(api.exports).singleElement().satisfies(r -> assertThat(r.title()).isEqualTo("Q3"));
        assertThat(builder.exportTextProperty().get()).isEqualTo("Exported \"Q3\" as prf_1: 3 events, 2 decision"
                + " records, 1 receipt and 0 evidence items · Merkle root " + "ab".repeat(32));
        assertThat(builder.pushTextProperty().get()).isEqualTo("Not pushed to SovereignProof (not asked).");
        assertThat(exported).singleElement().satisfies(e -> assertThat(e.proofId()).isEqualTo("prf_1"));

        builder.pushProperty().set(true);
        api.push = r -> new ProofTrails.Push("not_configured", null, 0, null, null, null);
        builder.exportCommand().execute();
        assertThat(builder.pushTextProperty().get()).isEqualTo("Not pushed: no SovereignProof endpoint is configured."
                + " Set one under Exported › Push to SovereignProof.");

        api.failNext = ApiException.invalid("The export is invalid", List.of());
        builder.exportCommand().execute();
        assertThat(builder.exportErrorProperty().get()).isEqualTo("The packet was not exported: The export is"
                + " invalid");
        assertThat(builder.exportTextProperty().get()).isEmpty();
        assertThat(builder.exportingProperty().get()).isFalse();
    }

    @Test
    void thePushOutcomeIsSaidPlainly() {
        assertThat(ProofExportBuilder.pushOutcome(new ProofTrails.Push("delivered", "https://sp.example/in", 1, 201,
                null, T), true)).isEqualTo("Pushed to SovereignProof at https://sp.example/in (HTTP 201) after 1"
                + " attempt.");
        assertThat(ProofExportBuilder.pushOutcome(new ProofTrails.Push("failed", "https://sp.example/in", 3, 503,
                "Service Unavailable", T), true)).isEqualTo("The push to https://sp.example/in failed after 3"
                + " attempts (last answer HTTP 503): Service Unavailable. The packet is kept here.");
        assertThat(ProofExportBuilder.pushOutcome(new ProofTrails.Push("failed", "https://sp.example/in", 3, null,
                "connection refused.", T), true)).isEqualTo("The push to https://sp.example/in failed after 3"
                + " attempts: connection refused. The packet is kept here.");
        assertThat(ProofExportBuilder.pushOutcome(new ProofTrails.Push("not_configured", null, 0, null,
                "No SovereignProof endpoint is configured", null), true)).isEqualTo("Not pushed: no SovereignProof"
                + " endpoint is configured. Set one under Exported › Push to SovereignProof.");
        assertThat(ProofExportBuilder.pushOutcome(null, true)).isEqualTo("Pushing was asked, but the answer says"
                + " nothing about it.");
    }
}
