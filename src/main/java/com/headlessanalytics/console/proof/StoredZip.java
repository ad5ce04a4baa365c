package com.headlessanalytics.console.proof;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The one zip layout of a packet, written byte for byte by this class alone (no JDK zip writer, so
 * no JDK version can change it): stored entries, UTF-8 names, the DOS time 1980-01-01 00:00, no
 * extra fields or comments, Unix mode 0644, then the central directory and its end record.
 */
final class StoredZip {
    static final int LOCAL = 0x04034b50;
    static final int CENTRAL = 0x02014b50;
    static final int END = 0x06054b50;
    private static final int VERSION_NEEDED = 10;
    private static final int MADE_BY_UNIX = (3 << 8) | 20;
    private static final int UTF8_NAMES = 0x0800;
    private static final int DOS_DATE_1980_01_01 = (1 << 5) | 1;
    private static final int FILE_0644 = 0100644 << 16;

    private StoredZip() {
    }

    /** One zip entry: its name and its bytes. */
    record Entry(String name, byte[] bytes) {
    }

    /**
     * The zip of these entries, in order.
     *
     * @throws IllegalArgumentException past the plain zip format's limits (4 GiB, 65,535 entries)
     */
    static byte[] write(List<Entry> entries) {
        long total = 22;
        for (Entry e : entries) {
            total += 30L + 46L + 2L * e.name().getBytes(StandardCharsets.UTF_8).length + e.bytes().length;
        }
        if (total >= 0xFFFFFFFFL || entries.size() > 0xFFFF || total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A packet of " + total + " bytes is past the zip format's 4 GiB limit");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            CRC32 crc = new CRC32();
            crc.update(e.bytes());
            int offset = out.size();
            ByteBuffer local = le(30);
            local.putInt(LOCAL).putShort((short) VERSION_NEEDED).putShort((short) UTF8_NAMES).putShort((short) 0)
                    .putShort((short) 0).putShort((short) DOS_DATE_1980_01_01).putInt((int) crc.getValue())
                    .putInt(e.bytes().length).putInt(e.bytes().length).putShort((short) name.length).putShort((short) 0);
            out.writeBytes(local.array());
            out.writeBytes(name);
            out.writeBytes(e.bytes());
            ByteBuffer header = le(46);
            header.putInt(CENTRAL).putShort((short) MADE_BY_UNIX).putShort((short) VERSION_NEEDED)
                    .putShort((short) UTF8_NAMES).putShort((short) 0).putShort((short) 0)
                    .putShort((short) DOS_DATE_1980_01_01).putInt((int) crc.getValue()).putInt(e.bytes().length)
                    .putInt(e.bytes().length).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(FILE_0644).putInt(offset);
            central.writeBytes(header.array());
            central.writeBytes(name);
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        ByteBuffer end = le(22);
        end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(central.size()).putInt(centralOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    /** True when the bytes start with a local header or end with an end-of-central-directory record. */
    static boolean looksLikeZip(byte[] zip) {
        return (zip.length >= 4 && le(zip).getInt(0) == LOCAL) || endRecord(zip) >= 0;
    }

    /**
     * The entry names the central directory lists, in its order.
     *
     * @throws IllegalArgumentException when there is no readable central directory
     */
    static List<String> centralNames(byte[] zip) {
        int end = endRecord(zip);
        if (end < 0) {
            throw new IllegalArgumentException("no end-of-central-directory record");
        }
        ByteBuffer b = le(zip);
        int count = Short.toUnsignedInt(b.getShort(end + 10));
        long size = Integer.toUnsignedLong(b.getInt(end + 12));
        long offset = Integer.toUnsignedLong(b.getInt(end + 16));
        if (offset + size > end) {
            throw new IllegalArgumentException("the central directory lies outside the file");
        }
        List<String> names = new ArrayList<>(count);
        int at = (int) offset;
        for (int i = 0; i < count; i++) {
            if (at + 46 > end || b.getInt(at) != CENTRAL) {
                throw new IllegalArgumentException("central directory entry " + (i + 1) + " of " + count
                        + " is not where the directory says");
            }
            int nameLength = Short.toUnsignedInt(b.getShort(at + 28));
            int extra = Short.toUnsignedInt(b.getShort(at + 30));
            int comment = Short.toUnsignedInt(b.getShort(at + 32));
            if (at + 46 + nameLength > end) {
                throw new IllegalArgumentException("central directory entry " + (i + 1) + " runs past its end");
            }
            names.add(new String(zip, at + 46, nameLength, StandardCharsets.UTF_8));
            at += 46 + nameLength + extra + comment;
        }
        return names;
    }

    /** Where the end-of-central-directory record starts (searched from the end), or -1. */
    private static int endRecord(byte[] zip) {
        ByteBuffer b = le(zip);
        int lowest = Math.max(0, zip.length - 22 - 0xFFFF);
        for (int at = zip.length - 22; at >= lowest; at--) {
            if (b.getInt(at) == END && at + 22 + Short.toUnsignedInt(b.getShort(at + 20)) == zip.length) {
                return at;
            }
        }
        return -1;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
