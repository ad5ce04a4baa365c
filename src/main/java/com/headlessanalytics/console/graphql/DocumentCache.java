package com.headlessanalytics.console.graphql;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The parsed and validated documents of the last {@value #ENTRIES} distinct query texts of at most
 * {@value #MAX_CHARS} characters, so a client repeating a query (a screen polling, a pager) skips
 * parsing and validation. Only documents that parsed and validated are kept; validation depends on
 * the schema alone, and variables are applied per request.
 */
final class DocumentCache implements PreparsedDocumentProvider {
    static final int ENTRIES = 256;
    static final int MAX_CHARS = 10_000;

    private final Map<String, PreparsedDocumentEntry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
            return size() > ENTRIES;
        }
    };

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query.length() > MAX_CHARS) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        PreparsedDocumentEntry entry;
        synchronized (entries) {
            entry = entries.get(query);
        }
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                synchronized (entries) {
                    entries.put(query, entry);
                }
            }
        }
        return CompletableFuture.completedFuture(entry);
    }
}
