package com.headlessanalytics.console.ui.graphql;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One run of the GraphQL screen, as its history keeps it.
 *
 * @param operationName null when none was named
 * @param ranAt         when it was sent, in ms since epoch
 * @param status        the HTTP status of the answer
 * @param millis        how long the answer took
 * @param errors        how many errors the answer listed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphQlRun(String query, String variables, String operationName, long ranAt, int status, long millis,
                         int errors) {

    public GraphQlRun {
        query = query == null ? "" : query;
        variables = variables == null ? "" : variables;
    }

    /** The operation's name, else the document's first line that is not a comment, shortened. */
    public String title() {
        return GraphQlViewModel.title(query, operationName);
    }
}
