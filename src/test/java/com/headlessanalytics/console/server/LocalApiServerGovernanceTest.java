package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.APPROVER_KEY;
import static com.headlessanalytics.console.server.FakeBackend.APPROVER_KEY_ID;
import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.KEY_ID;
import static com.headlessanalytics.console.server.FakeBackend.OTHER_KEY;
import static com.headlessanalytics.console.server.FakeBackend.OTHER_WORKSPACE;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static com.headlessanalytics.console.server.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.proof.CanonicalJson;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The governance and proof-trail routes over a fake port: each path reaches its port method with the
 * body read exactly, creates answer 201, objects answered alone carry the server's proof, the packet
 * is a zip attachment, errors keep the port's status, and every call is metered by its template.
 */
class LocalApiServerGovernanceTest extends ServerTestSupport {
    static final String ACTION = "{\"action\":\"ads.budget.increase\",\"amount\":2.50,\"currency\":\"EUR\","
            + "\"campaignId\":\"c-9\"}";

    private Http.Response send(String method, String path, String json, String key) throws Exception {
        return Http.send(method, url(path), json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), bearer(key));
    }

    private Http.Response send(String method, String path, String json) throws Exception {
        return send(method, path, json, KEY);
    }

    private String contract() throws Exception {
        return assertAnswer(send("POST", "/api/governance/contracts", """
                {"name":"Ads","businessId":"default","surface":"ads","allowedActions":["ads.budget.increase"],
                 "perActionLimit":{"amount":"100.00","currency":"EUR"},
                 "cumulativeLimit":{"amount":1000,"currency":"EUR"},"minTrustTier":"T2",
                 "requiredCompliancePacks":["soc2"],"validFrom":1,"validTo":99999999999999}"""), 201, WORKSPACE)
                .get("id").asText();
    }

    private String grant(String contractId) throws Exception {
        return assertAnswer(send("POST", "/api/governance/grants", "{\"grantee\":\"" + KEY_ID + "\","
                + "\"actions\":[\"ads.budget.increase\"],\"amountLimit\":{\"amount\":\"500\",\"currency\":\"EUR\"},"
                + "\"contractId\":\"" + contractId + "\"}"), 201, WORKSPACE).get("id").asText();
    }

    private JsonNode propose(String extra) throws Exception {
        String contractId = contract();
        String grantId = grant(contractId);
        return assertAnswer(send("POST", "/api/governance/decisions", "{\"proposedAction\":" + ACTION
                + ",\"grantId\":\"" + grantId + "\",\"contractId\":\"" + contractId + "\",\"traceId\":\"t-1\""
                + extra + "}"), 201, WORKSPACE);
    }

    @Test
    void createsAnswer201WithTheObjectAndAProofAndReachThePortExactly() throws Exception {
        Http.Response created = send("POST", "/api/governance/contracts", """
                {"businessId":"default","surface":"payments","perActionLimit":{"amount":"100.00","currency":"EUR"},
                 "cumulativeLimit":{"amount":1000.50,"currency":"EUR"}}""");

        JsonNode contract = assertAnswer(created, 201, WORKSPACE);
        assertThat(contract.get("id").asText()).startsWith("ctr_");
        assertThat(contract.get("perActionLimit").get("amount").asText()).isEqualTo("100.00");
        assertThat(contract.get("cumulativeLimit").get("amount").asText()).isEqualTo("1000.50");
        assertThat(contract.get("createdBy").asText()).isEqualTo(KEY_ID);
        assertThat(backend.lastArguments).containsExactly(new Governance.NewContract(null, "default", "payments",
                null, new Governance.Money(new BigDecimal("100.00"), "EUR"),
                new Governance.Money(new BigDecimal("1000.50"), "EUR"), null, null, null, null));
        assertMetered(created, "POST", "/api/governance/contracts");

        JsonNode decision = propose(",\"requiredApprovals\":2,\"evidence\":[{\"kind\":\"report\",\"score\":0.90}]");
        assertThat(decision.get("state").asText()).isEqualTo("pending_approval");
        assertThat(decision.get("proposer").asText()).isEqualTo(KEY_ID);
        Governance.NewDecision reached = (Governance.NewDecision) backend.lastArguments.get(0);
        assertThat(reached.proposedAction().get("amount").decimalValue()).isEqualTo(new BigDecimal("2.50"));
        assertThat(reached.evidence().get(0).get("score")).isEqualTo(new BigDecimal("0.90"));
        assertThat(decision.get("actionDigest").asText()).isEqualTo(CanonicalJson.sha256(reached.proposedAction()));
    }

    @Test
    void aDecisionGoesThroughApprovalAndEnforceWithThePortsStatuses() throws Exception {
        JsonNode decision = propose("");
        String id = decision.get("id").asText();
        String digest = decision.get("actionDigest").asText();
        String path = "/api/governance/decisions/" + id;

        assertError(send("POST", path + "/approve", "{\"reason\":\"mine\",\"actionDigest\":\"" + digest + "\"}"),
                403, ErrorCodes.FORBIDDEN, WORKSPACE);
        assertError(send("POST", path + "/approve", "{\"reason\":\"ok\",\"actionDigest\":\"" + "0".repeat(64) + "\"}",
                APPROVER_KEY), 409, ErrorCodes.CONFLICT, WORKSPACE);
        assertError(send("POST", path + "/approve", "{\"actionDigest\":\"" + digest + "\"}", APPROVER_KEY), 400,
                ErrorCodes.INVALID_INPUT, WORKSPACE);
        Http.Response approved = send("POST", path + "/approve", "{\"reason\":\"within budget\",\"actionDigest\":\""
                + digest + "\"}", APPROVER_KEY);
        JsonNode body = assertAnswer(approved, 200, WORKSPACE);
        assertThat(body.get("state").asText()).isEqualTo("approved");
        assertThat(body.get("approvals").get(0).get("approver").asText()).isEqualTo(APPROVER_KEY_ID);
        assertThat(assertMetered(approved, "POST", "/api/governance/decisions/{id}/approve").keyId())
                .isEqualTo(APPROVER_KEY_ID);

        String enforce = "{\"decisionObjectId\":\"" + id + "\",\"proposedAction\":" + ACTION
                + ",\"attestation\":{\"provider\":\"software_local\"}}";
        Http.Response allowed = send("POST", "/api/governance/enforce", enforce);
        JsonNode receipt = assertAnswer(allowed, 200, WORKSPACE);
        assertThat(receipt.get("outcome").asText()).isEqualTo("allow");
        assertThat(receipt.get("checks").get(0).get("name").asText()).isNotBlank();
        assertThat(receipt.get("seq").asLong()).isEqualTo(1);
        Governance.EnforceRequest reached = (Governance.EnforceRequest) backend.lastArguments.get(0);
        assertThat(reached.attestation()).isEqualTo(new Governance.Attestation("software_local", null, null));
        assertMetered(allowed, "POST", "/api/governance/enforce");
        JsonNode again = assertAnswer(send("POST", "/api/governance/enforce", enforce), 200, WORKSPACE);
        assertThat(again.get("outcome").asText()).isEqualTo("deny");

        JsonNode receipts = assertAnswer(send("GET", "/api/governance/receipts?decisionObjectId=" + id + "&traceId=t-1",
                null), 200, WORKSPACE);
        assertThat(receipts.get("receipts")).hasSize(2);
        assertThat(receipts.get("chain").get("intact").asBoolean()).isTrue();
        assertThat(backend.lastArguments).containsExactly("t-1", id);
        assertThat(assertAnswer(send("GET", path, null), 200, WORKSPACE).get("state").asText()).isEqualTo("released");
        assertThat(assertAnswer(send("GET", "/api/governance/decisions?state=released", null), 200, WORKSPACE)
                .get("decisions")).hasSize(1);
        assertError(send("POST", path + "/deny", "{\"reason\":\"too late\"}"), 409, ErrorCodes.CONFLICT, WORKSPACE);
    }

    @Test
    void draftsAreSubmittedWithNoBodyOrAnEmptyObjectOnly() throws Exception {
        String first = propose(",\"draft\":true").get("id").asText();
        String second = propose(",\"draft\":true").get("id").asText();

        Http.Response withField = send("POST", "/api/governance/decisions/" + first + "/submit", "{\"reason\":\"x\"}");
        JsonNode error = assertError(withField, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("reason");
        assertThat(assertAnswer(send("POST", "/api/governance/decisions/" + first + "/submit", null), 200, WORKSPACE)
                .get("state").asText()).isEqualTo("pending_approval");
        assertThat(assertAnswer(send("POST", "/api/governance/decisions/" + second + "/submit", "{}"), 200, WORKSPACE)
                .get("state").asText()).isEqualTo("pending_approval");
        assertError(send("POST", "/api/governance/decisions/" + second + "/submit", "{}"), 409, ErrorCodes.CONFLICT,
                WORKSPACE);
        Http.Response textBody = Http.send("POST", url("/api/governance/decisions/" + first + "/submit"), "text/plain",
                "{}".getBytes(StandardCharsets.UTF_8), bearer(KEY));
        assertError(textBody, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, WORKSPACE);
    }

    @Test
    void grantsAndContractsAreRevokedOnceWithAReason() throws Exception {
        String contractId = contract();
        String grantId = grant(contractId);

        assertError(send("POST", "/api/governance/grants/" + grantId + "/revoke", "{}"), 400,
                ErrorCodes.INVALID_INPUT, WORKSPACE);
        JsonNode revoked = assertAnswer(send("POST", "/api/governance/grants/" + grantId + "/revoke",
                "{\"reason\":\"agent retired\"}"), 200, WORKSPACE);
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("revokedBy").asText()).isEqualTo(KEY_ID);
        assertError(send("POST", "/api/governance/grants/" + grantId + "/revoke", "{\"reason\":\"again\"}"), 409,
                ErrorCodes.CONFLICT, WORKSPACE);
        assertThat(assertAnswer(send("POST", "/api/governance/contracts/" + contractId + "/revoke",
                "{\"reason\":\"season over\"}"), 200, WORKSPACE).get("revokeReason").asText()).isEqualTo("season over");
        assertThat(assertAnswer(send("GET", "/api/governance/grants", null), 200, WORKSPACE).get("grants")).hasSize(1);
        assertThat(assertAnswer(send("GET", "/api/governance/contracts", null), 200, WORKSPACE).get("contracts"))
                .hasSize(1);
        assertError(send("POST", "/api/governance/contracts/ctr_404/revoke", "{\"reason\":\"x\"}"), 404,
                ErrorCodes.NOT_FOUND, WORKSPACE);
    }

    @Test
    void aPacketIsServedAsAZipAttachmentNamedAfterItsProof() throws Exception {
        Http.Response exported = send("POST", "/api/proof-event-trails/export",
                "{\"title\":\"Q4 audit\",\"from\":0,\"to\":5000,\"pushToSovereignProof\":true}");
        JsonNode result = assertAnswer(exported, 201, WORKSPACE);
        String proofId = result.get("proofId").asText();
        assertThat(result.get("push").get("status").asText()).isEqualTo("not_configured");
        assertThat(result.get("push").get("message").asText()).contains("no SovereignProof endpoint");
        assertThat(backend.lastArguments).containsExactly(new ProofTrails.ExportRequest("Q4 audit", null, null, null,
                0L, 5000L, null, true));
        assertMetered(exported, "POST", "/api/proof-event-trails/export");

        Http.Response packet = send("GET", "/api/proof-event-trails/" + proofId + "/packet", null);

        assertThat(packet.status()).isEqualTo(200);
        assertThat(packet.header("Content-Type")).isEqualTo("application/zip");
        assertThat(packet.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + proofId + ".haproof\"");
        assertThat(packet.queryId()).startsWith("q_");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(packet.body()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("manifest.json");
        }
        UsageRecord record = assertMetered(packet, "GET", "/api/proof-event-trails/{proofId}/packet");
        assertThat(record.endpoint()).doesNotContain(proofId);

        assertError(send("GET", "/api/proof-event-trails/prf_404/packet", null), 404, ErrorCodes.NOT_FOUND, WORKSPACE);
        JsonNode trails = assertAnswer(send("GET", "/api/proof-event-trails", null), 200, WORKSPACE);
        assertThat(trails.get("trails").get(0).get("proofId").asText()).isEqualTo(proofId);
        JsonNode preview = assertAnswer(send("POST", "/api/proof-event-trails/preview", "{\"title\":\"x\","
                + "\"evidence\":[{\"a\":1},{\"b\":2}]}"), 200, WORKSPACE);
        assertThat(preview.get("counts").get("evidence").asLong()).isEqualTo(2);
    }

    @Test
    void thePushEndpointIsSetOverHttpsOnly() throws Exception {
        assertThat(assertAnswer(send("GET", "/api/proof-event-trails/settings", null), 200, WORKSPACE).has("endpoint"))
                .isFalse();
        assertError(send("PUT", "/api/proof-event-trails/settings", "{\"endpoint\":\"http://proof.example\"}"), 400,
                ErrorCodes.INVALID_INPUT, WORKSPACE);
        JsonNode saved = assertAnswer(send("PUT", "/api/proof-event-trails/settings",
                "{\"endpoint\":\"https://proof.example/packets\"}"), 200, WORKSPACE);
        assertThat(saved.get("endpoint").asText()).isEqualTo("https://proof.example/packets");
        assertThat(assertAnswer(send("GET", "/api/proof-event-trails/settings", null), 200, WORKSPACE)
                .get("endpoint").asText()).isEqualTo("https://proof.example/packets");
        assertThat(assertAnswer(send("PUT", "/api/proof-event-trails/settings", "{}"), 200, WORKSPACE).has("endpoint"))
                .isFalse();
    }

    @Test
    void identityAndPublicKeyAndWorkspacesApart() throws Exception {
        JsonNode me = assertAnswer(send("GET", "/api/governance/principal", null), 200, WORKSPACE);
        assertThat(me.get("principal").asText()).isEqualTo(KEY_ID);
        assertThat(me.get("workspaceId").asText()).isEqualTo(WORKSPACE);
        JsonNode key = assertAnswer(send("GET", "/api/governance/public-key", null), 200, WORKSPACE);
        assertThat(key.get("pem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");

        propose("");
        JsonNode other = assertAnswer(send("GET", "/api/governance/decisions", null, OTHER_KEY), 200, OTHER_WORKSPACE);
        assertThat(other.get("decisions")).isEmpty();
    }

    /** Every path, with the ids it needs made first; the endpoint metered is the template. */
    @Test
    void everyRouteIsMeteredByItsTemplateNeverItsIds() throws Exception {
        JsonNode decision = propose(",\"draft\":true");
        String d = decision.get("id").asText();
        String contractId = decision.get("contractId").asText();
        String grantId = decision.get("grantId").asText();
        String proofId = assertAnswer(send("POST", "/api/proof-event-trails/export", "{\"title\":\"t\"}"), 201,
                WORKSPACE).get("proofId").asText();
        String digest = decision.get("actionDigest").asText();
        List<String[]> calls = new ArrayList<>(List.of(
                new String[] {"GET", "/api/governance/principal", null, "/api/governance/principal"},
                new String[] {"GET", "/api/governance/contracts", null, "/api/governance/contracts"},
                new String[] {"GET", "/api/governance/grants", null, "/api/governance/grants"},
                new String[] {"GET", "/api/governance/decisions?state=draft", null, "/api/governance/decisions"},
                new String[] {"GET", "/api/governance/decisions/" + d, null, "/api/governance/decisions/{id}"},
                new String[] {"POST", "/api/governance/decisions/" + d + "/submit", null,
                    "/api/governance/decisions/{id}/submit"},
                new String[] {"POST", "/api/governance/decisions/" + d + "/approve", "{\"reason\":\"ok\","
                    + "\"actionDigest\":\"" + digest + "\"}", "/api/governance/decisions/{id}/approve"},
                new String[] {"POST", "/api/governance/decisions/" + d + "/deny", "{\"reason\":\"no\"}",
                    "/api/governance/decisions/{id}/deny"},
                new String[] {"POST", "/api/governance/decisions/" + d + "/revoke", "{\"reason\":\"no\"}",
                    "/api/governance/decisions/{id}/revoke"},
                new String[] {"POST", "/api/governance/enforce", "{\"decisionObjectId\":\"" + d + "\","
                    + "\"proposedAction\":{}}", "/api/governance/enforce"},
                new String[] {"GET", "/api/governance/receipts?traceId=t-1", null, "/api/governance/receipts"},
                new String[] {"GET", "/api/governance/public-key", null, "/api/governance/public-key"},
                new String[] {"POST", "/api/governance/grants/" + grantId + "/revoke", "{\"reason\":\"r\"}",
                    "/api/governance/grants/{id}/revoke"},
                new String[] {"POST", "/api/governance/contracts/" + contractId + "/revoke", "{\"reason\":\"r\"}",
                    "/api/governance/contracts/{id}/revoke"},
                new String[] {"GET", "/api/proof-event-trails", null, "/api/proof-event-trails"},
                new String[] {"POST", "/api/proof-event-trails/preview", "{\"title\":\"t\"}",
                    "/api/proof-event-trails/preview"},
                new String[] {"GET", "/api/proof-event-trails/settings", null, "/api/proof-event-trails/settings"},
                new String[] {"PUT", "/api/proof-event-trails/settings", "{}", "/api/proof-event-trails/settings"},
                new String[] {"GET", "/api/proof-event-trails/" + proofId + "/packet", null,
                    "/api/proof-event-trails/{proofId}/packet"}));
        for (String[] call : calls) {
            Http.Response r = call[1].contains("approve")
                    ? send(call[0], call[1], call[2], APPROVER_KEY) : send(call[0], call[1], call[2]);
            assertThat(r.status()).as("%s %s: %s", call[0], call[1], r.text()).isIn(200, 409);
            UsageRecord record = assertMetered(r, call[0], call[3]);
            assertThat(record.endpoint()).doesNotContain(d, proofId, grantId, contractId);
        }
    }

    static Stream<Arguments> refused() {
        String longId = "d".repeat(EventLimits.MAX_ID_LENGTH + 1);
        String bigAction = "{\"proposedAction\":{\"action\":\"a\",\"note\":\""
                + "x".repeat(Governance.MAX_ACTION_BYTES) + "\"},\"grantId\":\"grt_1\"}";
        return Stream.of(
                Arguments.of("POST", "/api/governance/decisions", bigAction, 413, ErrorCodes.TOO_LARGE),
                Arguments.of("POST", "/api/governance/decisions", "{\"proposedAction\":[1]}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/governance/decisions", "{\"proposedAction\":{},\"requiredApprovals\":\"2\"}",
                        400, ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/governance/decisions", "{\"proposedAction\":" + "{\"a\":".repeat(100) + "1"
                        + "}".repeat(100) + "}", 400, ErrorCodes.MALFORMED_JSON),
                Arguments.of("POST", "/api/governance/decisions", "{\"proposedAction\":{\"a\":1,\"a\":2}}", 400,
                        ErrorCodes.MALFORMED_JSON),
                Arguments.of("POST", "/api/governance/contracts", "{\"surface\":\"ads\",\"perActionLimit\":5}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/governance/contracts", "not json", 400, ErrorCodes.MALFORMED_JSON),
                Arguments.of("POST", "/api/governance/contracts", "{\"businessId\":\"b\",\"surface\":\"s\","
                        + "\"perActionLimit\":{\"amount\":\"ten\",\"currency\":\"EUR\"}}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/governance/contracts", "{\"businessId\":\"b\",\"surface\":\"s\","
                        + "\"perActionLimit\":{\"amount\":true,\"currency\":\"EUR\"}}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/governance/enforce", "{\"decisionObjectId\":7}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/governance/enforce", "{\"decision\":\"d\"}", 400, ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/governance/enforce", "", 400, ErrorCodes.MALFORMED_JSON),
                Arguments.of("GET", "/api/governance/enforce", null, 405, ErrorCodes.METHOD_NOT_ALLOWED),
                Arguments.of("DELETE", "/api/governance/decisions/dec_1", null, 405, ErrorCodes.METHOD_NOT_ALLOWED),
                Arguments.of("GET", "/api/governance/decisions?state=sideways", null, 400, ErrorCodes.INVALID_INPUT),
                Arguments.of("GET", "/api/governance/decisions?status=draft", null, 400, ErrorCodes.INVALID_INPUT),
                Arguments.of("GET", "/api/governance/receipts?traceId=a&traceId=b", null, 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("GET", "/api/governance/contracts?limit=1", null, 400, ErrorCodes.INVALID_INPUT),
                Arguments.of("GET", "/api/governance/decisions/" + longId, null, 400, ErrorCodes.INVALID_INPUT),
                Arguments.of("GET", "/api/governance/decisions/%C3%28", null, 400, ErrorCodes.INVALID_INPUT),
                Arguments.of("GET", "/api/governance/decisions/..%2F..%2Fetc", null, 404, ErrorCodes.NOT_FOUND),
                Arguments.of("GET", "/api/proof-event-trails/..%2Fkeys%2Fws.ed25519.pem/packet", null, 404,
                        ErrorCodes.NOT_FOUND),
                Arguments.of("GET", "/api/proof-event-trails/" + longId + "/packet", null, 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("PUT", "/api/proof-event-trails/settings", "{\"endpoint\":\"ftp://x\"}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("PUT", "/api/proof-event-trails/settings", "{\"endpoint\":5}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/proof-event-trails/export", "{\"title\":\"t\",\"receiptIds\":\"r\"}", 400,
                        ErrorCodes.INVALID_INPUT),
                Arguments.of("POST", "/api/proof-event-trails/export", "{\"title\":\"t\",\"from\":\"today\"}", 400,
                        ErrorCodes.INVALID_INPUT));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("refused")
    void badRequestsGetTheirStatusAndCode(String method, String path, String body, int status, String code)
            throws Exception {
        Http.Response r = send(method, path, body);

        assertError(r, status, code, status == 405 ? null : WORKSPACE);
        if (status == 405) {
            assertThat(r.header("Allow")).isNotBlank();
        }
        assertMetered(r, method, meteredTemplate(path));
    }

    private static String meteredTemplate(String path) {
        String p = path.split("\\?")[0];
        Route.Match match = Route.match(p);
        return match == null ? LocalApiServer.UNKNOWN_ENDPOINT : match.route().path;
    }

    @Test
    void wrongContentTypeOnEveryBodyRouteIs415AndNeverReachesThePort() throws Exception {
        for (String path : List.of("/api/governance/contracts", "/api/governance/grants", "/api/governance/decisions",
                "/api/governance/decisions/d/approve", "/api/governance/decisions/d/deny",
                "/api/governance/decisions/d/revoke", "/api/governance/grants/g/revoke",
                "/api/governance/contracts/c/revoke", "/api/governance/enforce", "/api/proof-event-trails/preview",
                "/api/proof-event-trails/export")) {
            Http.Response r = Http.send("POST", url(path), "text/plain", "{}".getBytes(StandardCharsets.UTF_8),
                    bearer(KEY));
            assertError(r, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, WORKSPACE);
        }
        Http.Response put = Http.send("PUT", url("/api/proof-event-trails/settings"), "application/xml",
                "{}".getBytes(StandardCharsets.UTF_8), bearer(KEY));
        assertError(put, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, WORKSPACE);
        assertThat(backend.governanceCalls.get()).isZero();
    }

    @Test
    void anActionKeepsItsDecimalsAndKeyOrderInEveryAnswer() throws Exception {
        String id = propose("").get("id").asText();
        Http.Response read = send("GET", "/api/governance/decisions/" + id, null);

        assertAnswer(read, 200, WORKSPACE);
        assertThat(read.text()).contains("\"proposedAction\":" + ACTION);
        Governance.Decision stored = backend.governance(WORKSPACE).decision(id);
        ObjectNode action = stored.proposedAction();
        assertThat(action.get("amount").decimalValue()).isEqualTo(new BigDecimal("2.50"));
    }
}
