package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connector ingest and destination exports in memory, for route and remote tests beside the engine:
 * the rules the routes' statuses come from, as docs/api.md states them. Connectors: provider
 * {@code shopify} only, each record an {@code order.created} with id {@code shopify:order:<id>}, a
 * non-numeric {@code total_price} an error at that field (400 unless a dry run), a repeat a duplicate.
 * Exports: an unknown destination is 400 naming {@code destination}; an {@code https} export whose
 * {@code config.url} contains "unreachable" fails (502, a failed receipt); secret config keys are never
 * kept. One instance is one workspace.
 */
final class FakeIntegrations {
    private final String workspaceId;
    private final Set<String> stored = new HashSet<>();
    private final List<Exports.Receipt> receipts = new ArrayList<>();
    private long next;

    FakeIntegrations(String workspaceId) {
        this.workspaceId = workspaceId;
    }

    synchronized Connectors.Result ingest(Connectors.Request request) {
        if (!"shopify".equals(request.provider())) {
            throw ApiException.invalid("unknown provider", List.of(new FieldError(null, "provider", "invalid_value",
                    "must be a provider of GET /api/connectors/providers")));
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        long now = System.currentTimeMillis();
        List<Connectors.RecordResult> results = new ArrayList<>();
        List<FieldError> refused = new ArrayList<>();
        Set<String> batch = new HashSet<>();
        for (int i = 0; i < request.records().size(); i++) {
            Map<String, Object> record = request.records().get(i);
            String recordId = String.valueOf(record.get("id"));
            String eventId = "shopify:order:" + recordId;
            List<Connectors.Note> errors = new ArrayList<>();
            if (record.containsKey("total_price") && !(record.get("total_price") instanceof Number)) {
                errors.add(new Connectors.Note("total_price", "invalid_value", "must be a decimal amount"));
                refused.add(new FieldError(i, "total_price", "invalid_value", "must be a decimal amount"));
            }
            Map<String, Object> properties = new LinkedHashMap<>(record);
            properties.remove("id");
            Event event = errors.isEmpty() ? new Event(eventId, "order.created", "default", now, now, null,
                    Map.of("type", "order", "id", recordId), null, null, Map.of("connector", "shopify"), null, null,
                    null, null, null, null, null, null, properties) : null;
            boolean duplicate = errors.isEmpty() && (stored.contains(eventId) || !batch.add(eventId));
            results.add(new Connectors.RecordResult(i, recordId, "order", errors.isEmpty() ? eventId : null, event,
                    duplicate, List.of(), errors));
        }
        if (!dryRun && !refused.isEmpty()) {
            throw ApiException.invalid(refused.size() + " of " + results.size()
                    + " records cannot be mapped; nothing was stored", refused);
        }
        int duplicates = (int) results.stream().filter(Connectors.RecordResult::duplicate).count();
        int failed = (int) results.stream().filter(r -> !r.errors().isEmpty()).count();
        if (!dryRun) {
            results.forEach(r -> stored.add(r.eventId()));
        }
        return new Connectors.Result("shopify", dryRun, results.size(), results.size() - duplicates - failed,
                duplicates, failed, results, proof());
    }

    Connectors.Providers providers() {
        return new Connectors.Providers(List.of(new Connectors.Provider("shopify", "Shopify", "commerce",
                "docs/connectors.md#shopify", List.of(new Connectors.RecordType("order", "order.created",
                        "An order")))), proof());
    }

    synchronized Exports.Result export(Exports.Request request) {
        if (request.destination() == null || !Exports.DESTINATIONS.contains(request.destination())) {
            throw ApiException.invalid("Invalid export request", List.of(new FieldError(null, "destination",
                    "invalid_value", "must be one of " + String.join(", ", Exports.DESTINATIONS))));
        }
        return deliver(request.destination(), request.config(), null);
    }

    synchronized Exports.Receipts receipts(Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw ApiException.invalid("invalid limit", List.of(new FieldError(null, "limit", "invalid_value",
                    "must be between 1 and 1000")));
        }
        List<Exports.Receipt> newestFirst = new ArrayList<>(receipts.reversed());
        return new Exports.Receipts(newestFirst.subList(0, Math.min(n, newestFirst.size())), proof());
    }

    synchronized Exports.Result retry(String exportId, Exports.RetryRequest request) {
        Exports.Receipt failed = receipts.stream().filter(r -> r.exportId().equals(exportId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no export '" + exportId + "' in this workspace"));
        if (!Exports.FAILED.equals(failed.status())) {
            throw ApiException.conflict("export '" + exportId + "' did not fail; only a failed export can be retried");
        }
        return deliver(failed.destination(), request.config() == null ? failed.config() : request.config(), exportId);
    }

    private Exports.Result deliver(String destination, Map<String, Object> config, String retryOf) {
        String exportId = "exp_" + (++next);
        long now = System.currentTimeMillis();
        Map<String, Object> kept = new LinkedHashMap<>();
        if (config != null) {
            config.forEach((k, v) -> {
                String key = k.toLowerCase(Locale.ROOT);
                if (!key.contains("secret") && !key.contains("token") && !key.contains("apikey")
                        && !key.contains("password")) {
                    kept.put(k, v);
                }
            });
        }
        boolean fails = "https".equals(destination) && String.valueOf(kept.get("url")).contains("unreachable");
        String error = fails ? kept.get("url") + " could not be reached: connection refused (3 attempts)" : null;
        Exports.Receipt receipt = new Exports.Receipt(exportId, destination, 2, "0".repeat(64),
                "exports/" + workspaceId + "/" + exportId, fails ? Exports.FAILED : Exports.SUCCEEDED, now, now,
                error, "ndjson", List.of(new Exports.File("events.ndjson", "exports/" + workspaceId + "/" + exportId
                        + "/events.ndjson", 10, "0".repeat(64), "application/x-ndjson")),
                "bigquery".equals(destination) ? "bq load events.ndjson" : null, retryOf, kept);
        receipts.add(receipt);
        if (fails) {
            throw ApiException.destinationFailed(error, List.of(new FieldError(null, "exportId",
                    "destination_failed", exportId)));
        }
        return new Exports.Result(receipt, proof());
    }

    private Proof proof() {
        long now = System.currentTimeMillis();
        return new Proof(Ids.newId("q", now), workspaceId, null, new Period(null, null), now, Proof.SCHEMA_VERSION);
    }
}
