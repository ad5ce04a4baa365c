package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.EventsOnlyApi;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.ServeBackend;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory backend: two keys of two workspaces, a revoked key, events kept in a list. */
final class FakeBackend implements ServeBackend {
    static final String KEY = "ha_test_alpha_0123456789";
    static final String KEY_ID = "key_alpha";
    static final String WORKSPACE = "ws_alpha";
    static final String OTHER_KEY = "ha_test_beta_0123456789";
    static final String OTHER_KEY_ID = "key_beta";
    static final String OTHER_WORKSPACE = "ws_beta";
    static final String REVOKED_KEY = "ha_test_revoked_0123456789";
    /** The value of a required setting: health must name the setting, never show this. */
    static final String SECRET_VALUE = "sk_live_do_not_leak_42";

    final List<Event> stored = new ArrayList<>();
    final List<UsageRecord> metered = new ArrayList<>();
    final AtomicInteger authCalls = new AtomicInteger();
    final AtomicInteger ingestCalls = new AtomicInteger();
    volatile boolean ready = true;
    /** Thrown by every port call when set. */
    volatile RuntimeException failure;
    /** When set, ingest counts down {@code ingestEntered} and then waits for {@code ingestRelease}. */
    volatile CountDownLatch ingestRelease;
    final CountDownLatch ingestEntered = new CountDownLatch(1);

    @Override
    public Optional<Principal> authenticate(String apiKey) {
        authCalls.incrementAndGet();
        return switch (apiKey) {
            case KEY -> Optional.of(new Principal(WORKSPACE, KEY_ID));
            case OTHER_KEY -> Optional.of(new Principal(OTHER_WORKSPACE, OTHER_KEY_ID));
            default -> Optional.empty();
        };
    }

    @Override
    public HeadlessApi workspace(String workspaceId) {
        return new Port(workspaceId);
    }

    @Override
    public void meter(UsageRecord record) {
        synchronized (metered) {
            metered.add(record);
            metered.notifyAll();
        }
    }

    /** The one usage record of the call answered with {@code queryId}; fails if there is none or several. */
    UsageRecord awaitMeter(String queryId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (metered) {
            while (true) {
                List<UsageRecord> matching = metered.stream().filter(r -> queryId.equals(r.queryId())).toList();
                if (matching.size() > 1) {
                    throw new AssertionError("metered " + matching.size() + " times: " + queryId);
                }
                if (matching.size() == 1) {
                    return matching.get(0);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("never metered: " + queryId + " in " + metered);
                }
                TimeUnit.NANOSECONDS.timedWait(metered, left);
            }
        }
    }

    int meterCount() {
        synchronized (metered) {
            return metered.size();
        }
    }

    @Override
    public RuntimeHealth health() {
        List<RuntimeHealth.Check> checks = List.of(
                new RuntimeHealth.Check("database", ready ? RuntimeHealth.OK : RuntimeHealth.FAIL, true,
                        ready ? "open" : "cannot open the database", ready ? null : "check the data folder"),
                new RuntimeHealth.Check("usage_metering", RuntimeHealth.OK, true, "recording", null));
        List<RuntimeHealth.Setting> settings =
                List.of(new RuntimeHealth.Setting("HA_SIGNING_KEY", true, SECRET_VALUE != null, "signs proof packets"));
        return RuntimeHealth.of(checks, settings, proof(null));
    }

    private static Proof proof(String workspaceId) {
        long now = System.currentTimeMillis();
        return new Proof(Ids.newId("q", now), workspaceId, null, new Period(null, null), now, Proof.SCHEMA_VERSION);
    }

    private final class Port implements EventsOnlyApi {
        private final String workspaceId;

        Port(String workspaceId) {
            this.workspaceId = workspaceId;
        }

        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            ingestCalls.incrementAndGet();
            failIfAsked();
            CountDownLatch release = ingestRelease;
            if (release != null) {
                ingestEntered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long now = System.currentTimeMillis();
            List<Event> valid = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                EventValidator.Outcome outcome = EventValidator.validate(events.size() == 1 ? null : i, events.get(i),
                        encodedSize(events.get(i)), now, "default", Ids.newId("evt", now));
                errors.addAll(outcome.errors());
                valid.add(outcome.event());
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid("invalid events", errors);
            }
            List<String> ids = new ArrayList<>();
            List<String> duplicates = new ArrayList<>();
            synchronized (stored) {
                for (Event e : valid) {
                    ids.add(e.id());
                    if (stored.stream().anyMatch(s -> s.id().equals(e.id()))) {
                        duplicates.add(e.id());
                    } else {
                        stored.add(e);
                    }
                }
            }
            return new IngestResult(ids.size() - duplicates.size(), duplicates.size(), ids, duplicates,
                    proof(workspaceId));
        }

        @Override
        public EventPage events(EventQuery query) {
            failIfAsked();
            if (!query.problems().isEmpty()) {
                throw ApiException.invalid("invalid query", query.problems());
            }
            List<Event> matching;
            synchronized (stored) {
                matching = stored.stream()
                        .filter(e -> query.event() == null || query.event().equals(e.event()))
                        .sorted(Comparator.comparingLong(Event::timestamp))
                        .toList();
            }
            int start = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
            int end = Math.min(matching.size(), start + query.effectiveLimit());
            String next = end < matching.size() ? Integer.toString(end) : null;
            return new EventPage(matching.subList(start, end), next, proof(workspaceId));
        }

        @Override
        public EventNames eventNames(String businessId) {
            failIfAsked();
            java.util.Map<String, long[]> byName = new java.util.TreeMap<>();
            synchronized (stored) {
                for (Event e : stored) {
                    if (businessId == null || businessId.equals(e.businessId())) {
                        long[] t = byName.computeIfAbsent(e.event(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                        t[0]++;
                        t[1] = Math.min(t[1], e.timestamp());
                        t[2] = Math.max(t[2], e.timestamp());
                    }
                }
            }
            return new EventNames(byName.entrySet().stream()
                    .map(n -> new EventNames.Name(n.getKey(), n.getValue()[0], n.getValue()[1], n.getValue()[2]))
                    .toList(), proof(workspaceId));
        }

        @Override
        public RuntimeHealth health() {
            return FakeBackend.this.health();
        }

        private void failIfAsked() {
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        }

        private int encodedSize(Map<String, Object> raw) {
            try {
                return ApiJson.mapper().writeValueAsBytes(raw).length;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
