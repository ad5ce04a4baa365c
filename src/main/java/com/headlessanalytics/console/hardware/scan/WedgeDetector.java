package com.headlessanalytics.console.hardware.scan;

/**
 * Tells a keyboard-wedge scanner's keystrokes from a person's by timing, one burst at a time
 * (docs/labels-and-scanners.md, "Scanner set-up"). Every printable character is held back
 * ({@link Step#consume()}) while a burst may still be a scan; the held text is handed back as
 * {@link Step#release()} for the focused input as soon as the burst cannot be one: a gap longer
 * than {@link ScanThresholds#maxGapMs()} (seen by the next character or by {@link #settle(long)}),
 * or a terminator that ends a burst too short or too slow. A terminator that ends a qualifying
 * burst makes it a {@link Step#scan()} and is consumed with it.
 * <p>
 * Times are milliseconds from the injected clock. Text pasted through the clipboard never arrives
 * here as keystrokes; text typed in by a tool all at once and ended with Enter is timed like a
 * scanner and taken as one, since a scanner whose keystrokes queued behind a busy UI thread
 * looks the same. Not thread-safe: one input thread feeds it.
 */
public final class WedgeDetector {
    /** The most characters held; a longer burst is released as typing. */
    public static final int MAX_BURST = 4096;

    /**
     * What to do with one keystroke: {@code consume} it (keep it from the focused input), hand
     * {@code release} (non-null, may be empty) to the focused input first, and record {@code scan}
     * (non-null) as a scan.
     */
    public record Step(boolean consume, String release, String scan) {
        static final Step HOLD = new Step(true, null, null);
        static final Step PASS = new Step(false, null, null);
    }

    private volatile ScanThresholds thresholds;
    private final StringBuilder held = new StringBuilder();
    private long first;
    private long last;

    public WedgeDetector(ScanThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** New thresholds, used from the next burst on. */
    public void thresholds(ScanThresholds now) {
        this.thresholds = now;
    }

    public ScanThresholds thresholds() {
        return thresholds;
    }

    /** A printable character (or GS, the GS1 field separator) typed at {@code now}: always held. */
    public Step character(char c, long now) {
        String release = null;
        if (!held.isEmpty() && (now - last > thresholds.maxGapMs() || held.length() >= MAX_BURST)) {
            release = take();
        }
        if (held.isEmpty()) {
            first = now;
        }
        held.append(c);
        last = now;
        return release == null ? Step.HOLD : new Step(true, release, null);
    }

    /**
     * Enter ({@code tab} false) or Tab pressed at {@code now}. A qualifying burst is a scan and the
     * key is consumed; otherwise what is held is released and the key goes on to the input.
     */
    public Step terminator(boolean tab, long now) {
        if (held.isEmpty()) {
            return Step.PASS;
        }
        ScanThresholds t = thresholds;
        boolean ends = tab ? t.tabEnds() : t.enterEnds();
        int n = held.length();
        long gap = now - last;
        boolean scan = ends && n >= t.minLength() && gap <= t.maxGapMs() && (now - first) <= (long) t.maxAverageGapMs() * n;
        String text = take();
        return scan ? new Step(true, null, text) : new Step(false, text, null);
    }

    /**
     * Called now and then while characters are held: after a gap longer than the longest allowed,
     * the held characters cannot start a scan any more and are returned (else null).
     */
    public String settle(long now) {
        if (!held.isEmpty() && now - last > thresholds.maxGapMs()) {
            return take();
        }
        return null;
    }

    /** Whether characters are held back. */
    public boolean holding() {
        return !held.isEmpty();
    }

    private String take() {
        String text = held.toString();
        held.setLength(0);
        return text;
    }
}
