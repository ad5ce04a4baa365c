package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code governance …}: contracts, grants, decisions and their approvals, enforce and receipts
 * (PRODUCT.md §5, docs/governance.md), against a data folder or a URL, each answer printed as JSON.
 * In a data folder the caller is the local operator, or {@code --operator NAME}; against a URL it
 * is the API key.
 */
@Command(name = "governance", mixinStandardHelpOptions = true,
        description = "Contracts, grants, decisions, approvals, enforce and receipts; each answer printed as JSON.",
        subcommands = {GovernanceCommand.Identity.class, GovernanceCommand.Contracts.class,
            GovernanceCommand.ContractCreate.class, GovernanceCommand.ContractRevoke.class,
            GovernanceCommand.Grants.class, GovernanceCommand.GrantCreate.class, GovernanceCommand.GrantRevoke.class,
            GovernanceCommand.Decisions.class, GovernanceCommand.DecisionShow.class, GovernanceCommand.Propose.class,
            GovernanceCommand.Submit.class, GovernanceCommand.Approve.class, GovernanceCommand.Deny.class,
            GovernanceCommand.Revoke.class, GovernanceCommand.Enforce.class, GovernanceCommand.Receipts.class,
            GovernanceCommand.PublicKey.class})
final class GovernanceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a governance command: identity, contracts,"
                + " contract-create, contract-revoke, grants, grant-create, grant-revoke, decisions, decision, propose,"
                + " submit, approve, deny, revoke, enforce, receipts or public-key");
    }

    /** A governance call, made as {@code --operator} in a data folder. */
    abstract static class Governed extends ApiQueryCommand {
        @Option(names = "--operator", paramLabel = "NAME",
                description = "In a data folder: act as the operator profile operator:NAME (default: the local"
                        + " operator). Against --url the API key is who acts.")
        String operator;

        @Override
        TargetOptions.Opened open() {
            return target.open(operator == null ? null : "operator:" + operator);
        }
    }

    /** A request body read from a JSON file ({@code -}: standard input), strictly, as serve mode reads it. */
    static final class JsonFile {
        @Option(names = "--json", paramLabel = "FILE",
                description = "The request as the API's JSON body, from a file (- for standard input); options given"
                        + " beside it replace its fields.")
        Path file;

        <T> T read(Class<T> type, T empty) {
            if (file == null) {
                return empty;
            }
            if (file.toString().equals("-")) {
                try {
                    return QueryCommand.parse(System.in.readAllBytes(), type);
                } catch (IOException e) {
                    throw new IllegalArgumentException("--json: cannot read standard input: " + e.getMessage());
                }
            }
            return QueryCommand.parse(QueryCommand.readFile(file, "--json"), type);
        }

        /** The body, which this command cannot do without. */
        <T> T require(Class<T> type, CommandSpec spec) {
            if (file == null) {
                throw new ParameterException(spec.commandLine(), "Missing required option: '--json=FILE'");
            }
            return read(type, null);
        }
    }

    /** An amount option as an exact decimal; null when not given. */
    static BigDecimal amount(String value, String option) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a decimal amount like 250 or 99.90, got '" + value
                    + "'");
        }
    }

    /** {@code amount} in {@code currency}, or {@code base} when no amount is given. */
    static Governance.Money money(String amount, String option, String currency, Governance.Money base) {
        BigDecimal value = amount(amount, option);
        if (value == null) {
            return currency == null || base == null ? base : new Governance.Money(base.amount(), currency);
        }
        String code = currency != null ? currency : base != null ? base.currency() : null;
        if (code == null) {
            throw new IllegalArgumentException(option + " needs --currency");
        }
        return new Governance.Money(value, code);
    }

    @Command(name = "identity", mixinStandardHelpOptions = true,
            description = "Who this caller is: the principal (API key id or operator:NAME) and the workspace.")
    static final class Identity extends Governed {
        @Override
        Request request() {
            return HeadlessApi::identity;
        }
    }

    @Command(name = "contracts", mixinStandardHelpOptions = true,
            description = "The ContextContracts, newest first, with what each has spent and has left.")
    static final class Contracts extends Governed {
        @Override
        Request request() {
            return HeadlessApi::contracts;
        }
    }

    @Command(name = "contract-create", mixinStandardHelpOptions = true,
            description = "Create a ContextContract from options, or from --json FILE with options replacing its"
                    + " fields.")
    static final class ContractCreate extends Governed {
        @Mixin
        JsonFile json;

        @Option(names = "--name", description = "A name to recognise it by.")
        String name;

        @Option(names = "--business-id", paramLabel = "ID", description = "The business it binds.")
        String businessId;

        @Option(names = "--surface", description = "Where it applies, e.g. ads, payments, ops.")
        String surface;

        @Option(names = "--action", paramLabel = "ACTION", description = "An allowed action (repeat it).")
        List<String> actions;

        @Option(names = "--per-action", paramLabel = "AMOUNT", description = "The largest single action.")
        String perAction;

        @Option(names = "--cumulative", paramLabel = "AMOUNT",
                description = "The most all released actions under it may add up to.")
        String cumulative;

        @Option(names = "--currency", paramLabel = "CODE", description = "ISO 4217 currency of the limits.")
        String currency;

        @Option(names = "--min-trust-tier", paramLabel = "T0-T4", description = "The lowest trust tier accepted.")
        String minTrustTier;

        @Option(names = "--compliance", paramLabel = "PACK",
                description = "A required compliance pack, e.g. soc2, iso27001, eu_ai_act (repeat it).")
        List<String> compliance;

        @Option(names = "--valid-from", paramLabel = "TIME", description = "ms since epoch or ISO-8601.")
        String validFrom;

        @Option(names = "--valid-to", paramLabel = "TIME", description = "ms since epoch or ISO-8601.")
        String validTo;

        static final Governance.NewContract EMPTY = new Governance.NewContract(null, null, null, null, null, null,
                null, null, null, null);

        @Override
        Request request() {
            Governance.NewContract b = json.read(Governance.NewContract.class, EMPTY);
            Governance.NewContract contract = new Governance.NewContract(QueryCommand.or(name, b.name()),
                    QueryCommand.or(businessId, b.businessId()), QueryCommand.or(surface, b.surface()),
                    QueryCommand.or(actions, b.allowedActions()),
                    money(perAction, "--per-action", currency, b.perActionLimit()),
                    money(cumulative, "--cumulative", currency, b.cumulativeLimit()),
                    QueryCommand.or(minTrustTier, b.minTrustTier()),
                    QueryCommand.or(compliance, b.requiredCompliancePacks()),
                    QueryCommand.or(EventsCommand.time(validFrom, "--valid-from"), b.validFrom()),
                    QueryCommand.or(EventsCommand.time(validTo, "--valid-to"), b.validTo()));
            return api -> api.createContract(contract);
        }
    }

    /** {@code --reason}, required by every revocation, denial and approval. */
    static final class Reason {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (1-2000 characters).")
        String text;
    }

    @Command(name = "contract-revoke", mixinStandardHelpOptions = true, description = "Revoke a contract at once.")
    static final class ContractRevoke extends Governed {
        @Parameters(paramLabel = "CONTRACT_ID")
        String id;

        @Mixin
        Reason reason;

        @Override
        Request request() {
            return api -> api.revokeContract(id, new Governance.ReasonRequest(reason.text));
        }
    }

    @Command(name = "grants", mixinStandardHelpOptions = true,
            description = "The AuthorityGrants, newest first, with what each has spent and has left.")
    static final class Grants extends Governed {
        @Override
        Request request() {
            return HeadlessApi::grants;
        }
    }

    @Command(name = "grant-create", mixinStandardHelpOptions = true,
            description = "Create an AuthorityGrant from options, or from --json FILE with options replacing its"
                    + " fields.")
    static final class GrantCreate extends Governed {
        @Mixin
        JsonFile json;

        @Option(names = "--grantee", paramLabel = "PRINCIPAL",
                description = "Who may propose and execute: an API key id (key_…) or operator:NAME.")
        String grantee;

        @Option(names = "--action", paramLabel = "ACTION", description = "An action granted (repeat it).")
        List<String> actions;

        @Option(names = "--amount-limit", paramLabel = "AMOUNT",
                description = "The most the released actions under it may add up to.")
        String amountLimit;

        @Option(names = "--currency", paramLabel = "CODE", description = "ISO 4217 currency of the limit.")
        String currency;

        @Option(names = "--valid-from", paramLabel = "TIME", description = "ms since epoch or ISO-8601.")
        String validFrom;

        @Option(names = "--valid-to", paramLabel = "TIME", description = "ms since epoch or ISO-8601.")
        String validTo;

        @Option(names = "--contract", paramLabel = "CONTRACT_ID", description = "The contract it works under.")
        String contractId;

        static final Governance.NewGrant EMPTY = new Governance.NewGrant(null, null, null, null, null, null);

        @Override
        Request request() {
            Governance.NewGrant b = json.read(Governance.NewGrant.class, EMPTY);
            Governance.NewGrant grant = new Governance.NewGrant(QueryCommand.or(grantee, b.grantee()),
                    QueryCommand.or(actions, b.actions()),
                    money(amountLimit, "--amount-limit", currency, b.amountLimit()),
                    QueryCommand.or(EventsCommand.time(validFrom, "--valid-from"), b.validFrom()),
                    QueryCommand.or(EventsCommand.time(validTo, "--valid-to"), b.validTo()),
                    QueryCommand.or(contractId, b.contractId()));
            return api -> api.createGrant(grant);
        }
    }

    @Command(name = "grant-revoke", mixinStandardHelpOptions = true, description = "Revoke a grant at once.")
    static final class GrantRevoke extends Governed {
        @Parameters(paramLabel = "GRANT_ID")
        String id;

        @Mixin
        Reason reason;

        @Override
        Request request() {
            return api -> api.revokeGrant(id, new Governance.ReasonRequest(reason.text));
        }
    }

    @Command(name = "decisions", mixinStandardHelpOptions = true, description = "The DecisionObjects, newest first.")
    static final class Decisions extends Governed {
        @Option(names = "--state", paramLabel = "STATE",
                description = "Only this state: draft, pending_approval, approved, escrowed, released, denied,"
                        + " revoked or expired.")
        String state;

        @Override
        Request request() {
            return api -> api.decisions(state);
        }
    }

    @Command(name = "decision", mixinStandardHelpOptions = true,
            description = "One decision: the exact proposed action and its digest, approvals and history.")
    static final class DecisionShow extends Governed {
        @Parameters(paramLabel = "DECISION_ID")
        String id;

        @Override
        Request request() {
            return api -> api.decision(id);
        }
    }

    @Command(name = "propose", mixinStandardHelpOptions = true,
            description = {"Propose a decision: --json FILE holds {proposedAction, grantId, contractId, businessId?,"
                    + " evidence?, trustTier?, traceId?, requiredApprovals?, expiresAt?, draft?}.",
                "The caller is its proposer, and can never approve it."})
    static final class Propose extends Governed {
        @Mixin
        JsonFile json;

        @Option(names = "--draft", description = "Keep it a draft, to submit later.")
        boolean draft;

        @Override
        Request request() {
            Governance.NewDecision d = json.require(Governance.NewDecision.class, spec);
            Governance.NewDecision decision = !draft ? d : new Governance.NewDecision(d.proposedAction(), d.grantId(),
                    d.contractId(), d.businessId(), d.evidence(), d.trustTier(), d.traceId(), d.requiredApprovals(),
                    d.expiresAt(), true);
            return api -> api.proposeDecision(decision);
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a draft for approval.")
    static final class Submit extends Governed {
        @Parameters(paramLabel = "DECISION_ID")
        String id;

        @Override
        Request request() {
            return api -> api.submitDecision(id);
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = {"Approve a decision with a reason and the action digest you checked (see 'decision ID').",
                "Refused for its proposer, twice by one approver, or when the digest differs."})
    static final class Approve extends Governed {
        @Parameters(paramLabel = "DECISION_ID")
        String id;

        @Mixin
        Reason reason;

        @Option(names = "--digest", required = true, paramLabel = "SHA256",
                description = "The decision's actionDigest, as you saw it.")
        String digest;

        @Override
        Request request() {
            return api -> api.approveDecision(id, new Governance.ApproveRequest(reason.text, digest));
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Deny an open decision with a reason.")
    static final class Deny extends Governed {
        @Parameters(paramLabel = "DECISION_ID")
        String id;

        @Mixin
        Reason reason;

        @Override
        Request request() {
            return api -> api.denyDecision(id, new Governance.ReasonRequest(reason.text));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an open decision with a reason.")
    static final class Revoke extends Governed {
        @Parameters(paramLabel = "DECISION_ID")
        String id;

        @Mixin
        Reason reason;

        @Override
        Request request() {
            return api -> api.revokeDecision(id, new Governance.ReasonRequest(reason.text));
        }
    }

    @Command(name = "enforce", mixinStandardHelpOptions = true,
            description = {"Enforce: --json FILE is the reference's body {decisionObjectId, authorityGrantId,"
                    + " contextContractId, proposedAction, attestation}. Prints the receipt.",
                "Exit 0 for allow; 1 for deny or escrow, with the first failed check on standard error."})
    static final class Enforce extends Governed {
        @Mixin
        JsonFile json;

        @Override
        Request request() {
            Governance.EnforceRequest body = json.require(Governance.EnforceRequest.class, spec);
            return api -> api.enforce(body);
        }

        @Override
        int exitCode(Object answer) {
            Governance.Receipt receipt = (Governance.Receipt) answer;
            if ("allow".equals(receipt.outcome())) {
                return 0;
            }
            String why = receipt.checks() == null ? null : receipt.checks().stream().filter(c -> !c.passed())
                    .map(c -> c.name() + (c.detail() == null ? "" : ": " + c.detail())).findFirst().orElse(null);
            spec.commandLine().getErr().println("enforce answered " + receipt.outcome() + " (receipt " + receipt.id()
                    + ")" + (why == null ? "" : ": " + why));
            spec.commandLine().getErr().flush();
            return HaCommand.REJECTED;
        }
    }

    @Command(name = "receipts", mixinStandardHelpOptions = true,
            description = "EnforcementReceipts, newest first, with the hash chain's status.")
    static final class Receipts extends Governed {
        @Option(names = "--trace", paramLabel = "TRACE_ID", description = "Only this trace's receipts.")
        String traceId;

        @Option(names = "--decision", paramLabel = "DECISION_ID", description = "Only this decision's receipts.")
        String decisionId;

        @Override
        Request request() {
            return api -> api.receipts(traceId, decisionId);
        }
    }

    @Command(name = "public-key", mixinStandardHelpOptions = true,
            description = "The workspace's Ed25519 signing key and its fingerprint (the key id of the chain records).")
    static final class PublicKey extends Governed {
        @Option(names = "--pem", description = "Print only the PEM, for openssl.")
        boolean pem;

        @Override
        Request request() {
            return HeadlessApi::publicKey;
        }

        @Override
        void print(Object answer) throws Exception {
            if (!pem) {
                super.print(answer);
                return;
            }
            String text = ((Governance.PublicKey) answer).pem();
            spec.commandLine().getOut().print(text.endsWith("\n") ? text : text + "\n");
            spec.commandLine().getOut().flush();
        }
    }
}
