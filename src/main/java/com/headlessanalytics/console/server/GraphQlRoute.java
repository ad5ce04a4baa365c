package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.graphql.GraphQlService;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/graphql} (docs/api.md, GraphQL): the body {@code {query, variables,
 * operationName}} read strictly like every query body (415, 413, {@code malformed_json} and
 * {@code invalid_input} as for the other routes), run by the one shared {@link GraphQlService},
 * answered with its status and the server's proof in {@code extensions.proof}.
 */
final class GraphQlRoute {
    private static final GraphQlService SERVICE = new GraphQlService();
    private static final Set<String> NONE = Set.of();

    private GraphQlRoute() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    /**
     * The request body of GraphQL over HTTP; {@code extensions} (e.g. a client's persisted-query
     * hash) is accepted and not used.
     */
    record Body(String query, Map<String, Object> variables, String operationName, Map<String, Object> extensions) {
    }

    static Answer answer(HeadlessApi port, AnalyticsRoutes.Request request) {
        request.params(NONE);
        Body body = request.body(Body.class);
        if (body.query() == null || body.query().isBlank()) {
            throw ApiException.invalid("the body has no query: send {\"query\": \"{ ... }\", \"variables\": {...}}",
                    List.of(new FieldError(null, "query", "required", "is required: a GraphQL document")));
        }
        Proof proof = request.proof();
        GraphQl.Response response = SERVICE.execute(port,
                new GraphQl.Request(body.query(), body.variables(), body.operationName()), proof);
        return new Answer(response.status(), response.body(), proof);
    }
}
