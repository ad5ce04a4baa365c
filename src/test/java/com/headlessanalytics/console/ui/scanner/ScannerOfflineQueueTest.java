package com.headlessanalytics.console.ui.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.hardware.scan.ScanJournal;
import com.headlessanalytics.console.hardware.scan.StationSettings;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station against serve mode over real HTTP on loopback: serve mode stops while scanning, the
 * scans queue on disk; it starts again on the same port, the console restarts (a new journal on
 * the same file, a new station), and every scan is stored once, in the order scanned.
 */
class ScannerOfflineQueueTest {
    @TempDir
    Path dir;

    @Test
    void scansMadeWhileServeModeIsDownAreStoredOnceAndInOrderAfterARestart() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
        TestTasks tasks = TestTasks.direct();
        ManualScheduler scheduler = new ManualScheduler();
        Path journalFile = dir.resolve("console/scanner/scan-journal.jsonl");
        List<String> scanned = new ArrayList<>();
        try (Engine engine = Engine.open(dir.resolve("serve-data"))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "station").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            int portNumber = server.port();
            RemoteApi remote = new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key))
                    .withRetries(1, Duration.ofMillis(10)));
            StationPort port = new StationPort(remote);
            String[] codes = {port.add("barcode", "Front door"), port.add("qr_code", "Pallet 7"),
                port.add("rfid", "Returns")};
            ScanJournal journal = ScanJournal.open(journalFile);
            ScannerStationViewModel station = new ScannerStationViewModel(port::api, tasks, scheduler, Runnable::run,
                    clock, ZoneOffset.UTC, journal, new StationSettingsForm(new StationSettings("dock-1", null, false, null), s -> { }));
            station.activate();
            for (int i = 0; i < 4; i++) {
                station.scanned(codes[i % 3]);
                scanned.add(codes[i % 3]);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(engine.defaultWorkspace().events(EventQuery.all()).events()).hasSize(4);

            server.stop();
            for (int i = 4; i < 10; i++) {
                station.scanned(codes[i % 3]);
                scanned.add(codes[i % 3]);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(station.queuedTextProperty().get()).isEqualTo("queued (6)");
            assertThat(station.feedbackProperty().get().tone()).isEqualTo(ScannerStationViewModel.Tone.QUEUED);
            scheduler.tick();
            assertThat(station.queuedProperty().get()).as("still down").isEqualTo(6);
            station.deactivate();
            journal.close();
            remote.close();

            server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", portNumber, 1000, 1000, 5));
            try (RemoteApi again = new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key))
                    .withRetries(1, Duration.ofMillis(10)))) {
                StationPort restarted = new StationPort(again);
                ScanJournal reopened = ScanJournal.open(journalFile);
                assertThat(reopened.pendingCount()).isEqualTo(6);
                ScannerStationViewModel after = new ScannerStationViewModel(restarted::api, tasks, scheduler,
                        Runnable::run, clock, ZoneOffset.UTC, reopened, new StationSettingsForm(new StationSettings("dock-1", null, false,
                        null), s -> { }));
                after.activate();
                assertThat(after.queuedProperty().get()).isZero();
                List<Event> events = engine.defaultWorkspace().events(EventQuery.all()).events();
                assertThat(events).extracting(e -> e.trackable().get("code")).containsExactlyElementsOf(scanned);
                assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
                assertThat(events).allSatisfy(e -> assertThat(e.source()).containsEntry("channel", "scan"));
                after.deactivate();
                reopened.close();
            } finally {
                server.stop();
            }
        }
    }
}
