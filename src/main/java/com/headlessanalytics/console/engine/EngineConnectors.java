package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.connectors.ConnectorRegistry;
import com.headlessanalytics.console.connectors.MappedRecord;
import com.headlessanalytics.console.connectors.ProviderMapping;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connector ingest on the engine (docs/connectors.md): each record mapped by its provider's mapping
 * (connectors layer), the mapped envelope checked by the validator ingest uses, then the batch
 * stored through the bulk-import path (tracking plans, one transaction, duplicates by id, rows
 * written in time order: {@link EngineApi#persistInTimeOrder}).
 */
final class EngineConnectors {
    private final EngineApi engine;
    private final ConnectorRegistry registry;

    EngineConnectors(EngineApi engine, ConnectorRegistry registry) {
        this.engine = engine;
        this.registry = registry;
    }

    Connectors.Providers providers() {
        long now = engine.now();
        return new Connectors.Providers(registry.describe(), engine.proofFor(null, new Period(null, null), now));
    }

    /** One record on its way: what the mapping gave, then the validated event and its stored JSON. */
    private static final class Item {
        final MappedRecord mapped;
        final List<Connectors.Note> warnings;
        final List<Connectors.Note> errors;
        Event event;
        String json;
        boolean duplicate;

        Item(MappedRecord mapped) {
            this.mapped = mapped;
            this.warnings = new ArrayList<>(mapped.warnings());
            this.errors = new ArrayList<>(mapped.errors());
        }
    }

    /**
     * A request's records mapped and validated, nothing looked up or stored yet: what
     * {@link #prepare} hands to {@link #finish}.
     */
    static final class Prepared {
        private final ProviderMapping provider;
        private final boolean dryRun;
        private final long now;
        private final List<Item> items;

        private Prepared(ProviderMapping provider, boolean dryRun, long now, List<Item> items) {
            this.provider = provider;
            this.dryRun = dryRun;
            this.now = now;
            this.items = items;
        }

        int size() {
            return items.size();
        }
    }

    Connectors.Result ingest(Connectors.Request request) {
        return finish(prepare(request));
    }

    /**
     * Checks the request and maps and validates each record; touches no table, so it may run on
     * one thread while {@link #finish} stores an earlier request on another. Request-level problems
     * (provider, record type, record count, businessId) throw 400/413 here.
     */
    Prepared prepare(Connectors.Request request) {
        ProviderMapping provider = checkRequest(request);
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        long now = engine.now();
        String business = request.businessId() != null ? request.businessId() : engine.defaultBusinessId();
        List<?> records = request.records();
        List<Item> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Item item = new Item(provider.map(request.recordType(), records.get(i)));
            items.add(item);
            if (!item.mapped.valid()) {
                continue;
            }
            EventValidator.Outcome outcome = item.mapped.validate(i, business, now);
            if (!outcome.valid()) {
                for (FieldError e : outcome.errors()) {
                    item.errors.add(new Connectors.Note(item.mapped.recordField(e.field()), e.code(), e.message()));
                }
                continue;
            }
            String json = EventStore.toJson(outcome.event());
            FieldError tooLarge = EventValidator.sizeError(i, EngineApi.utf8Length(json));
            if (tooLarge != null) {
                item.errors.add(new Connectors.Note(null, tooLarge.code(), "the mapped " + tooLarge.message()));
                continue;
            }
            item.event = outcome.event();
            item.json = json;
        }
        return new Prepared(provider, dryRun, now, items);
    }

    /**
     * The rest of connector ingest: a dry run's plan and duplicate checks; else the refusal when any
     * record failed (nothing stored), or the store and the answer per record.
     */
    Connectors.Result finish(Prepared prepared) {
        List<Item> items = prepared.items;
        if (prepared.dryRun) {
            dryRunChecks(items);
        } else if (items.stream().anyMatch(it -> !it.errors.isEmpty())) {
            throw refusal(items);
        } else {
            store(items);
        }
        return result(prepared.provider.id(), prepared.dryRun, items, prepared.now);
    }

    private ProviderMapping checkRequest(Connectors.Request request) {
        if (request == null || request.provider() == null || request.provider().isBlank()) {
            throw ApiException.invalid("A provider is required", List.of(new FieldError(null, "provider", "required",
                    "is required; one of: " + String.join(", ", registry.ids()))));
        }
        ProviderMapping provider = registry.provider(request.provider());
        if (provider == null) {
            throw ApiException.invalid("Unknown provider", List.of(new FieldError(null, "provider", "invalid_value",
                    "'" + printable(request.provider()) + "' is not a provider; one of: " + String.join(", ", registry.ids()))));
        }
        if (request.recordType() != null && provider.recordType(request.recordType()) == null) {
            throw ApiException.invalid("Unknown record type", List.of(new FieldError(null, "recordType", "invalid_value",
                    "'" + printable(request.recordType()) + "' is not a " + provider.id() + " record type; one of: "
                            + String.join(", ", provider.typeNames()))));
        }
        if (request.records() == null || request.records().isEmpty()) {
            throw ApiException.invalid("No records to ingest", List.of(new FieldError(null, "records", "required",
                    "must hold at least one record")));
        }
        if (request.records().size() > Connectors.MAX_RECORDS) {
            throw ApiException.tooLarge("Too many records in one request", List.of(new FieldError(null, "records",
                    FieldError.TOO_LARGE, request.records().size() + " records; the limit is " + Connectors.MAX_RECORDS)));
        }
        if (request.businessId() != null) {
            EventValidator.Outcome probe = EventValidator.validate(null, Map.of("event", "connector",
                    "businessId", request.businessId()), 0, 0, request.businessId(), "probe");
            if (!probe.valid()) {
                throw ApiException.invalid("Invalid businessId", probe.errors());
            }
        }
        return provider;
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** A dry run: plan checks as they would apply (block → errors, warn → warnings) and duplicates, nothing stored. */
    private void dryRunChecks(List<Item> items) {
        List<Event> valid = new ArrayList<>();
        for (Item it : items) {
            if (it.event != null && it.errors.isEmpty()) {
                valid.add(it.event);
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        EnginePlans.Active active = engine.activePlans();
        for (Item it : items) {
            if (it.event == null || !it.errors.isEmpty()) {
                continue;
            }
            if (active.block() != null) {
                for (PlanViolation v : cap(active.block().check(it.event))) {
                    it.errors.add(new Connectors.Note(v.field(), v.code(), v.message() + " (plan " + v.planId() + ", block mode)"));
                }
            }
            if (active.warn() != null) {
                List<PlanViolation> found = cap(active.warn().check(it.event));
                if (!found.isEmpty()) {
                    it.event = it.event.withWarnings(found);
                    found.forEach(v -> it.warnings.add(planNote(v)));
                }
            }
        }
        Set<String> stored = engine.storedIds(valid);
        Set<String> seen = new HashSet<>();
        for (Item it : items) {
            if (it.event != null && it.errors.isEmpty()) {
                it.duplicate = !seen.add(it.event.id()) || stored.contains(it.event.id());
            }
        }
    }

    private static List<PlanViolation> cap(List<PlanViolation> found) {
        return found.subList(0, Math.min(found.size(), EngineApi.MAX_WARNINGS_PER_EVENT));
    }

    private static Connectors.Note planNote(PlanViolation v) {
        return new Connectors.Note(v.field(), v.code(), v.message() + " (plan " + v.planId() + ")");
    }

    /** 400 (413 when a record or event is too large) naming each record index and field; nothing stored. */
    private static ApiException refusal(List<Item> items) {
        List<FieldError> details = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < items.size(); i++) {
            List<Connectors.Note> errors = items.get(i).errors;
            failed += errors.isEmpty() ? 0 : 1;
            for (Connectors.Note n : errors) {
                details.add(new FieldError(i, n.field(), n.code(), n.message()));
            }
        }
        String message = failed + " of " + items.size() + (items.size() == 1 ? " record is" : " records are")
                + " invalid; nothing was stored";
        return details.stream().anyMatch(FieldError::isTooLarge) ? ApiException.tooLarge(message, details)
                : ApiException.invalid(message, details);
    }

    private void store(List<Item> items) {
        List<Event> events = new ArrayList<>(items.size());
        List<String> envelopes = new ArrayList<>(items.size());
        for (Item it : items) {
            events.add(it.event);
            envelopes.add(it.json);
        }
        EngineApi.Persisted persisted = engine.persistInTimeOrder(events, envelopes);
        Map<String, Integer> duplicates = new HashMap<>();
        for (String id : persisted.stored().duplicateIds()) {
            duplicates.merge(id, 1, Integer::sum);
        }
        Map<String, Integer> occurrences = new HashMap<>();
        for (Event e : events) {
            occurrences.merge(e.id(), 1, Integer::sum);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            it.event = events.get(i);
            String id = it.event.id();
            it.duplicate = !(seen.add(id) && duplicates.getOrDefault(id, 0) < occurrences.get(id));
            if (persisted.noted() != null) {
                persisted.noted().get(i).forEach(v -> it.warnings.add(planNote(v)));
            }
        }
    }

    private Connectors.Result result(String provider, boolean dryRun, List<Item> items, long now) {
        List<Connectors.RecordResult> results = new ArrayList<>(items.size());
        int accepted = 0;
        int duplicates = 0;
        int failed = 0;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        Set<String> businesses = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            boolean ok = it.errors.isEmpty() && it.event != null;
            if (!ok) {
                failed++;
            } else if (it.duplicate) {
                duplicates++;
            } else {
                accepted++;
            }
            if (ok) {
                from = Math.min(from, it.event.timestamp());
                to = Math.max(to, it.event.timestamp());
                businesses.add(it.event.businessId());
            }
            results.add(new Connectors.RecordResult(i, it.mapped.recordId(), it.mapped.recordType(),
                    it.mapped.eventId(), ok ? it.event : null, ok && it.duplicate, List.copyOf(it.warnings),
                    List.copyOf(it.errors)));
        }
        Period period = from == Long.MAX_VALUE ? new Period(null, null) : new Period(from, to);
        String business = businesses.size() == 1 ? businesses.iterator().next() : null;
        return new Connectors.Result(provider, dryRun, items.size(), accepted, duplicates, failed, results,
                engine.proofFor(business, period, now));
    }
}
