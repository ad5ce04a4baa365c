package com.headlessanalytics.console.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GraphQL documents the remote client sends when a read has no REST path on the server: one
 * per read, in resources {@code remote/graphql/NAME.graphql}, each selecting every field of the
 * record the REST path gives.
 */
final class GraphQlDocuments {
    /** Every document, by name. */
    static final List<String> NAMES = List.of("events", "eventNames", "metricDefinitions", "metricSnapshots",
            "funnel", "funnelActors", "attribution", "businessHealth", "decisions", "receipts", "proofTrails",
            "trackingPlans", "trackingPlanViolations", "agentPerformance", "workflowStatus");

    private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();

    private GraphQlDocuments() {
    }

    static String text(String name) {
        return TEXTS.computeIfAbsent(name, GraphQlDocuments::load);
    }

    private static String load(String name) {
        String resource = "graphql/" + name + ".graphql";
        try (InputStream in = GraphQlDocuments.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no GraphQL document " + resource + " beside " + GraphQlDocuments.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GraphQL document " + resource, e);
        }
    }
}
