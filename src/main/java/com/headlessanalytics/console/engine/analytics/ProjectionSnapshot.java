package com.headlessanalytics.console.engine.analytics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analytics projection saved to one file, so that opening a large workspace catches up from
 * the database instead of reading every event again.
 *
 * <p>Layout (little-endian): an 8-byte magic number, the format version, the database identity it was
 * taken from, the storage sequence up to which it holds every event ({@code applied}), the row
 * count, each workspace's columns and dictionaries, then the CRC32C of everything before it. It
 * is written to a temporary file, forced to disk and renamed over the old one, so a crash leaves
 * the old snapshot or the new one, never a mix.
 */
public final class ProjectionSnapshot {
    public static final String FILE = "analytics.snapshot";
    static final long MAGIC = 0x4A4F5250_41480001L;
    static final int VERSION = 1;
    private static final int HEADER_PREFIX = 12;

    /** What a snapshot holds: its database identity, up to which sequence it is complete, and the rows. */
    public record Contents(String identity, long applied, long rows, Map<String, Columns> workspaces) {
    }

    /** A consistent point of the projection: every row up to {@code applied}, as row counts per workspace. */
    public record Point(long applied, Map<String, Integer> sizes) {
        public long rows() {
            return sizes.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    private ProjectionSnapshot() {
    }

    /**
     * Writes the projection's rows up to {@code point} to {@code file}, atomically. {@code perBuffer}
     * runs after each MiB written (a test's pacing hook; null in production).
     */
    public static void write(Path file, String identity, AnalyticsIndex index, Point point, Runnable perBuffer)
            throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            SnapshotIo.Out out = new SnapshotIo.Out(ch, perBuffer);
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeString(identity);
            out.writeLong(point.applied());
            out.writeLong(point.rows());
            out.writeInt(point.sizes().size());
            for (Map.Entry<String, Integer> w : point.sizes().entrySet()) {
                out.writeString(w.getKey());
                index.existing(w.getKey()).write(out, w.getValue());
            }
            out.finish();
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(file.getParent());
    }

    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every system can sync a folder (Windows cannot open one); the rename is durable there.
        }
    }

    /**
     * Reads a snapshot, checking its magic, version and checksum before anything else.
     *
     * @throws NoSuchFileException when there is none
     * @throws IOException with the reason when it is damaged or of another version
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length < HEADER_PREFIX + 4) {
                throw new SnapshotIo.Corrupt("the snapshot is truncated (" + length + " bytes)");
            }
            ByteBuffer head = ByteBuffer.allocate(HEADER_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            head.flip();
            if (head.getLong() != MAGIC) {
                throw new SnapshotIo.Corrupt("the file is not an analytics snapshot (wrong magic)");
            }
            int version = head.getInt();
            if (version != VERSION) {
                throw new SnapshotIo.Corrupt("the snapshot has format version " + version + ", this engine reads "
                        + VERSION);
            }
            long end = length - 4;
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, end);
            tail.flip();
            int stored = tail.getInt();
            SnapshotIo.In in = new SnapshotIo.In(ch, end);
            try {
                in.readLong();
                in.readInt();
                String identity = in.readString();
                long applied = in.readLong();
                long rows = in.readLong();
                int count = in.readSized(1);
                Map<String, Columns> workspaces = new LinkedHashMap<>();
                long total = 0;
                for (int i = 0; i < count; i++) {
                    String id = in.readString();
                    Columns c = Columns.read(in);
                    if (c.size() > 0 && c.lastSeq() > applied) {
                        throw new SnapshotIo.Corrupt("workspace " + id + " holds rows after the snapshot's point");
                    }
                    total += c.size();
                    workspaces.put(id, c);
                }
                if (!in.atEnd()) {
                    throw new SnapshotIo.Corrupt("the snapshot has bytes after its rows");
                }
                checksum(in, stored);
                if (total != rows) {
                    throw new SnapshotIo.Corrupt("the snapshot's row count does not match its rows");
                }
                return new Contents(identity, applied, rows, workspaces);
            } catch (IOException | RuntimeException e) {
                drain(in);
                checksum(in, stored);
                throw e;
            }
        }
    }

    /** Reads the rest of a snapshot whose parse failed, so that the checksum is over the whole file. */
    private static void drain(SnapshotIo.In in) {
        try {
            byte[] skip = new byte[1 << 16];
            while (in.remaining() > 0) {
                in.readBytes(skip, (int) Math.min(skip.length, in.remaining()));
            }
        } catch (IOException e) {
            // The checksum check below reports the damage.
        }
    }

    private static void checksum(SnapshotIo.In in, int stored) throws SnapshotIo.Corrupt {
        if (in.remaining() > 0 || in.checksum() != stored) {
            throw new SnapshotIo.Corrupt("the snapshot's checksum does not match (damaged or truncated)");
        }
    }
}
