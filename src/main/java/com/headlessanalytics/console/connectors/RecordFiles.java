package com.headlessanalytics.console.connectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Connectors;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the records of a provider's export or webhook dump, one at a time or in chunks, so a file
 * larger than memory can be imported in requests of at most {@link Connectors#MAX_RECORDS}.
 * <ul>
 * <li>JSON: an array of objects; an object whose {@code records} field is an array of objects (the
 * wrapper's other fields are ignored); or a single object. Files whose extension says nothing are
 * sniffed: a first character {@code [} or <code>{</code> means JSON, and a sequence of objects
 * (NDJSON) is read too.</li>
 * <li>NDJSON ({@code .ndjson}, {@code .jsonl}): one object per line; blank lines are skipped.</li>
 * <li>CSV ({@code .csv}, {@code .tsv}): a header row is required; the delimiter (comma, semicolon
 * or tab) is the one the header line uses most outside quotes ({@code .tsv} is always tab). Every
 * value is a string, empty cells are left out, and a dotted header such as {@code customer.email}
 * makes nested objects ({@code {"customer": {"email": …}}}).</li>
 * </ul>
 * Text is UTF-8 (a byte order mark is skipped); bytes that are not UTF-8 are an error. Numbers keep
 * their exact decimals. A record larger than {@link Connectors#MAX_RECORD_BYTES} as compact JSON,
 * nesting deeper than the API reads, or malformed text is a {@link BadFileException} naming the
 * record number (1-based, in file order) and the line and column where it is known.
 */
public final class RecordFiles {
    /** How a file is read. */
    public enum Format {
        JSON, NDJSON, CSV, TSV
    }

    /** One record: its 1-based number in the file, the line it starts on, its fields, and their size as compact JSON. */
    public record Record(int number, long line, Map<String, Object> fields, int bytes) {
    }

    /** Source bytes a single record may span before reading stops: room for indentation and escapes. */
    static final int MAX_SOURCE_BYTES = 4 * Connectors.MAX_RECORD_BYTES;

    private static final ObjectMapper JSON = ApiJson.mapper();
    private static final ObjectReader MAP = JSON.readerFor(new TypeReference<Map<String, Object>>() {
    });
    private static final String RECORDS = "records";

    private RecordFiles() {
    }

    /** A file that cannot be read as records: what is wrong, and where. Fields are null or -1 when unknown. */
    public static final class BadFileException extends IOException {
        private final Integer record;
        private final long line;
        private final long column;

        public BadFileException(String problem, Integer record, long line, long column, Throwable cause) {
            super(where(record, line, column) + problem, cause);
            this.record = record;
            this.line = line;
            this.column = column;
        }

        private static String where(Integer record, long line, long column) {
            StringBuilder s = new StringBuilder();
            if (record != null) {
                s.append("record ").append(record);
            }
            if (line > 0) {
                s.append(s.isEmpty() ? "" : " ").append(record != null ? "(line " : "line ").append(line);
                if (column > 0) {
                    s.append(", column ").append(column);
                }
                s.append(record != null ? ")" : "");
            }
            return s.isEmpty() ? "" : s.append(": ").toString();
        }

        /** The 1-based record number, or null when the problem is not in one record (a bad header, say). */
        public Integer record() {
            return record;
        }

        public long line() {
            return line;
        }

        public long column() {
            return column;
        }
    }

    /**
     * Reads chunks that fit one connector ingest request: at most the given number of records, whose
     * compact JSON (plus a separator each) stays within {@code maxBytes}. A record that would pass the
     * limit starts the next chunk. Closing it closes the file.
     */
    public static final class Chunker implements Closeable {
        /** A request body's room for records: the connector body limit less room for the rest of the request. */
        public static final long REQUEST_BYTES = Connectors.MAX_BODY_BYTES - 64 * 1024;
        private final Reader reader;
        private final long maxBytes;
        private Record pending;

        public Chunker(Reader reader, long maxBytes) {
            this.reader = reader;
            this.maxBytes = maxBytes;
        }

        /** The next chunk of at most {@code maxRecords} records; an empty list at the end of the file. */
        public List<Record> next(int maxRecords) throws IOException {
            if (maxRecords < 1) {
                throw new IllegalArgumentException("a chunk holds at least one record");
            }
            List<Record> chunk = new ArrayList<>(Math.min(maxRecords, Connectors.MAX_RECORDS));
            long bytes = 0;
            while (chunk.size() < maxRecords) {
                Record r = pending != null ? pending : reader.next();
                pending = null;
                if (r == null) {
                    break;
                }
                if (!chunk.isEmpty() && bytes + r.bytes() + 1 > maxBytes) {
                    pending = r;
                    break;
                }
                chunk.add(r);
                bytes += r.bytes() + 1;
            }
            return chunk;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Records read one at a time from an open file; closing it closes the file. */
    public interface Reader extends Closeable {
        Format format();

        /** The next record, or null at the end of the file. */
        Record next() throws IOException;

        /** Up to {@code max} next records; an empty list at the end of the file. */
        default List<Record> nextChunk(int max) throws IOException {
            if (max < 1) {
                throw new IllegalArgumentException("a chunk holds at least one record");
            }
            List<Record> chunk = new ArrayList<>(Math.min(max, Connectors.MAX_RECORDS));
            Record r;
            while (chunk.size() < max && (r = next()) != null) {
                chunk.add(r);
            }
            return chunk;
        }
    }

    /** The format its extension names, or else what its first bytes look like. */
    public static Format formatOf(Path file) throws IOException {
        Format named = formatByName(file);
        if (named != null) {
            return named;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int c = firstSignificantByte(in);
            return c == '[' || c == '{' ? Format.JSON : Format.CSV;
        }
    }

    /** The format a file's extension names (.json, .ndjson, .jsonl, .csv, .tsv), or null. */
    public static Format formatByName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Format.NDJSON;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".tsv")) {
            return Format.TSV;
        }
        return null;
    }

    /** Opens {@code file} in the format {@link #formatOf} finds. */
    public static Reader open(Path file) throws IOException {
        return open(file, formatOf(file));
    }

    public static Reader open(Path file, Format format) throws IOException {
        return open(Files.newInputStream(file), format);
    }

    /** Reads {@code in} (closed with the reader) in {@code format}. */
    public static Reader open(InputStream in, Format format) throws IOException {
        Guard guard = new Guard(in);
        try {
            return switch (format) {
                case JSON -> new JsonRecords(guard, Format.JSON);
                case NDJSON -> new JsonRecords(guard, Format.NDJSON);
                case CSV, TSV -> new CsvRecords(guard, format);
            };
        } catch (IOException | RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    /** Every record of a small file (a preview, a test); large files are read with {@link #open}. */
    public static List<Map<String, Object>> readAll(Path file) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Reader reader = open(file)) {
            for (Record r; (r = reader.next()) != null; ) {
                all.add(r.fields());
            }
        }
        return all;
    }

    private static int firstSignificantByte(InputStream in) throws IOException {
        int c = in.read();
        if (c == 0xEF) {
            in.read();
            in.read();
            c = in.read();
        }
        while (c != -1 && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
            c = in.read();
        }
        return c;
    }

    /** Fails a record that is larger than the API takes as compact JSON. */
    private static Record checkedSize(int number, long line, Map<String, Object> fields) throws IOException {
        Counter counter = new Counter();
        JSON.writeValue(counter, fields);
        if (counter.bytes > Connectors.MAX_RECORD_BYTES) {
            throw tooLarge(number, line);
        }
        return new Record(number, line, fields, (int) counter.bytes);
    }

    private static BadFileException tooLarge(int record, long line) {
        return new BadFileException("larger than " + Connectors.MAX_RECORD_BYTES / 1024 + " KB, the most one record may be",
                record, line, -1, null);
    }

    /** Counts bytes written and keeps none. */
    private static final class Counter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    /**
     * Counts the bytes read and stops a single record from reading past a budget, so a hostile
     * line or element cannot fill memory before its size is checked.
     */
    private static final class Guard extends FilterInputStream {
        final BufferedInputStream raw;
        long read;
        long limit = Long.MAX_VALUE;

        Guard(InputStream in) {
            this(new BufferedInputStream(in, 64 * 1024));
        }

        private Guard(BufferedInputStream raw) {
            super(raw);
            this.raw = raw;
        }

        /** Allows {@code bytes} more (plus what the parser's buffer may read ahead). */
        void budget(long bytes) {
            limit = read + bytes + 64 * 1024;
        }

        void unlimited() {
            limit = Long.MAX_VALUE;
        }

        private void check() throws Overrun {
            if (read > limit) {
                throw new Overrun();
            }
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** Thrown by the guard; the reader turns it into a "record N is too large" error. */
    private static final class Overrun extends IOException {
        Overrun() {
            super("record too large");
        }
    }

    /** JSON and NDJSON, through one streaming Jackson parser (it tracks lines and columns). */
    private static final class JsonRecords implements Reader {
        private final Guard guard;
        private final Format format;
        private final JsonParser parser;
        private int number;
        private boolean inArray;
        private boolean inWrapper;
        private boolean done;

        JsonRecords(Guard guard, Format format) throws IOException {
            this.guard = guard;
            this.format = format;
            this.parser = JSON.getFactory().createParser(guard);
        }

        @Override
        public Format format() {
            return format;
        }

        @Override
        public Record next() throws IOException {
            try {
                return read();
            } catch (Overrun e) {
                throw tooLarge(number + 1, parser.currentLocation().getLineNr());
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String problem = e.getOriginalMessage();
                if (e.getCause() instanceof CharacterCodingException) {
                    problem = "not UTF-8 text";
                }
                throw new BadFileException("not valid JSON: " + firstLine(problem),
                        done ? null : number + 1, at == null ? -1 : at.getLineNr(),
                        at == null ? -1 : at.getColumnNr(), e);
            } catch (CharacterCodingException e) {
                throw new BadFileException("not UTF-8 text", number + 1,
                        parser.currentLocation().getLineNr(), -1, e);
            }
        }

        private Record read() throws IOException {
            while (!done) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    if (inArray) {
                        throw new BadFileException("the JSON array is not closed", null,
                                parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr(), null);
                    }
                    done = true;
                    return null;
                }
                if (inArray && t == JsonToken.END_ARRAY) {
                    inArray = false;
                    if (inWrapper) {
                        skipRestOfWrapper();
                        continue;
                    }
                    if (format == Format.JSON) {
                        endOfDocument();
                        return null;
                    }
                    continue;
                }
                if (!inArray && t == JsonToken.START_ARRAY && format == Format.JSON && number == 0) {
                    inArray = true;
                    continue;
                }
                if (t == JsonToken.START_OBJECT) {
                    Record r = object();
                    if (r != null) {
                        return r;
                    }
                    continue;
                }
                number++;
                JsonLocation at = parser.currentTokenLocation();
                throw new BadFileException(format == Format.NDJSON ? "each line must hold one JSON object"
                        : "a record must be a JSON object", number, at.getLineNr(), at.getColumnNr(), null);
            }
            return null;
        }

        /** The wrapper's fields after its records array: read past. */
        private void skipRestOfWrapper() throws IOException {
            inWrapper = false;
            for (JsonToken t; (t = parser.nextToken()) != JsonToken.END_OBJECT; ) {
                if (t == null) {
                    throw new BadFileException("the file ends inside a JSON object", null,
                            parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr(), null);
                }
                parser.nextToken();
                parser.skipChildren();
            }
        }

        /** After a top-level array: nothing but whitespace may follow. */
        private void endOfDocument() throws IOException {
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new BadFileException("unexpected content after the JSON array", null, at.getLineNr(),
                        at.getColumnNr(), null);
            }
            done = true;
        }

        /**
         * The object at the parser, read within the size budget. At the top level of a JSON file,
         * an object whose {@code records} is an array is a wrapper: the array's objects are the
         * records (null is returned and reading continues inside the array).
         */
        private Record object() throws IOException {
            long line = parser.currentTokenLocation().getLineNr();
            boolean wrapperCandidate = format == Format.JSON && !inArray;
            guard.budget(MAX_SOURCE_BYTES);
            TokenBuffer buffer = new TokenBuffer(parser);
            buffer.copyCurrentEvent(parser);
            int depth = 1;
            while (depth > 0) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    throw new BadFileException("the file ends inside a JSON object", number + 1,
                            parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr(), null);
                }
                if (wrapperCandidate && depth == 1 && t == JsonToken.FIELD_NAME && RECORDS.equals(parser.currentName())) {
                    if (parser.nextToken() == JsonToken.START_ARRAY) {
                        guard.unlimited();
                        inArray = true;
                        inWrapper = true;
                        return null;
                    }
                    buffer.writeFieldName(RECORDS);
                    buffer.copyCurrentStructure(parser);
                    continue;
                }
                buffer.copyCurrentEvent(parser);
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            }
            guard.unlimited();
            number++;
            Map<String, Object> fields;
            try (JsonParser buffered = buffer.asParser()) {
                fields = MAP.readValue(buffered);
            }
            return checkedSize(number, line, fields);
        }

        @Override
        public void close() throws IOException {
            parser.close();
            guard.close();
        }
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }

    /** CSV with a header row, through commons-csv. */
    private static final class CsvRecords implements Reader {
        private final Guard guard;
        private final Format format;
        private final CSVParser parser;
        private final Iterator<CSVRecord> rows;
        private final List<String[]> paths = new ArrayList<>();
        private int number;
        private long line;

        CsvRecords(Guard guard, Format format) throws IOException {
            this.guard = guard;
            skipBom(guard);
            char delimiter = format == Format.TSV ? '\t' : delimiterOf(guard);
            this.format = delimiter == '\t' ? Format.TSV : Format.CSV;
            InputStreamReader text = new InputStreamReader(guard, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            this.parser = CSVParser.builder().setReader(text).setFormat(CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter).setIgnoreEmptyLines(true).get()).get();
            this.rows = parser.iterator();
            guard.budget(MAX_SOURCE_BYTES);
            CSVRecord header = nextRow(null);
            guard.unlimited();
            if (header == null) {
                throw new BadFileException("a CSV file needs a header row naming the fields", null, 1, -1, null);
            }
            header(header);
            line = parser.getCurrentLineNumber();
        }

        private static void skipBom(Guard in) throws IOException {
            in.raw.mark(3);
            byte[] bom = in.raw.readNBytes(3);
            if (!(bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF)) {
                in.raw.reset();
            }
        }

        /** The delimiter the header line uses most outside quotes: comma, semicolon or tab (comma on a tie). */
        private static char delimiterOf(Guard in) throws IOException {
            in.raw.mark(MAX_SOURCE_BYTES);
            int comma = 0;
            int semicolon = 0;
            int tab = 0;
            boolean quoted = false;
            for (int i = 0, c; i < MAX_SOURCE_BYTES && (c = in.raw.read()) != -1; i++) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted) {
                    comma += c == ',' ? 1 : 0;
                    semicolon += c == ';' ? 1 : 0;
                    tab += c == '\t' ? 1 : 0;
                }
            }
            in.raw.reset();
            if (semicolon > comma && semicolon >= tab) {
                return ';';
            }
            return tab > comma && tab > semicolon ? '\t' : ',';
        }

        private void header(CSVRecord header) throws IOException {
            Set<String> names = new HashSet<>();
            Set<String> parents = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip();
                String[] path = name.split("\\.", -1);
                for (String segment : path) {
                    if (segment.isEmpty()) {
                        throw new BadFileException("header " + (i + 1) + " '" + name + "' is not a field name"
                                + " (empty, or an empty part between dots)", null, 1, -1, null);
                    }
                }
                if (!names.add(name)) {
                    throw new BadFileException("header '" + name + "' appears twice", null, 1, -1, null);
                }
                StringBuilder prefix = new StringBuilder();
                for (int s = 0; s < path.length - 1; s++) {
                    prefix.append(s == 0 ? "" : ".").append(path[s]);
                    parents.add(prefix.toString());
                }
                paths.add(path);
            }
            for (String parent : parents) {
                if (names.contains(parent)) {
                    throw new BadFileException("header '" + parent + "' is both a value and the parent of a dotted"
                            + " header", null, 1, -1, null);
                }
            }
        }

        @Override
        public Format format() {
            return format;
        }

        @Override
        public Record next() throws IOException {
            long start = line + 1;
            guard.budget(MAX_SOURCE_BYTES);
            CSVRecord row = nextRow(number + 1);
            guard.unlimited();
            line = parser.getCurrentLineNumber();
            if (row == null) {
                return null;
            }
            number++;
            if (row.size() > paths.size()) {
                throw new BadFileException("has " + row.size() + " cells, but the header names " + paths.size(),
                        number, start, -1, null);
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                if (!value.isEmpty()) {
                    put(fields, paths.get(i), value);
                }
            }
            return checkedSize(number, start, fields);
        }

        @SuppressWarnings("unchecked")
        private static void put(Map<String, Object> fields, String[] path, String value) {
            Map<String, Object> at = fields;
            for (int s = 0; s < path.length - 1; s++) {
                at = (Map<String, Object>) at.computeIfAbsent(path[s], k -> new LinkedHashMap<String, Object>());
            }
            at.put(path[path.length - 1], value);
        }

        private CSVRecord nextRow(Integer record) throws IOException {
            try {
                return rows.hasNext() ? rows.next() : null;
            } catch (UncheckedIOException e) {
                IOException cause = e.getCause();
                long at = parser.getCurrentLineNumber() + 1;
                if (cause instanceof Overrun) {
                    throw record == null ? new BadFileException("the header row is too long", null, 1, -1, null)
                            : tooLarge(record, line + 1);
                }
                if (cause instanceof CharacterCodingException) {
                    throw new BadFileException("not UTF-8 text", record, at, -1, cause);
                }
                throw new BadFileException("not valid CSV: " + firstLine(cause.getMessage()), record, at, -1, cause);
            } catch (IllegalStateException e) {
                throw new BadFileException("not valid CSV: " + firstLine(e.getMessage()), record,
                        parser.getCurrentLineNumber() + 1, -1, e);
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
            guard.close();
        }
    }
}
