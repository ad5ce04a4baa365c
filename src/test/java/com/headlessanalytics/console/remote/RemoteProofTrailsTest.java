package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.proof.Ed25519;
import com.headlessanalytics.console.proof.PacketVerifier;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof trails through the remote client and a real local API server: an exported packet comes
 * back as the same bytes the engine wrote, verifies with the workspace key served beside it, and
 * listings, previews, settings and errors are those of the embedded port.
 */
class RemoteProofTrailsTest {
    @TempDir
    Path dir;
    private Engine engine;
    private LocalApiServer server;
    private RemoteApi agent;
    private RemoteApi approver;
    private HeadlessApi embedded;

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(dir);
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
        NewApiKey agentKey = engine.keys().create(engine.defaultWorkspaceId(), "agent");
        NewApiKey approverKey = engine.keys().create(engine.defaultWorkspaceId(), "approver");
        agent = client(agentKey.secret());
        approver = client(approverKey.secret());
        embedded = engine.workspace(engine.defaultWorkspaceId(), agentKey.info().id());
    }

    private RemoteApi client(String key) {
        return new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key))
                .withRetries(2, Duration.ofMillis(20)));
    }

    @AfterEach
    void close() {
        agent.close();
        approver.close();
        server.stop();
        engine.close();
    }

    /** One decision approved and released through the remote clients; its id. */
    private String released() {
        String me = agent.identity().principal();
        Governance.Contract contract = agent.createContract(new Governance.NewContract(null, null, "payments",
                List.of("payments.refund"), new Governance.Money(new BigDecimal("100"), "USD"),
                new Governance.Money(new BigDecimal("1000"), "USD"), null, null, null, null));
        Governance.Grant grant = agent.createGrant(new Governance.NewGrant(me, List.of("payments.refund"),
                new Governance.Money(new BigDecimal("500"), "USD"), null, null, contract.id()));
        ObjectNode action = ApiJson.mapper().createObjectNode().put("action", "payments.refund")
                .put("amount", "12.50").put("currency", "USD");
        Governance.Decision d = agent.proposeDecision(new Governance.NewDecision(action, grant.id(), contract.id(),
                null, List.of(), null, "trace-r", null, null, null));
        approver.approveDecision(d.id(), new Governance.ApproveRequest("due", d.actionDigest()));
        Governance.Receipt receipt = agent.enforce(new Governance.EnforceRequest(d.id(), grant.id(), contract.id(),
                action, new Governance.Attestation("software_local", null, null)));
        assertThat(receipt.outcome()).isEqualTo("allow");
        return d.id();
    }

    @Test
    void anExportedPacketComesBackByteForByteAndVerifiesWithTheServedKey() throws Exception {
        String decision = released();
        ProofTrails.ExportRequest request = new ProofTrails.ExportRequest("Refund audit", null, List.of(decision),
                null, null, null, List.of(java.util.Map.of("kind", "ticket", "id", "T-1")), true);

        ProofTrails.Preview preview = agent.previewProofTrail(request);
        ProofTrails.ExportResult exported = agent.exportProofTrail(request);
        byte[] packet = agent.proofPacket(exported.proofId());

        assertThat(preview.counts()).isEqualTo(embedded.previewProofTrail(request).counts());
        assertThat(exported.trail().counts()).isEqualTo(preview.counts());
        assertThat(exported.manifest()).isNotNull();
        assertThat(exported.push().status()).isEqualTo("not_configured");
        assertThat(packet).isEqualTo(embedded.proofPacket(exported.proofId()));
        assertThat(exported.trail().bytes()).isEqualTo(packet.length);
        PacketVerifier.Result verdict = PacketVerifier.verify(packet,
                Ed25519.publicFromPem(approver.publicKey().pem()));
        assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(agent.proofTrails().trails()).containsExactlyElementsOf(embedded.proofTrails().trails());
    }

    @Test
    void settingsAndErrorsAreTheEmbeddedPorts() {
        assertThat(agent.proofPushSettings().endpoint()).isNull();
        assertThat(agent.saveProofPushSettings(new ProofTrails.PushSettings("https://proof.example/in", null))
                .endpoint()).isEqualTo("https://proof.example/in");
        assertThat(embedded.proofPushSettings().endpoint()).isEqualTo("https://proof.example/in");
        assertThat(agent.saveProofPushSettings(new ProofTrails.PushSettings(null, null)).endpoint()).isNull();

        ProofTrails.PushSettings plain = new ProofTrails.PushSettings("http://proof.example/in", null);
        ProofTrails.ExportRequest untitled = new ProofTrails.ExportRequest(" ", null, null, null, null, null, null,
                null);
        for (Runnable call : List.<Runnable>of(() -> agent.saveProofPushSettings(plain),
                () -> agent.exportProofTrail(untitled), () -> agent.proofPacket("prf_nobody"))) {
            assertThatThrownBy(call::run).isInstanceOf(ApiException.Client.class);
        }
        assertSame(() -> agent.saveProofPushSettings(plain), () -> embedded.saveProofPushSettings(plain));
        assertSame(() -> agent.exportProofTrail(untitled), () -> embedded.exportProofTrail(untitled));
        assertSame(() -> agent.proofPacket("prf_nobody"), () -> embedded.proofPacket("prf_nobody"));
        assertSame(() -> agent.proofPacket("../keys"), () -> embedded.proofPacket("../keys"));
    }

    /** Both calls fail with the same status and code. */
    private static void assertSame(Runnable remote, Runnable local) {
        ApiException r = failure(remote);
        ApiException l = failure(local);
        assertThat(r.status()).isEqualTo(l.status());
        assertThat(r.code()).isEqualTo(l.code()).isIn(ErrorCodes.INVALID_INPUT, ErrorCodes.NOT_FOUND);
    }

    private static ApiException failure(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }
}
