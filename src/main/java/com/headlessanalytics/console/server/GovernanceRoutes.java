package com.headlessanalytics.console.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.ProofTrails;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The governance and proof-trail routes (PRODUCT.md §5, docs/governance.md): each turns its request
 * into one port call and the port's answer into a JSON body, or the packet's bytes. Only parsing
 * happens here; every rule (states, separation of duties, budgets, reasons, sizes, the push
 * endpoint) is the port's. Creates answer 201; an object the port answers alone (a contract, grant,
 * decision or receipt) gets the server's proof envelope added beside its fields.
 */
final class GovernanceRoutes {
    private static final Set<String> NONE = Set.of();
    private static final Set<String> DECISION_PARAMS = Set.of("state");
    private static final Set<String> RECEIPT_PARAMS = QueryString.ordered("traceId", "decisionObjectId");
    static final String PACKET_TYPE = "application/zip";

    private GovernanceRoutes() {
    }

    /** An answer: its status, its body (a JSON value, or a {@link Packet}), and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    /** The bytes of a {@code .haproof} packet, sent as an attachment named {@code <proofId>.haproof}. */
    record Packet(String proofId, byte[] bytes) {
        String fileName() {
            return proofId + ".haproof";
        }
    }

    /** The body of {@code POST …/decisions/{id}/submit}: nothing, or an empty JSON object. */
    record NoFields() {
    }

    static boolean handles(Route route) {
        return switch (route) {
            case GOVERNANCE_PRINCIPAL, GOVERNANCE_CONTRACTS, GOVERNANCE_CONTRACT_REVOKE, GOVERNANCE_GRANTS,
                 GOVERNANCE_GRANT_REVOKE, GOVERNANCE_DECISIONS, GOVERNANCE_DECISION, GOVERNANCE_DECISION_SUBMIT,
                 GOVERNANCE_DECISION_APPROVE, GOVERNANCE_DECISION_DENY, GOVERNANCE_DECISION_REVOKE,
                 GOVERNANCE_ENFORCE, GOVERNANCE_RECEIPTS, GOVERNANCE_PUBLIC_KEY, PROOF_TRAILS, PROOF_TRAIL_PREVIEW,
                 PROOF_TRAIL_EXPORT, PROOF_TRAIL_SETTINGS, PROOF_TRAIL_PACKET -> true;
            default -> false;
        };
    }

    static Answer answer(HeadlessApi port, Route route, AnalyticsRoutes.Request request) {
        return switch (route) {
            case GOVERNANCE_PRINCIPAL -> {
                request.params(NONE);
                Governance.Identity r = port.identity();
                yield ok(r, r.proof());
            }
            case GOVERNANCE_CONTRACTS -> {
                request.params(NONE);
                if (request.method().equals("POST")) {
                    yield created(request, port.createContract(request.body(Governance.NewContract.class)));
                }
                Governance.Contracts r = port.contracts();
                yield ok(r, r.proof());
            }
            case GOVERNANCE_CONTRACT_REVOKE -> {
                request.params(NONE);
                String id = request.pathParam("id");
                yield alone(request, port.revokeContract(id, request.body(Governance.ReasonRequest.class)));
            }
            case GOVERNANCE_GRANTS -> {
                request.params(NONE);
                if (request.method().equals("POST")) {
                    yield created(request, port.createGrant(request.body(Governance.NewGrant.class)));
                }
                Governance.Grants r = port.grants();
                yield ok(r, r.proof());
            }
            case GOVERNANCE_GRANT_REVOKE -> {
                request.params(NONE);
                String id = request.pathParam("id");
                yield alone(request, port.revokeGrant(id, request.body(Governance.ReasonRequest.class)));
            }
            case GOVERNANCE_DECISIONS -> {
                if (request.method().equals("POST")) {
                    request.params(NONE);
                    yield created(request, port.proposeDecision(request.body(Governance.NewDecision.class)));
                }
                Map<String, String> p = request.params(DECISION_PARAMS);
                Governance.Decisions r = port.decisions(p.get("state"));
                yield ok(r, r.proof());
            }
            case GOVERNANCE_DECISION -> {
                request.params(NONE);
                yield alone(request, port.decision(request.pathParam("id")));
            }
            case GOVERNANCE_DECISION_SUBMIT -> {
                request.params(NONE);
                String id = request.pathParam("id");
                if (request.hasBody()) {
                    request.body(NoFields.class);
                }
                yield alone(request, port.submitDecision(id));
            }
            case GOVERNANCE_DECISION_APPROVE -> {
                request.params(NONE);
                String id = request.pathParam("id");
                yield alone(request, port.approveDecision(id, request.body(Governance.ApproveRequest.class)));
            }
            case GOVERNANCE_DECISION_DENY -> {
                request.params(NONE);
                String id = request.pathParam("id");
                yield alone(request, port.denyDecision(id, request.body(Governance.ReasonRequest.class)));
            }
            case GOVERNANCE_DECISION_REVOKE -> {
                request.params(NONE);
                String id = request.pathParam("id");
                yield alone(request, port.revokeDecision(id, request.body(Governance.ReasonRequest.class)));
            }
            case GOVERNANCE_ENFORCE -> {
                request.params(NONE);
                yield alone(request, port.enforce(request.body(Governance.EnforceRequest.class)));
            }
            case GOVERNANCE_RECEIPTS -> {
                Map<String, String> p = request.params(RECEIPT_PARAMS);
                Governance.Receipts r = port.receipts(p.get("traceId"), p.get("decisionObjectId"));
                yield ok(r, r.proof());
            }
            case GOVERNANCE_PUBLIC_KEY -> {
                request.params(NONE);
                Governance.PublicKey r = port.publicKey();
                yield ok(r, r.proof());
            }
            case PROOF_TRAILS -> {
                request.params(NONE);
                ProofTrails.Trails r = port.proofTrails();
                yield ok(r, r.proof());
            }
            case PROOF_TRAIL_PREVIEW -> {
                request.params(NONE);
                ProofTrails.Preview r = port.previewProofTrail(request.body(ProofTrails.ExportRequest.class));
                yield ok(r, r.proof());
            }
            case PROOF_TRAIL_EXPORT -> {
                request.params(NONE);
                ProofTrails.ExportResult r = port.exportProofTrail(request.body(ProofTrails.ExportRequest.class));
                yield r.proof() == null ? created(request, r) : new Answer(201, r, r.proof());
            }
            case PROOF_TRAIL_SETTINGS -> {
                request.params(NONE);
                ProofTrails.PushSettings r = request.method().equals("PUT")
                        ? port.saveProofPushSettings(request.body(ProofTrails.PushSettings.class))
                        : port.proofPushSettings();
                yield ok(r, r.proof());
            }
            case PROOF_TRAIL_PACKET -> {
                request.params(NONE);
                String proofId = request.pathParam("proofId");
                yield new Answer(200, new Packet(proofId, port.proofPacket(proofId)), request.proof());
            }
            default -> throw new IllegalArgumentException("not a governance route: " + route);
        };
    }

    private static Answer ok(Object body, Proof proof) {
        return new Answer(200, body, proof);
    }

    /** 201 with the stored object and a server-made proof. */
    private static Answer created(AnalyticsRoutes.Request request, Object object) {
        Answer a = alone(request, object);
        return new Answer(201, a.body(), a.proof());
    }

    /** 200 with {@code object}'s fields and a server-made {@code proof} beside them. */
    private static Answer alone(AnalyticsRoutes.Request request, Object object) {
        Proof proof = request.proof();
        ObjectNode body = ApiJson.mapper().valueToTree(object);
        body.set("proof", ApiJson.mapper().valueToTree(proof));
        return new Answer(200, body, proof);
    }
}
