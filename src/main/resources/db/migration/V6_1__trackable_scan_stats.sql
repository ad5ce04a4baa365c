-- Maintained at ingest, in the same transaction: how many stored events carry each trackable code,
-- and the latest of their timestamps, so a list of trackables with their scans reads one row per
-- trackable instead of counting index entries (docs/performance.md, Trackables).
CREATE TABLE trackable_scan_stats (
    workspace_id   VARCHAR(64)  NOT NULL,
    trackable_code VARCHAR(256) NOT NULL,
    scan_count     BIGINT       NOT NULL,
    last_ts        BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, trackable_code)
);
INSERT INTO trackable_scan_stats (workspace_id, trackable_code, scan_count, last_ts)
    SELECT workspace_id, trackable_code, COUNT(*), MAX(ts) FROM event WHERE trackable_code IS NOT NULL
    GROUP BY workspace_id, trackable_code;
