package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes queued while the writer is busy commit together, each in its own savepoint: a write that
 * fails leaves nothing, the others commit, and each is answered only after the commit, in order.
 */
class DatabaseGroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void queuedWritesCommitTogetherAndAFailedOneLeavesNothing() throws Exception {
        try (Database db = Database.open(dir)) {
            db.write(c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate("CREATE TABLE probe (k INT PRIMARY KEY, v VARCHAR(20))");
                }
            });
            db.write(c -> insert(c, 0, "first"));
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
            List<Integer> committedOrder = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(11);
            try {
                Future<?> blocker = pool.submit(() -> db.write(c -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return insert(c, 100, "blocker");
                }));
                List<Thread> writers = Collections.synchronizedList(new ArrayList<>());
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    int k = i;
                    answers.add(pool.submit(() -> {
                        writers.add(Thread.currentThread());
                        return db.write(c -> {
                            ran.add(k);
                            insert(c, k, "row " + k);
                            if (k == 4) {
                                throw new IllegalStateException("write 4 fails after its insert");
                            }
                            if (k == 7) {
                                insert(c, 0, "duplicate key");
                            }
                            return k;
                        }, committedOrder::add);
                    }));
                }
                // every write waits for its answer, so all ten are queued behind the blocker
                while (writers.size() < 10 || writers.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
                    Thread.onSpinWait();
                }
                release.countDown();
                blocker.get();
                for (int i = 1; i <= 10; i++) {
                    Future<Integer> answer = answers.get(i - 1);
                    if (i == 4) {
                        assertThatThrownBy(answer::get).hasCauseInstanceOf(IllegalStateException.class);
                    } else if (i == 7) {
                        assertThatThrownBy(answer::get).hasCauseInstanceOf(EngineException.class);
                    } else {
                        assertThat(answer.get()).isEqualTo(i);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            // answered after the commit, in the order they ran
            assertThat(committedOrder).containsExactlyElementsOf(ran.stream().filter(k -> k != 4 && k != 7).toList());
            assertThat(committedOrder).containsExactlyInAnyOrder(1, 2, 3, 5, 6, 8, 9, 10);
            assertThat(keys(db)).containsExactly(0, 1, 2, 3, 5, 6, 8, 9, 10, 100);
        }
        try (Database reopened = Database.open(dir)) {
            assertThat(keys(reopened)).containsExactly(0, 1, 2, 3, 5, 6, 8, 9, 10, 100);
        }
    }

    @Test
    void aWriteAfterCloseIsRefused() {
        Database db = Database.open(dir);
        db.close();
        assertThatThrownBy(() -> db.write(c -> 1)).isInstanceOf(EngineException.class)
                .hasMessageContaining("closing");
    }

    private static int insert(java.sql.Connection c, int k, String v) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe (k, v) VALUES (?, ?)")) {
            ps.setInt(1, k);
            ps.setString(2, v);
            return ps.executeUpdate();
        }
    }

    private static List<Integer> keys(Database db) {
        return db.read(c -> {
            List<Integer> out = new ArrayList<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k FROM probe ORDER BY k")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }
}
