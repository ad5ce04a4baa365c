package com.headlessanalytics.console.ui.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.hardware.scan.ScanJournal;
import com.headlessanalytics.console.hardware.scan.StationSettings;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner station's ViewModel without a toolkit, on a real engine and a real journal file,
 * with the clock injected: keystrokes in, events stored, feedback out.
 */
class ScannerStationViewModelTest {
    @TempDir
    Path dir;
    Engine engine;
    StationPort port;
    final TestTasks tasks = TestTasks.direct();
    final ManualScheduler scheduler = new ManualScheduler();
    final TestClock clock = new TestClock(Instant.parse("2026-12-02T10:00:00Z"));
    final StringBuilder released = new StringBuilder();
    final List<StationSettings> saved = new ArrayList<>();
    ScanJournal journal;
    ScannerStationViewModel model;
    String door;
    String pallet;

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(dir.resolve("data"));
        port = new StationPort(engine.defaultWorkspace());
        door = port.add("barcode", "Front door");
        pallet = port.add("qr_code", "Pallet 7");
        model = station();
    }

    ScannerStationViewModel station() throws Exception {
        journal = ScanJournal.open(dir.resolve("scanner/scan-journal.jsonl"));
        ScannerStationViewModel m = new ScannerStationViewModel(port::api, tasks, scheduler, Runnable::run, clock,
                ZoneOffset.UTC, journal, new StationSettingsForm(new StationSettings("dock-2", null, false, null), saved::add));
        m.onRelease(released::append);
        m.activate();
        return m;
    }

    @AfterEach
    void close() {
        model.deactivate();
        journal.close();
        engine.close();
    }

    /**
     * Keystrokes {@code gapMs} apart, then Enter; returns whether Enter was consumed as a scan's end
     * (every character is held back first; typing is released to the field).
     */
    boolean keys(String text, long gapMs) {
        for (char c : text.toCharArray()) {
            assertThat(model.keyTyped(String.valueOf(c), false, false, false)).as("held").isTrue();
            clock.advance(Duration.ofMillis(gapMs));
            model.settle();
        }
        boolean enter = model.terminator(false);
        assertThat(model.keyTyped("\r", false, false, false)).isEqualTo(enter);
        clock.advance(Duration.ofSeconds(1));
        return enter;
    }

    List<Event> stored() {
        return engine.defaultWorkspace().events(EventQuery.all()).events();
    }

    @Test
    void aScanRecordsTheTrackablesEventAsTheStationOnTheScanChannel() {
        assertThat(keys(door, 5)).as("Enter ends the scan").isTrue();
        assertThat(released.toString()).isEmpty();
        List<Event> events = stored();
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.event()).isEqualTo(Trackables.DEFAULT_EVENT);
        assertThat(e.actor()).isEqualTo(Map.of("type", "station", "id", "dock-2"));
        assertThat(e.source()).containsEntry("channel", Trackables.CHANNEL_SCAN);
        assertThat(e.trackable()).containsEntry("code", door).containsEntry("name", "Front door");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-12-02T10:00:00.040Z").toEpochMilli());
        assertThat(e.id()).startsWith("scan-");
        ScannerStationViewModel.Feedback f = model.feedbackProperty().get();
        assertThat(f.tone()).isEqualTo(ScannerStationViewModel.Tone.RECORDED);
        assertThat(f.headline()).isEqualTo("Front door");
        assertThat(f.count()).isEqualTo("1 scan this session");

        keys("https://shop.example/p?ha_code=" + door.toLowerCase(java.util.Locale.ROOT), 3);
        assertThat(model.feedbackProperty().get().count()).isEqualTo("2 scans this session");
        assertThat(model.recent()).extracting(ScannerStationViewModel.ScanRow::state)
                .containsExactly(ScannerStationViewModel.State.RECORDED, ScannerStationViewModel.State.RECORDED);
        assertThat(journal.pendingCount()).isZero();
    }

    @Test
    void typingAtHumanSpeedReachesTheFieldAndRecordsNothing() {
        assertThat(keys("dock-3", 140)).isFalse();
        assertThat(released.toString()).isEqualTo("dock-3");
        assertThat(stored()).isEmpty();
        assertThat(model.recent()).isEmpty();
        assertThat(model.feedbackProperty().get().tone()).isEqualTo(ScannerStationViewModel.Tone.READY);
    }

    @Test
    void unknownCodesAndTextWithoutACodeAreFlaggedAndListedNotDropped() {
        keys("ZZZZ9999", 5);
        assertThat(model.feedbackProperty().get().tone()).isEqualTo(ScannerStationViewModel.Tone.UNKNOWN);
        assertThat(model.feedbackProperty().get().detail()).contains("ZZZZ9999");
        keys("not a label at all", 5);
        assertThat(model.unknown()).extracting(ScannerStationViewModel.ScanRow::text)
                .containsExactly("not a label at all", "ZZZZ9999");
        assertThat(model.unknown().get(0).note()).isEqualTo("names no trackable code");
        assertThat(stored()).isEmpty();
        assertThat(journal.pendingCount()).isZero();
    }

    @Test
    void aCodeReadWithYAndZSwappedFindsItsTrackableAndSaysWhy() {
        String shelf = door;
        for (int i = 0; i < 100 && !(shelf.contains("Y") || shelf.contains("Z")); i++) {
            shelf = port.add("barcode", "Shelf " + i);
        }
        String swapped = com.headlessanalytics.console.hardware.scan.KeyboardLayouts.swapYz(shelf);
        keys(swapped, 5);
        assertThat(stored()).extracting(e -> e.trackable().get("code")).containsExactly(shelf);
        assertThat(model.feedbackProperty().get().detail()).contains("swaps Y and Z");
    }

    @Test
    void offlineScansAreQueuedSurviveARestartAndAreStoredOnceInOrder() throws Exception {
        port.down = true;
        keys(door, 5);
        keys(pallet, 5);
        keys(door, 5);
        assertThat(model.queuedTextProperty().get()).isEqualTo("queued (3)");
        ScannerStationViewModel.Feedback f = model.feedbackProperty().get();
        assertThat(f.tone()).isEqualTo(ScannerStationViewModel.Tone.QUEUED);
        assertThat(f.headline()).as("named from the cached list").isEqualTo("Front door");
        assertThat(f.detail()).startsWith("queued (3)");
        assertThat(model.statusProperty().get()).startsWith("Offline");
        assertThat(stored()).isEmpty();

        port.down = false;
        port.loseReplies = true;
        scheduler.tick();
        assertThat(port.ingests).as("sent, but the answer was lost").hasSize(1);
        assertThat(model.queuedProperty().get()).isEqualTo(3);

        model.deactivate();
        journal.close();
        port.loseReplies = false;
        model = station();
        assertThat(model.queuedProperty().get()).isZero();
        assertThat(port.ingests).hasSize(2);
        assertThat(port.ingests.get(1)).extracting(m -> m.get("id"))
                .containsExactlyElementsOf(port.ingests.get(0).stream().map(m -> m.get("id")).toList());
        List<Event> events = stored();
        assertThat(events).extracting(e -> e.trackable().get("code"))
                .containsExactly(door, pallet, door);
        assertThat(events).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(ScanJournal.open(dir.resolve("scanner/scan-journal.jsonl")).pendingCount()).isZero();
    }

    @Test
    void settingsAreCheckedSavedAndUsedByTheDetector() {
        StationSettingsForm form = model.settingsForm();
        form.minLength().set("1");
        form.save().execute();
        assertThat(form.problem().get()).isEqualTo("The minimum length must be 2-100 characters");
        assertThat(saved).isEmpty();
        form.minLength().set("10");
        form.stationName().set("gate-A");
        form.sound().set(true);
        form.save().execute();
        assertThat(form.problem().get()).isEmpty();
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).thresholds().minLength()).isEqualTo(10);
        assertThat(keys(door, 5)).as("8 characters are now too few").isFalse();
        assertThat(released.toString()).isEqualTo(door);
        keys("https://x.example/t/" + pallet, 5);
        assertThat(stored()).singleElement().satisfies(e -> assertThat(e.actor())
                .isEqualTo(Map.of("type", "station", "id", "gate-A")));
        assertThat(model.cueProperty().get()).as("a sound cue with sound on").isNotNull();
    }
}
