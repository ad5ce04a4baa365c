package com.headlessanalytics.console.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wedge detector on an injected clock: what is a scan, what is typing, and nothing lost either way. */
class WedgeDetectorTest {
    final WedgeDetector detector = new WedgeDetector(ScanThresholds.DEFAULTS);
    final List<String> scans = new ArrayList<>();
    final StringBuilder typed = new StringBuilder();
    long now = 1_000_000;

    /** Types {@code text} {@code gap} ms apart, then the terminator {@code gap} later; returns whether it was consumed. */
    boolean type(String text, long gap, boolean tab) {
        for (char c : text.toCharArray()) {
            WedgeDetector.Step s = detector.character(c, now);
            apply(s);
            now += gap;
        }
        WedgeDetector.Step end = detector.terminator(tab, now);
        apply(end);
        if (!end.consume()) {
            typed.append(tab ? "\t" : "\n");
        }
        now += 1000;
        return end.consume();
    }

    void apply(WedgeDetector.Step s) {
        if (s.release() != null) {
            typed.append(s.release());
        }
        if (s.scan() != null) {
            scans.add(s.scan());
        }
    }

    @Test
    void aFiveMillisecondBurstEndedByEnterIsAScanAndNoCharacterReachesTheInput() {
        assertThat(type("4006381333931", 5, false)).isTrue();
        assertThat(scans).containsExactly("4006381333931");
        assertThat(typed.toString()).isEmpty();
    }

    @Test
    void slowTypingIsReleasedToTheInputAndNeverAScan() {
        for (char c : "123456".toCharArray()) {
            apply(detector.character(c, now));
            now += 150;
            String settled = detector.settle(now);
            if (settled != null) {
                typed.append(settled);
            }
        }
        WedgeDetector.Step enter = detector.terminator(false, now);
        assertThat(enter.consume()).isFalse();
        assertThat(scans).isEmpty();
        assertThat(typed.toString()).isEqualTo("123456");
    }

    @Test
    void aFastHumanBurstAveragingOverThirtyMillisecondsIsTyping() {
        assertThat(type("abcdefgh", 45, false)).isFalse();
        assertThat(scans).isEmpty();
        assertThat(typed.toString()).isEqualTo("abcdefgh\n");
    }

    @Test
    void typingThenAScanKeepsTheTypedTextAndTakesTheScan() {
        for (char c : "hello".toCharArray()) {
            apply(detector.character(c, now));
            now += 120;
        }
        assertThat(type("ABCD2345", 4, false)).isTrue();
        assertThat(typed.toString()).isEqualTo("hello");
        assertThat(scans).containsExactly("ABCD2345");
    }

    @Test
    void tabEndsAScanAndCanBeTurnedOff() {
        assertThat(type("ABCD2345", 5, true)).isTrue();
        assertThat(scans).containsExactly("ABCD2345");
        detector.thresholds(new ScanThresholds(6, 30, 80, true, false));
        assertThat(type("EFGH2345", 5, true)).isFalse();
        assertThat(scans).hasSize(1);
        assertThat(typed.toString()).isEqualTo("EFGH2345\t");
    }

    @Test
    void aBurstShorterThanTheMinimumIsTyping() {
        assertThat(type("12345", 5, false)).isFalse();
        assertThat(scans).isEmpty();
        assertThat(typed.toString()).isEqualTo("12345\n");
    }

    @Test
    void charactersTypedAllAtOnceAndEndedByEnterAreTimedAsAScanWhileWithoutEnterTheySettleAsText() {
        assertThat(type("ABCD2345", 0, false)).as("a tool typing at once, or keys queued behind a busy UI")
                .isTrue();
        for (char c : "pasted text".toCharArray()) {
            apply(detector.character(c, now));
        }
        assertThat(detector.settle(now + 50)).as("not yet past the longest gap").isNull();
        typed.append(detector.settle(now + 81));
        assertThat(typed.toString()).isEqualTo("pasted text");
        assertThat(detector.holding()).isFalse();
    }

    @Test
    void aLongPauseInsideABurstSplitsItAndAnEnterLateAfterTheLastKeyIsNoScan() {
        for (char c : "ABC".toCharArray()) {
            apply(detector.character(c, now));
            now += 5;
        }
        now += 200;
        assertThat(type("DEFGHJ", 5, false)).isTrue();
        assertThat(typed.toString()).isEqualTo("ABC");
        assertThat(scans).containsExactly("DEFGHJ");
        for (char c : "KMNPQR".toCharArray()) {
            apply(detector.character(c, now));
            now += 5;
        }
        WedgeDetector.Step late = detector.terminator(false, now + 500);
        assertThat(late.consume()).isFalse();
        assertThat(late.release()).isEqualTo("KMNPQR");
    }

    @Test
    void thresholdsRefuseNonsenseWithAClearMessage() {
        assertThat(ScanThresholds.problems(1, 30, 10, false, false)).containsExactly(
                "the minimum length must be 2-100 characters",
                "the longest single gap must be at least the average gap and at most 500 ms",
                "Enter or Tab (or both) must end a scan");
    }
}
