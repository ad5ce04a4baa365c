package com.headlessanalytics.console.ui.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.InMemoryGovernanceApi;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptsViewModelTest {
    static final Instant NOW = Instant.parse("2026-05-28T12:00:00Z");
    static final long T = NOW.toEpochMilli();
    static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;
    final InMemoryGovernanceApi api = new InMemoryGovernanceApi();
    final TestDialogs dialogs = new TestDialogs();
    final TestTasks tasks = TestTasks.direct();
    final List<String> copied = new ArrayList<>();
    final ReceiptsViewModel model = new ReceiptsViewModel(() -> api, tasks, dialogs, new TestClock(NOW),
            ZoneOffset.UTC, copied::add);

    static Governance.Receipt receipt(String id, String decision, String outcome, long seq, String trace,
                                      Governance.Check... checks) {
        return new Governance.Receipt(id, decision, outcome, List.of(checks), DIGEST, T - (100 - seq) * 60_000L,
                "key_agent", "grt_1", "ctr_1", trace, new Governance.Attestation("software_local", null, null), seq,
                "0".repeat(63) + seq, "ab".repeat(32), "k".repeat(64), "c2lnbmF0dXJl");
    }

    static Governance.Check pass(String name) {
        return new Governance.Check(name, true, name + " ok");
    }

    void fill() {
        api.receipts.add(receipt("rcp_1", "dec_1", "escrow", 3, "t-1", pass("decision_exists"),
                new Governance.Check("decision_approved", false, "pending_approval: escrowed for a person")));
        api.receipts.add(receipt("rcp_3", "dec_1", "allow", 9, "t-1", pass("decision_exists"), pass("digest")));
        api.receipts.add(receipt("rcp_2", "dec_2", "deny", 7, "t-2", pass("decision_exists"),
                new Governance.Check("digest", false, "the amount changed after approval")));
        api.chain = new Governance.ChainStatus(42, "3fa9c1d2e4b5a6978877665544332211ffeeddccbbaa99887766554433221100",
                true, null);
    }

    @Test
    void listsReceiptsNewestFirstWithOutcomesAndTheChainStatus() {
        fill();
        assertThat(model.placeholderProperty().get()).isEqualTo("Reading receipts…");
        model.activate();
        assertThat(api.calls).containsExactly("receipts null null");
        assertThat(model.rows()).extracting(ReceiptsViewModel.ReceiptRow::seq).containsExactly(9L, 7L, 3L);
        ReceiptsViewModel.ReceiptRow first = model.rows().get(0);
        assertThat(first.outcome()).isEqualTo(Governance.Outcome.ALLOW);
        assertThat(first.outcomeText()).isEqualTo("allow");
        assertThat(first.time()).isEqualTo("2026-05-28 10:29:00");
        assertThat(first.decision()).isEqualTo("dec_1");
        assertThat(first.actor()).isEqualTo("key_agent");
        assertThat(first.digest()).isEqualTo("9f86d081884c…");
        assertThat(model.rows().get(1).outcome()).isEqualTo(Governance.Outcome.DENY);
        assertThat(model.rows().get(2).outcome()).isEqualTo(Governance.Outcome.ESCROW);
        assertThat(model.summaryProperty().get()).isEqualTo("3 receipts · 1 allow, 1 deny, 1 escrow");
        assertThat(model.chainStateProperty().get()).isEqualTo(ReceiptsViewModel.ChainState.INTACT);
        assertThat(model.chainTextProperty().get()).isEqualTo("Hash chain intact: 42 records, every one signed and"
                + " linked to the one before · head 3fa9c1d2e4b5…");
    }

    @Test
    void aBrokenOrEmptyChainIsSaidPlainly() {
        api.chain = new Governance.ChainStatus(17, "ff".repeat(32), false,
                "record 12: recordHash does not match its content");
        model.activate();
        assertThat(model.chainStateProperty().get()).isEqualTo(ReceiptsViewModel.ChainState.BROKEN);
        assertThat(model.chainTextProperty().get()).isEqualTo("The hash chain is broken: record 12: recordHash does"
                + " not match its content. Records after the problem cannot be trusted; export nothing from this"
                + " workspace before it is understood.");
        assertThat(model.placeholderProperty().get()).startsWith("No receipts yet.");
        assertThat(model.summaryProperty().get()).isEqualTo("0 receipts");
        api.chain = new Governance.ChainStatus(0, null, true, null);
        model.refresh();
        assertThat(model.chainTextProperty().get()).isEqualTo("Hash chain intact: no governance records yet.");
        api.chain = null;
        model.refresh();
        assertThat(model.chainStateProperty().get()).isEqualTo(ReceiptsViewModel.ChainState.UNKNOWN);
        List<Governance.Receipt> many = java.util.stream.LongStream.rangeClosed(1, 1000)
                .mapToObj(seq -> receipt("rcp_" + seq, "dec_1", "allow", seq, null)).toList();
        assertThat(ReceiptsViewModel.summary(many, "")).isEqualTo("1,000 receipts (the newest 1,000; filter by trace or"
                + " decision for older ones) · 1,000 allow, 0 deny, 0 escrow");
    }

    @Test
    void filtersByTraceOrDecisionAndClearsThem() {
        fill();
        model.activate();
        assertThat(model.clearCommand().isExecutable()).isFalse();
        model.traceFilterProperty().set(" t-1 ");
        model.applyCommand().execute();
        assertThat(api.calls).endsWith("receipts t-1 null");
        assertThat(model.rows()).extracting(r -> r.receipt().id()).containsExactly("rcp_3", "rcp_1");
        assertThat(model.summaryProperty().get()).isEqualTo("2 receipts for trace t-1 · 1 allow, 0 deny, 1 escrow");

        model.decisionFilterProperty().set("dec_2");
        model.applyCommand().execute();
        assertThat(api.calls).endsWith("receipts t-1 dec_2");
        assertThat(model.rows()).isEmpty();
        assertThat(model.placeholderProperty().get()).isEqualTo("No receipts for trace t-1 and decision dec_2.");

        model.showDecision("dec_2");
        assertThat(model.traceFilterProperty().get()).isEmpty();
        assertThat(api.calls).endsWith("receipts null dec_2");
        assertThat(model.rows()).extracting(r -> r.receipt().id()).containsExactly("rcp_2");

        model.clearCommand().execute();
        assertThat(api.calls).endsWith("receipts null null");
        assertThat(model.rows()).hasSize(3);
        assertThat(model.clearCommand().isExecutable()).isFalse();

        model.traceFilterProperty().set("x".repeat(257));
        int before = api.calls.size();
        model.applyCommand().execute();
        assertThat(api.calls).as("not sent").hasSize(before);
        assertThat(model.query().errorProperty().get()).isEqualTo("The trace ID must be at most 256 characters");
    }

    @Test
    void theSelectedReceiptShowsEveryCheckAndItsPlaceInTheChain() {
        fill();
        model.activate();
        assertThat(model.copyJsonCommand().isExecutable()).isFalse();
        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.selectedTitleProperty().get()).isEqualTo("Receipt rcp_2 · deny");
        assertThat(model.checks()).containsExactly(
                new ReceiptsViewModel.CheckRow("decision_exists", true, "passed", "decision_exists ok"),
                new ReceiptsViewModel.CheckRow("digest", false, "failed", "the amount changed after approval"));
        assertThat(model.checksSummaryProperty().get()).isEqualTo("1 of 2 checks failed");
        assertThat(model.facts()).extracting(DetailField::name).containsExactly("Outcome", "Time",
                "Decision", "Actor", "Action digest", "Grant", "Contract", "Trace", "Attestation");
        assertThat(model.facts()).contains(new DetailField("Action digest", DIGEST),
                new DetailField("Attestation", "software_local"));
        assertThat(model.chainPlace()).containsExactly(new DetailField("Seq", "7"),
                new DetailField("Previous hash", "0".repeat(63) + "7"),
                new DetailField("Record hash", "ab".repeat(32)),
                new DetailField("Signed by key", "k".repeat(64)),
                new DetailField("Signature", "c2lnbmF0dXJl"));

        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.checksSummaryProperty().get()).isEqualTo("All 2 checks passed");
        model.refresh();
        assertThat(model.selectedProperty().get().receipt().id()).as("kept after a refresh").isEqualTo("rcp_3");
        model.traceFilterProperty().set("t-2");
        model.applyCommand().execute();
        assertThat(model.selectedProperty().get()).as("no longer listed").isNull();
        assertThat(model.checks()).isEmpty();
        assertThat(model.chainPlace()).isEmpty();
    }

    @Test
    void copyJsonAndExportCsv() throws Exception {
        fill();
        model.activate();
        model.selectedProperty().set(model.rows().get(0));
        model.copyJsonCommand().execute();
        assertThat(copied).singleElement().satisfies(json -> {
            assertThat(json).contains("\n  \"id\" : \"rcp_3\"");
            Map<?, ?> read = (Map<?, ?>) ApiJson.read(json);
            assertThat(read.get("outcome")).isEqualTo("allow");
            assertThat(read.get("seq")).isEqualTo(9);
            assertThat((List<?>) read.get("checks")).hasSize(2);
        });
        assertThat(dialogs.notices).contains("Copied receipt rcp_3 as JSON");

        Path file = dir.resolve("receipts.csv");
        dialogs.saveFile = file;
        model.exportCommand().execute();
        assertThat(dialogs.fileQuestions.get(0).suggestedName()).isEqualTo("receipts-20260528-1200.csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\uFEFFtime,outcome,receipt_id,decision_id,actor,action_digest,seq,grant_id,"
                + "contract_id,trace_id,checks_failed,record_hash");
        assertThat(lines.get(1)).isEqualTo("2026-05-28T10:29:00Z,allow,rcp_3,dec_1,key_agent," + DIGEST + ",9,grt_1,"
                + "ctr_1,t-1,0," + "ab".repeat(32));
        assertThat(lines).hasSize(4);
    }
}
