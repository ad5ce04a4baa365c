package com.headlessanalytics.console.ui.common;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * CSV files as every export writes them: UTF-8 with a byte-order mark (so spreadsheets read the
 * encoding right), rows written to a temporary file beside the target, which replaces the target
 * only when the body completes: a failed or cancelled export leaves no file behind.
 */
public final class CsvFiles {
    private static final char BOM = '\uFEFF';

    private CsvFiles() {
    }

    /** Writes the rows after the header line. */
    @FunctionalInterface
    public interface Body<T> {
        T write(CsvWriter csv) throws IOException;
    }

    /** Writes {@code header} and then the body's rows to {@code target}; returns what the body returned. */
    public static <T> T write(Path target, List<String> header, Body<T> body) throws IOException {
        Path file = target.toAbsolutePath();
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".part");
        boolean moved = false;
        try {
            T result;
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16)) {
                out.write(BOM);
                CsvWriter csv = new CsvWriter(out);
                csv.row(header);
                result = body.write(csv);
            }
            move(temp, file);
            moved = true;
            return result;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A table held in memory: the header and its rows. */
    public static void write(Path target, List<String> header, List<? extends List<String>> rows) throws IOException {
        write(target, header, csv -> {
            for (List<String> row : rows) {
                csv.row(row);
            }
            return rows.size();
        });
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
