package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.engine.AnalyticsRows;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import com.headlessanalytics.console.engine.analytics.Cancel;
import com.headlessanalytics.console.engine.analytics.Columns;
import com.headlessanalytics.console.engine.analytics.HealthKernel;
import com.headlessanalytics.console.engine.analytics.ProjectionSnapshot;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench reopen}: reopening a closed data folder with the analytics snapshot beside
 * reopening it without one (the projection rebuilt from H2), in the same run, alternating. Per
 * reopen: the open itself, the first answer after it (business health, 7 days, which waits for
 * the projection), the engine's heap retained with the projection loaded (after a full GC, as
 * {@code bench analytics} measures it) and the close, which saves the snapshot.
 */
public final class ReopenBenchmark {
    private static final double MB = 1024 * 1024;
    private static final Metrics.Query COUNT = new Metrics.Query(null, null, null, null, "day", null, null, null);

    private final Path folder;
    private final int rounds;
    private final PrintStream out;

    record Figures(double openMs, double firstMs, long retained, double closeMs, long events, List<String> answer,
                   String projection) {
    }

    public ReopenBenchmark(Path folder, int rounds, PrintStream out) {
        this.folder = folder;
        this.rounds = rounds;
        this.out = out;
    }

    /** Runs the rounds; false when the two ways answered differently. */
    public boolean run() throws Exception {
        Path snapshot = folder.resolve(ProjectionSnapshot.FILE);
        out.printf("reopen benchmark: %s, %d round(s), Java %s, %d cores, max heap %,d MB, %s%n", folder, rounds,
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), load());
        List<Figures> rebuilt = new ArrayList<>();
        List<Figures> restored = new ArrayList<>();
        boolean same = true;
        for (int round = 0; round < rounds; round++) {
            Files.deleteIfExists(snapshot);
            Figures r = reopen();
            print("rebuild from H2", r, Files.size(snapshot));
            Figures s = reopen();
            print("with snapshot", s, Files.size(snapshot));
            if (!r.answer().equals(s.answer()) || r.events() != s.events()) {
                out.println("*** MISMATCH: the first answers differ between the rebuild and the snapshot ***");
                same = false;
            }
            rebuilt.add(r);
            restored.add(s);
        }
        Figures r = median(rebuilt);
        Figures s = median(restored);
        out.printf("%nmedian of %d                 rebuild from H2   with snapshot   ratio%n", rounds);
        out.printf("open                          %,12.0f ms %,12.0f ms   %5.2f%n", r.openMs(), s.openMs(),
                s.openMs() / r.openMs());
        out.printf("first answer after opening    %,12.0f ms %,12.0f ms   %5.2f%n", r.firstMs(), s.firstMs(),
                s.firstMs() / r.firstMs());
        out.printf("close (saves the snapshot)    %,12.0f ms %,12.0f ms%n", r.closeMs(), s.closeMs());
        out.printf("heap retained, loaded         %,9.0f MB   %,9.0f MB   (%.1f and %.1f bytes/event)%n",
                r.retained() / MB, s.retained() / MB, (double) r.retained() / r.events(),
                (double) s.retained() / s.events());
        out.printf("snapshot file %,.0f MB (%.1f bytes/event); %s%n", Files.size(snapshot) / MB,
                (double) Files.size(snapshot) / Math.max(1, s.events()),
                same ? "answers: the same both ways" : "*** ANSWERS DIFFER ***");
        out.flush();
        return same;
    }

    private void print(String way, Figures f, long snapshotBytes) {
        out.printf("%-16s open %,7.0f ms, first answer %,8.0f ms, %,d events, heap retained %,.0f MB (%.1f bytes/event),"
                        + " close %,6.0f ms, snapshot %,.0f MB%n  projection: %s%n", way, f.openMs(), f.firstMs(),
                f.events(), f.retained() / MB, (double) f.retained() / f.events(), f.closeMs(), snapshotBytes / MB,
                f.projection());
        out.flush();
    }

    private Figures reopen() throws Exception {
        long baseline = HeapWatch.retained();
        long start = System.nanoTime();
        Engine engine = Engine.open(folder);
        double openMs = millis(start);
        List<String> answer;
        double firstMs;
        long events;
        long retained;
        String projection;
        try {
            HeadlessApi api = engine.defaultWorkspace();
            AnalyticsWorkload.Query health = AnalyticsWorkload.queries(Engine.DEFAULT_BUSINESS_ID,
                    AnalyticsBenchmark.END - 1).getLast();
            long firstStart = System.nanoTime();
            answer = firstAnswer(health, api);
            firstMs = millis(firstStart);
            events = api.metrics(COUNT).totalEvents();
            retained = HeapWatch.retained() - baseline;
            projection = engine.health().checks().stream().filter(c -> c.name().equals("analytics_projection"))
                    .map(RuntimeHealth.Check::message).findFirst().orElse("?");
        } finally {
            start = System.nanoTime();
            engine.close();
        }
        return new Figures(openMs, firstMs, retained, millis(start), events, answer, projection);
    }

    /**
     * The projection alone at {@code copies} times the folder's events, in memory: every event read
     * from the folder's H2 file once, then appended {@code copies} times (each copy with its own
     * storage sequences, and its own actor identities so that the actor dictionary grows as with
     * real data). Prints its heap per event, the 7-day health scan, and the snapshot's write and
     * read times; checks that the snapshot read back scans the same.
     */
    public void scale(int copies) throws Exception {
        long baseline = HeapWatch.retained();
        List<AnalyticsIndex.Row> rows = AnalyticsRows.read(folder);
        long max = rows.isEmpty() ? 0 : rows.getLast().seq();
        AnalyticsIndex index = new AnalyticsIndex();
        long start = System.nanoTime();
        for (int k = 0; k < copies; k++) {
            String suffix = k == 0 ? "" : "~" + k;
            for (AnalyticsIndex.Row r : rows) {
                index.load(new AnalyticsIndex.Row(r.workspaceId(), r.seq() + k * max, r.ts(), r.event(),
                        r.actorKey() == null ? null : r.actorKey() + suffix, r.businessId(), r.source(), r.channel(),
                        r.campaign(), r.medium(), r.revenueMicros(), r.flags(), r.tier()));
            }
        }
        index.loaded();
        double appendMs = millis(start);
        long events = (long) rows.size() * copies;
        String workspace = rows.isEmpty() ? "" : rows.getFirst().workspaceId();
        rows = null;
        long retained = HeapWatch.retained() - baseline;
        Columns c = index.columns(workspace, 0);
        out.printf("%nprojection alone, %,d events (the folder's %,d events %d times, actors distinct per copy):"
                + " appended in %,.0f ms; heap retained %,.0f MB (%.1f bytes/event); %,d actors%n", events,
                events / copies, copies, appendMs, retained / MB, (double) retained / events, c.actors.size());
        long healthFrom = AnalyticsBenchmark.END - 7 * 24 * 3_600_000L;
        int business = c.businesses.id(Engine.DEFAULT_BUSINESS_ID);
        HealthKernel.scan(c, c.size(), business, healthFrom, AnalyticsBenchmark.END - 1, Cancel.THREAD);
        start = System.nanoTime();
        HealthKernel.Facts facts = HealthKernel.scan(c, c.size(), business, healthFrom, AnalyticsBenchmark.END - 1,
                Cancel.THREAD);
        double scanMs = millis(start);
        Path file = Files.createTempFile(folder.getParent(), "scale", ".snapshot");
        try {
            start = System.nanoTime();
            ProjectionSnapshot.write(file, "scale", index, index.point(), null);
            double writeMs = millis(start);
            index = null;
            c = null;
            HeapWatch.retained();
            start = System.nanoTime();
            ProjectionSnapshot.Contents read = ProjectionSnapshot.read(file);
            double readMs = millis(start);
            Columns back = read.workspaces().get(workspace);
            HealthKernel.Facts again = HealthKernel.scan(back, back.size(), back.businesses.id(Engine.DEFAULT_BUSINESS_ID),
                    healthFrom, AnalyticsBenchmark.END - 1, Cancel.THREAD);
            boolean same = java.util.Arrays.equals(facts.current(), again.current()) && facts.total() == again.total()
                    && facts.uniqueActors() == again.uniqueActors() && facts.revenueMicros() == again.revenueMicros();
            out.printf("  7-day health scan %,.0f ms; snapshot %,.0f MB (%.1f bytes/event) written in %,.0f ms, read back"
                            + " (checksum, parse, actor table) in %,.0f ms; %s%n", scanMs, Files.size(file) / MB,
                    (double) Files.size(file) / events, writeMs, readMs,
                    same ? "the read-back projection scans the same" : "*** THE READ-BACK PROJECTION DIFFERS ***");
            out.flush();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> firstAnswer(AnalyticsWorkload.Query q, HeadlessApi api) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (true) {
            try {
                return q.engine().apply(api);
            } catch (ApiException e) {
                if (!ErrorCodes.NOT_READY.equals(e.code()) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static Figures median(List<Figures> all) {
        return new Figures(med(all, Figures::openMs), med(all, Figures::firstMs),
                (long) med(all, f -> (double) f.retained()), med(all, Figures::closeMs), all.getFirst().events(),
                all.getFirst().answer(), all.getFirst().projection());
    }

    private static double med(List<Figures> all, java.util.function.ToDoubleFunction<Figures> f) {
        double[] v = all.stream().mapToDouble(f).sorted().toArray();
        return v[(v.length - 1) / 2];
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "load average unknown" : String.format("load average %.2f", load);
    }
}
