package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.domain.Event;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The {@code event} row the engine writes for an event, for benchmarks whose raw JDBC baseline
 * must insert exactly the same rows (every column, analytics facts included) as the engine.
 */
public final class EventRows {
    /** The engine's insert statement, with one parameter per column. */
    public static final String INSERT = EventStore.INSERT;

    private EventRows() {
    }

    /** Binds one event's row to {@link #INSERT} and adds it to the statement's batch. */
    public static void addBatch(PreparedStatement insert, long seq, String workspaceId, Event e, String envelope)
            throws SQLException {
        EventStore.bind(insert, seq, workspaceId, e, envelope);
    }

    /** The JSON the engine stores as the event's envelope. */
    public static String envelope(Event e) {
        return EventStore.toJson(e);
    }
}
