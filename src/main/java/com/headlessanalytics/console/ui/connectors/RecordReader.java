package com.headlessanalytics.console.ui.connectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads provider records from a file (a JSON array or object, NDJSON, CSV), chunk by chunk, for
 * the Import wizard; the composition root adapts {@code connectors.RecordFiles}. Blocking: call it
 * through the task runner. Failures name the line or record that could not be read.
 */
public interface RecordReader {

    /** An open file. */
    interface Chunks extends AutoCloseable {
        /** The next records, at most {@code max}; empty at the end of the file. */
        List<Map<String, Object>> next(int max) throws IOException;

        @Override
        void close() throws IOException;
    }

    Chunks open(Path file) throws IOException;
}
