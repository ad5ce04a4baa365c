package com.headlessanalytics.console.api;

import java.util.Map;

/**
 * {@code POST /api/graphql} as the console's GraphQL screen uses it: a document, its variables and
 * operation, and the answer as the server gave it ({@code data}, {@code errors}, {@code extensions}).
 */
public final class GraphQl {
    private GraphQl() {
    }

    public record Request(String query, Map<String, Object> variables, String operationName) {
    }

    /**
     * The HTTP status (200, or 400 for a document that did not parse or validate) and the body as
     * plain JSON values (maps, lists, strings, numbers, booleans, null).
     */
    public record Response(int status, Map<String, Object> body) {
    }

    /** Runs GraphQL documents: the embedded schema over a port, or a server's {@code /api/graphql}. */
    public interface Endpoint {
        Response execute(Request request);
    }
}
