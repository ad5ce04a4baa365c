-- ContextContracts, AuthorityGrants and DecisionObjects as they stand now (docs/governance.md). Each row
-- holds the object as JSON; the columns beside it are what lookups and the atomic enforce read. Every
-- change of a row is also a record of the hash chain (gov_record), written in the same transaction.
-- Receipts are chain records only (kind 'receipt'). Money is a decimal string, never a float.
CREATE TABLE gov_contract (
    workspace_id VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    business_id  VARCHAR(128) NOT NULL,
    created_at   BIGINT       NOT NULL,
    revoked_at   BIGINT,
    spent        VARCHAR(64)  NOT NULL,
    contract     CLOB         NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX gov_contract_created ON gov_contract (workspace_id, created_at);

CREATE TABLE gov_grant (
    workspace_id VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    contract_id  VARCHAR(64)  NOT NULL,
    grantee      VARCHAR(200) NOT NULL,
    created_at   BIGINT       NOT NULL,
    revoked_at   BIGINT,
    spent        VARCHAR(64)  NOT NULL,
    grant_json   CLOB         NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX gov_grant_created ON gov_grant (workspace_id, created_at);

-- The decision with its approvals and history; state and expires_at drive the queue and expiry.
CREATE TABLE gov_decision (
    workspace_id VARCHAR(64)  NOT NULL,
    id           VARCHAR(64)  NOT NULL,
    state        VARCHAR(32)  NOT NULL,
    business_id  VARCHAR(128) NOT NULL,
    grant_id     VARCHAR(64)  NOT NULL,
    contract_id  VARCHAR(64)  NOT NULL,
    proposer     VARCHAR(200) NOT NULL,
    trace_id     VARCHAR(128),
    expires_at   BIGINT       NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    decision     CLOB         NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX gov_decision_state    ON gov_decision (workspace_id, state, expires_at);
CREATE INDEX gov_decision_business ON gov_decision (workspace_id, business_id, state);
CREATE INDEX gov_decision_created  ON gov_decision (workspace_id, created_at);

-- Receipts are found by kind (the receipts log, proof coverage).
CREATE INDEX gov_record_kind ON gov_record (workspace_id, kind, seq);
