package com.headlessanalytics.console.hardware.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which paper a template's page goes on. */
class PaperMatchTest {
    static final PaperMatch.Paper LETTER = new PaperMatch.Paper("Letter", 215.9, 279.4);
    static final PaperMatch.Paper A4 = new PaperMatch.Paper("A4", 210, 297);
    static final PaperMatch.Paper A6 = new PaperMatch.Paper("A6", 105, 148);
    static final PaperMatch.Paper DYMO = new PaperMatch.Paper("30252 Address", 28, 89);
    static final List<PaperMatch.Paper> OFFICE = List.of(A4, A6, LETTER);

    @Test
    void aSheetGoesOnItsOwnPaper() {
        assertThat(PaperMatch.best(OFFICE, 215.9, 279.4)).hasValue(new PaperMatch.Match(LETTER, false, true));
        assertThat(PaperMatch.best(OFFICE, 210, 297)).hasValue(new PaperMatch.Match(A4, false, true));
    }

    @Test
    void aWideRollLabelGoesOnItsPortraitMediaTurnedOrOnTheSmallestPaperItFits() {
        assertThat(PaperMatch.best(List.of(A4, DYMO), 89, 28)).hasValue(new PaperMatch.Match(DYMO, true, true));
        assertThat(PaperMatch.best(OFFICE, 89, 28)).hasValue(new PaperMatch.Match(A6, false, false));
    }

    @Test
    void aPageLargerThanEveryPaperGoesOnTheLargest() {
        assertThat(PaperMatch.best(List.of(A6, DYMO), 215.9, 279.4)).hasValue(new PaperMatch.Match(A6, false, false));
        assertThat(PaperMatch.best(List.of(), 10, 10)).isEmpty();
    }
}
