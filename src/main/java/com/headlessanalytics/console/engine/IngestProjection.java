package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.domain.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Something kept up to date at ingest: rollups and projections run inside the ingest transaction
 * with the events just stored, so they commit, or roll back, together with them.
 */
interface IngestProjection {

    /** An event as stored, with its storage sequence. */
    record Stored(long seq, Event event) {
    }

    void onStored(Connection connection, String workspaceId, List<Stored> stored) throws SQLException;
}
