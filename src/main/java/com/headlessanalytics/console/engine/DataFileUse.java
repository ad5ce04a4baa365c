package com.headlessanalytics.console.engine;

import java.nio.file.Path;

/**
 * A data folder's H2 file: its size and the share of it that holds live data (the live share of its
 * chunks times the share of the file the chunks take, as H2 counts them). Large transactions (a bulk
 * import's) leave most of the file dead: 1M imported events left 4.8 GB with 33% live, and 388 MB
 * after a full compaction (docs/performance.md, "Bulk import").
 */
public record DataFileUse(Path file, long bytes, int livePercent) {
    /** A file smaller than this is not worth a full compaction, however much of it is dead. */
    public static final long COMPACT_ABOVE_BYTES = 64L << 20;

    /**
     * H2's write delay while its background writer compacts the file: it then wakes every 10 ms and
     * rewrites a few of the emptiest chunks each time (docs/performance.md, "Bulk import": 30 ms
     * imported 2M events in 6.1 min against 7.7 min at 100 ms and 9.4 min at 1 s).
     */
    public static final int BACKGROUND_WRITE_DELAY_MS = 30;

    /** Over {@link #COMPACT_ABOVE_BYTES} and less than half of it live. */
    public boolean worthCompacting() {
        return bytes > COMPACT_ABOVE_BYTES && livePercent < 50;
    }
}
