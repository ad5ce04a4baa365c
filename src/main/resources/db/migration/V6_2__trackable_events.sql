-- The events that carry a trackable code, for the ?trackable= drill-down. This replaces the index
-- event_by_trackable of V6: as a sixth B-tree on event every event paid for it, and ingest of events
-- without a trackable ran about 25% slower (docs/performance.md, Trackables); this table is written
-- only for the events that carry a code, in the same transaction, beside trackable_scan_stats.
-- Its columns have names of their own so that a join with event reads it in key order, unambiguously.
DROP INDEX event_by_trackable;
CREATE TABLE trackable_event (
    t_workspace VARCHAR(64)  NOT NULL,
    t_code      VARCHAR(256) NOT NULL,
    t_ts        BIGINT       NOT NULL,
    t_seq       BIGINT       NOT NULL,
    PRIMARY KEY (t_workspace, t_code, t_ts, t_seq)
);
INSERT INTO trackable_event (t_workspace, t_code, t_ts, t_seq)
    SELECT workspace_id, trackable_code, ts, seq FROM event WHERE trackable_code IS NOT NULL;
