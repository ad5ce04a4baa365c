-- Tenancy: every key, event and record belongs to one workspace; every workspace has a default business.
CREATE TABLE workspace (
    id                  VARCHAR(64)  PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    default_business_id VARCHAR(128) NOT NULL,
    created_at          BIGINT       NOT NULL
);

CREATE TABLE business (
    workspace_id VARCHAR(64)  NOT NULL REFERENCES workspace (id),
    id           VARCHAR(128) NOT NULL,
    name         VARCHAR(200) NOT NULL,
    kind         VARCHAR(40)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, id)
);

-- Only a SHA-256 hash of each key is kept; the prefix is shown to people to tell keys apart.
CREATE TABLE api_key (
    id           VARCHAR(40)  PRIMARY KEY,
    workspace_id VARCHAR(64)  NOT NULL REFERENCES workspace (id),
    name         VARCHAR(200) NOT NULL,
    prefix       VARCHAR(32)  NOT NULL,
    secret_hash  CHAR(64)     NOT NULL UNIQUE,
    created_at   BIGINT       NOT NULL,
    revoked_at   BIGINT
);

-- seq is the storage sequence, assigned by the single writer: events are ordered by (ts, seq).
-- Only append-friendly B-tree indexes: time, business and name grow at their right edge, and ids
-- generated here are time-ordered. Lookups by traceId or actor use event_key_block below, because
-- B-tree indexes on such random keys cost three times the ingest throughput (docs/performance.md).
CREATE TABLE event (
    seq          BIGINT          PRIMARY KEY,
    workspace_id VARCHAR(64)     NOT NULL,
    business_id  VARCHAR(128)    NOT NULL,
    id           VARCHAR(256)    NOT NULL,
    event        VARCHAR(128)    NOT NULL,
    ts           BIGINT          NOT NULL,
    received_at  BIGINT          NOT NULL,
    trace_id     VARCHAR(256),
    actor_key    VARCHAR(256),
    trust_tier   CHAR(2),
    envelope     VARCHAR(1000000) NOT NULL,
    CONSTRAINT event_idempotency UNIQUE (workspace_id, id)
);
CREATE INDEX event_by_time     ON event (workspace_id, ts, seq);
CREATE INDEX event_by_business ON event (workspace_id, business_id, ts, seq);
CREATE INDEX event_by_name     ON event (workspace_id, event, ts, seq);

-- A Bloom filter over the traceIds and actor identities of each run of up to 4096 consecutive events
-- of a workspace: a lookup scans only the runs whose filter may hold the key. Written once per run.
CREATE TABLE event_key_block (
    workspace_id VARCHAR(64)     NOT NULL,
    first_seq    BIGINT          NOT NULL,
    last_seq     BIGINT          NOT NULL,
    min_ts       BIGINT          NOT NULL,
    max_ts       BIGINT          NOT NULL,
    event_count  INT             NOT NULL,
    bloom        VARBINARY(65536) NOT NULL,
    PRIMARY KEY (workspace_id, first_seq)
);

-- Maintained at ingest, in the same transaction: what event names exist, how many, since when.
CREATE TABLE event_name_stats (
    workspace_id VARCHAR(64)  NOT NULL,
    business_id  VARCHAR(128) NOT NULL,
    event        VARCHAR(128) NOT NULL,
    event_count  BIGINT       NOT NULL,
    first_ts     BIGINT       NOT NULL,
    last_ts      BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, business_id, event)
);

-- One row per API call served, for the usage screen, quotas and abuse review.
CREATE TABLE usage_record (
    seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id   VARCHAR(64),
    key_id         VARCHAR(40),
    at             BIGINT       NOT NULL,
    method         VARCHAR(10)  NOT NULL,
    endpoint       VARCHAR(200) NOT NULL,
    status         INT          NOT NULL,
    latency_ms     BIGINT       NOT NULL,
    request_bytes  BIGINT       NOT NULL,
    response_bytes BIGINT       NOT NULL,
    query_id       VARCHAR(64)
);
CREATE INDEX usage_by_workspace ON usage_record (workspace_id, at);
