package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The governance and proof-trail operations over HTTP: each method's path, verb and body, its
 * answer (201 included) read into the api records with exact decimals, the packet's bytes, errors
 * with the server's status and code, and changes never sent twice after the server may have acted.
 */
@Timeout(20)
class RemoteApiGovernanceTest {
    private static final String KEY = "ha_live_GOVERNANCEKEY";
    private static final String PROOF = """
            {"queryId":"q_9","workspaceId":"ws_1","businessId":null,"period":{"from":null,"to":null},
             "generatedAt":1700000000000,"schemaVersion":"1"}""";
    private static final String CONTRACT = """
            {"id":"ctr_1","businessId":"default","surface":"ads","perActionLimit":{"amount":"100.00","currency":"EUR"},
             "createdBy":"key_a","createdAt":5,"spent":"0.00","remaining":"1000.50","status":"active","proof":%s}"""
            .formatted(PROOF);
    private static final String GRANT = """
            {"id":"grt_1","grantee":"key_a","actions":["ads.budget.increase"],"contractId":"ctr_1","createdBy":"key_b",
             "createdAt":6,"spent":"0","remaining":"500","status":"active","proof":%s}""".formatted(PROOF);
    private static final String ACTION = "{\"action\":\"ads.budget.increase\",\"amount\":2.50,\"currency\":\"EUR\"}";
    private static final String DECISION = """
            {"id":"dec_1","state":"pending_approval","proposedAction":%s,"actionDigest":"ab12","proposer":"key_a",
             "grantId":"grt_1","contractId":"ctr_1","businessId":"default","requiredApprovals":2,"expiresAt":99,
             "approvals":[],"history":[],"createdAt":7,"updatedAt":7,"proof":%s}""".formatted(ACTION, PROOF);
    private static final String RECEIPT = """
            {"id":"rcp_1","decisionObjectId":"dec_1","outcome":"allow","checks":[{"name":"decision_approved",
             "passed":true,"detail":"approved"}],"actionDigest":"ab12","at":8,"actor":"key_a","seq":3,
             "prevHash":"00","recordHash":"11","keyId":"kk","signature":"c2ln","proof":%s}""".formatted(PROOF);
    private static final String TRAIL = """
            {"proofId":"prf_1","title":"Q4","createdAt":9,"createdBy":"key_a","counts":{"events":1,"decisions":2,
             "receipts":3,"evidence":0},"merkleRoot":"mm","chainHead":"hh","location":"/data/proofs/prf_1.haproof",
             "bytes":10,"sha256":"ss"}""";
    static final byte[] ZIP = {'P', 'K', 3, 4, 20, 0, 0, 0};

    private MockWebServer server;
    private final AtomicInteger attempts = new AtomicInteger();
    private RemoteApi api;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        OkHttpClient counting = new OkHttpClient.Builder().addInterceptor(chain -> {
            attempts.incrementAndGet();
            return chain.proceed(chain.request());
        }).build();
        api = new RemoteApi(new RemoteConfig(server.url("/").toString(), new Credentials.ApiKey(KEY),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(10)), counting);
        api.assumeOffer(Offers.OURS);
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse error(int code, String errorCode, String message) {
        return json(code, """
                {"error":{"code":"%s","message":"%s","details":[{"field":"reason","code":"required",
                 "message":"is required"}]},"proof":%s}""".formatted(errorCode, message, PROOF));
    }

    private static ObjectNode action() {
        try {
            return (ObjectNode) ApiJson.mapper().reader()
                    .without(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .readTree(ACTION);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sent(RecordedRequest request) {
        return request.getBody() == null ? null : request.getBody().utf8();
    }

    /** Each method: the call, its verb, its target, the body it sends (null: none), the answer's status and body. */
    static Stream<Arguments> calls() {
        Governance.ReasonRequest why = new Governance.ReasonRequest("budget cut");
        String whyJson = "{\"reason\":\"budget cut\"}";
        String decisions = "{\"decisions\":[%s],\"proof\":%s}".formatted(DECISION.replace(",\"proof\":" + PROOF, ""),
                PROOF);
        return Stream.of(
                call("identity", RemoteApi::identity, "GET", "/api/governance/principal", null, 200,
                        "{\"principal\":\"key_a\",\"workspaceId\":\"ws_1\",\"proof\":" + PROOF + "}"),
                call("createContract", a -> a.createContract(new Governance.NewContract(null, "default", "ads", null,
                        new Governance.Money(new BigDecimal("100.00"), "EUR"), null, null, null, null, null)),
                        "POST", "/api/governance/contracts", "{\"businessId\":\"default\",\"surface\":\"ads\","
                                + "\"perActionLimit\":{\"amount\":\"100.00\",\"currency\":\"EUR\"}}", 201, CONTRACT),
                call("contracts", RemoteApi::contracts, "GET", "/api/governance/contracts", null, 200,
                        "{\"contracts\":[],\"proof\":" + PROOF + "}"),
                call("revokeContract", a -> a.revokeContract("ctr_1", why), "POST",
                        "/api/governance/contracts/ctr_1/revoke", whyJson, 200, CONTRACT),
                call("createGrant", a -> a.createGrant(new Governance.NewGrant("key_a", List.of("x"), null, null, 5L,
                        "ctr_1")), "POST", "/api/governance/grants", "{\"grantee\":\"key_a\",\"actions\":[\"x\"],"
                        + "\"validTo\":5,\"contractId\":\"ctr_1\"}", 201, GRANT),
                call("grants", RemoteApi::grants, "GET", "/api/governance/grants", null, 200,
                        "{\"grants\":[],\"proof\":" + PROOF + "}"),
                call("revokeGrant", a -> a.revokeGrant("grt_1", why), "POST", "/api/governance/grants/grt_1/revoke",
                        whyJson, 200, GRANT),
                call("proposeDecision", a -> a.proposeDecision(new Governance.NewDecision(action(), "grt_1", "ctr_1",
                        null, null, null, "t-1", 2, null, null)), "POST", "/api/governance/decisions",
                        "{\"proposedAction\":" + ACTION + ",\"grantId\":\"grt_1\",\"contractId\":\"ctr_1\","
                                + "\"traceId\":\"t-1\",\"requiredApprovals\":2}", 201, DECISION),
                call("decisions", a -> a.decisions("pending_approval"), "GET",
                        "/api/governance/decisions?state=pending_approval", null, 200, decisions),
                call("all decisions", a -> a.decisions(null), "GET", "/api/governance/decisions", null, 200, decisions),
                call("decision", a -> a.decision("dec_1"), "GET", "/api/governance/decisions/dec_1", null, 200,
                        DECISION),
                call("submitDecision", a -> a.submitDecision("dec_1"), "POST", "/api/governance/decisions/dec_1/submit",
                        "{}", 200, DECISION),
                call("approveDecision", a -> a.approveDecision("dec_1", new Governance.ApproveRequest("ok", "ab12")),
                        "POST", "/api/governance/decisions/dec_1/approve",
                        "{\"reason\":\"ok\",\"actionDigest\":\"ab12\"}", 200, DECISION),
                call("denyDecision", a -> a.denyDecision("dec_1", why), "POST", "/api/governance/decisions/dec_1/deny",
                        whyJson, 200, DECISION),
                call("revokeDecision", a -> a.revokeDecision("dec_1", why), "POST",
                        "/api/governance/decisions/dec_1/revoke", whyJson, 200, DECISION),
                call("enforce", a -> a.enforce(new Governance.EnforceRequest("dec_1", "grt_1", "ctr_1", action(),
                        new Governance.Attestation("software_local", null, null))), "POST", "/api/governance/enforce",
                        "{\"decisionObjectId\":\"dec_1\",\"authorityGrantId\":\"grt_1\",\"contextContractId\":\"ctr_1\","
                                + "\"proposedAction\":" + ACTION + ",\"attestation\":{\"provider\":\"software_local\"}}",
                        200, RECEIPT),
                call("receipts", a -> a.receipts("t 1", "dec_1"), "GET",
                        "/api/governance/receipts?traceId=t%201&decisionObjectId=dec_1", null, 200,
                        "{\"receipts\":[],\"chain\":{\"records\":0,\"head\":\"00\",\"intact\":true},\"proof\":" + PROOF
                                + "}"),
                call("publicKey", RemoteApi::publicKey, "GET", "/api/governance/public-key", null, 200,
                        "{\"algorithm\":\"Ed25519\",\"keyId\":\"kk\",\"fingerprint\":\"SHA256:kk\",\"pem\":\"-----BEGIN"
                                + " PUBLIC KEY-----\",\"createdAt\":1,\"proof\":" + PROOF + "}"),
                call("previewProofTrail", a -> a.previewProofTrail(new ProofTrails.ExportRequest("Q4", null,
                        List.of("dec_1"), null, 1L, 2L, null, null)), "POST", "/api/proof-event-trails/preview",
                        "{\"title\":\"Q4\",\"decisionObjectIds\":[\"dec_1\"],\"from\":1,\"to\":2}", 200,
                        "{\"counts\":{\"events\":1,\"decisions\":2,\"receipts\":3,\"evidence\":0},\"proof\":" + PROOF
                                + "}"),
                call("exportProofTrail", a -> a.exportProofTrail(new ProofTrails.ExportRequest("Q4", List.of("rcp_1"),
                        null, "t-1", null, null, null, true)), "POST", "/api/proof-event-trails/export",
                        "{\"title\":\"Q4\",\"receiptIds\":[\"rcp_1\"],\"traceId\":\"t-1\",\"pushToSovereignProof\":true}",
                        201, "{\"proofId\":\"prf_1\",\"trail\":" + TRAIL + ",\"manifest\":{\"version\":1},"
                                + "\"location\":\"/data/proofs/prf_1.haproof\",\"push\":{\"status\":\"not_configured\","
                                + "\"attempts\":0,\"message\":\"no endpoint\"},\"proof\":" + PROOF + "}"),
                call("proofTrails", RemoteApi::proofTrails, "GET", "/api/proof-event-trails", null, 200,
                        "{\"trails\":[" + TRAIL + "],\"proof\":" + PROOF + "}"),
                call("proofPushSettings", RemoteApi::proofPushSettings, "GET", "/api/proof-event-trails/settings", null,
                        200, "{\"proof\":" + PROOF + "}"),
                call("saveProofPushSettings", a -> a.saveProofPushSettings(new ProofTrails.PushSettings(
                        "https://proof.example/in", null)), "PUT", "/api/proof-event-trails/settings",
                        "{\"endpoint\":\"https://proof.example/in\"}", 200,
                        "{\"endpoint\":\"https://proof.example/in\",\"proof\":" + PROOF + "}"));
    }

    private static Arguments call(String name, Function<RemoteApi, Object> call, String method, String target,
                                  String body, int status, String answer) {
        return Arguments.of(name, call, method, target, body, status, answer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void eachMethodSendsItsRequestAndReadsItsAnswer(String name, Function<RemoteApi, Object> call, String method,
                                                   String target, String body, int status, String answer)
            throws Exception {
        server.enqueue(json(status, answer));

        Object result = call.apply(api);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo(method);
        assertThat(request.getTarget()).isEqualTo(target);
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        if (body == null) {
            assertThat(request.getBody() == null || request.getBody().size() == 0).isTrue();
        } else {
            assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
            assertThat(sent(request)).isEqualTo(body);
        }
        assertThat(result).isNotNull();
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void answersAreReadWithExactMoneyAndActions() {
        server.enqueue(json(201, CONTRACT));
        server.enqueue(json(201, DECISION));
        server.enqueue(json(200, RECEIPT));

        Governance.Contract contract = api.createContract(new Governance.NewContract(null, "default", "ads", null, null,
                null, null, null, null, null));
        Governance.Decision decision = api.proposeDecision(new Governance.NewDecision(action(), "grt_1", null, null,
                null, null, null, null, null, null));
        Governance.Receipt receipt = api.enforce(new Governance.EnforceRequest("dec_1", null, null, action(), null));

        assertThat(contract.perActionLimit()).isEqualTo(new Governance.Money(new BigDecimal("100.00"), "EUR"));
        assertThat(contract.remaining()).isEqualTo(new BigDecimal("1000.50"));
        assertThat(decision.proposedAction()).isEqualTo(action());
        assertThat(decision.proposedAction().get("amount").decimalValue().scale()).isEqualTo(2);
        assertThat(decision.requiredApprovals()).isEqualTo(2);
        assertThat(receipt.outcome()).isEqualTo("allow");
        assertThat(receipt.checks()).containsExactly(new Governance.Check("decision_approved", true, "approved"));
        assertThat(receipt.seq()).isEqualTo(3);
    }

    @Test
    void aPacketIsReadAsItsZipBytes() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/zip")
                .setHeader("Content-Disposition", "attachment; filename=\"prf_1.haproof\"")
                .body(new Buffer().write(ZIP)).build());

        byte[] packet = api.proofPacket("prf 1/x");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/api/proof-event-trails/prf%201%2Fx/packet");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/zip, application/json");
        assertThat(packet).isEqualTo(ZIP);
    }

    @Test
    void aPacketAnswerThatIsNotAZipIsABadResponse() {
        server.enqueue(json(200, "{\"proof\":" + PROOF + "}"));
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/zip")
                .body("not a zip").build());

        for (String expected : List.of("Content-Type is application/json", "not a zip file")) {
            assertThatThrownBy(() -> api.proofPacket("prf_1")).isInstanceOfSatisfying(ApiException.Server.class, e -> {
                assertThat(e.code()).isEqualTo(RemoteApi.BAD_RESPONSE);
                assertThat(e.getMessage()).contains("proof packet", expected);
            });
        }
    }

    @Test
    void errorsKeepTheServersStatusCodeAndDetails() {
        server.enqueue(error(403, ErrorCodes.FORBIDDEN, "the proposer cannot approve their own decision"));
        server.enqueue(error(409, ErrorCodes.CONFLICT, "decision dec_1 is released"));
        server.enqueue(error(404, ErrorCodes.NOT_FOUND, "there is no proof packet prf_9"));
        server.enqueue(error(413, ErrorCodes.TOO_LARGE, "the proposed action is too large"));

        ApiException forbidden = catchClient(() -> api.approveDecision("dec_1",
                new Governance.ApproveRequest("ok", "ab12")));
        ApiException conflict = catchClient(() -> api.denyDecision("dec_1", new Governance.ReasonRequest("no")));
        ApiException notFound = catchClient(() -> api.proofPacket("prf_9"));
        ApiException tooLarge = catchClient(() -> api.proposeDecision(new Governance.NewDecision(action(), null, null,
                null, null, null, null, null, null, null)));

        assertThat(List.of(forbidden.status(), conflict.status(), notFound.status(), tooLarge.status()))
                .containsExactly(403, 409, 404, 413);
        assertThat(List.of(forbidden.code(), conflict.code(), notFound.code(), tooLarge.code())).containsExactly(
                ErrorCodes.FORBIDDEN, ErrorCodes.CONFLICT, ErrorCodes.NOT_FOUND, ErrorCodes.TOO_LARGE);
        assertThat(forbidden.getMessage()).isEqualTo("the proposer cannot approve their own decision");
        assertThat(tooLarge.details()).extracting(FieldError::field).containsExactly("reason");
        assertThat(attempts.get()).isEqualTo(4);
    }

    private static ApiException catchClient(Runnable call) {
        try {
            call.run();
        } catch (ApiException.Client e) {
            return e;
        }
        throw new AssertionError("no client error");
    }

    @Test
    void anEnforceOrApprovalIsNeverSentTwiceAfterTheServerMayHaveActed() {
        server.enqueue(error(503, ErrorCodes.NOT_READY, "busy"));
        server.enqueue(json(200, RECEIPT));
        assertThatThrownBy(() -> api.enforce(new Governance.EnforceRequest("dec_1", null, null, action(), null)))
                .isInstanceOfSatisfying(ApiException.Server.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(attempts.get()).isEqualTo(1);

        server.enqueue(error(502, ErrorCodes.INTERNAL, "gateway"));
        assertThatThrownBy(() -> api.approveDecision("dec_1", new Governance.ApproveRequest("ok", "ab12")))
                .isInstanceOf(ApiException.Server.class);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aRefusalWith429IsSentAgainAndReadsAreRetriedAfterA503() {
        server.enqueue(new MockResponse.Builder(error(429, ErrorCodes.RATE_LIMITED, "slow down"))
                .setHeader("Retry-After", "1").build());
        server.enqueue(json(200, RECEIPT));
        assertThat(api.enforce(new Governance.EnforceRequest("dec_1", null, null, action(), null)).id())
                .isEqualTo("rcp_1");
        assertThat(attempts.get()).isEqualTo(2);

        server.enqueue(error(503, ErrorCodes.NOT_READY, "starting"));
        server.enqueue(json(200, DECISION));
        assertThat(api.decision("dec_1").state()).isEqualTo("pending_approval");
        assertThat(attempts.get()).isEqualTo(4);
    }

    @Test
    void anAnswerWithoutTheObjectsFieldsIsABadResponse() {
        server.enqueue(json(201, "{\"proof\":" + PROOF + "}"));

        assertThatThrownBy(() -> api.createGrant(new Governance.NewGrant("key_a", null, null, null, null, "ctr_1")))
                .isInstanceOfSatisfying(ApiException.Server.class, e -> {
                    assertThat(e.code()).isEqualTo(RemoteApi.BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("a grant", "'id'");
                });
    }

    @Test
    void missingIdsAndBodiesAreRefusedBeforeAnythingIsSent() {
        for (String id : Arrays.asList(".", "..", "", null)) {
            assertThatThrownBy(() -> api.decision(id)).isInstanceOfSatisfying(ApiException.Client.class,
                    e -> assertThat(e.details()).extracting(FieldError::field).containsExactly("decisionId"));
        }
        assertThatThrownBy(() -> api.proofPacket("..")).isInstanceOf(ApiException.Client.class);
        assertThatThrownBy(() -> api.revokeGrant("grt_1", null)).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> api.enforce(null)).isInstanceOf(ApiException.Client.class);
        assertThat(attempts.get()).isZero();
    }
}
