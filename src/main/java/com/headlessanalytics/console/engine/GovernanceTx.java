package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.DecisionStates.state;
import static com.headlessanalytics.console.engine.DecisionStates.wire;
import static com.headlessanalytics.console.engine.GovernanceRows.decisionRow;
import static com.headlessanalytics.console.engine.GovernanceRows.read;
import static com.headlessanalytics.console.engine.GovernanceRows.receiptOf;
import static com.headlessanalytics.console.engine.GovernanceRows.withSpent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.Ids;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One governance write: its connection, time, chain head and the events it will store; reads and
 * writes the rows of contracts, grants and decisions, appends chain records, and commits receipts.
 */
final class GovernanceTx {
    private static final ObjectMapper JSON = ApiJson.mapper();
    /**
     * The most history entries of a decision: enforces that change nothing (deny, a repeated escrow)
     * are no longer added once it has this many; their receipts are all in the chain.
     */
    static final int MAX_HISTORY = 100;
    /** The longest id the chain's decision_id column holds; longer requested ids name no decision. */
    private static final int MAX_ID = 64;

    /** Work inside one governance transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(GovernanceTx tx) throws SQLException;
    }

    final Connection c;
    final String ws;
    final long now;
    final List<Event> events = new ArrayList<>();
    private final GovernanceChain chain;
    private GovernanceChain.Head head;
    private String defaultBusiness;

    GovernanceTx(GovernanceChain chain, Connection c, String ws, long now) {
        this.chain = chain;
        this.c = c;
        this.ws = ws;
        this.now = now;
    }

    /** The seq the next record of this transaction will get. */
    long nextSeq() throws SQLException {
        if (head == null) {
            head = chain.head(c, ws);
        }
        return head.seq() + 1;
    }

    /** Appends a record whose body is {@code body}; returns its seq. */
    long append(String kind, String objectId, String decisionId, String traceId, String actor, Object body)
            throws SQLException {
        return appendRecord(kind, objectId, decisionId, traceId, actor, JSON.valueToTree(body)).get("seq").asLong();
    }

    ObjectNode appendRecord(String kind, String objectId, String decisionId, String traceId, String actor,
                            JsonNode body) throws SQLException {
        nextSeq();
        ObjectNode record = chain.append(c, ws, head, new GovernanceChain.Entry(kind, objectId, decisionId,
                traceId, actor, now, body));
        head = new GovernanceChain.Head(record.get("seq").asLong(), record.get("recordHash").asText());
        return record;
    }

    void event(String name, String businessId, String actor, String objectType, String objectId,
               String decisionId, String traceId, Map<String, Object> properties) {
        events.add(new Event(Ids.newId("evt", now), name, businessId, now, now,
                Map.of("type", "principal", "id", actor), Map.of("type", objectType, "id", objectId), null,
                traceId, null, null, null, null, decisionId, null, null, null, null, properties));
    }

    String defaultBusiness() throws SQLException {
        if (defaultBusiness == null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT default_business_id FROM workspace WHERE id = ?")) {
                ps.setString(1, ws);
                try (ResultSet rs = ps.executeQuery()) {
                    defaultBusiness = rs.next() ? rs.getString(1) : Engine.DEFAULT_BUSINESS_ID;
                }
            }
        }
        return defaultBusiness;
    }

    Governance.Decision decision(String id) throws SQLException {
        return decisionRow(c, ws, id);
    }

    Governance.Contract contract(String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT contract, spent FROM gov_contract"
                + " WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, ws);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? withSpent(read(rs.getString(1), Governance.Contract.class),
                        new BigDecimal(rs.getString(2)), now) : null;
            }
        }
    }

    Governance.Grant grant(String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT grant_json, spent FROM gov_grant"
                + " WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, ws);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? withSpent(read(rs.getString(1), Governance.Grant.class),
                        new BigDecimal(rs.getString(2)), now) : null;
            }
        }
    }

    /**
     * Moves a decision to {@code to} by {@code action}: its row, a {@code decision.<action>} record
     * whose body is the decision after the move, and its {@code governance.decision.<action>} event.
     */
    Governance.Decision move(Governance.Decision d, String action, Governance.State to, String actor,
                             String reason, List<Governance.Approval> approvals, String receiptId)
            throws SQLException {
        long seq = nextSeq();
        Governance.Decision after = changed(d, to, approvals, new Governance.HistoryEntry(now, actor, action,
                d.state(), wire(to), reason, receiptId, seq));
        save(after);
        appendRecord("decision." + action, d.id(), d.id(), d.traceId(), actor, JSON.valueToTree(after));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("seq", seq);
        properties.put("state", wire(to));
        properties.put("approvals", approvals.size());
        if (receiptId != null) {
            properties.put("receiptId", receiptId);
        }
        event("governance.decision." + action, d.businessId(), actor, "decision", d.id(), d.id(), d.traceId(),
                properties);
        return after;
    }

    Governance.Decision changed(Governance.Decision d, Governance.State to, List<Governance.Approval> approvals,
                                Governance.HistoryEntry entry) {
        List<Governance.HistoryEntry> history = new ArrayList<>(d.history());
        history.add(entry);
        return new Governance.Decision(d.id(), wire(to), d.proposedAction(), d.actionDigest(), d.proposer(),
                d.grantId(), d.contractId(), d.businessId(), d.evidence(), d.trustTier(), d.traceId(),
                d.requiredApprovals(), d.expiresAt(), List.copyOf(approvals), List.copyOf(history), d.createdAt(),
                now);
    }

    void save(Governance.Decision d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE gov_decision SET state = ?, updated_at = ?,"
                + " decision = ? WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, d.state());
            ps.setLong(2, now);
            ps.setString(3, ApiJson.write(d));
            ps.setString(4, ws);
            ps.setString(5, d.id());
            ps.executeUpdate();
        }
    }

    void spend(String table, String id, BigDecimal spent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET spent = ? WHERE workspace_id = ?"
                + " AND id = ?")) {
            ps.setString(1, spent.toPlainString());
            ps.setString(2, ws);
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /**
     * Commits the receipt of an enforce (a {@code receipt} record and its
     * {@code governance.enforce.<outcome>} event) and what the outcome does to the decision: an
     * allow releases it and spends the grant's and the contract's budgets, an escrow holds it.
     * {@code grant} and {@code contract} are the decision's as the checks read them in this
     * transaction (null: read them here).
     */
    Governance.Receipt receipt(String principal, Governance.EnforceRequest request, Governance.Decision d,
                               List<Governance.Check> checks, Governance.Outcome outcome, String digest,
                               Governance.Grant grant, Governance.Contract contract) throws SQLException {
        String id = Ids.newId("rcpt", now);
        String outcomeName = wire(outcome);
        Governance.Receipt body = new Governance.Receipt(id, request.decisionObjectId(), outcomeName,
                List.copyOf(checks), digest, now, principal, d != null ? d.grantId() : request.authorityGrantId(),
                d != null ? d.contractId() : request.contextContractId(), d != null ? d.traceId() : null,
                request.attestation(), 0, null, null, null, null);
        ObjectNode tree = JSON.valueToTree(body);
        for (String field : new String[] {"seq", "prevHash", "recordHash", "keyId", "signature"}) {
            tree.remove(field);
        }
        String about = d != null ? d.id() : request.decisionObjectId().length() <= MAX_ID ? request.decisionObjectId()
                : null;
        ObjectNode record = appendRecord("receipt", id, about, d != null ? d.traceId() : null, principal, tree);
        long seq = record.get("seq").asLong();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("seq", seq);
        properties.put("receiptId", id);
        properties.put("outcome", outcomeName);
        event("governance.enforce." + outcomeName, d != null ? d.businessId() : defaultBusiness(), principal,
                "decision", request.decisionObjectId(), about, d != null ? d.traceId() : null, properties);
        if (d != null) {
            Governance.State s = state(d);
            if (outcome == Governance.Outcome.ALLOW) {
                BigDecimal amount = Governance.amountOf(request.proposedAction());
                Governance.Grant g = grant != null ? grant : grant(d.grantId());
                Governance.Contract k = contract != null ? contract : contract(d.contractId());
                spend("gov_grant", g.id(), g.spent().add(amount));
                spend("gov_contract", k.id(), k.spent().add(amount));
                save(changed(d, Governance.State.RELEASED, d.approvals(), new Governance.HistoryEntry(now,
                        principal, "enforce.allow", d.state(), wire(Governance.State.RELEASED), null, id, seq)));
                Map<String, Object> released = new LinkedHashMap<>(properties);
                released.put("state", wire(Governance.State.RELEASED));
                released.put("amount", amount.toPlainString());
                event("governance.decision.released", d.businessId(), principal, "decision", d.id(), d.id(),
                        d.traceId(), released);
            } else if (outcome == Governance.Outcome.ESCROW && s == Governance.State.PENDING_APPROVAL) {
                move(d, "escrowed", Governance.State.ESCROWED, principal, null, d.approvals(), id);
            } else if (d.history().size() < MAX_HISTORY) {
                save(changed(d, s, d.approvals(), new Governance.HistoryEntry(now, principal,
                        "enforce." + outcomeName, d.state(), d.state(), null, id, seq)));
            }
        }
        return receiptOf(record);
    }
}
