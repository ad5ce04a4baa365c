package com.headlessanalytics.console.ui.exports;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.FieldError;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port over a real engine whose export calls behave as the export contract says: each export
 * leaves a receipt (its config without secrets); a delivery that fails (while {@link #failDeliveries})
 * stores a failed receipt and answers 502 destination_failed naming the export;
 * retry runs a failed export again as a new one. Records every request and retry as sent.
 */
final class FakeExportPort {
    /** A retry as the port received it. */
    record Retry(String exportId, Exports.RetryRequest request) {
    }

    final List<Exports.Request> requests = new CopyOnWriteArrayList<>();
    final List<Retry> retries = new CopyOnWriteArrayList<>();
    final List<Exports.Receipt> receipts = new CopyOnWriteArrayList<>();
    private final HeadlessApi engine;
    boolean listsReceipts = true;
    /** Deliveries fail while set (the destination is unreachable). */
    boolean failDeliveries;
    int receiptReads;
    private int next = 1;

    FakeExportPort(HeadlessApi engine) {
        this.engine = engine;
    }

    HeadlessApi port() {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(),
                new Class<?>[] {HeadlessApi.class}, (p, method, args) -> switch (method.getName()) {
                    case "capabilities" -> listsReceipts ? Capabilities.ALL
                            : new Capabilities(EnumSet.complementOf(EnumSet.of(Capabilities.Feature.EXPORT_RECEIPTS)));
                    case "exportToDestination" -> export((Exports.Request) args[0]);
                    case "exportReceipts" -> {
                        if (!listsReceipts) {
                            throw ApiException.notOffered(Capabilities.Feature.EXPORT_RECEIPTS);
                        }
                        receiptReads++;
                        yield new Exports.Receipts(List.copyOf(receipts.reversed()), null);
                    }
                    case "retryExport" -> retry((String) args[0], (Exports.RetryRequest) args[1]);
                    default -> {
                        try {
                            yield method.invoke(engine, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    static Map<String, Object> withoutSecrets(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (k.equals("headers") && v instanceof Map<?, ?> headers) {
                Map<String, Object> kept = new LinkedHashMap<>();
                headers.forEach((h, value) -> {
                    if (!Exports.isSecretKey(String.valueOf(h))) {
                        kept.put(String.valueOf(h), value);
                    }
                });
                out.put(k, kept);
            } else if (!Exports.isSecretKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Exports.Result export(Exports.Request request) {
        requests.add(request);
        return deliver(request.destination(), request.config(), null);
    }

    private Exports.Result deliver(String destination, Map<String, Object> config, String retryOf) {
        String id = "exp_" + next++;
        long started = 1_764_900_000_000L + next * 3_600_000L;
        boolean fails = failDeliveries;
        String sha = "9f2c41d7b3a8e6f01c5d2b7a9e4f8c3d1a6b0e7f2c9d4a8b3e1f6c0d7a2b5e9f";
        List<Exports.File> files = switch (destination) {
            case "bigquery" -> List.of(new Exports.File("events.ndjson", "/data/exports/ws/" + id + "/events.ndjson",
                    48_213, sha, "application/x-ndjson"), new Exports.File("schema.json", "/data/exports/ws/" + id
                    + "/schema.json", 1_204, "4b1e" + sha.substring(4), "application/json"));
            default -> List.of(new Exports.File("part-00000.jsonl", "s3://" + config.get("bucket") + "/"
                    + config.getOrDefault("prefix", "") + id + "/part-00000.jsonl", 48_213, sha, "application/x-ndjson"));
        };
        String location = destination.equals("bigquery") ? "/data/exports/ws/" + id
                : "s3://" + config.get("bucket") + "/" + config.getOrDefault("prefix", "") + id + "/";
        String load = destination.equals("bigquery") ? "bq load --source_format=NEWLINE_DELIMITED_JSON "
                + config.get("projectId") + ":" + config.get("datasetId") + "." + config.get("tableId")
                + " /data/exports/ws/" + id + "/events.ndjson /data/exports/ws/" + id + "/schema.json" : null;
        Exports.Receipt receipt = new Exports.Receipt(id, destination, fails ? 0 : 412, fails ? null : sha,
                location, fails ? Exports.FAILED : Exports.SUCCEEDED, started, started + 2_300,
                fails ? "The destination could not be reached: connection refused (s3.unreachable.example:443)" : null,
                destination.equals("bigquery") ? "ndjson" : "jsonl", fails ? List.of() : files, load, retryOf,
                withoutSecrets(config));
        receipts.add(receipt);
        if (fails) {
            throw ApiException.destinationFailed("The export could not be delivered: connection refused",
                    List.of(new FieldError(null, "exportId", "destination_failed", id)));
        }
        return new Exports.Result(receipt, null);
    }

    private Exports.Result retry(String exportId, Exports.RetryRequest request) {
        retries.add(new Retry(exportId, request));
        Exports.Receipt failed = receipts.stream().filter(r -> r.exportId().equals(exportId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No export " + exportId));
        if (!Exports.FAILED.equals(failed.status())) {
            throw ApiException.conflict("Export " + exportId + " did not fail.");
        }
        Map<String, Object> config = new LinkedHashMap<>(request.config() == null ? failed.config() : request.config());
        return deliver(failed.destination(), config, exportId);
    }

    List<Exports.Receipt> receipts() {
        return new ArrayList<>(receipts);
    }
}
