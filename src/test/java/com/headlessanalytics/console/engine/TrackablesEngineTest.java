package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trackable codes on the engine's H2 file: never two trackables with one code, with code draws
 * rigged to collide, alone and under concurrent creation; the public URL option; the backfill of
 * {@code event.trackable_code} for events stored before the column existed.
 */
class TrackablesEngineTest {
    @TempDir
    Path dir;

    /** Draws each code character from the first {@code symbols} of the alphabet only, so codes collide often. */
    private static final class FewCodes implements RandomGenerator {
        private final SplittableRandom random = new SplittableRandom(7);
        private final int symbols;
        int draws;

        FewCodes(int symbols) {
            this.symbols = symbols;
        }

        @Override
        public long nextLong() {
            return random.nextLong();
        }

        @Override
        public int nextInt(int bound) {
            draws++;
            return random.nextInt(Math.min(bound, symbols));
        }
    }

    private static Trackables.NewTrackable named(String name) {
        return new Trackables.NewTrackable("qr_code", name, "https://example.com/p", null, false);
    }

    @Test
    void aTakenCodeIsDrawnAgainUntilAFreeOneIsFound() {
        FewCodes codes = new FewCodes(1);
        try (Engine engine = Engine.open(dir, Clock.systemUTC(), codes)) {
            HeadlessApi api = engine.defaultWorkspace();
            Trackables.Trackable first = api.createTrackable(named("first"));
            assertThat(first.code()).isEqualTo("00000000");
            assertThatThrownBy(() -> api.createTrackable(named("second")))
                    .isInstanceOfSatisfying(ApiException.Server.class, e -> assertThat(e.status()).isEqualTo(500));
            assertThat(codes.draws).isEqualTo(8 * (1 + EngineTrackables.MAX_CODE_ATTEMPTS));
            assertThat(api.trackables(Trackables.Query.all()).trackables()).extracting(Trackables.Trackable::name)
                    .containsExactly("first");
        }
    }

    @Test
    void concurrentCreationWithCollidingDrawsGivesEveryTrackableItsOwnCode() throws Exception {
        FewCodes codes = new FewCodes(2);
        int threads = 8;
        int each = 16;
        try (Engine engine = Engine.open(dir, Clock.systemUTC(), codes)) {
            HeadlessApi api = engine.defaultWorkspace();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<String>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<String> made = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            made.add(api.createTrackable(named(thread + "-" + i)).code());
                        }
                        return made;
                    }));
                }
                start.countDown();
                Set<String> all = new HashSet<>();
                for (Future<List<String>> f : futures) {
                    all.addAll(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(all).hasSize(threads * each).allMatch(c -> c.matches("[01]{8}"));
                assertThat(codes.draws).as("collisions were drawn again").isGreaterThan(8 * threads * each);
            } finally {
                pool.shutdownNow();
            }
        }
        try (Engine reopened = Engine.open(dir)) {
            assertThat(reopened.defaultWorkspace().trackables(new Trackables.Query(null, null, null,
                    Trackables.MAX_LIMIT)).trackables()).hasSize(threads * each);
        }
    }

    @Test
    void thePublicUrlIsTheBaseOfNewTrackingLinks() {
        try (Engine engine = Engine.open(dir)) {
            assertThat(engine.publicUrl()).isEqualTo("http://localhost:8080");
            Trackables.Trackable before = engine.defaultWorkspace().createTrackable(
                    new Trackables.NewTrackable("other", "Before", null, null, false));
            assertThat(before.payload()).isEqualTo("http://localhost:8080/t/" + before.code());
            engine.setPublicUrl("https://scan.example.com/");
            Trackables.Trackable after = engine.defaultWorkspace().createTrackable(
                    new Trackables.NewTrackable("other", "After", null, null, false));
            assertThat(after.trackingUrl()).isEqualTo("https://scan.example.com/t/" + after.code());
            assertThat(engine.defaultWorkspace().trackable(before.code()).payload())
                    .isEqualTo("http://localhost:8080/t/" + before.code());
            for (String bad : List.of("ftp://x", "scan.example.com", "https://x/?a=1", "https://x/#f", " ")) {
                assertThatThrownBy(() -> engine.setPublicUrl(bad)).as(bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(engine.publicUrl()).isEqualTo("https://scan.example.com");
        }
    }

    @Test
    void eventsStoredBeforeTheColumnGetTheirTrackableCodeOnOpen() throws Exception {
        String code;
        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = engine.defaultWorkspace();
            Trackables.Trackable t = api.createTrackable(named("old"));
            code = t.code();
            api.ingest(List.of(Trackables.scanEvent(t, Trackables.CHANNEL_SCAN, Map.of("type", "station", "id", "s"),
                    "old-scan", 1_000), Map.of("event", "rfid.read", "id", "rfid", "timestamp", 2_000,
                    "trackable", Map.of("code", "E200-3412-0000"))));
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve(Database.FILE_NAME),
                "ha", ""); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE event SET trackable_code = NULL");
            s.executeUpdate("INSERT INTO engine_job (name, created_at) VALUES ('backfill_trackable_code', 0)");
        }
        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = engine.defaultWorkspace();
            assertThat(api.trackable(code).scans()).isEqualTo(1);
            assertThat(api.events(EventQuery.all().withTrackable(code)).events()).extracting(Event::id)
                    .containsExactly("old-scan");
            assertThat(api.events(EventQuery.all().withTrackable("E200-3412-0000")).events()).extracting(Event::id)
                    .containsExactly("rfid");
        }
    }
}
