package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.GovernanceRows.iso;
import static com.headlessanalytics.console.engine.GovernanceRows.read;
import static com.headlessanalytics.console.engine.GovernanceRows.reasonOf;
import static com.headlessanalytics.console.engine.GovernanceRows.requireId;
import static com.headlessanalytics.console.engine.GovernanceRows.withSpent;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Context contracts and the authority grants under them: create, list, revoke (PRODUCT.md §5). */
final class GovernanceContracts {
    private final GovernanceWriter writer;

    GovernanceContracts(GovernanceWriter writer) {
        this.writer = writer;
    }

    // ---- ContextContracts ----

    Governance.Contract createContract(String workspaceId, String principal, Governance.NewContract contract) {
        if (contract == null) {
            throw ApiException.invalid("No contract", List.of(new FieldError(null, null, "required",
                    "a contract with surface, allowedActions, perActionLimit and cumulativeLimit is required")));
        }
        contract.checks().throwIfAny("Invalid contract");
        return writer.write(workspaceId, tx -> {
            String business = contract.businessId() != null ? contract.businessId() : tx.defaultBusiness();
            Governance.Contract created = new Governance.Contract(Ids.newId("ctr", tx.now), contract.name(), business,
                    contract.surface(), List.copyOf(contract.allowedActions()), contract.perActionLimit(),
                    contract.cumulativeLimit(), contract.minTrustTier(), contract.requiredCompliancePacks() == null
                    ? List.of() : List.copyOf(contract.requiredCompliancePacks()),
                    contract.validFrom() != null ? contract.validFrom() : tx.now, contract.validTo(), principal,
                    tx.now, null, null, null, BigDecimal.ZERO, contract.cumulativeLimit().amount(), null);
            created = withSpent(created, BigDecimal.ZERO, tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO gov_contract (workspace_id, id, business_id,"
                    + " created_at, revoked_at, spent, contract) VALUES (?, ?, ?, ?, NULL, '0', ?)")) {
                ps.setString(1, workspaceId);
                ps.setString(2, created.id());
                ps.setString(3, business);
                ps.setLong(4, tx.now);
                ps.setString(5, ApiJson.write(created));
                ps.executeUpdate();
            }
            long seq = tx.append("contract.created", created.id(), null, null, principal, created);
            tx.event("governance.contract.created", business, principal, "contract", created.id(), null, null,
                    Map.of("seq", seq));
            return created;
        });
    }

    List<Governance.Contract> contracts(String workspaceId) {
        long now = writer.clock.millis();
        return writer.db.read(c -> {
            List<Governance.Contract> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT contract, spent FROM gov_contract"
                    + " WHERE workspace_id = ? ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(withSpent(read(rs.getString(1), Governance.Contract.class),
                                new BigDecimal(rs.getString(2)), now));
                    }
                }
            }
            return out;
        });
    }

    Governance.Contract revokeContract(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        requireId("id", id);
        reasonOf(reason).throwIfAny("Invalid revocation");
        return writer.write(workspaceId, tx -> {
            Governance.Contract k = tx.contract(id);
            if (k == null) {
                throw ApiException.notFound("No contract '" + id + "' in this workspace");
            }
            if (k.revokedAt() != null) {
                throw ApiException.conflict("Contract " + id + " was already revoked at " + iso(k.revokedAt()) + " by "
                        + k.revokedBy());
            }
            Governance.Contract revoked = withSpent(new Governance.Contract(k.id(), k.name(), k.businessId(),
                    k.surface(), k.allowedActions(), k.perActionLimit(), k.cumulativeLimit(), k.minTrustTier(),
                    k.requiredCompliancePacks(), k.validFrom(), k.validTo(), k.createdBy(), k.createdAt(), tx.now,
                    principal, reason.reason(), k.spent(), k.remaining(), k.status()), k.spent(), tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("UPDATE gov_contract SET revoked_at = ?, contract = ?"
                    + " WHERE workspace_id = ? AND id = ?")) {
                ps.setLong(1, tx.now);
                ps.setString(2, ApiJson.write(revoked));
                ps.setString(3, workspaceId);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            long seq = tx.append("contract.revoked", id, null, null, principal, revoked);
            tx.event("governance.contract.revoked", k.businessId(), principal, "contract", id, null, null,
                    Map.of("seq", seq, "reason", reason.reason()));
            return revoked;
        });
    }

    // ---- AuthorityGrants ----

    Governance.Grant createGrant(String workspaceId, String principal, Governance.NewGrant grant) {
        if (grant == null) {
            throw ApiException.invalid("No grant", List.of(new FieldError(null, null, "required",
                    "a grant with grantee, actions, amountLimit and contractId is required")));
        }
        Checks checks = grant.checks();
        long now = writer.clock.millis();
        if (grant.validTo() != null && grant.validTo() <= now) {
            checks.add("validTo", "invalid_value", "must be in the future");
        }
        checks.throwIfAny("Invalid grant");
        return writer.write(workspaceId, tx -> {
            Governance.Contract k = tx.contract(grant.contractId());
            if (k == null) {
                throw ApiException.invalid("Invalid grant", List.of(new FieldError(null, "contractId", "invalid_value",
                        "no contract '" + grant.contractId() + "' in this workspace")));
            }
            if (k.revokedAt() != null) {
                throw ApiException.conflict("Contract " + k.id() + " is revoked; no grant can be made under it");
            }
            Checks refs = new Checks();
            for (int i = 0; i < grant.actions().size(); i++) {
                if (!k.allowedActions().contains(grant.actions().get(i))) {
                    refs.add("actions[" + i + "]", "invalid_value", "'" + grant.actions().get(i)
                            + "' is not an allowed action of contract " + k.id() + " " + k.allowedActions());
                }
            }
            if (!grant.amountLimit().currency().equals(k.cumulativeLimit().currency())) {
                refs.add("amountLimit.currency", "invalid_value", "must be the contract's currency, "
                        + k.cumulativeLimit().currency());
            }
            refs.throwIfAny("Invalid grant");
            Governance.Grant created = withSpent(new Governance.Grant(Ids.newId("grt", tx.now), grant.grantee(),
                    List.copyOf(grant.actions()), grant.amountLimit(), grant.validFrom() != null ? grant.validFrom()
                    : tx.now, grant.validTo(), k.id(), principal, tx.now, null, null, null, null, null, null),
                    BigDecimal.ZERO, tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO gov_grant (workspace_id, id, contract_id,"
                    + " grantee, created_at, revoked_at, spent, grant_json) VALUES (?, ?, ?, ?, ?, NULL, '0', ?)")) {
                ps.setString(1, workspaceId);
                ps.setString(2, created.id());
                ps.setString(3, k.id());
                ps.setString(4, created.grantee());
                ps.setLong(5, tx.now);
                ps.setString(6, ApiJson.write(created));
                ps.executeUpdate();
            }
            long seq = tx.append("grant.created", created.id(), null, null, principal, created);
            tx.event("governance.grant.created", k.businessId(), principal, "grant", created.id(), null, null,
                    Map.of("seq", seq, "contractId", k.id()));
            return created;
        });
    }

    List<Governance.Grant> grants(String workspaceId) {
        long now = writer.clock.millis();
        return writer.db.read(c -> {
            List<Governance.Grant> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT grant_json, spent FROM gov_grant"
                    + " WHERE workspace_id = ? ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(withSpent(read(rs.getString(1), Governance.Grant.class),
                                new BigDecimal(rs.getString(2)), now));
                    }
                }
            }
            return out;
        });
    }

    Governance.Grant revokeGrant(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        requireId("id", id);
        reasonOf(reason).throwIfAny("Invalid revocation");
        return writer.write(workspaceId, tx -> {
            Governance.Grant g = tx.grant(id);
            if (g == null) {
                throw ApiException.notFound("No grant '" + id + "' in this workspace");
            }
            if (g.revokedAt() != null) {
                throw ApiException.conflict("Grant " + id + " was already revoked at " + iso(g.revokedAt()) + " by "
                        + g.revokedBy());
            }
            Governance.Grant revoked = withSpent(new Governance.Grant(g.id(), g.grantee(), g.actions(), g.amountLimit(),
                    g.validFrom(), g.validTo(), g.contractId(), g.createdBy(), g.createdAt(), tx.now, principal,
                    reason.reason(), null, null, null), g.spent(), tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("UPDATE gov_grant SET revoked_at = ?, grant_json = ?"
                    + " WHERE workspace_id = ? AND id = ?")) {
                ps.setLong(1, tx.now);
                ps.setString(2, ApiJson.write(revoked));
                ps.setString(3, workspaceId);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            Governance.Contract k = tx.contract(g.contractId());
            long seq = tx.append("grant.revoked", id, null, null, principal, revoked);
            tx.event("governance.grant.revoked", k != null ? k.businessId() : tx.defaultBusiness(), principal, "grant",
                    id, null, null, Map.of("seq", seq, "reason", reason.reason()));
            return revoked;
        });
    }
}
