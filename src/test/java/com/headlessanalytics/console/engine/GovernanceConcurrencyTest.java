package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.GovernanceFixture.ALICE;
import static com.headlessanalytics.console.engine.GovernanceFixture.action;
import static com.headlessanalytics.console.engine.GovernanceFixture.failed;
import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Governance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enforce is one atomic check-and-consume: 32 threads enforcing at once never spend more than the
 * cumulative budget, and never release one decision twice.
 */
class GovernanceConcurrencyTest {
    static final int THREADS = 32;

    @TempDir
    Path dir;
    GovernanceFixture f;

    @BeforeEach
    void open() {
        f = new GovernanceFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Each thread enforces each decision once, in its own order, all threads starting together. */
    List<Governance.Receipt> race(GovernanceFixture.Setup s, List<Governance.Decision> decisions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Governance.Receipt>>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<Governance.Decision> order = new ArrayList<>(decisions);
            Collections.shuffle(order, new Random(t));
            Callable<List<Governance.Receipt>> work = () -> {
                start.await();
                List<Governance.Receipt> receipts = new ArrayList<>();
                for (Governance.Decision d : order) {
                    receipts.add(f.enforce(s, d, d.proposedAction()));
                }
                return receipts;
            };
            futures.add(pool.submit(work));
        }
        start.countDown();
        List<Governance.Receipt> all = new ArrayList<>();
        try {
            for (Future<List<Governance.Receipt>> future : futures) {
                all.addAll(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return all;
    }

    @Test
    void concurrentEnforcesNeverOverspendTheCumulativeBudget() throws Exception {
        GovernanceFixture.Setup s = f.setup("100", "1000", "1000000");
        List<Governance.Decision> decisions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            decisions.add(f.approved(s, action("100"), null));
        }
        List<Governance.Receipt> receipts = race(s, decisions);
        assertThat(receipts).hasSize(THREADS * decisions.size());
        List<Governance.Receipt> allows = receipts.stream().filter(r -> r.outcome().equals("allow")).toList();
        assertThat(allows).as("1000 / 100 allows fit the cumulative budget").hasSize(10);
        assertThat(allows.stream().map(Governance.Receipt::decisionObjectId).distinct()).hasSize(10);
        assertThat(receipts).filteredOn(r -> !r.outcome().equals("allow"))
                .allSatisfy(r -> assertThat(failed(r)).containsAnyOf("cumulative_limit", "decision_state"));
        Governance.Contract contract = f.as(ALICE).contracts().contracts().get(0);
        assertThat(contract.spent()).isEqualByComparingTo("1000");
        assertThat(contract.remaining()).isEqualByComparingTo("0");
        Map<String, Long> states = f.as(ALICE).decisions(null).decisions().stream()
                .collect(Collectors.groupingBy(Governance.Decision::state, Collectors.counting()));
        assertThat(states).containsEntry("released", 10L).containsEntry("approved", 30L);
        Governance.ChainStatus chain = f.as(ALICE).receipts(null, null).chain();
        assertThat(chain.intact()).isTrue();
    }

    @Test
    void oneDecisionIsReleasedAtMostOnce() throws Exception {
        GovernanceFixture.Setup s = f.setup("100", "1000000", "1000000");
        Governance.Decision d = f.approved(s, action("10"), null);
        List<Governance.Receipt> receipts = race(s, List.of(d));
        Map<String, Long> outcomes = receipts.stream()
                .collect(Collectors.groupingBy(Governance.Receipt::outcome, Collectors.counting()));
        assertThat(outcomes).isEqualTo(Map.of("allow", 1L, "deny", (long) THREADS - 1));
        assertThat(receipts).filteredOn(r -> r.outcome().equals("deny"))
                .allSatisfy(r -> assertThat(failed(r)).containsExactly("decision_state"));
        assertThat(f.as(ALICE).grants().grants().get(0).spent()).isEqualByComparingTo("10");
        Map<String, Governance.Receipt> byId = receipts.stream()
                .collect(Collectors.toMap(Governance.Receipt::id, Function.identity()));
        assertThat(byId).hasSize(THREADS);
        assertThat(receipts.stream().map(Governance.Receipt::seq).distinct()).hasSize(THREADS);
    }
}
