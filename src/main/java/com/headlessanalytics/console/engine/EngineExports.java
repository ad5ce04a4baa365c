package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Exports;
import java.time.Clock;

/** Destination exports on the engine (docs/exports.md): events read in pages, written by the exports layer, receipts stored. */
final class EngineExports {
    private final Database db;
    private final EventStore events;
    private final Clock clock;

    EngineExports(Database db, EventStore events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    Exports.Result export(String workspaceId, Exports.Request request) {
        throw new UnsupportedOperationException("destination export: being built (issue 12)");
    }

    Exports.Receipts receipts(String workspaceId, Integer limit) {
        throw new UnsupportedOperationException("export receipts: being built (issue 12)");
    }

    Exports.Result retry(String workspaceId, String exportId, Exports.RetryRequest request) {
        throw new UnsupportedOperationException("export retry: being built (issue 12)");
    }
}
