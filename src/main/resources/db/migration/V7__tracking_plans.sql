-- Tracking plans (docs/api.md, Tracking plans): one row per plan, its JSON body as the API shows it.
-- The warnings a plan in warn mode notes on an event are stored inside the event's envelope
-- ("warnings"), so ingest without plans writes exactly what it wrote before.
CREATE TABLE tracking_plan (
    workspace_id VARCHAR(64)      NOT NULL REFERENCES workspace (id),
    id           VARCHAR(64)      NOT NULL,
    body         VARCHAR(1000000) NOT NULL,
    updated_at   BIGINT           NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
