package com.headlessanalytics.console.ui.graphql;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A query saved under a name, with its variables (JSON text) and operation name (null for none). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedQuery(String name, String query, String variables, String operationName, long savedAt) {

    public SavedQuery {
        query = query == null ? "" : query;
        variables = variables == null ? "" : variables;
    }

    public SavedQuery withName(String newName) {
        return new SavedQuery(newName, query, variables, operationName, savedAt);
    }

    @Override
    public String toString() {
        return name;
    }
}
