package com.headlessanalytics.console.engine.analytics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Buffered little-endian reading and writing of a snapshot file, with a running CRC32C. */
final class SnapshotIo {
    private static final int BUFFER = 1 << 20;

    private SnapshotIo() {
    }

    /** The snapshot is damaged or does not fit the rows it claims to hold. */
    static final class Corrupt extends IOException {
        Corrupt(String message) {
            super(message);
        }
    }

    static final class Out {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private final Runnable perBuffer;

        /** {@code perBuffer} runs after each buffer is written (a test's pacing hook; may be null). */
        Out(FileChannel channel, Runnable perBuffer) {
            this.channel = channel;
            this.perBuffer = perBuffer;
        }

        private void room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                flush();
            }
        }

        void flush() throws IOException {
            buffer.flip();
            crc.update(buffer.array(), 0, buffer.limit());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
            if (perBuffer != null) {
                perBuffer.run();
            }
        }

        /** Flushes and writes the checksum of everything before it, uncounted. */
        void finish() throws IOException {
            flush();
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
            tail.flip();
            while (tail.hasRemaining()) {
                channel.write(tail);
            }
        }

        void writeByte(int v) throws IOException {
            room(1);
            buffer.put((byte) v);
        }

        void writeInt(int v) throws IOException {
            room(4);
            buffer.putInt(v);
        }

        void writeLong(long v) throws IOException {
            room(8);
            buffer.putLong(v);
        }

        void writeString(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            writeInt(b.length);
            writeBytes(b, b.length);
        }

        void writeBytes(byte[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                room(1);
                int k = Math.min(n - i, buffer.remaining());
                buffer.put(a, i, k);
                i += k;
            }
        }

        void writeInts(int[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                room(4);
                int k = Math.min(n - i, buffer.remaining() / 4);
                buffer.asIntBuffer().put(a, i, k);
                buffer.position(buffer.position() + k * 4);
                i += k;
            }
        }

        void writeChars(char[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                room(2);
                int k = Math.min(n - i, buffer.remaining() / 2);
                buffer.asCharBuffer().put(a, i, k);
                buffer.position(buffer.position() + k * 2);
                i += k;
            }
        }

        void writeLongs(long[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                room(8);
                int k = Math.min(n - i, buffer.remaining() / 8);
                buffer.asLongBuffer().put(a, i, k);
                buffer.position(buffer.position() + k * 8);
                i += k;
            }
        }
    }

    /**
     * Reads what {@link Out} wrote, checksumming every byte it reads from the file (from position
     * 0); nothing read may be trusted before {@link #checksum()} matches the stored one, so counts
     * are bounded by the bytes left before anything is allocated for them.
     */
    static final class In {
        private final FileChannel channel;
        private final long end;
        private long consumed;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();

        /** Reads the channel from position 0 up to {@code end}. */
        In(FileChannel channel, long end) throws IOException {
            this.channel = channel;
            this.end = end;
            channel.position(0);
            buffer.limit(0);
        }

        /** The CRC32C of every byte read from the file so far. */
        int checksum() {
            return (int) crc.getValue();
        }

        /** Bytes not yet read. */
        long remaining() {
            return end - consumed + buffer.remaining();
        }

        private void need(int bytes) throws IOException {
            if (buffer.remaining() >= bytes) {
                return;
            }
            buffer.compact();
            while (buffer.position() < bytes) {
                int want = (int) Math.min(buffer.remaining(), end - consumed);
                if (want <= 0) {
                    throw new Corrupt("the snapshot ends early");
                }
                buffer.limit(buffer.position() + want);
                int from = buffer.position();
                int r = channel.read(buffer);
                if (r < 0) {
                    throw new Corrupt("the snapshot ends early");
                }
                crc.update(buffer.array(), from, r);
                consumed += r;
                buffer.limit(buffer.capacity());
            }
            buffer.flip();
        }

        /** Whether everything up to the end was read. */
        boolean atEnd() {
            return consumed == end && !buffer.hasRemaining();
        }

        int readByte() throws IOException {
            need(1);
            return buffer.get();
        }

        int readInt() throws IOException {
            need(4);
            return buffer.getInt();
        }

        long readLong() throws IOException {
            need(8);
            return buffer.getLong();
        }

        /** A count from 0 to {@code max}. */
        int readCount(int max) throws IOException {
            int n = readInt();
            if (n < 0 || n > max) {
                throw new Corrupt("a count is out of range: " + n);
            }
            return n;
        }

        /** A count of {@code unit}-byte items that must still lie in the file. */
        int readSized(int unit) throws IOException {
            int n = readCount(Integer.MAX_VALUE - 16);
            if ((long) n * unit > remaining()) {
                throw new Corrupt("the snapshot ends early");
            }
            return n;
        }

        String readString() throws IOException {
            int n = readSized(1);
            byte[] b = new byte[n];
            readBytes(b, n);
            return new String(b, StandardCharsets.UTF_8);
        }

        void readBytes(byte[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                need(1);
                int k = Math.min(n - i, buffer.remaining());
                buffer.get(a, i, k);
                i += k;
            }
        }

        void readInts(int[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                need(4);
                int k = Math.min(n - i, buffer.remaining() / 4);
                buffer.asIntBuffer().get(a, i, k);
                buffer.position(buffer.position() + k * 4);
                i += k;
            }
        }

        void readChars(char[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                need(2);
                int k = Math.min(n - i, buffer.remaining() / 2);
                buffer.asCharBuffer().get(a, i, k);
                buffer.position(buffer.position() + k * 2);
                i += k;
            }
        }

        void readLongs(long[] a, int n) throws IOException {
            for (int i = 0; i < n; ) {
                need(8);
                int k = Math.min(n - i, buffer.remaining() / 8);
                buffer.asLongBuffer().get(a, i, k);
                buffer.position(buffer.position() + k * 8);
                i += k;
            }
        }
    }
}
