-- The operating graph (docs/graph.md), maintained at ingest in the same transaction as the events.
-- An entity: name and each property keep the value of the mention with the latest (ts, seq), with
-- its stamp, so events in any order give the same entity. properties is JSON:
-- {"key": {"v": value, "t": ts, "s": seq}, ...}.
CREATE TABLE entity (
    workspace_id VARCHAR(64)      NOT NULL,
    e_type       VARCHAR(64)      NOT NULL,
    e_id         VARCHAR(256)     NOT NULL,
    name         VARCHAR(200),
    name_ts      BIGINT,
    name_seq     BIGINT,
    properties   VARCHAR(1000000),
    first_seen   BIGINT           NOT NULL,
    last_seen    BIGINT           NOT NULL,
    event_count  BIGINT           NOT NULL,
    PRIMARY KEY (workspace_id, e_type, e_id)
);
-- A relationship, counted over the events that add it.
CREATE TABLE entity_relationship (
    workspace_id VARCHAR(64)  NOT NULL,
    from_type    VARCHAR(64)  NOT NULL,
    from_id      VARCHAR(256) NOT NULL,
    relation     VARCHAR(200) NOT NULL,
    to_type      VARCHAR(64)  NOT NULL,
    to_id        VARCHAR(256) NOT NULL,
    rel_count    BIGINT       NOT NULL,
    first_seen   BIGINT       NOT NULL,
    last_seen    BIGINT       NOT NULL,
    PRIMARY KEY (workspace_id, from_type, from_id, relation, to_type, to_id)
);
CREATE INDEX entity_relationship_in ON entity_relationship (workspace_id, to_type, to_id);
-- The events that mention each entity, by time; joined with event for an entity's timeline.
CREATE TABLE entity_event (
    x_workspace VARCHAR(64)  NOT NULL,
    x_type      VARCHAR(64)  NOT NULL,
    x_id        VARCHAR(256) NOT NULL,
    x_ts        BIGINT       NOT NULL,
    x_seq       BIGINT       NOT NULL,
    PRIMARY KEY (x_workspace, x_type, x_id, x_ts, x_seq)
);
-- Events stored before this version are added to the graph after opening, in chunks from
-- next_seq up to last_seq; the merge rules do not depend on order, so new events may come first.
CREATE TABLE entity_backfill (
    next_seq BIGINT NOT NULL,
    last_seq BIGINT NOT NULL
);
INSERT INTO entity_backfill (next_seq, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM event;
