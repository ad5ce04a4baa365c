package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Proof;

/** {@code POST /api/graphql} (docs/api.md, GraphQL). */
final class GraphQlRoute {
    private GraphQlRoute() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    static Answer answer(HeadlessApi port, AnalyticsRoutes.Request request) {
        throw new UnsupportedOperationException("GraphQL: issue 11, being built");
    }
}
