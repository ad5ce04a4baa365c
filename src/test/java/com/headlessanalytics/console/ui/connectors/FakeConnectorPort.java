package com.headlessanalytics.console.ui.connectors;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port over a real engine whose connector calls map Shopify-like order records the way the
 * connector contract says (event id from provider, type and record id; a missing id is a warning;
 * a bad {@code total_price} an error; a batch with an error is refused with 400 naming each index;
 * a dry run stores nothing) and store the events through the engine's own ingest. Records every
 * connector request. Where the server "does not list providers", capabilities say so.
 */
final class FakeConnectorPort {
    final List<Connectors.Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> stored = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HeadlessApi engine;
    boolean listsProviders = true;

    FakeConnectorPort(HeadlessApi engine) {
        this.engine = engine;
    }

    static final List<Connectors.Provider> PROVIDERS = List.of(
            new Connectors.Provider("shopify", "Shopify", "commerce", "docs/connectors.md#shopify", List.of(
                    new Connectors.RecordType("order", "order.created", "An order"),
                    new Connectors.RecordType("refund", "order.refunded", "A refund"))),
            new Connectors.Provider("stripe", "Stripe", "payments", "docs/connectors.md#stripe", List.of(
                    new Connectors.RecordType("charge", "payment.succeeded", "A charge"))),
            new Connectors.Provider("hubspot", "HubSpot", "crm", "docs/connectors.md#hubspot", List.of(
                    new Connectors.RecordType("contact", "lead.created", "A contact"))));

    HeadlessApi port() {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(),
                new Class<?>[] {HeadlessApi.class}, (p, method, args) -> switch (method.getName()) {
                    case "capabilities" -> listsProviders ? Capabilities.ALL
                            : new Capabilities(EnumSet.complementOf(EnumSet.of(
                                    Capabilities.Feature.CONNECTOR_PROVIDERS)));
                    case "connectorProviders" -> {
                        if (!listsProviders) {
                            throw ApiException.notOffered(Capabilities.Feature.CONNECTOR_PROVIDERS);
                        }
                        yield new Connectors.Providers(PROVIDERS, null);
                    }
                    case "connectorIngest" -> ingest((Connectors.Request) args[0]);
                    default -> {
                        try {
                            yield method.invoke(engine, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    private Connectors.Result ingest(Connectors.Request request) {
        requests.add(request);
        String type = request.recordType() == null ? "order" : request.recordType();
        List<Connectors.RecordResult> results = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        List<FieldError> refused = new ArrayList<>();
        for (int i = 0; i < request.records().size(); i++) {
            Map<String, Object> r = request.records().get(i);
            List<Connectors.Note> warnings = new ArrayList<>();
            List<Connectors.Note> errors = new ArrayList<>();
            Object rawId = r.get("id");
            String recordId = rawId == null ? null : String.valueOf(rawId);
            String id = request.provider() + ":" + type + ":" + (recordId == null
                    ? "content:" + Integer.toHexString(r.hashCode()) : recordId);
            if (recordId == null) {
                warnings.add(new Connectors.Note("id", "missing_id", "The record has no id; its id is derived from"
                        + " its content."));
            }
            BigDecimal total = null;
            try {
                total = new BigDecimal(String.valueOf(r.get("total_price")));
            } catch (NumberFormatException e) {
                errors.add(new Connectors.Note("total_price", "invalid", "must be a decimal number, got \""
                        + r.get("total_price") + "\""));
                refused.add(new FieldError(i, "total_price", "invalid", "must be a decimal number"));
            }
            Event event = null;
            if (errors.isEmpty()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", id);
                e.put("event", "order.created");
                e.put("timestamp", Long.parseLong(String.valueOf(r.get("created_at"))));
                e.put("actor", Map.of("type", "customer", "id", r.get("email")));
                e.put("source", Map.of("connector", request.provider()));
                e.put("properties", Map.of("revenue", total.toPlainString(), "currency", r.get("currency")));
                events.add(e);
                event = ApiJson.mapper().convertValue(e, Event.class);
            }
            results.add(new Connectors.RecordResult(i, recordId, type, errors.isEmpty() ? id : null, event,
                    errors.isEmpty() && stored.contains(id), warnings, errors));
        }
        int failed = (int) results.stream().filter(r -> !r.errors().isEmpty()).count();
        boolean dry = Boolean.TRUE.equals(request.dryRun());
        if (!dry && !refused.isEmpty()) {
            throw ApiException.invalid("The batch has invalid records; nothing was stored.", refused);
        }
        int accepted = 0;
        int duplicates = (int) results.stream().filter(Connectors.RecordResult::duplicate).count();
        if (!dry) {
            IngestResult r = engine.ingest(events);
            accepted = r.accepted();
            duplicates = r.duplicates();
            events.forEach(e -> stored.add((String) e.get("id")));
        }
        return new Connectors.Result(request.provider(), dry, request.records().size(), accepted, duplicates, failed,
                results, null);
    }

    /** Order records {@code from}..{@code to} (1-based, inclusive), one per line. */
    static List<Map<String, Object>> orders(int from, int to) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", "order_" + n);
            r.put("total_price", (100 + n) + ".50");
            r.put("currency", "USD");
            r.put("email", "buyer" + (n % 40) + "@example.com");
            r.put("created_at", 1_764_600_000_000L + n * 60_000L);
            out.add(r);
        }
        return out;
    }

    static Path ndjson(Path file, List<Map<String, Object>> records) throws IOException {
        List<String> lines = new ArrayList<>();
        records.forEach(r -> lines.add(ApiJson.write(r)));
        Files.write(file, lines);
        return file;
    }

    /** Reads NDJSON files, as the composition's RecordFiles adapter does for the wizard. */
    static final RecordReader NDJSON = file -> {
        BufferedReader in = Files.newBufferedReader(file);
        int[] line = {0};
        return new RecordReader.Chunks() {
            @Override
            @SuppressWarnings("unchecked")
            public List<Map<String, Object>> next(int max) throws IOException {
                List<Map<String, Object>> chunk = new ArrayList<>();
                String text;
                while (chunk.size() < max && (text = in.readLine()) != null) {
                    line[0]++;
                    if (!text.isBlank()) {
                        Object value = ApiJson.read(text);
                        if (!(value instanceof Map)) {
                            throw new IOException("line " + line[0] + ": not a JSON object");
                        }
                        chunk.add((Map<String, Object>) value);
                    }
                }
                return chunk;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    };

    Set<String> storedIds() {
        return new HashSet<>(stored);
    }
}
