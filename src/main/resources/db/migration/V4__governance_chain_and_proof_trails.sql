-- The hash chain of governance records, one per workspace (docs/governance.md). Each row holds the
-- whole record as RFC 8785 canonical JSON, with seq, prevHash, recordHash, keyId and signature in it;
-- the columns beside it are copies for lookups. Rows are never updated or deleted.
CREATE TABLE gov_record (
    workspace_id VARCHAR(64)  NOT NULL,
    seq          BIGINT       NOT NULL,
    kind         VARCHAR(64)  NOT NULL,
    object_id    VARCHAR(64)  NOT NULL,
    decision_id  VARCHAR(64),
    trace_id     VARCHAR(128),
    at           BIGINT       NOT NULL,
    record_hash  VARCHAR(64)  NOT NULL,
    record       CLOB         NOT NULL,
    PRIMARY KEY (workspace_id, seq)
);
CREATE INDEX gov_record_object   ON gov_record (workspace_id, object_id);
CREATE INDEX gov_record_decision ON gov_record (workspace_id, decision_id);
CREATE INDEX gov_record_trace    ON gov_record (workspace_id, trace_id);
CREATE INDEX gov_record_at       ON gov_record (workspace_id, at);

-- Exported proof packets: the .haproof file lives in the data folder, its summary here.
CREATE TABLE proof_trail (
    workspace_id VARCHAR(64)   NOT NULL,
    id           VARCHAR(64)   PRIMARY KEY,
    title        VARCHAR(500)  NOT NULL,
    created_at   BIGINT        NOT NULL,
    created_by   VARCHAR(200)  NOT NULL,
    location     VARCHAR(2000) NOT NULL,
    bytes        BIGINT        NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    merkle_root  VARCHAR(64)   NOT NULL,
    chain_head   VARCHAR(64),
    counts       CLOB          NOT NULL,
    manifest     CLOB          NOT NULL,
    push         CLOB
);
CREATE INDEX proof_trail_created ON proof_trail (workspace_id, created_at);

-- Per-workspace governance settings (e.g. the SovereignProof push endpoint), by name.
CREATE TABLE gov_setting (
    workspace_id VARCHAR(64)   NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    setting      VARCHAR(4000) NOT NULL,
    PRIMARY KEY (workspace_id, name)
);
