package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * How governance objects are stored and read back (JSON columns, the spent budgets beside them,
 * receipts as their chain records), and the id and reason checks the transitions start with.
 */
final class GovernanceRows {
    private static final ObjectMapper JSON = ApiJson.mapper();

    private GovernanceRows() {
    }

    /** A receipt as answered: its record's body with the record's place in the chain. */
    static Governance.Receipt receiptOf(ObjectNode record) {
        ObjectNode receipt = ((ObjectNode) record.get("body")).deepCopy();
        for (String field : new String[] {"seq", "prevHash", "recordHash", "keyId", "signature"}) {
            receipt.set(field, record.get(field));
        }
        try {
            return JSON.treeToValue(receipt, Governance.Receipt.class);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored receipt could not be read: " + e.getOriginalMessage(), e);
        }
    }

    static Governance.Decision decisionRow(Connection c, String ws, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT decision FROM gov_decision WHERE workspace_id = ?"
                + " AND id = ?")) {
            ps.setString(1, ws);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs.getString(1), Governance.Decision.class) : null;
            }
        }
    }

    /** active, not_yet_valid, expired or revoked, at {@code now}; validity windows are [validFrom, validTo). */
    static String status(Long revokedAt, Long validFrom, Long validTo, long now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (validFrom != null && now < validFrom) {
            return "not_yet_valid";
        }
        if (validTo != null && now >= validTo) {
            return "expired";
        }
        return "active";
    }

    static Governance.Contract withSpent(Governance.Contract k, BigDecimal spent, long now) {
        return new Governance.Contract(k.id(), k.name(), k.businessId(), k.surface(), k.allowedActions(),
                k.perActionLimit(), k.cumulativeLimit(), k.minTrustTier(), k.requiredCompliancePacks(), k.validFrom(),
                k.validTo(), k.createdBy(), k.createdAt(), k.revokedAt(), k.revokedBy(), k.revokeReason(), spent,
                k.cumulativeLimit().amount().subtract(spent), status(k.revokedAt(), k.validFrom(), k.validTo(), now));
    }

    static Governance.Grant withSpent(Governance.Grant g, BigDecimal spent, long now) {
        return new Governance.Grant(g.id(), g.grantee(), g.actions(), g.amountLimit(), g.validFrom(), g.validTo(),
                g.contractId(), g.createdBy(), g.createdAt(), g.revokedAt(), g.revokedBy(), g.revokeReason(), spent,
                g.amountLimit().amount().subtract(spent), status(g.revokedAt(), g.validFrom(), g.validTo(), now));
    }

    static Checks reasonOf(Governance.ReasonRequest reason) {
        return reason == null ? new Checks().add("reason", "required", "is required") : reason.checks();
    }

    static void requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.invalid("No id", List.of(new FieldError(null, field, "required", "is required")));
        }
        new Checks().id(field, id).throwIfAny("Invalid id");
    }

    static String iso(Long millis) {
        return millis == null ? "(none)" : Instant.ofEpochMilli(millis).toString();
    }

    static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored governance object could not be read: " + e.getOriginalMessage(), e);
        }
    }

    static void nullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
