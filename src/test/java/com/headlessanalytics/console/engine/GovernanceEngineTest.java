package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.GovernanceFixture.AGENT;
import static com.headlessanalytics.console.engine.GovernanceFixture.ALICE;
import static com.headlessanalytics.console.engine.GovernanceFixture.BOB;
import static com.headlessanalytics.console.engine.GovernanceFixture.action;
import static com.headlessanalytics.console.engine.GovernanceFixture.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.proof.ChainRecord;
import com.headlessanalytics.console.proof.Ed25519;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance on the embedded engine with a clock the test moves: expiry of decisions and grants,
 * attestations signed by the workspace key, the records and events every transition writes, a
 * chain edited behind the engine's back, and what health and agent context count.
 */
class GovernanceEngineTest {
    static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;
    GovernanceFixture f;
    GovernanceFixture.Setup s;

    @BeforeEach
    void open() {
        f = new GovernanceFixture(dir);
        s = f.setup("500", "1000", "800");
    }

    @AfterEach
    void close() {
        f.close();
    }

    static void status(int expected, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(expected));
    }

    List<ObjectNodeRow> records() {
        List<ObjectNodeRow> rows = new ArrayList<>();
        f.engine.close();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Database.FILE_NAME), "ha", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT seq, kind, record FROM gov_record ORDER BY seq")) {
            while (rs.next()) {
                rows.add(new ObjectNodeRow(rs.getLong(1), rs.getString(2), ChainRecord.parse(rs.getString(3))));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        f = new GovernanceFixture(dir, f.clock);
        return rows;
    }

    record ObjectNodeRow(long seq, String kind, com.fasterxml.jackson.databind.node.ObjectNode record) {
    }

    void sql(String statement, Object... args) {
        f.engine.close();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Database.FILE_NAME), "ha", "");
             PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        f = new GovernanceFixture(dir, f.clock);
    }

    // ---- expiry ----

    @Test
    void aDecisionExpiresAtItsExpiresAtAndIsThenClosed() {
        Governance.Decision d = f.propose(s, action("40"), "trace-exp");
        assertThat(d.expiresAt()).isEqualTo(GovernanceFixture.T0 + 24 * HOUR);
        f.clock.advance(24 * HOUR - 1);
        assertThat(f.as(BOB).decision(d.id()).state()).isEqualTo("pending_approval");
        f.clock.advance(1);
        Governance.Decision expired = f.as(BOB).decision(d.id());
        assertThat(expired.state()).isEqualTo("expired");
        assertThat(expired.history().get(1)).satisfies(h -> {
            assertThat(h.action()).isEqualTo("expired");
            assertThat(h.actor()).isEqualTo(EngineGovernance.SYSTEM);
            assertThat(h.fromState()).isEqualTo("pending_approval");
            assertThat(h.at()).isEqualTo(d.expiresAt());
        });
        assertThat(f.as(BOB).decision(d.id())).as("expired once").isEqualTo(expired);
        status(409, () -> f.as(BOB).approveDecision(d.id(), new Governance.ApproveRequest("ok", d.actionDigest())));
        status(409, () -> f.as(BOB).denyDecision(d.id(), new Governance.ReasonRequest("too late")));
        List<Event> events = f.as(BOB).events(new EventQuery(null, null, "trace-exp", null, null, null, null, null,
                null)).events();
        assertThat(events).extracting(Event::event).containsExactly("governance.decision.proposed",
                "governance.decision.expired");
        assertThat(events.get(1).actor()).isEqualTo(Map.of("type", "principal", "id", "system"));
        assertThat(records()).extracting(ObjectNodeRow::kind).containsExactly("contract.created", "grant.created",
                "decision.proposed", "decision.expired");
    }

    @Test
    void anApprovedDecisionPastItsExpiryIsDeniedAtEnforce() {
        Governance.Decision d = f.approved(s, action("40"), null);
        f.clock.advance(24 * HOUR);
        Governance.Receipt r = f.enforce(s, d, action("40"));
        assertThat(r.outcome()).isEqualTo("deny");
        assertThat(failed(r)).containsExactly("decision_state", "not_expired");
        Governance.Decision after = f.as(ALICE).decision(d.id());
        assertThat(after.state()).isEqualTo("expired");
        assertThat(after.history()).extracting(Governance.HistoryEntry::action)
                .containsExactly("proposed", "approved", "expired", "enforce.deny");
        assertThat(after.history().get(3).receiptId()).isEqualTo(r.id());
    }

    @Test
    void listingExpiresEveryDecisionWhoseTimeHasCome() {
        Governance.Decision a = f.propose(s, action("1"), null);
        f.clock.advance(HOUR);
        Governance.Decision b = f.propose(s, action("2"), null);
        f.clock.advance(23 * HOUR);
        assertThat(f.as(BOB).decisions("pending_approval").decisions()).extracting(Governance.Decision::id)
                .containsExactly(b.id());
        assertThat(f.as(BOB).decisions("expired").decisions()).extracting(Governance.Decision::id)
                .containsExactly(a.id());
        f.clock.advance(HOUR);
        assertThat(f.as(BOB).decisions(null).decisions()).extracting(Governance.Decision::state)
                .containsExactly("expired", "expired");
    }

    @Test
    void expiryIsBoundedAndDefaultsToADay() {
        long now = GovernanceFixture.T0;
        status(400, () -> f.as(AGENT).proposeDecision(new Governance.NewDecision(action("1"), s.grant().id(),
                s.contract().id(), null, null, null, null, null, now, null)));
        status(400, () -> f.as(AGENT).proposeDecision(new Governance.NewDecision(action("1"), s.grant().id(),
                s.contract().id(), null, null, null, null, null, now + 30 * 24 * HOUR + 1, null)));
        assertThat(f.as(AGENT).proposeDecision(new Governance.NewDecision(action("1"), s.grant().id(),
                s.contract().id(), null, null, null, null, null, now + 30 * 24 * HOUR, null)).expiresAt())
                .isEqualTo(now + 30 * 24 * HOUR);
    }

    @Test
    void aGrantPastItsValidToDeniesTheEnforce() {
        Governance.Grant shortGrant = f.as(ALICE).createGrant(new Governance.NewGrant(AGENT,
                List.of(GovernanceFixture.ACTION), GovernanceFixture.usd("100"), null, GovernanceFixture.T0 + HOUR,
                s.contract().id()));
        GovernanceFixture.Setup shortSetup = new GovernanceFixture.Setup(s.contract(), shortGrant);
        Governance.Decision d = f.approved(shortSetup, action("40"), null);
        f.clock.advance(HOUR);
        Governance.Receipt r = f.enforce(shortSetup, d, action("40"));
        assertThat(failed(r)).containsExactly("grant_valid");
        assertThat(r.checks().get(5).detail()).contains("has expired");
        assertThat(f.as(ALICE).grants().grants()).extracting(Governance.Grant::id, Governance.Grant::status)
                .contains(org.assertj.core.groups.Tuple.tuple(shortGrant.id(), "expired"));
    }

    @Test
    void repeatedDeniesStopGrowingTheHistoryButAllHaveReceipts() {
        Governance.Decision d = f.approved(s, action("40"), null);
        for (int i = 0; i < EngineGovernance.MAX_HISTORY + 5; i++) {
            assertThat(f.enforce(s, d, action("41")).outcome()).isEqualTo("deny");
        }
        assertThat(f.as(ALICE).decision(d.id()).history()).hasSize(EngineGovernance.MAX_HISTORY);
        assertThat(f.as(ALICE).receipts(null, d.id()).receipts()).hasSize(EngineGovernance.MAX_HISTORY + 5);
        assertThat(f.enforce(s, d, action("40")).outcome()).isEqualTo("allow");
        Governance.Decision released = f.as(ALICE).decision(d.id());
        assertThat(released.state()).isEqualTo("released");
        assertThat(released.history().get(released.history().size() - 1).action()).isEqualTo("enforce.allow");
    }

    // ---- attestation ----

    Governance.Receipt attested(Governance.Decision d, String keyId, byte[] signed, KeyPair key) {
        String signature = Base64.getEncoder().encodeToString(Ed25519.sign(key.getPrivate(), signed));
        return f.as(AGENT).enforce(new Governance.EnforceRequest(d.id(), s.grant().id(), s.contract().id(),
                action("40"), new Governance.Attestation("hsm", keyId, signature)));
    }

    @Test
    void anotherProviderPassesOnlyWithASignatureOverTheDigestByTheWorkspaceKey() {
        Governance.Decision d = f.approved(s, action("40"), null);
        KeyPair workspace = f.engine.workspaceKeys().keyPair(f.engine.defaultWorkspaceId());
        String keyId = Ed25519.fingerprint(workspace.getPublic());
        byte[] digest = d.actionDigest().getBytes(StandardCharsets.UTF_8);

        Governance.Receipt otherBytes = attested(d, keyId, "something else".getBytes(StandardCharsets.UTF_8),
                workspace);
        assertThat(failed(otherBytes)).containsExactly("attestation");
        KeyPair foreign = Ed25519.generate();
        Governance.Receipt foreignKey = attested(d, Ed25519.fingerprint(foreign.getPublic()), digest, foreign);
        assertThat(failed(foreignKey)).containsExactly("attestation");
        assertThat(foreignKey.checks().get(15).detail()).contains("does not know");
        Governance.Receipt foreignUnnamed = attested(d, null, digest, foreign);
        assertThat(failed(foreignUnnamed)).containsExactly("attestation");

        Governance.Receipt signed = attested(d, keyId, digest, workspace);
        assertThat(signed.outcome()).isEqualTo("allow");
        assertThat(signed.checks().get(15).detail()).contains("hsm", "verifies", keyId);
    }

    // ---- the chain and the events ----

    @Test
    void everyTransitionIsOneSignedChainedRecordAndOneEvent() {
        Governance.Decision d = f.approved(s, action("40"), "trace-all");
        Governance.Receipt r = f.enforce(s, d, action("40"));
        f.as(BOB).revokeGrant(s.grant().id(), new Governance.ReasonRequest("rotate"));
        f.as(BOB).revokeContract(s.contract().id(), new Governance.ReasonRequest("done"));
        List<ObjectNodeRow> rows = records();
        assertThat(rows).extracting(ObjectNodeRow::kind).containsExactly("contract.created", "grant.created",
                "decision.proposed", "decision.approved", "receipt", "grant.revoked", "contract.revoked");
        java.security.PublicKey key = f.engine.workspaceKeys().keyPair(f.engine.defaultWorkspaceId()).getPublic();
        String prev = ChainRecord.GENESIS;
        for (ObjectNodeRow row : rows) {
            assertThat(ChainRecord.problem(row.record(), key)).isNull();
            assertThat(row.record().get("seq").asLong()).isEqualTo(row.seq());
            assertThat(row.record().get("prevHash").asText()).isEqualTo(prev);
            assertThat(row.record().get("workspaceId").asText()).isEqualTo(f.engine.defaultWorkspaceId());
            assertThat(row.record().get("at").asLong()).isEqualTo(GovernanceFixture.T0);
            prev = row.record().get("recordHash").asText();
        }
        assertThat(rows.get(3).record().get("actor").asText()).isEqualTo(ALICE);
        assertThat(rows.get(3).record().get("decisionObjectId").asText()).isEqualTo(d.id());
        assertThat(rows.get(3).record().get("traceId").asText()).isEqualTo("trace-all");
        assertThat(rows.get(3).record().at("/body/state").asText()).isEqualTo("approved");
        assertThat(rows.get(4).record().at("/body/id").asText()).isEqualTo(r.id());
        assertThat(rows.get(4).record().at("/body/outcome").asText()).isEqualTo("allow");
        assertThat(rows.get(4).record().get("recordHash").asText()).isEqualTo(r.recordHash());
        assertThat(rows.get(5).record().at("/body/revokeReason").asText()).isEqualTo("rotate");
        assertThat(rows.get(0).record().at("/body/cumulativeLimit/amount").isTextual()).as("money as a string")
                .isTrue();

        Map<String, Long> seqByEvent = new LinkedHashMap<>();
        for (Event e : f.as(BOB).events(EventQuery.all()).events()) {
            seqByEvent.put(e.event(), ((Number) e.properties().get("seq")).longValue());
        }
        assertThat(seqByEvent).containsExactly(Map.entry("governance.contract.created", 1L),
                Map.entry("governance.grant.created", 2L), Map.entry("governance.decision.proposed", 3L),
                Map.entry("governance.decision.approved", 4L), Map.entry("governance.enforce.allow", 5L),
                Map.entry("governance.decision.released", 5L), Map.entry("governance.grant.revoked", 6L),
                Map.entry("governance.contract.revoked", 7L));
    }

    @Test
    void aRecordEditedOrDeletedBehindTheEnginesBackBreaksTheChain() {
        Governance.Receipt r = f.enforce(s, f.approved(s, action("40"), null), action("40"));
        assertThat(f.as(ALICE).receipts(null, null).chain()).isEqualTo(new Governance.ChainStatus(5, r.recordHash(),
                true, null));
        sql("UPDATE gov_record SET record = REPLACE(record, '\"amount\":\"500\"', '\"amount\":\"5000\"') WHERE seq = 1");
        Governance.ChainStatus edited = f.as(ALICE).receipts(null, null).chain();
        assertThat(edited.intact()).isFalse();
        assertThat(edited.records()).isEqualTo(5);
        assertThat(edited.problem()).isEqualTo("record 1: recordHash does not match its content");

        sql("UPDATE gov_record SET record = REPLACE(record, '\"amount\":\"5000\"', '\"amount\":\"500\"') WHERE seq = 1");
        assertThat(f.as(ALICE).receipts(null, null).chain().intact()).isTrue();
        sql("DELETE FROM gov_record WHERE seq = 3");
        assertThat(f.as(ALICE).receipts(null, null).chain().problem())
                .isEqualTo("record 3 is missing (the next one is 4)");
    }

    @Test
    void theChainStaysIntactAcrossRestartsAndKeepsGrowing() {
        f.enforce(s, f.approved(s, action("40"), null), action("40"));
        records();
        Governance.Receipt r = f.enforce(s, f.approved(s, action("50"), null), action("50"));
        assertThat(r.seq()).isEqualTo(8);
        assertThat(f.as(ALICE).receipts(null, null).chain()).isEqualTo(new Governance.ChainStatus(8, r.recordHash(),
                true, null));
    }

    // ---- health and agent context ----

    @Test
    void pendingApprovalsCountOpenDecisionsAwaitingAPerson() {
        Governance.Contract other = f.as(ALICE).createContract(new Governance.NewContract("Ops", "ops-co", "ads",
                List.of(GovernanceFixture.ACTION), GovernanceFixture.usd("10"), GovernanceFixture.usd("10"), null, null,
                null, null));
        f.propose(s, action("1"), null);
        Governance.Decision escrowed = f.propose(s, action("2"), null);
        f.enforce(s, escrowed, action("2"));
        f.approved(s, action("3"), null);
        Governance.Decision denied = f.propose(s, action("4"), null);
        f.as(BOB).denyDecision(denied.id(), new Governance.ReasonRequest("no"));
        Governance.Grant otherGrant = f.as(ALICE).createGrant(new Governance.NewGrant(AGENT,
                List.of(GovernanceFixture.ACTION), GovernanceFixture.usd("10"), null, null, other.id()));
        f.propose(new GovernanceFixture.Setup(other, otherGrant), action("5"), null);

        BusinessHealth h = f.as(ALICE).businessHealth("default", null);
        assertThat(h.governance()).isEqualTo(BusinessHealth.GOVERNANCE_ACTIVE);
        assertThat(h.governanceNotSetUp()).isFalse();
        assertThat(h.pendingApprovals()).as("pending and escrowed of this business").isEqualTo(2);
        assertThat(f.as(ALICE).businessHealth("ops-co", null).pendingApprovals()).isEqualTo(1);
        f.clock.advance(24 * HOUR);
        assertThat(f.as(ALICE).businessHealth("default", null).pendingApprovals()).isZero();
    }

    @Test
    void receiptsCountAsProofForTheirDecisionsAndTraces() {
        Governance.Decision covered = f.approved(s, action("40"), "trace-covered");
        Governance.Decision uncovered = f.approved(s, action("50"), "trace-open");
        f.clock.advance(HOUR);
        f.as(AGENT).ingest(List.of(
                Map.of("id", "by-decision", "event", "ads.budget_changed", "decisionId", covered.id()),
                Map.of("id", "by-trace", "event", "refund.approved", "trustTier", "T3", "traceId", "trace-covered"),
                Map.of("id", "with-proof", "event", "shipment.released", "trustTier", "T4", "proofId", "p-1"),
                Map.of("id", "open-decision", "event", "ads.budget_changed", "decisionId", uncovered.id()),
                Map.of("id", "open-trace", "event", "refund.approved", "trustTier", "T4", "traceId", "trace-open")));
        AgentContext.Query missing = AgentContext.Query.of(AgentContext.Mode.MISSING_PROOF);
        assertThat(f.as(ALICE).agentContext(missing).missingProof()).extracting(AgentContext.MissingProof::eventId)
                .containsExactlyInAnyOrder("by-decision", "by-trace", "open-decision", "open-trace");
        assertThat(coverage()).isEqualTo("1 of 5 T3/T4 or decision events carry a proofId or have a receipt");

        f.enforce(s, covered, action("40"));
        AgentContext.Result after = f.as(ALICE).agentContext(missing);
        assertThat(after.missingProof()).extracting(AgentContext.MissingProof::eventId)
                .containsExactlyInAnyOrder("open-decision", "open-trace");
        assertThat(after.missingProof()).filteredOn(m -> m.eventId().equals("open-decision")).singleElement()
                .satisfies(m -> assertThat(m.reason()).contains(uncovered.id(), "no receipt"));
        assertThat(after.text()).contains("2 T3/T4 or decision events in the period have neither a proofId nor a"
                + " receipt");
        assertThat(coverage()).as("governance.* events are chain records, never counted")
                .isEqualTo("3 of 5 T3/T4 or decision events carry a proofId or have a receipt");
        assertThat(f.as(ALICE).businessHealth("default", null).alerts()).extracting(BusinessHealth.Alert::message)
                .contains("2 authority-bound or decision events have no proof attached.");
    }

    String coverage() {
        return f.as(ALICE).businessHealth("default", null).components().stream()
                .filter(c -> c.name().equals("proof coverage")).findFirst().orElseThrow().value();
    }
}
