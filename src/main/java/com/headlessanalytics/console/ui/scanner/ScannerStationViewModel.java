package com.headlessanalytics.console.ui.scanner;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.scan.ScanJournal;
import com.headlessanalytics.console.hardware.scan.ScanText;
import com.headlessanalytics.console.hardware.scan.ScanThresholds;
import com.headlessanalytics.console.hardware.scan.SerialScanReader;
import com.headlessanalytics.console.hardware.scan.StationSettings;
import com.headlessanalytics.console.hardware.scan.WedgeDetector;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scanner station (docs/labels-and-scanners.md, "Scanner station"). Keystrokes from the
 * window go through a {@link WedgeDetector}: scans are taken out of the keystroke stream, typing
 * is handed back to the focused field. Every scan (wedge or serial) is first written to the
 * {@link ScanJournal} (on disk, before anything is sent), then one background sender at a time
 * drains the journal in order: it resolves each code through the port ({@code trackable(code)}),
 * records {@link Trackables#scanEvent} with the station as actor and {@code source.channel} =
 * {@value Trackables#CHANNEL_SCAN} through {@code ingest}, with the scan's journal id as the
 * event id (so a resend is stored once). When the API is unreachable the scans stay queued and
 * the sender retries every {@link #RETRY}; the cached trackable list names them meanwhile.
 * Unknown codes are listed, never dropped.
 */
public final class ScannerStationViewModel implements Activatable {
    /** How often an offline station tries the API again. */
    public static final Duration RETRY = Duration.ofSeconds(3);
    /** How often held keystrokes are checked for having settled into typing. */
    public static final Duration SETTLE = Duration.ofMillis(20);
    /** How late a settle tick may run before the FX thread counts as busy. */
    static final Duration TICK_SLACK = Duration.ofMillis(50);
    /** A settle tick this long after the one before ran behind a busy FX thread. */
    static final Duration STALL = Duration.ofMillis(60);
    /** The most envelopes in one ingest call. */
    static final int BATCH = 100;
    /** The most rows in the recent and unknown lists. */
    static final int MAX_ROWS = 500;

    public enum Tone { READY, RECORDED, QUEUED, UNKNOWN, ERROR }

    public enum State {
        RECORDED("recorded"), QUEUED("queued"), UNKNOWN("unknown"), REJECTED("rejected");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** What the big feedback panel shows: its colour (tone), a headline, a detail line and this session's count. */
    public record Feedback(Tone tone, String headline, String detail, String count) {
    }

    /** A sound to play: {@code seq} tells two equal cues apart. */
    public record Cue(long seq, Tone tone) {
    }

    /** One scan as the lists show it. */
    public record ScanRow(String id, String time, String code, String name, String text, State state, String note) {
        public String stateText() {
            return state.text();
        }
    }

    private record Taken(String id, long at, String text, String code) {
    }

    private record Outcome(ScanJournal.Entry entry, State state, Trackables.Trackable trackable, String note) {
    }

    private record Drained(List<Outcome> outcomes, String offline, int pending) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final Executor fxThread;
    private final Clock clock;
    private final ZoneId zone;
    private final ScanJournal journal;
    private final WedgeDetector detector;
    private final ConcurrentLinkedQueue<Taken> incoming = new ConcurrentLinkedQueue<>();
    private final Map<String, Trackables.Trackable> cache = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> counted = new HashSet<>();
    private final ObservableList<ScanRow> recent = FXCollections.observableArrayList();
    private final ObservableList<ScanRow> unknown = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Feedback> feedback = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Cue> cue = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper queuedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper scansTaken = new ReadOnlyIntegerWrapper();
    private final StationSettingsForm form;
    private final QueryLifecycle query;
    private Consumer<String> release = text -> { };
    private boolean swallowTyped;
    private long lastTick = Long.MIN_VALUE / 2;
    private long lastKey = Long.MIN_VALUE / 2;
    private long stalled;
    private boolean draining;
    private boolean active;
    private String offline;
    private long cues;
    private TaskRunner.Handle retryTimer;
    private TaskRunner.Handle settleTimer;
    private SerialScanReader serial;

    /**
     * @param api the open workspace's port
     * @param fxThread runs serial scans on the FX thread ({@code Platform::runLater} in the app)
     * @param journal the station's scan queue on disk
     * @param form the station's settings (shared with Settings); a Save applies at once
     */
    public ScannerStationViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, Executor fxThread,
                                   Clock clock, ZoneId zone, ScanJournal journal, StationSettingsForm form) {
        this.api = api;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.fxThread = fxThread;
        this.clock = clock;
        this.zone = zone;
        this.journal = journal;
        this.form = form;
        this.detector = new WedgeDetector(form.settings().thresholds());
        this.query = new QueryLifecycle(tasks);
        form.settingsProperty().addListener((obs, old, now) -> applied(old, now));
        queued.set(journal.pendingCount());
        showQueued();
        ready();
    }

    @Override
    public void activate() {
        active = true;
        retryTimer = scheduler.every(RETRY, this::retry);
        settleTimer = scheduler.every(SETTLE, this::settle);
        refreshCache();
        openSerial();
        if (journal.pendingCount() > 0) {
            drain();
        }
    }

    @Override
    public void deactivate() {
        active = false;
        String held = detector.settle(Long.MAX_VALUE);
        if (held != null) {
            release.accept(held);
        }
        query.stop();
        if (retryTimer != null) {
            retryTimer.cancel();
            retryTimer = null;
        }
        if (settleTimer != null) {
            settleTimer.cancel();
            settleTimer = null;
        }
        closeSerial();
    }

    // ---- keystrokes (the View's scene filter) ----

    /** Where typing held back by the detector goes: the View puts it into the focused field. */
    public void onRelease(Consumer<String> target) {
        this.release = target;
    }

    /**
     * A KEY_TYPED event: true when it must be consumed (a character held while it may be part of a
     * scan, or the Enter/Tab character of a scan's terminator). Shortcuts (Ctrl, Alt or Meta alone)
     * pass; AltGr (Ctrl and Alt) characters and GS (Ctrl+]) are characters.
     */
    public boolean keyTyped(String character, boolean control, boolean alt, boolean meta) {
        if (!active || character == null || character.length() != 1) {
            return false;
        }
        char c = character.charAt(0);
        if (c == '\r' || c == '\n' || c == '\t') {
            boolean swallow = swallowTyped;
            swallowTyped = false;
            return swallow;
        }
        if (c != ScanText.GS && (meta || control != alt || Character.isISOControl(c))) {
            return false;
        }
        return apply(detector.character(c, keyTime()));
    }

    /** A KEY_PRESSED Enter ({@code tab} false) or Tab without modifiers: true when it ended a scan (consume it). */
    public boolean terminator(boolean tab) {
        if (!active) {
            return false;
        }
        swallowTyped = false;
        boolean consume = apply(detector.terminator(tab, keyTime()));
        swallowTyped = consume;
        return consume;
    }

    private boolean apply(WedgeDetector.Step step) {
        if (step.release() != null && !step.release().isEmpty()) {
            release.accept(step.release());
        }
        if (step.scan() != null) {
            scanned(step.scan());
        }
        return step.consume();
    }

    /**
     * The detector's time for a keystroke now. Key events carry no time of their own, so they are
     * timed as the FX thread handles them; when it was busy, keys queued meanwhile arrive late and
     * all at once. The settle tick is due every {@link #SETTLE}: time after the last tick plus
     * {@link #TICK_SLACK} (when a tick was due but the thread did not run it) is time the thread was
     * busy, and is taken off, so a stall neither splits a scan nor makes it too slow, while a
     * person's pause (the thread idle, ticks running) counts in full.
     */
    private long keyTime() {
        long now = clock.millis();
        long busySince = Math.max(lastKey, lastTick + TICK_SLACK.toMillis());
        if (now > busySince) {
            stalled += now - busySince;
        }
        lastKey = now;
        return now - stalled;
    }

    /**
     * The settle tick: releases held keystrokes once they have waited longer than a scan's longest
     * gap. A tick that comes late (the FX thread was busy) only notes the time, so keys queued
     * behind the stall are handled before anything is released.
     */
    public void settle() {
        long now = clock.millis();
        boolean late = now - lastTick > STALL.toMillis();
        lastTick = now;
        if (late) {
            return;
        }
        String held = detector.settle(now - stalled);
        if (held != null) {
            release.accept(held);
        }
    }

    // ---- scans ----

    /** A scan read (by the wedge detector or a serial scanner): queued on disk, then sent in order. */
    public void scanned(String text) {
        ScanText.Parsed parsed = ScanText.parse(text);
        incoming.add(new Taken("scan-" + UUID.randomUUID(), clock.millis(), text, parsed.code()));
        scansTaken.set(scansTaken.get() + 1);
        drain();
    }

    private void retry() {
        if (!draining && (offline != null || !incoming.isEmpty()) && (journal.pendingCount() > 0 || !incoming.isEmpty())) {
            drain();
        }
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        String station = form.settings().stationName();
        tasks.submit("Sending scans", progress -> send(station), this::drained, failure -> {
            draining = false;
            feedback(Tone.ERROR, "Scan not saved", ErrorText.describe(failure), "");
        });
    }

    /** Off the FX thread: journal what came in, then resolve and record the pending scans in order. */
    private Drained send(String station) {
        Taken taken;
        while ((taken = incoming.peek()) != null) {
            journal.append(taken.id(), taken.at(), taken.text(), taken.code(), station);
            incoming.poll();
        }
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Trackables.Trackable> resolved = new HashMap<>();
        HeadlessApi port = api.get();
        List<ScanJournal.Entry> pending = journal.pending();
        List<ScanJournal.Entry> batch = new ArrayList<>();
        List<Map<String, Object>> envelopes = new ArrayList<>();
        List<Trackables.Trackable> batchTrackables = new ArrayList<>();
        String down = null;
        for (int i = 0; i < pending.size() && down == null; i++) {
            ScanJournal.Entry e = pending.get(i);
            ScanText.Parsed parsed = ScanText.parse(e.text());
            if (e.code() == null) {
                journal.finish(List.of(e.id()), ScanJournal.State.UNKNOWN, null);
                outcomes.add(new Outcome(e, State.UNKNOWN, null, parsed.warning() != null ? parsed.warning()
                        : "names no trackable code"));
                continue;
            }
            Trackables.Trackable t;
            String note = parsed.warning();
            try {
                t = resolve(port, e.code(), parsed.alternatives(), resolved);
            } catch (ApiException.Client c) {
                if (retryable(c)) {
                    down = ErrorText.describe(c);
                    break;
                }
                journal.finish(List.of(e.id()), ScanJournal.State.REJECTED, c.getMessage());
                outcomes.add(new Outcome(e, State.REJECTED, null, ErrorText.describe(c)));
                continue;
            } catch (RuntimeException unreachable) {
                down = ErrorText.describe(unreachable);
                break;
            }
            if (t == null) {
                journal.finish(List.of(e.id()), ScanJournal.State.UNKNOWN, null);
                outcomes.add(new Outcome(e, State.UNKNOWN, null, note != null ? note : "no trackable has this code"));
                continue;
            }
            if (!t.code().equals(e.code())) {
                note = "read as " + e.code() + ": the scanner's keyboard layout swaps Y and Z; set it to this"
                        + " computer's layout";
            }
            batch.add(e);
            batchTrackables.add(t);
            envelopes.add(Trackables.scanEvent(t, Trackables.CHANNEL_SCAN, actor(e.station()), e.id(), e.at()));
            if (note != null) {
                outcomes.add(new Outcome(e, State.RECORDED, t, note));
            }
            if (batch.size() == BATCH) {
                down = flush(port, batch, envelopes, batchTrackables, outcomes);
            }
        }
        if (down == null && !batch.isEmpty()) {
            down = flush(port, batch, envelopes, batchTrackables, outcomes);
        }
        if (down != null) {
            for (ScanJournal.Entry e : journal.pending()) {
                String code = e.code();
                outcomes.add(new Outcome(e, State.QUEUED, code == null ? null : cache.get(code), null));
            }
        }
        return new Drained(dedupe(outcomes), down, journal.pendingCount());
    }

    /** Sends one batch; null when stored (or rejected), else why the API could not be reached. */
    private String flush(HeadlessApi port, List<ScanJournal.Entry> batch, List<Map<String, Object>> envelopes,
                         List<Trackables.Trackable> trackables, List<Outcome> outcomes) {
        List<String> ids = batch.stream().map(ScanJournal.Entry::id).toList();
        try {
            port.ingest(List.copyOf(envelopes));
            journal.finish(ids, ScanJournal.State.SENT, null);
            for (int k = 0; k < batch.size(); k++) {
                outcomes.add(new Outcome(batch.get(k), State.RECORDED, trackables.get(k), null));
            }
        } catch (ApiException.Client c) {
            if (retryable(c)) {
                return ErrorText.describe(c);
            }
            journal.finish(ids, ScanJournal.State.REJECTED, c.getMessage());
            for (ScanJournal.Entry e : batch) {
                outcomes.add(new Outcome(e, State.REJECTED, null, ErrorText.describe(c)));
            }
        } catch (RuntimeException unreachable) {
            return ErrorText.describe(unreachable);
        } finally {
            batch.clear();
            envelopes.clear();
            trackables.clear();
        }
        return null;
    }

    /** A refusal that may pass (no key, no permission yet, rate limit): the scans wait instead of being rejected. */
    private static boolean retryable(ApiException.Client c) {
        return c.status() == 401 || c.status() == 403 || c.status() == 408 || c.status() == 429;
    }

    /** The last outcome of each scan (a note given while resolving is kept), in scan order. */
    private static List<Outcome> dedupe(List<Outcome> outcomes) {
        Map<String, Outcome> last = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            Outcome before = last.get(o.entry().id());
            String note = o.note() != null ? o.note() : before == null ? null : before.note();
            last.put(o.entry().id(), new Outcome(o.entry(), o.state(), o.trackable(), note));
        }
        return List.copyOf(last.values());
    }

    /** The trackable with this code (or a layout-swapped one); null when the API says none has it. */
    private Trackables.Trackable resolve(HeadlessApi port, String code, List<String> alternatives,
                                         Map<String, Trackables.Trackable> resolved) {
        if (resolved.containsKey(code)) {
            return resolved.get(code);
        }
        Trackables.Trackable found = lookup(port, code);
        for (int k = 0; found == null && k < alternatives.size(); k++) {
            found = lookup(port, alternatives.get(k));
        }
        resolved.put(code, found);
        if (found != null) {
            cache.put(found.code(), found);
        }
        return found;
    }

    private static Trackables.Trackable lookup(HeadlessApi port, String code) {
        try {
            return port.trackable(code);
        } catch (ApiException.Client c) {
            if (c.status() == 404) {
                return null;
            }
            throw c;
        }
    }

    private static Map<String, Object> actor(String station) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("type", "station");
        actor.put("id", station);
        return actor;
    }

    /** On the FX thread: shows what the sender did and starts it again when more came in. */
    private void drained(Drained d) {
        draining = false;
        boolean wasOffline = offline != null;
        offline = d.offline();
        queued.set(d.pending() + incoming.size());
        showQueued();
        if (wasOffline && offline == null) {
            refreshCache();
        }
        List<ScanRow> recentRows = new ArrayList<>(recent);
        List<ScanRow> unknownRows = new ArrayList<>(unknown);
        for (Outcome o : d.outcomes()) {
            show(o, recentRows, unknownRows);
        }
        recent.setAll(recentRows);
        if (unknownRows.size() != unknown.size() || !unknownRows.equals(unknown)) {
            unknown.setAll(unknownRows);
        }
        if (!incoming.isEmpty()) {
            drain();
        }
    }

    /** Shows one outcome in the panel and puts its row into the given copies of the lists. */
    private void show(Outcome o, List<ScanRow> recentRows, List<ScanRow> unknownRows) {
        ScanJournal.Entry e = o.entry();
        Trackables.Trackable t = o.trackable();
        String code = t != null ? t.code() : e.code();
        boolean first = t != null && counted.add(e.id());
        int count = t == null ? 0 : first ? counts.merge(t.code(), 1, Integer::sum) : counts.getOrDefault(t.code(), 0);
        String name = t != null ? t.name() : "";
        ScanRow row = new ScanRow(e.id(), Formats.time(e.at(), zone), code == null ? "" : code, name, e.text(),
                o.state(), o.note() == null ? "" : o.note());
        upsert(recentRows, row);
        String countText = t == null ? "" : count + (count == 1 ? " scan" : " scans") + " this session";
        switch (o.state()) {
            case RECORDED -> feedback(Tone.RECORDED, t.name(), o.note() != null ? o.note() : t.code() + " recorded",
                    countText);
            case QUEUED -> feedback(Tone.QUEUED, t != null ? t.name() : code != null ? code : e.text(),
                    "queued (" + queued.get() + "): the API is unreachable; sent in order when it answers"
                            + (t == null && code != null ? " (not in the cached list; checked then)" : ""), countText);
            case UNKNOWN -> {
                upsert(unknownRows, row);
                feedback(Tone.UNKNOWN, "Unknown code", (code == null ? "\"" + abbreviate(e.text()) + "\"" : code)
                        + ": " + o.note(), "");
            }
            case REJECTED -> feedback(Tone.ERROR, "Scan rejected", o.note(), "");
        }
    }

    private static void upsert(List<ScanRow> rows, ScanRow row) {
        for (int k = 0; k < rows.size(); k++) {
            if (rows.get(k).id().equals(row.id())) {
                rows.set(k, row);
                return;
            }
        }
        rows.add(0, row);
        if (rows.size() > MAX_ROWS) {
            rows.subList(MAX_ROWS, rows.size()).clear();
        }
    }

    private void feedback(Tone tone, String headline, String detail, String count) {
        feedback.set(new Feedback(tone, headline, detail == null ? "" : detail, count));
        if (form.settings().sound()) {
            cue.set(new Cue(++cues, tone));
        }
    }

    private void ready() {
        feedback.set(new Feedback(Tone.READY, "Ready to scan", "Station " + form.settings().stationName()
                + ": scan a label; scans are recorded as this station's", ""));
    }

    private void showQueued() {
        queuedText.set(queued.get() == 0 ? "" : "queued (" + queued.get() + ")");
        status.set(offline != null ? "Offline: " + offline + "; retrying every " + RETRY.toSeconds() + " s"
                : queued.get() > 0 ? "Sending queued scans…" : "Online");
    }

    /** Reads the trackables for naming queued scans; when it fails, queued scans show their code. */
    private void refreshCache() {
        query.run("Reading trackables for the station", "Reading the trackables…", progress -> api.get().trackables(
                new Trackables.Query(null, null, null, Trackables.MAX_LIMIT)), list -> {
                    list.trackables().forEach(t -> cache.put(t.code(), t));
                    query.status(Formats.count(list.trackables().size()) + " trackables known to this station");
                });
    }

    // ---- settings and the serial scanner ----

    /** A Save in the settings form: the detector's thresholds now, the serial port reopened when it changed. */
    private void applied(StationSettings old, StationSettings now) {
        detector.thresholds(now.thresholds());
        if (!java.util.Objects.equals(old.serialPort(), now.serialPort()) && active) {
            closeSerial();
            openSerial();
        }
        if (feedback.get().tone() == Tone.READY) {
            ready();
        }
    }

    private void openSerial() {
        String port = form.settings().serialPort();
        if (port == null) {
            return;
        }
        tasks.submit("Opening the serial scanner " + port, progress -> SerialScanReader.open(port,
                line -> fxThread.execute(() -> scanned(line)),
                problem -> fxThread.execute(() -> feedback(Tone.ERROR, "Serial scanner", problem, ""))), reader -> {
                    if (active && port.equals(form.settings().serialPort())) {
                        serial = reader;
                    } else {
                        reader.close();
                    }
                }, failure -> feedback(Tone.ERROR, "Serial scanner", ErrorText.describe(failure), ""));
    }

    private void closeSerial() {
        if (serial != null) {
            SerialScanReader reader = serial;
            serial = null;
            tasks.submit("Closing the serial scanner", progress -> {
                reader.close();
                return null;
            }, ignored -> { }, failure -> { });
        }
    }

    private static String abbreviate(String s) {
        String clean = s.replace(String.valueOf(ScanText.GS), "<GS>");
        return clean.length() <= 60 ? clean : clean.substring(0, 60) + "…";
    }

    // ---- what the View binds ----

    public ReadOnlyObjectProperty<Feedback> feedbackProperty() {
        return feedback.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Cue> cueProperty() {
        return cue.getReadOnlyProperty();
    }

    public ObservableList<ScanRow> recent() {
        return recent;
    }

    public ObservableList<ScanRow> unknown() {
        return unknown;
    }

    /** Scans waiting in the journal. */
    public ReadOnlyIntegerProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }

    /** "queued (N)", or empty when nothing waits. */
    public ReadOnlyStringProperty queuedTextProperty() {
        return queuedText.getReadOnlyProperty();
    }

    /** Online, sending, or offline and why. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Scans taken since the console started (recorded, queued or unknown). */
    public ReadOnlyIntegerProperty scansTakenProperty() {
        return scansTaken.getReadOnlyProperty();
    }

    /** The read of the trackable list (status line, spinner, error banner). */
    public QueryLifecycle query() {
        return query;
    }

    public StationSettingsForm settingsForm() {
        return form;
    }

    public StationSettings settings() {
        return form.settings();
    }

    /** This session's count of scans of the trackable with this code. */
    public int count(String code) {
        return counts.getOrDefault(code, 0);
    }

    /** Whether a sender is running (tests wait for it). */
    public boolean sending() {
        return draining;
    }
}
