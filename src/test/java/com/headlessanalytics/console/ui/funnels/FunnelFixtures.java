package com.headlessanalytics.console.ui.funnels;

import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.metrics.FakeAnalyticsApi;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** What the funnel tests share: a prepared answer, actor pages, and saved funnels in memory. */
public final class FunnelFixtures {
    static final long HOUR = 3_600_000L;

    private FunnelFixtures() {
    }

    /** 100 → 40 → 10 → 5 → 1 actors over the query's steps, with a breakdown when asked. */
    static Funnels.Result answer(Funnels.Query q) {
        long[] counts = {100, 40, 10, 5, 1};
        List<Funnels.StepResult> steps = new ArrayList<>();
        for (int i = 0; i < q.steps().size(); i++) {
            long c = counts[i];
            long prev = i == 0 ? c : counts[i - 1];
            steps.add(new Funnels.StepResult(i + 1, q.steps().get(i).name(), q.steps().get(i).event(), c,
                    c / 100.0, i == 0 ? 1 : (double) c / prev, prev - c, i == 0 ? 0L : (i * 2 * HOUR + 5 * 60_000L)));
        }
        List<Funnels.Breakdown> breakdown = q.breakdown() == null ? null : List.of(
                new Funnels.Breakdown("email", steps), new Funnels.Breakdown(Funnels.NONE, steps));
        return new Funnels.Result(steps, q.mode(), q.effectiveWindowMs(), q.breakdown(), breakdown,
                FakeAnalyticsApi.proof(q.from(), q.to()));
    }

    /** {@code total} actors cust_0…, a page of the query's limit at a time. */
    static Funnels.Actors actors(Funnels.ActorsQuery q, int total) {
        int from = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
        int size = q.limit() == null ? 100 : q.limit();
        List<Funnels.Actor> page = IntStream.range(from, Math.min(from + size, total))
                .mapToObj(i -> new Funnels.Actor("cust_" + i, 2, 1_000L * i, 2_000L * i)).toList();
        return new Funnels.Actors(page, total, from + size < total ? Integer.toString(from + size) : null, null);
    }

    /** Saved funnels in memory: the screen's store without a file (safe from the task threads). */
    public static final class MemoryStore implements SavedFunnelStore {
        private final List<SavedFunnel> funnels = new ArrayList<>();
        public RuntimeException failure;

        @Override
        public synchronized List<SavedFunnel> list() {
            if (failure != null) {
                throw failure;
            }
            return List.copyOf(funnels);
        }

        @Override
        public synchronized void save(SavedFunnel funnel) {
            funnels.removeIf(f -> f.name().equals(funnel.name()));
            funnels.add(funnel);
        }

        @Override
        public synchronized void delete(String name) {
            funnels.removeIf(f -> f.name().equals(name));
        }
    }
}
