package com.headlessanalytics.console.proof;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the entries of a packet's zip without judging them: entry by entry as the local headers
 * say (the JDK's reader, CRCs checked), compared with what the central directory lists (what
 * {@code unzip} shows), and with the fixed layout the writer makes, so that two readers can never
 * be shown different files and a changed header byte is seen too.
 */
public final class PacketReader {
    /** The most uncompressed bytes read from one packet; more is not judged. */
    public static final long MAX_BYTES = 1L << 30;

    private PacketReader() {
    }

    /** How far the zip could be read. */
    public enum Status { READ, NOT_A_ZIP, DAMAGED, TOO_LARGE }

    /** One entry: its name and bytes. */
    public record Entry(String name, byte[] bytes) {
    }

    /**
     * What was read. {@code problem} says why when the status is not READ; {@code layoutProblem}
     * is null when the zip is byte for byte the one the writer makes of these entries.
     */
    public record Read(Status status, String problem, List<Entry> entries, String layoutProblem) {
    }

    public static Read read(byte[] zip) {
        if (!StoredZip.looksLikeZip(zip)) {
            return new Read(Status.NOT_A_ZIP, "not a zip file", List.of(), null);
        }
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        String current = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            byte[] buffer = new byte[65536];
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                current = e.getName();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (total > MAX_BYTES) {
                        return new Read(Status.TOO_LARGE, "the packet holds more than " + (MAX_BYTES >> 20)
                                + " MiB uncompressed; it was not read", List.of(), null);
                    }
                    out.write(buffer, 0, n);
                }
                entries.add(new Entry(e.getName(), out.toByteArray()));
                current = null;
            }
        } catch (IOException | RuntimeException e) {
            return new Read(Status.DAMAGED, (current == null ? "" : current + ": ") + e.getMessage(), List.of(), null);
        }
        List<String> central;
        try {
            central = StoredZip.centralNames(zip);
        } catch (IllegalArgumentException e) {
            return new Read(Status.DAMAGED, e.getMessage(), List.of(), null);
        }
        List<String> local = entries.stream().map(Entry::name).toList();
        if (!central.equals(local)) {
            return new Read(Status.DAMAGED, "the central directory lists " + central + " but the entries are " + local,
                    List.of(), null);
        }
        return new Read(Status.READ, null, List.copyOf(entries), layoutProblem(zip, entries));
    }

    /** Null when {@code zip} is exactly the writer's zip of these entries; else where it differs. */
    private static String layoutProblem(byte[] zip, List<Entry> entries) {
        byte[] expected;
        try {
            expected = StoredZip.write(entries.stream().map(e -> new StoredZip.Entry(e.name(), e.bytes())).toList());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        int at = Arrays.mismatch(zip, expected);
        if (at < 0) {
            return null;
        }
        if (at >= expected.length) {
            return zip.length - expected.length + " bytes follow the end of the zip";
        }
        return "byte " + at + " of the zip differs from the packet's fixed layout (stored entries, fixed time,"
                + " no extra fields): a header was changed or the zip was rewritten";
    }
}
