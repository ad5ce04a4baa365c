package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.proof.AuditorScript;
import com.headlessanalytics.console.proof.ChainRecord;
import com.headlessanalytics.console.proof.Ed25519;
import com.headlessanalytics.console.proof.PacketFormat;
import com.headlessanalytics.console.proof.PacketReader;
import com.headlessanalytics.console.proof.PacketVerifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance through the port, then its proof: an agent proposes and enforces, operators approve
 * and deny; the exported packets hold exactly the chain records and governance events the engine
 * wrote, and verify with the workspace's published key (by the Java verifier and by VERIFY.md's
 * script).
 */
class ProofTrailsEndToEndTest {
    private static final String AGENT = "key_agent";

    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi agent;
    HeadlessApi alice;
    HeadlessApi bob;
    PublicKey workspaceKey;
    Governance.Contract contract;
    Governance.Grant grant;

    @BeforeEach
    void open() {
        engine = Engine.open(dir);
        String ws = engine.defaultWorkspaceId();
        agent = engine.workspace(ws, AGENT);
        alice = engine.workspace(ws, "operator:alice");
        bob = engine.workspace(ws, "operator:bob");
        workspaceKey = Ed25519.publicFromPem(alice.publicKey().pem());
        contract = alice.createContract(new Governance.NewContract("Ads", null, "ads", List.of("budget.increase"),
                usd("500"), usd("1000"), "T2", List.of(), null, null));
        grant = alice.createGrant(new Governance.NewGrant(AGENT, List.of("budget.increase"), usd("800"), null, null,
                contract.id()));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static Governance.Money usd(String amount) {
        return new Governance.Money(new BigDecimal(amount), "USD");
    }

    private static ObjectNode action(String amount) {
        ObjectNode a = ApiJson.mapper().createObjectNode();
        a.put("action", "budget.increase").put("amount", amount).put("currency", "USD").put("surface", "ads");
        return a;
    }

    private Governance.Decision propose(String amount, String trace) {
        return agent.proposeDecision(new Governance.NewDecision(action(amount), grant.id(), contract.id(), null,
                List.of(Map.of("type", "metric", "name", "roas", "value", "3.1")), "T3", trace, null, null, null));
    }

    private Governance.Receipt enforce(Governance.Decision d, String amount) {
        return agent.enforce(new Governance.EnforceRequest(d.id(), grant.id(), contract.id(), action(amount),
                new Governance.Attestation("software_local", null, null)));
    }

    private static Map<String, List<String>> lines(byte[] zip) {
        Map<String, List<String>> lines = new HashMap<>();
        for (PacketReader.Entry e : PacketReader.read(zip).entries()) {
            String text = new String(e.bytes(), StandardCharsets.UTF_8);
            lines.put(e.name(), text.isEmpty() ? List.of() : List.of(text.split("\n")));
        }
        return lines;
    }

    @Test
    void approvedDeniedAndEscrowedDecisionsExportAndVerify() throws Exception {
        Governance.Decision released = propose("200", "trace-released");
        alice.approveDecision(released.id(), new Governance.ApproveRequest("within plan", released.actionDigest()));
        Governance.Receipt allow = enforce(released, "200");
        assertThat(allow.outcome()).isEqualTo("allow");
        Governance.Decision denied = propose("300", "trace-denied");
        bob.denyDecision(denied.id(), new Governance.ReasonRequest("not this quarter"));
        Governance.Receipt deny = enforce(denied, "300");
        assertThat(deny.outcome()).isEqualTo("deny");
        Governance.Decision held = propose("100", "trace-held");
        Governance.Receipt escrow = enforce(held, "100");
        assertThat(escrow.outcome()).isEqualTo("escrow");

        ProofTrails.ExportResult all = bob.exportProofTrail(new ProofTrails.ExportRequest("Quarter close", null, null,
                null, null, null, null, null));
        byte[] zip = bob.proofPacket(all.proofId());
        PacketVerifier.Result verdict = PacketVerifier.verify(zip, workspaceKey);
        assertThat(verdict.outcome()).as(verdict.reason()).isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(all.manifest().get("createdBy").asText()).isEqualTo("operator:bob");
        Map<String, List<String>> lines = lines(zip);
        assertThat(lines.get(PacketFormat.RECEIPTS)).extracting(l -> ChainRecord.parse(l).get("recordHash").asText())
                .containsExactly(allow.recordHash(), deny.recordHash(), escrow.recordHash());
        Governance.ChainStatus chain = alice.receipts(null, null).chain();
        assertThat(chain.intact()).isTrue();
        assertThat(all.trail().chainHead()).isEqualTo(chain.head());
        assertThat(all.trail().counts().decisions() + all.trail().counts().receipts()).isEqualTo(chain.records());
        assertThat(lines.get(PacketFormat.EVENTS)).allSatisfy(e -> assertThat(e).contains("\"event\":\"governance."))
                .anySatisfy(e -> assertThat(e).contains("governance.enforce.allow"))
                .anySatisfy(e -> assertThat(e).contains("governance.decision.denied"));
        assertThat(lines.get(PacketFormat.EVIDENCE)).hasSize(3);

        Map<String, List<String>> one = lines(bob.proofPacket(bob.exportProofTrail(new ProofTrails.ExportRequest(
                "The released one", null, List.of(released.id()), null, null, null, null, null)).proofId()));
        assertThat(one.get(PacketFormat.DECISIONS)).extracting(l -> ChainRecord.parse(l).get("kind").asText())
                .containsExactly("contract.created", "grant.created", "decision.proposed", "decision.approved");
        assertThat(one.get(PacketFormat.RECEIPTS)).singleElement()
                .satisfies(l -> assertThat(l).contains(allow.id()));
        assertThat(one.get(PacketFormat.EVENTS)).noneSatisfy(e -> assertThat(e).contains(denied.id()))
                .anySatisfy(e -> assertThat(e).contains("governance.decision.released"));

        Map<String, List<String>> receipt = lines(bob.proofPacket(bob.exportProofTrail(new ProofTrails.ExportRequest(
                "The deny", List.of(deny.id()), null, null, null, null, null, null)).proofId()));
        assertThat(receipt.get(PacketFormat.DECISIONS)).isEmpty();
        assertThat(receipt.get(PacketFormat.RECEIPTS)).singleElement().satisfies(l -> assertThat(l).contains(deny.id()));

        ProofTrails.ExportResult trace = bob.exportProofTrail(new ProofTrails.ExportRequest("The held one", null, null,
                "trace-held", null, null, null, null));
        assertThat(lines(bob.proofPacket(trace.proofId())).get(PacketFormat.RECEIPTS)).singleElement()
                .satisfies(l -> assertThat(l).contains(escrow.id()));
        assertThat(PacketVerifier.verify(bob.proofPacket(trace.proofId()), workspaceKey).outcome())
                .isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(bob.proofTrails().trails()).hasSize(4);

        AuditorScript.assumeToolsInstalled();
        Path keyFile = dir.resolve("workspace-key.pem");
        Files.writeString(keyFile, alice.publicKey().pem());
        AuditorScript.Run run = AuditorScript.run(AuditorScript.scriptOf(zip), Path.of(all.location()), keyFile, dir);
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
