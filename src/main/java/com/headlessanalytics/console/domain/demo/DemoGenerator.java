package com.headlessanalytics.console.domain.demo;

import com.headlessanalytics.console.domain.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Seeded, deterministic demo data: weeks of activity of a small direct-to-consumer brand (an olive
 * oil and pantry shop) as raw event envelopes in the shape {@code HeadlessApi.ingest} accepts.
 *
 * <p>The same seed, event count, range and business give the same events, byte for byte once
 * serialised: every map is insertion-ordered and all randomness comes from the seed. Events are
 * produced one at a time in (timestamp, generation) order, so any number can be streamed in
 * bounded memory; each {@link #iterator()} starts the dataset afresh. Event {@code i} has the id
 * {@link #eventId(long, long) demo-SEED-i}, so generating the same dataset again stores nothing twice.
 *
 * <p>Every event is marked twice: {@code properties.demo = true} and
 * {@code context = {"dataset": "headless-demo", "seed": SEED}}. See docs/demo-data.md for the
 * distributions.
 */
public final class DemoGenerator implements Iterable<Map<String, Object>> {
    /** The {@code context.dataset} of every demo event. */
    public static final String DATASET = "headless-demo";
    public static final int DEFAULT_DAYS = 28;
    private static final Pattern BUSINESS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final long events;
    private final long seed;
    private final long from;
    private final long to;
    private final String businessId;
    private final Timeline timeline;

    private DemoGenerator(long events, long seed, long from, long to, String businessId) {
        this.events = events;
        this.seed = seed;
        this.from = from;
        this.to = to;
        this.businessId = businessId;
        this.timeline = new Timeline(from, to, new SplittableRandom(DemoRun.mix64(seed ^ 0x7131L)));
    }

    /**
     * A builder whose range defaults to the {@value #DEFAULT_DAYS} days ending at {@code nowMillis};
     * no event is ever stamped after it.
     */
    public static Builder builder(long nowMillis) {
        return new Builder(nowMillis);
    }

    /** Parameters of a dataset; {@link #build()} checks them. */
    public static final class Builder {
        private final long now;
        private long events = 10_000;
        private long seed = 1;
        private int days = DEFAULT_DAYS;
        private Long from;
        private Long to;
        private String businessId = "default";

        private Builder(long now) {
            this.now = now;
        }

        /** How many events, exactly (default 10,000). */
        public Builder events(long count) {
            this.events = count;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The range is the given number of days ending at the end time (default 28). */
        public Builder days(int count) {
            this.days = count;
            return this;
        }

        /** The end of the range (default: now); must not be after now. */
        public Builder end(long endMillis) {
            this.to = endMillis;
            return this;
        }

        /** An explicit range [fromMillis, toMillis]; overrides {@link #days(int)}. */
        public Builder range(long fromMillis, long toMillis) {
            this.from = fromMillis;
            this.to = toMillis;
            return this;
        }

        /** The business every event belongs to (default "default"). */
        public Builder businessId(String id) {
            this.businessId = id;
            return this;
        }

        /** @throws IllegalArgumentException naming the parameter that cannot work */
        public DemoGenerator build() {
            long end = to != null ? to : now;
            if (events < 0) {
                throw new IllegalArgumentException("the event count must not be negative");
            }
            if (from == null && (days < 1 || days > 3660)) {
                throw new IllegalArgumentException("days must be between 1 and 3660");
            }
            long start = from != null ? from : end - days * Timeline.DAY;
            if (end > now) {
                throw new IllegalArgumentException("the range must not end after now");
            }
            if (start < 0 || start >= end) {
                throw new IllegalArgumentException("the range must start before it ends, and not before 1970");
            }
            if (end - start > 3660 * Timeline.DAY) {
                throw new IllegalArgumentException("the range must not be longer than 3660 days");
            }
            if (businessId == null || !BUSINESS_ID.matcher(businessId).matches()) {
                throw new IllegalArgumentException("businessId must be 1-128 letters, digits, '.', '_', ':' or '-'");
            }
            return new DemoGenerator(events, seed, start, end, businessId);
        }
    }

    public long events() {
        return events;
    }

    public long seed() {
        return seed;
    }

    /** Start of the range, ms since epoch (inclusive). */
    public long from() {
        return from;
    }

    /** End of the range, ms since epoch (inclusive): the latest possible timestamp. */
    public long to() {
        return to;
    }

    public String businessId() {
        return businessId;
    }

    Timeline timeline() {
        return timeline;
    }

    /** A fresh pass over the dataset: {@link #events()} envelopes, each a new mutable map. */
    @Override
    public Iterator<Map<String, Object>> iterator() {
        return new DemoRun(this);
    }

    @Override
    public Spliterator<Map<String, Object>> spliterator() {
        return Spliterators.spliterator(iterator(), events,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED);
    }

    /** The dataset as a sequential stream. */
    public Stream<Map<String, Object>> stream() {
        return StreamSupport.stream(spliterator(), false);
    }

    /** Hands the dataset over in consecutive batches of {@code batchSize} (the last may be smaller). */
    public void forEachBatch(int batchSize, Consumer<List<Map<String, Object>>> consumer) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        List<Map<String, Object>> batch = new ArrayList<>(batchSize);
        for (Map<String, Object> event : this) {
            batch.add(event);
            if (batch.size() == batchSize) {
                consumer.accept(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            consumer.accept(batch);
        }
    }

    /** The id of the event at this position of the dataset with this seed. */
    public static String eventId(long seed, long index) {
        String digits = Long.toString(index);
        return "demo-" + seed + "-" + "0".repeat(Math.max(0, 10 - digits.length())) + digits;
    }

    /** Whether a raw envelope carries both demo marks. */
    public static boolean isDemo(Map<String, Object> envelope) {
        return envelope.get("context") instanceof Map<?, ?> context && envelope.get("properties") instanceof Map<?, ?> p
                && DATASET.equals(context.get("dataset")) && Boolean.TRUE.equals(p.get("demo"));
    }

    /** Whether a stored event carries both demo marks. */
    public static boolean isDemo(Event event) {
        return event.context() != null && event.properties() != null
                && DATASET.equals(event.context().get("dataset")) && Boolean.TRUE.equals(event.properties().get("demo"));
    }
}
