package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static com.headlessanalytics.console.app.cli.GovernanceCommandTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.proof.Hashes;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code proof …} end to end through picocli: export, preview, list, fetch and the push endpoint; packets verify. */
class ProofCommandTest {
    @TempDir
    Path dir;
    String decisionId;

    String data() {
        return dir.resolve("data").toString();
    }

    /** A refund proposed by operator:agent, approved by operator:alice and released. */
    @BeforeEach
    void released() {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            HeadlessApi agent = engine.defaultWorkspace("operator:agent");
            Governance.Contract contract = agent.createContract(new Governance.NewContract(null, null, "payments",
                    List.of("payments.refund"), new Governance.Money(new BigDecimal("100"), "USD"),
                    new Governance.Money(new BigDecimal("1000"), "USD"), null, null, null, null));
            Governance.Grant grant = agent.createGrant(new Governance.NewGrant("operator:agent",
                    List.of("payments.refund"), new Governance.Money(new BigDecimal("500"), "USD"), null, null,
                    contract.id()));
            ObjectNode action = ApiJson.mapper().createObjectNode().put("action", "payments.refund")
                    .put("amount", "12.50").put("currency", "USD");
            Governance.Decision d = agent.proposeDecision(new Governance.NewDecision(action, grant.id(),
                    contract.id(), null, null, null, "trace-p", null, null, null));
            engine.defaultWorkspace("operator:alice").approveDecision(d.id(),
                    new Governance.ApproveRequest("due", d.actionDigest()));
            agent.enforce(new Governance.EnforceRequest(d.id(), grant.id(), contract.id(), action,
                    new Governance.Attestation("software_local", null, null)));
            decisionId = d.id();
        }
    }

    @Test
    void anExportIsSavedFetchedAndVerified() throws Exception {
        JsonNode preview = json(run("proof", "preview", "--title", "Refunds", "--decision", decisionId, "--data-dir",
                data()));
        assertThat(preview.get("counts").get("decisions").asLong()).isPositive();

        Path out = dir.resolve("packets").resolve("refunds.haproof");
        JsonNode exported = json(run("proof", "export", "--title", "Refunds", "--decision", decisionId, "--push",
                "--out", out.toString(), "--data-dir", data(), "--operator", "auditor"));
        String proofId = exported.get("proofId").asText();
        assertThat(exported.get("savedTo").asText()).isEqualTo(out.toAbsolutePath().toString());
        assertThat(exported.get("push").get("status").asText()).isEqualTo("not_configured");
        assertThat(exported.get("trail").get("counts")).isEqualTo(preview.get("counts"));
        assertThat(exported.get("trail").get("createdBy").asText()).isEqualTo("operator:auditor");
        assertThat(Hashes.sha256Hex(Files.readAllBytes(out))).isEqualTo(exported.get("trail").get("sha256").asText());
        assertThat(Files.list(out.getParent()).toList()).as("no temporary file left").containsExactly(out);
        CliTest.Run verified = run("verify", out.toString());
        assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();

        JsonNode listed = json(run("proof", "list", "--data-dir", data()));
        assertThat(listed.get("trails").get(0).get("proofId").asText()).isEqualTo(proofId);
        Path fetched = dir.resolve("fetched.haproof");
        JsonNode fetch = json(run("proof", "fetch", proofId, "--out", fetched.toString(), "--data-dir", data()));
        assertThat(Files.readAllBytes(fetched)).isEqualTo(Files.readAllBytes(out));
        assertThat(fetch.get("bytes").asLong()).isEqualTo(Files.size(out));
        assertThat(fetch.get("sha256").asText()).isEqualTo(exported.get("trail").get("sha256").asText());

        CliTest.Run missing = run("proof", "fetch", "prf_nobody", "--out", dir.resolve("none.haproof").toString(),
                "--data-dir", data());
        assertThat(missing.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(missing.err()).startsWith("error: ").contains("(HTTP 404)");
        assertThat(dir.resolve("none.haproof")).doesNotExist();
    }

    @Test
    void thePushEndpointIsShownSetAndCleared() throws Exception {
        assertThat(json(run("proof", "push-endpoint", "--data-dir", data())).has("endpoint")).isFalse();
        CliTest.Run plain = run("proof", "push-endpoint", "--set", "http://proof.example", "--data-dir", data());
        assertThat(plain.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(plain.err()).contains("(HTTP 400)");
        assertThat(json(run("proof", "push-endpoint", "--set", "https://proof.example/in", "--data-dir", data()))
                .get("endpoint").asText()).isEqualTo("https://proof.example/in");
        assertThat(json(run("proof", "push-endpoint", "--data-dir", data())).get("endpoint").asText())
                .isEqualTo("https://proof.example/in");
        assertThat(json(run("proof", "push-endpoint", "--clear", "--data-dir", data())).has("endpoint")).isFalse();
    }

    @Test
    void againstAServerThePacketIsFetchedOverHttp() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "auditor").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                Path out = dir.resolve("remote.haproof");
                JsonNode exported = json(run("proof", "export", "--title", "Trace p", "--trace", "trace-p",
                        "--from", "2020-01-01T00:00:00Z", "--out", out.toString(), "--url", server.baseUrl(),
                        "--api-key", key));
                assertThat(exported.get("trail").get("counts").get("receipts").asLong()).isEqualTo(1);
                assertThat(Files.readAllBytes(out)).isEqualTo(engine.defaultWorkspace()
                        .proofPacket(exported.get("proofId").asText()));
                Path key2 = Files.writeString(dir.resolve("workspace.pem"),
                        run("governance", "public-key", "--pem", "--url", server.baseUrl(), "--api-key", key).out());
                CliTest.Run verified = run("verify", out.toString(), "--key", key2.toString());
                assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
            } finally {
                server.stop();
            }
        }
    }
}
