package com.headlessanalytics.console.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan journal on a real file: pending scans survive a reopen in order; finished ones are compacted away. */
class ScanJournalTest {
    @TempDir
    Path dir;

    @Test
    void pendingScansSurviveAReopenInOrderAndFinishedOnesDoNot() throws Exception {
        Path file = dir.resolve("scanner/journal.jsonl");
        ScanJournal journal = ScanJournal.open(file);
        journal.append("s1", 1, "A", "ABCD2345", "st");
        journal.append("s2", 2, "B", null, "st");
        journal.append("s3", 3, "C", "EFGH2345", "st");
        journal.finish(List.of("s1"), ScanJournal.State.SENT, null);
        journal.close();

        ScanJournal again = ScanJournal.open(file);
        assertThat(again.pending()).extracting(ScanJournal.Entry::id).containsExactly("s2", "s3");
        assertThat(again.pending().get(0).code()).isNull();
        assertThat(again.pending().get(1).text()).isEqualTo("C");
        again.finish(List.of("s2"), ScanJournal.State.UNKNOWN, null);
        again.close();
        assertThat(ScanJournal.open(file).pending()).extracting(ScanJournal.Entry::id).containsExactly("s3");
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void aLineCutShortByACrashIsDroppedAndTheRestKept() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        ScanJournal journal = ScanJournal.open(file);
        journal.append("s1", 1, "A", "ABCD2345", "st");
        journal.close();
        Files.writeString(file, "{\"op\":\"scan\",\"id\":\"s2\",\"at\"", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ScanJournal again = ScanJournal.open(file);
        assertThat(again.pending()).extracting(ScanJournal.Entry::id).containsExactly("s1");
        again.append("s3", 3, "C", null, "st");
        again.close();
        assertThat(ScanJournal.open(file).pending()).extracting(ScanJournal.Entry::id).containsExactly("s1", "s3");
    }
}
