package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.APPROVER_KEY;
import static com.headlessanalytics.console.server.FakeBackend.APPROVER_KEY_ID;
import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.KEY_ID;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The remote client against serve mode over loopback, on the fake governance: every method reaches
 * the same port method as embedded, with the same answers (201s and the packet's bytes included) and
 * the same errors, status and code. The contract suite does the same on the engine.
 */
class GovernanceLoopbackTest extends ServerTestSupport {
    private RemoteApi agent;
    private RemoteApi approver;

    @BeforeEach
    void clients() {
        agent = client(KEY);
        approver = client(APPROVER_KEY);
    }

    @AfterEach
    void closeClients() {
        agent.close();
        approver.close();
    }

    private RemoteApi client(String key) {
        return new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key))
                .withRetries(2, Duration.ofMillis(10)));
    }

    /** What the server's port answers directly, acting as {@code keyId}. */
    private HeadlessApi embedded(String keyId) {
        return backend.workspace(new com.headlessanalytics.console.api.ServeBackend.Principal(WORKSPACE, keyId));
    }

    private static ObjectNode action(String amount) throws Exception {
        return (ObjectNode) ApiJson.mapper().reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .readTree("{\"action\":\"payments.refund\",\"amount\":" + amount + ",\"currency\":\"USD\","
                        + "\"orderId\":\"o-1\"}");
    }

    @Test
    void aDecisionFromProposalToReleaseThroughTheRemoteClient() throws Exception {
        assertThat(agent.identity().principal()).isEqualTo(KEY_ID);
        assertThat(approver.identity().principal()).isEqualTo(APPROVER_KEY_ID);
        Governance.Contract contract = agent.createContract(new Governance.NewContract("Refunds", "default",
                "payments", List.of("payments.refund"), new Governance.Money(new BigDecimal("50.00"), "USD"),
                new Governance.Money(new BigDecimal("500"), "USD"), "T2", List.of("soc2"), null, null));
        Governance.Grant grant = agent.createGrant(new Governance.NewGrant(KEY_ID, List.of("payments.refund"),
                new Governance.Money(new BigDecimal("100"), "USD"), null, null, contract.id()));
        Governance.Decision proposed = agent.proposeDecision(new Governance.NewDecision(action("12.50"), grant.id(),
                contract.id(), null, List.of(), "T3", "trace-9", 1, null, null));

        assertThat(contract.perActionLimit().amount()).isEqualTo(new BigDecimal("50.00"));
        assertThat(agent.contracts().contracts()).containsExactly(embedded(KEY_ID).contracts().contracts().get(0));
        assertThat(proposed).isEqualTo(embedded(KEY_ID).decision(proposed.id()));
        assertThat(proposed.proposedAction()).isEqualTo(action("12.50"));

        assertClientError(403, ErrorCodes.FORBIDDEN, () -> agent.approveDecision(proposed.id(),
                new Governance.ApproveRequest("mine", proposed.actionDigest())));
        Governance.Decision approved = approver.approveDecision(proposed.id(),
                new Governance.ApproveRequest("refund is due", proposed.actionDigest()));
        assertThat(approved.state()).isEqualTo("approved");

        Governance.Receipt receipt = agent.enforce(new Governance.EnforceRequest(proposed.id(), grant.id(),
                contract.id(), action("12.50"), new Governance.Attestation("software_local", null, null)));
        assertThat(receipt.outcome()).isEqualTo("allow");
        assertThat(agent.receipts("trace-9", null)).satisfies(r -> {
            assertThat(r.receipts()).containsExactly(receipt);
            assertThat(r.chain().intact()).isTrue();
        });
        assertThat(agent.decisions("released").decisions()).extracting(Governance.Decision::id)
                .containsExactly(proposed.id());
        assertClientError(409, ErrorCodes.CONFLICT, () -> approver.revokeDecision(proposed.id(),
                new Governance.ReasonRequest("too late")));
    }

    @Test
    void aPacketsBytesAndTheTrailsComeBackAsStored() {
        ProofTrails.ExportResult exported = agent.exportProofTrail(new ProofTrails.ExportRequest("Audit", null, null,
                null, 0L, 10L, null, true));

        assertThat(exported.push().status()).isEqualTo("not_configured");
        assertThat(agent.proofPacket(exported.proofId())).isEqualTo(embedded(KEY_ID).proofPacket(exported.proofId()));
        assertThat(agent.proofTrails().trails()).containsExactly(exported.trail());
        assertThat(agent.previewProofTrail(new ProofTrails.ExportRequest("x", null, null, null, null, null, null, null))
                .counts()).isNotNull();
        assertClientError(404, ErrorCodes.NOT_FOUND, () -> agent.proofPacket("prf_missing"));
        assertClientError(400, ErrorCodes.INVALID_INPUT, () -> agent.saveProofPushSettings(
                new ProofTrails.PushSettings("http://plain.example", null)));
        assertThat(agent.saveProofPushSettings(new ProofTrails.PushSettings("https://proof.example", null)).endpoint())
                .isEqualTo("https://proof.example");
        assertThat(agent.proofPushSettings().endpoint()).isEqualTo("https://proof.example");
        assertThat(agent.publicKey().pem()).isEqualTo(embedded(KEY_ID).publicKey().pem());
    }

    @Test
    void draftsRevocationsAndOversizedActionsGetTheEmbeddedAnswers() throws Exception {
        Governance.Contract contract = agent.createContract(new Governance.NewContract(null, "default", "ops", null,
                null, null, null, null, null, null));
        Governance.Grant grant = agent.createGrant(new Governance.NewGrant(KEY_ID, null, null, null, null,
                contract.id()));
        Governance.Decision draft = agent.proposeDecision(new Governance.NewDecision(action("1"), grant.id(), null,
                null, null, null, null, null, null, true));
        assertThat(draft.state()).isEqualTo("draft");
        assertThat(agent.submitDecision(draft.id()).state()).isEqualTo("pending_approval");
        assertThat(approver.denyDecision(draft.id(), new Governance.ReasonRequest("not now")).state())
                .isEqualTo("denied");
        assertThat(agent.revokeGrant(grant.id(), new Governance.ReasonRequest("done")).status()).isEqualTo("revoked");
        assertThat(agent.revokeContract(contract.id(), new Governance.ReasonRequest("done")).status())
                .isEqualTo("revoked");
        assertClientError(409, ErrorCodes.CONFLICT, () -> agent.revokeGrant(grant.id(),
                new Governance.ReasonRequest("again")));

        ObjectNode big = action("1").put("note", "x".repeat(Governance.MAX_ACTION_BYTES));
        assertClientError(413, ErrorCodes.TOO_LARGE, () -> agent.proposeDecision(new Governance.NewDecision(big,
                grant.id(), null, null, null, null, null, null, null, null)));
        assertClientError(404, ErrorCodes.NOT_FOUND, () -> agent.decision("dec_missing"));
        assertClientError(400, ErrorCodes.INVALID_INPUT, () -> agent.decisions("sideways"));
    }

    private static void assertClientError(int status, String code, Runnable call) {
        Consumer<ApiException.Client> check = e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        };
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.Client.class, check);
    }
}
