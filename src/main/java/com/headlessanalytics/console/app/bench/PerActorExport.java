package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A realistic history file to import: the seeded demo dataset ({@link DemoGenerator}, the 28 days
 * up to 2025-12-01) written as an NDJSON export by actor — each actor's events one after another, in
 * time order, actors by id within {@value #BUCKETS} hash buckets — so consecutive lines jump across
 * the whole time range. Every event carries a client id: a UUIDv4 drawn from the seed, as a system
 * exporting its own records would send. The same arguments give the same file, byte for byte.
 */
public final class PerActorExport {
    /** The end of the demo range every bench uses. */
    public static final long END = 1_764_547_200_000L;
    private static final int BUCKETS = 64;

    private PerActorExport() {
    }

    /** Writes {@code events} events to {@code file}, using {@code work} for the bucket files. */
    public static void write(Path file, long events, long seed, Path work) throws IOException {
        Files.createDirectories(work);
        BufferedWriter[] buckets = new BufferedWriter[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b] = Files.newBufferedWriter(work.resolve("bucket-" + b), StandardCharsets.UTF_8);
        }
        SplittableRandom ids = new SplittableRandom(seed ^ 0x1D5L);
        try {
            for (Map<String, Object> envelope : DemoGenerator.builder(END).events(events).seed(seed).build()) {
                envelope.put("id", uuid4(ids).toString());
                String actor = actorOf(envelope);
                String line = ApiJson.mapper().writeValueAsString(envelope);
                BufferedWriter w = buckets[Math.floorMod(actor.hashCode(), BUCKETS)];
                w.write(actor);
                w.write('\t');
                w.write(line);
                w.write('\n');
            }
        } finally {
            for (BufferedWriter w : buckets) {
                w.close();
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int b = 0; b < BUCKETS; b++) {
                Path bucket = work.resolve("bucket-" + b);
                TreeMap<String, List<String>> byActor = new TreeMap<>();
                try (BufferedReader in = Files.newBufferedReader(bucket, StandardCharsets.UTF_8)) {
                    for (String line; (line = in.readLine()) != null; ) {
                        int tab = line.indexOf('\t');
                        byActor.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
                    }
                }
                for (List<String> history : byActor.values()) {
                    for (String line : history) {
                        out.write(line);
                        out.write('\n');
                    }
                }
                Files.delete(bucket);
            }
        }
    }

    /** The actor key the engine derives ({@link Event#actorKey()}): the actor's id, else the traceId. */
    private static String actorOf(Map<String, Object> envelope) {
        if (envelope.get("actor") instanceof Map<?, ?> actor && actor.get("id") != null) {
            return actor.get("id").toString();
        }
        Object trace = envelope.get("traceId");
        return trace == null ? "" : trace.toString();
    }

    private static UUID uuid4(SplittableRandom random) {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
