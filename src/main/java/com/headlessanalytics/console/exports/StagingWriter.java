package com.headlessanalytics.console.exports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.Event;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an export's files into a staging folder as the events or records arrive, one at a time:
 * nothing but the current row and the writers' buffers is held in memory. Each file's SHA-256 is
 * taken as it is written (Parquet: read back once closed).
 */
public final class StagingWriter implements Closeable {
    static final String SCHEMA = "schema.json";
    private static final ObjectMapper JSON = ApiJson.mapper();
    private static final int BUFFER = 1 << 16;

    private final Path folder;
    private final Layout layout;
    private final Columns columns;
    private final List<Exports.File> files = new ArrayList<>();
    private Sink sink;
    private int inSink;
    private int count;

    /** Starts writing into {@code folder} (created if needed) with these columns. */
    public StagingWriter(Path folder, Layout layout, Columns columns) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.layout = layout;
        this.columns = columns;
    }

    /** The events and records written so far. */
    public int count() {
        return count;
    }

    /** A stored event, with its stored JSON (written as is to JSONL files). */
    public void event(Event e, String envelopeJson) throws IOException {
        next().event(e, envelopeJson);
        count++;
    }

    /** A supplied record, exported as given. */
    public void record(Map<String, Object> record) throws IOException {
        next().record(record);
        count++;
    }

    /** Closes the last file (and writes {@code schema.json} for BigQuery); answers every file, by name. */
    public List<Exports.File> finish() throws IOException {
        closeSink();
        if (files.isEmpty()) {
            open(); // an export of nothing still leaves its (empty) file
            closeSink();
        }
        if (layout.kind() == Layout.Kind.BIGQUERY) {
            writeSchema();
        }
        files.sort(Comparator.comparing(Exports.File::name));
        return List.copyOf(files);
    }

    @Override
    public void close() throws IOException {
        if (sink != null) {
            Sink s = sink;
            sink = null;
            s.close();
        }
    }

    private Sink next() throws IOException {
        if (sink != null && inSink >= layout.maxObjectEvents()) {
            closeSink();
        }
        if (sink == null) {
            open();
        }
        inSink++;
        return sink;
    }

    private void open() throws IOException {
        int n = files.size();
        sink = switch (layout.kind()) {
            case BIGQUERY -> new NdjsonSink(folder.resolve(NdjsonSink.NAME), columns);
            case CSV_GZIP -> new CsvSink(folder.resolve("events.csv.gz"), columns, layout.epochMillis());
            case JSONL -> new JsonlSink(folder.resolve("events.jsonl"));
            case JSONL_OBJECTS -> new JsonlSink(folder.resolve(String.format("events-%05d.jsonl", n)));
            case PARQUET_OBJECTS -> new ParquetSink(folder.resolve(String.format("events-%05d.parquet", n)), columns);
        };
        inSink = 0;
    }

    private void closeSink() throws IOException {
        if (sink != null) {
            Sink s = sink;
            sink = null;
            files.add(s.finish());
        }
    }

    private void writeSchema() throws IOException {
        Path path = folder.resolve(SCHEMA);
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(BigQuerySchema.of(columns)));
        }
        files.add(file(path, "application/json"));
    }

    /** A file's entry: its name, size and SHA-256 (location set by the delivery). */
    static Exports.File file(Path path, String contentType) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(path)) {
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                sha.update(buffer, 0, r);
            }
        }
        return new Exports.File(path.getFileName().toString(), null, Files.size(path),
                HexFormat.of().formatHex(sha.digest()), contentType);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** One file being written. */
    private abstract static class Sink implements Closeable {
        final Path path;
        final MessageDigest sha = sha256();
        final OutputStream file;

        Sink(Path path) throws IOException {
            this.path = path;
            this.file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER), sha);
        }

        abstract void event(Event e, String envelopeJson) throws IOException;

        abstract void record(Map<String, Object> record) throws IOException;

        abstract String contentType();

        Exports.File finish() throws IOException {
            close();
            return new Exports.File(path.getFileName().toString(), null, Files.size(path),
                    HexFormat.of().formatHex(sha.digest()), contentType());
        }
    }

    /** One JSON object per line; a supplied record is written as given. */
    private abstract static class JsonLinesSink extends Sink {
        final JsonGenerator out;
        private final String contentType;

        JsonLinesSink(Path path, String contentType) throws IOException {
            super(path);
            this.contentType = contentType;
            this.out = JSON.getFactory().createGenerator(file, JsonEncoding.UTF8);
            out.setRootValueSeparator(null);
        }

        @Override
        void record(Map<String, Object> record) throws IOException {
            out.writeObject(record);
            out.writeRaw('\n');
        }

        @Override
        String contentType() {
            return contentType;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** BigQuery's newline-delimited JSON: one object per event with the {@link Columns#EVENTS} fields. */
    private static final class NdjsonSink extends JsonLinesSink {
        static final String NAME = "events.ndjson";
        private final Columns columns;

        NdjsonSink(Path path, Columns columns) throws IOException {
            super(path, "application/x-ndjson");
            this.columns = columns;
        }

        @Override
        void event(Event e, String envelopeJson) throws IOException {
            Object[] values = Columns.values(e);
            out.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    continue;
                }
                Columns.Column c = columns.columns().get(i);
                out.writeFieldName(c.name());
                switch (c.type()) {
                    case TIMESTAMP -> out.writeString(Values.timestamp((Long) v));
                    case NUMERIC -> out.writeString(Values.decimal(v, c.scale()).toPlainString());
                    case STRING -> out.writeString((String) v);
                    default -> out.writeObject(v);
                }
            }
            out.writeEndObject();
            out.writeRaw('\n');
        }
    }

    /** JSON Lines: each stored event's JSON as stored, or each record as given. */
    private static final class JsonlSink extends JsonLinesSink {
        JsonlSink(Path path) throws IOException {
            super(path, "application/jsonl");
        }

        @Override
        void event(Event e, String envelopeJson) throws IOException {
            out.writeRaw(envelopeJson);
            out.writeRaw('\n');
        }
    }

    /**
     * Gzipped CSV (RFC 4180: comma, CRLF, double quotes doubled) with a header row; JSON columns
     * as JSON text; a null is an empty field.
     */
    private static final class CsvSink extends Sink {
        private final CSVPrinter out;
        private final Columns columns;
        private final boolean epochMillis;
        private final Object[] text;

        CsvSink(Path path, Columns columns, boolean epochMillis) throws IOException {
            super(path);
            this.columns = columns;
            this.epochMillis = epochMillis;
            this.text = new Object[columns.columns().size()];
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(file, BUFFER),
                    StandardCharsets.UTF_8), BUFFER);
            this.out = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                    .setHeader(columns.columns().stream().map(Columns.Column::name).toArray(String[]::new)).get());
        }

        @Override
        void event(Event e, String envelopeJson) throws IOException {
            row(Columns.values(e));
        }

        @Override
        void record(Map<String, Object> record) throws IOException {
            row(columns.values(record));
        }

        private void row(Object[] values) throws IOException {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                Columns.Column c = columns.columns().get(i);
                text[i] = v == null ? null : switch (c.type()) {
                    case STRING -> v;
                    case TIMESTAMP -> epochMillis ? v.toString() : Values.timestamp((Long) v);
                    case NUMERIC -> Values.decimal(v, c.scale()).toPlainString();
                    case INT64, FLOAT64 -> Values.number(v);
                    case BOOL -> v.toString();
                    case JSON -> Values.json(v);
                };
            }
            out.printRecord(text);
        }

        @Override
        String contentType() {
            return "application/gzip";
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Parquet (Snappy pages), through parquet-hadoop without Hadoop (docs/exports.md, Parquet). */
    private static final class ParquetSink extends Sink {
        private final ParquetRows out;
        private final Columns columns;

        ParquetSink(Path path, Columns columns) throws IOException {
            super(path);
            file.close(); // Parquet writes the file itself; its SHA-256 is read back in finish()
            Files.delete(path);
            this.columns = columns;
            this.out = new ParquetRows(path, columns);
        }

        @Override
        void event(Event e, String envelopeJson) throws IOException {
            out.write(Columns.values(e));
        }

        @Override
        void record(Map<String, Object> record) throws IOException {
            out.write(columns.values(record));
        }

        @Override
        String contentType() {
            return "application/vnd.apache.parquet";
        }

        @Override
        Exports.File finish() throws IOException {
            close();
            return file(path, contentType());
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
