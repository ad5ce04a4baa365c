-- Destination exports (docs/exports.md, Receipts): one row per export, written before its delivery
-- (status running) and finished as succeeded or failed; an export still running when the engine
-- starts was cut off and is marked failed ("interrupted"). The receipt and the request are kept as
-- the API shows them, with every secret of the config removed. staged_id names the export whose
-- folder (<data folder>/exports/<workspace>/<staged_id>) holds the files: a retry re-delivers them.
CREATE TABLE export_receipt (
    workspace_id     VARCHAR(64)      NOT NULL REFERENCES workspace (id),
    id               VARCHAR(64)      NOT NULL,
    destination      VARCHAR(16)      NOT NULL,
    status           VARCHAR(16)      NOT NULL,
    started_at       BIGINT           NOT NULL,
    finished_at      BIGINT,
    idempotency_root VARCHAR(64)      NOT NULL,
    retry_of         VARCHAR(64),
    staged_id        VARCHAR(64)      NOT NULL,
    staged_files     VARCHAR(1000000) NOT NULL,
    request          VARCHAR(1000000) NOT NULL,
    receipt          VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX export_receipt_by_time ON export_receipt (workspace_id, started_at, id);
CREATE INDEX export_receipt_running ON export_receipt (status);
