package com.headlessanalytics.console.engine;

import java.nio.file.Path;

/**
 * A data folder's H2 file: its size, the share of it that holds live data (the live share of its
 * chunks times the share of the file the chunks take, as H2 counts them) and the live share of its
 * chunks alone, which compacting while open raises. Large transactions (a bulk import's) leave most
 * of the file dead: 1M imported events left 4.8 GB with 33% live, and 388 MB after a full compaction
 * (docs/performance.md, "Bulk import").
 */
public record DataFileUse(Path file, long bytes, int livePercent, int chunksLivePercent) {
    /** A file smaller than this is not worth a full compaction, however much of it is dead. */
    public static final long COMPACT_ABOVE_BYTES = 64L << 20;

    /** Over {@link #COMPACT_ABOVE_BYTES} and less than half of it live. */
    public boolean worthCompacting() {
        return bytes > COMPACT_ABOVE_BYTES && livePercent < 50;
    }
}
