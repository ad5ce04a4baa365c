package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.Proof;

/** {@code GET /api/openapi}: the OpenAPI 3.1 document of the routes this server answers (docs/api.md, OpenAPI). */
final class OpenApiRoute {
    private OpenApiRoute() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    static Answer answer(ServeConfig config, AnalyticsRoutes.Request request) {
        throw new UnsupportedOperationException("OpenAPI: issue 11, being built");
    }
}
