-- Analytics facts of each event, written at ingest so the in-memory analytics projection can be
-- rebuilt on start from narrow columns, without parsing envelopes (docs/performance.md).
-- Touchpoint fields and revenue follow PRODUCT.md §4; flags: 1 = has a trackable, 2 = has a
-- decisionId, 4 = has a proofId. Rows stored before this version get them from a one-off backfill.
ALTER TABLE event ADD COLUMN touch_source   VARCHAR(256);
ALTER TABLE event ADD COLUMN touch_channel  VARCHAR(256);
ALTER TABLE event ADD COLUMN touch_campaign VARCHAR(256);
ALTER TABLE event ADD COLUMN touch_medium   VARCHAR(256);
ALTER TABLE event ADD COLUMN revenue        DECIMAL(38, 6);
ALTER TABLE event ADD COLUMN flags          INT;

-- One-off jobs the engine runs on open and then deletes.
CREATE TABLE engine_job (
    name       VARCHAR(64) PRIMARY KEY,
    created_at BIGINT      NOT NULL
);
INSERT INTO engine_job (name, created_at)
    SELECT 'backfill_analytics_columns', 0 FROM (VALUES (1)) WHERE EXISTS (SELECT 1 FROM event);

-- Reusable metric definitions, by name within a workspace.
CREATE TABLE metric_definition (
    workspace_id VARCHAR(64)   NOT NULL,
    name         VARCHAR(128)  NOT NULL,
    event        VARCHAR(128)  NOT NULL,
    aggregation  VARCHAR(20)   NOT NULL,
    property     VARCHAR(200),
    description  VARCHAR(1000),
    updated_at   BIGINT        NOT NULL,
    PRIMARY KEY (workspace_id, name)
);

-- Metric values persisted by persistSnapshots, for reports and history.
CREATE TABLE metric_snapshot (
    id           VARCHAR(64)    PRIMARY KEY,
    workspace_id VARCHAR(64)    NOT NULL,
    business_id  VARCHAR(128)   NOT NULL,
    metric       VARCHAR(128)   NOT NULL,
    metric_value DECIMAL(38, 6) NOT NULL,
    from_ts      BIGINT,
    to_ts        BIGINT,
    computed_at  BIGINT         NOT NULL,
    query_id     VARCHAR(64)    NOT NULL
);
CREATE INDEX metric_snapshot_by_time ON metric_snapshot (workspace_id, computed_at);
