package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code governance …} end to end through picocli, on a real data folder and against a real serve-mode server. */
class GovernanceCommandTest {
    static final String ACTION = "{\"action\":\"payments.refund\",\"amount\":\"40.00\",\"currency\":\"USD\","
            + "\"orderId\":\"o-7\"}";

    @TempDir
    Path dir;

    String data() {
        return dir.resolve("data").toString();
    }

    static JsonNode json(CliTest.Run run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return ApiJson.mapper().readTree(run.out());
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A contract, a grant to operator:agent, and a decision the agent proposed; its id and digest. */
    private String[] proposed(String... target) throws Exception {
        JsonNode contract = json(run(cat(new String[] {"governance", "contract-create", "--surface", "payments",
            "--action", "payments.refund", "--per-action", "100.00", "--cumulative", "1000", "--currency", "USD",
            "--name", "Refunds"}, target)));
        String grantee = target.length == 0 ? "operator:agent" : json(run(cat(new String[] {"governance", "identity"},
                target))).get("principal").asText();
        JsonNode grant = json(run(cat(new String[] {"governance", "grant-create", "--grantee", grantee,
            "--action", "payments.refund", "--amount-limit", "500", "--currency", "USD", "--contract",
            contract.get("id").asText()}, target)));
        Path decision = file("decision.json", "{\"proposedAction\":" + ACTION + ",\"grantId\":\""
                + grant.get("id").asText() + "\",\"contractId\":\"" + contract.get("id").asText()
                + "\",\"traceId\":\"refund-7\"}");
        JsonNode proposed = json(run(cat(new String[] {"governance", "propose", "--json", decision.toString()},
                agent(target))));
        Path enforce = file("enforce.json", "{\"decisionObjectId\":\"" + proposed.get("id").asText()
                + "\",\"authorityGrantId\":\"" + grant.get("id").asText() + "\",\"contextContractId\":\""
                + contract.get("id").asText() + "\",\"proposedAction\":" + ACTION
                + ",\"attestation\":{\"provider\":\"software_local\"}}");
        return new String[] {proposed.get("id").asText(), proposed.get("actionDigest").asText(), enforce.toString()};
    }

    /** In a data folder the agent is an operator profile; over a URL the target's key is the agent. */
    private String[] agent(String... target) {
        return target.length == 0 ? new String[] {"--data-dir", data(), "--operator", "agent"} : target;
    }

    private String[] cat(String[] command, String... target) {
        String[] all = new String[command.length + (target.length == 0 ? 2 : target.length)];
        System.arraycopy(command, 0, all, 0, command.length);
        String[] where = target.length == 0 ? new String[] {"--data-dir", data()} : target;
        System.arraycopy(where, 0, all, command.length, where.length);
        return all;
    }

    @Test
    void aRefundIsProposedApprovedByAnotherOperatorAndEnforcedOnce() throws Exception {
        String[] d = proposed();
        String id = d[0];
        String digest = d[1];

        JsonNode shown = json(run("governance", "decision", id, "--data-dir", data()));
        assertThat(shown.get("state").asText()).isEqualTo("pending_approval");
        assertThat(shown.get("proposer").asText()).isEqualTo("operator:agent");
        assertThat(shown.get("proposedAction").get("amount").asText()).isEqualTo("40.00");

        CliTest.Run own = run("governance", "approve", id, "--reason", "mine", "--digest", digest, "--data-dir", data(),
                "--operator", "agent");
        assertThat(own.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(own.err()).startsWith("error: ").contains("(HTTP 403)").doesNotContain("Exception");
        CliTest.Run wrongDigest = run("governance", "approve", id, "--reason", "ok", "--digest", "0".repeat(64),
                "--data-dir", data(), "--operator", "alice");
        assertThat(wrongDigest.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(wrongDigest.err()).contains("(HTTP 409)");
        JsonNode approved = json(run("governance", "approve", id, "--reason", "refund is due", "--digest", digest,
                "--data-dir", data(), "--operator", "alice"));
        assertThat(approved.get("state").asText()).isEqualTo("approved");
        assertThat(approved.get("approvals").get(0).get("approver").asText()).isEqualTo("operator:alice");

        JsonNode receipt = json(run("governance", "enforce", "--json", d[2], "--data-dir", data(), "--operator",
                "agent"));
        assertThat(receipt.get("outcome").asText()).isEqualTo("allow");
        CliTest.Run again = run("governance", "enforce", "--json", d[2], "--data-dir", data(), "--operator", "agent");
        assertThat(again.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(ApiJson.mapper().readTree(again.out()).get("outcome").asText()).isEqualTo("deny");
        assertThat(again.err().strip()).startsWith("enforce answered deny (receipt ").doesNotContain("\n");

        JsonNode receipts = json(run("governance", "receipts", "--decision", id, "--data-dir", data()));
        assertThat(receipts.get("receipts")).hasSize(2);
        assertThat(receipts.get("chain").get("intact").asBoolean()).isTrue();
        assertThat(json(run("governance", "receipts", "--trace", "nobody", "--data-dir", data())).get("receipts"))
                .isEmpty();
        assertThat(json(run("governance", "decisions", "--state", "released", "--data-dir", data())).get("decisions"))
                .hasSize(1);
        JsonNode contracts = json(run("governance", "contracts", "--data-dir", data()));
        assertThat(contracts.get("contracts").get(0).get("spent").asText()).isEqualTo("40.00");
    }

    @Test
    void draftsDenialsAndRevocationsInADataFolder() throws Exception {
        String[] d = proposed();
        CliTest.Run submit = run("governance", "submit", d[0], "--data-dir", data());
        assertThat(submit.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(submit.err()).contains("(HTTP 409)");
        JsonNode denied = json(run("governance", "deny", d[0], "--reason", "not this quarter", "--data-dir", data(),
                "--operator", "bob"));
        assertThat(denied.get("state").asText()).isEqualTo("denied");

        JsonNode grants = json(run("governance", "grants", "--data-dir", data()));
        String grantId = grants.get("grants").get(0).get("id").asText();
        String contractId = grants.get("grants").get(0).get("contractId").asText();
        assertThat(json(run("governance", "grant-revoke", grantId, "--reason", "agent retired", "--data-dir", data()))
                .get("status").asText()).isEqualTo("revoked");
        assertThat(json(run("governance", "contract-revoke", contractId, "--reason", "season over", "--data-dir",
                data())).get("status").asText()).isEqualTo("revoked");
        assertThat(json(run("governance", "identity", "--data-dir", data(), "--operator", "bob")).get("principal")
                .asText()).isEqualTo("operator:bob");
        assertThat(json(run("governance", "identity", "--data-dir", data())).get("principal").asText())
                .isEqualTo(Engine.LOCAL_OPERATOR);

        Path draft = file("draft.json", ApiJson.mapper().readTree(Files.readString(dir.resolve("decision.json")))
                .toString());
        CliTest.Run refused = run("governance", "propose", "--json", draft.toString(), "--draft", "--data-dir", data(),
                "--operator", "agent");
        assertThat(refused.exit()).as("the grant is revoked").isEqualTo(HaCommand.REJECTED);
        assertThat(refused.err()).contains("(HTTP 409)");
    }

    @Test
    void againstAServerTheApiKeyIsThePrincipal() throws Exception {
        String agentKey;
        String aliceKey;
        try (Engine engine = Engine.open(dir.resolve("served"))) {
            agentKey = engine.keys().create(engine.defaultWorkspaceId(), "agent").secret();
            aliceKey = engine.keys().create(engine.defaultWorkspaceId(), "alice").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                String[] agent = {"--url", server.baseUrl(), "--api-key", agentKey};
                String[] alice = {"--url", server.baseUrl(), "--api-key", aliceKey};
                String[] d = proposed(agent);
                JsonNode pending = json(run(cat(new String[] {"governance", "decisions", "--state",
                    "pending_approval"}, alice)));
                assertThat(pending.get("decisions").get(0).get("id").asText()).isEqualTo(d[0]);
                json(run(cat(new String[] {"governance", "approve", d[0], "--reason", "ok", "--digest", d[1]}, alice)));
                assertThat(json(run(cat(new String[] {"governance", "enforce", "--json", d[2]}, agent)))
                        .get("outcome").asText()).isEqualTo("allow");

                CliTest.Run pem = run(cat(new String[] {"governance", "public-key", "--pem"}, alice));
                assertThat(pem.exit()).isZero();
                assertThat(pem.out()).startsWith("-----BEGIN PUBLIC KEY-----").contains("-----END PUBLIC KEY-----");
                JsonNode key = json(run(cat(new String[] {"governance", "public-key"}, agent)));
                assertThat(key.get("pem").asText().strip()).isEqualTo(pem.out().strip());

                Path contract = file("contract.json", """
                        {"businessId":"default","surface":"ads","allowedActions":["ads.budget.increase"],
                         "perActionLimit":{"amount":"50","currency":"EUR"},"cumulativeLimit":{"amount":200,"currency":"EUR"}}""");
                JsonNode fromFile = json(run(cat(new String[] {"governance", "contract-create", "--json",
                    contract.toString(), "--per-action", "75.50"}, agent)));
                assertThat(fromFile.get("perActionLimit").get("amount").asText()).isEqualTo("75.50");
                assertThat(fromFile.get("perActionLimit").get("currency").asText()).isEqualTo("EUR");
                assertThat(fromFile.get("cumulativeLimit").get("amount").asText()).isEqualTo("200");

                CliTest.Run unknown = run(cat(new String[] {"governance", "decision", "dec_nobody"}, agent));
                assertThat(unknown.exit()).isEqualTo(HaCommand.REJECTED);
                assertThat(unknown.err()).contains("(HTTP 404)");
                CliTest.Run operator = run(cat(new String[] {"governance", "identity", "--operator", "x"}, agent));
                assertThat(operator.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
                assertThat(operator.err()).contains("--operator");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void usageMistakesAreRefusedBeforeAnythingIsOpened() throws Exception {
        Path bad = file("bad.json", "{\"proposedAction\":");
        for (String[] args : new String[][] {
            {"governance"},
            {"governance", "approve", "dec_1", "--reason", "ok"},
            {"governance", "deny", "dec_1"},
            {"governance", "propose"},
            {"governance", "enforce", "--json", dir.resolve("missing.json").toString()},
            {"governance", "contract-create", "--per-action", "ten", "--currency", "EUR"},
            {"governance", "contract-create", "--per-action", "10"},
            {"governance", "grant-create", "--valid-to", "next week"},
            {"proof"},
            {"proof", "export"},
            {"proof", "fetch", "prf_1"},
            {"proof", "push-endpoint", "--set", "https://x.example", "--clear"}}) {
            CliTest.Run r = run(cat(args, "--data-dir", data()));
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(r.err()).doesNotContain("Exception");
        }
        CliTest.Run malformed = run("governance", "propose", "--json", bad.toString(), "--data-dir", data());
        assertThat(malformed.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(malformed.err()).startsWith("error: ");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was opened").isFalse();
    }
}
