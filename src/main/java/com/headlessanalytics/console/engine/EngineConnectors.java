package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Connectors;

/** Connector ingest on the engine (docs/connectors.md): provider records mapped by the connectors layer, then stored like ingest. */
final class EngineConnectors {

    Connectors.Result ingest(Connectors.Request request) {
        throw new UnsupportedOperationException("connector ingest: being built (issue 12)");
    }

    Connectors.Providers providers() {
        throw new UnsupportedOperationException("connector providers: being built (issue 12)");
    }
}
