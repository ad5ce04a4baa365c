package com.headlessanalytics.console.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.TrustTier;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format's files written and read back by their own readers: the schema, commons-csv, Parquet, DuckDB. */
class StagingWriterTest {
    private static final ObjectMapper JSON = ApiJson.mapper();
    /** Text a CSV or JSON writer must quote or escape: comma, quote, CR/LF, non-ASCII, emoji. */
    static final String HOSTILE = "a,b \"quoted\"\r\nnew line; café 東京 🚀";

    @TempDir
    Path dir;

    static Event event(int i) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("revenue", new BigDecimal("149.99"));
        props.put("currency", "USD");
        props.put("note", HOSTILE + i);
        return new Event("evt_" + i, "order.created", "default", 1_700_000_000_000L + i * 1000L,
                1_700_000_000_500L + i * 1000L, i % 2 == 0 ? "user_" + i : Map.of("id", "user_" + i, "kind", "person"),
                null, null, "trace_" + i, Map.of("connector", "shopify"), null, null, null, null, null, null,
                TrustTier.T1, null, props);
    }

    static Event bare(int i) {
        return new Event("bare_" + i, "page.viewed", "default", 1_700_000_000_000L, 1_700_000_000_001L, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private List<Exports.File> write(Layout layout, Columns columns, List<Event> events) throws IOException {
        try (StagingWriter w = new StagingWriter(dir, layout, columns)) {
            for (Event e : events) {
                w.event(e, JSON.writeValueAsString(e));
            }
            List<Exports.File> files = w.finish();
            assertEquals(events.size(), w.count());
            return files;
        }
    }

    @Test
    void bigQueryNdjsonLinesMatchTheSchemaFile() throws Exception {
        List<Event> events = List.of(event(0), event(1), bare(2));
        List<Exports.File> files = write(Layout.bigQuery(), Columns.EVENTS, events);
        assertEquals(List.of("events.ndjson", "schema.json"), files.stream().map(Exports.File::name).toList());
        checkShas(files);

        List<Map<String, Object>> schema = JSON.readValue(dir.resolve("schema.json").toFile(), new TypeReference<>() {
        });
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> f : schema) {
            byName.put((String) f.get("name"), f);
            assertTrue(List.of("REQUIRED", "NULLABLE").contains(f.get("mode")), f.toString());
        }
        assertEquals(Columns.EVENTS.columns().size(), byName.size());
        List<String> lines = Files.readAllLines(dir.resolve("events.ndjson"), StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        for (String line : lines) {
            Map<String, Object> row = JSON.readValue(line, new TypeReference<>() {
            });
            for (Map.Entry<String, Object> field : row.entrySet()) {
                Map<String, Object> column = byName.get(field.getKey());
                assertNotNull(column, "not in schema.json: " + field.getKey());
                assertTypeMatches((String) column.get("type"), field.getValue(), field.getKey());
            }
            for (Map<String, Object> column : schema) {
                if ("REQUIRED".equals(column.get("mode"))) {
                    assertNotNull(row.get((String) column.get("name")), "REQUIRED " + column.get("name") + " missing");
                }
            }
        }
        Map<String, Object> first = JSON.readValue(lines.get(0), new TypeReference<>() {
        });
        assertEquals("evt_0", first.get("id"));
        assertEquals("2023-11-14T22:13:20.000Z", first.get("timestamp"));
        assertEquals(1_700_000_000_000L, Instant.parse((String) first.get("timestamp")).toEpochMilli());
        assertEquals("149.990000", first.get("revenue_amount"));
        assertEquals("USD", first.get("revenue_currency"));
        assertEquals("user_0", first.get("actor_id"));
        assertEquals(HOSTILE + 0, ((Map<?, ?>) first.get("properties")).get("note"));
        assertEquals(Map.of("connector", "shopify"), first.get("source"));
        Map<String, Object> second = JSON.readValue(lines.get(1), new TypeReference<>() {
        });
        assertEquals("user_1", second.get("actor_id"));
        assertEquals(Map.of("id", "user_1", "kind", "person"), second.get("actor"));
        Map<String, Object> third = JSON.readValue(lines.get(2), new TypeReference<>() {
        });
        assertFalse(third.containsKey("revenue_amount"));
        assertFalse(third.containsKey("trust_tier"));
    }

    private static void assertTypeMatches(String type, Object value, String name) {
        switch (type) {
            case "STRING" -> assertInstanceOf(String.class, value, name);
            case "TIMESTAMP" -> Instant.parse((String) value);
            case "NUMERIC" -> new BigDecimal((String) value);
            case "INT64" -> assertTrue(value instanceof Integer || value instanceof Long, name);
            case "FLOAT64" -> assertInstanceOf(Number.class, value, name);
            case "BOOL" -> assertInstanceOf(Boolean.class, value, name);
            case "JSON" -> assertNotNull(value, name);
            default -> throw new AssertionError("unknown type " + type);
        }
    }

    @Test
    void gzippedCsvReadsBackThroughCommonsCsvWithEveryValueIntact() throws Exception {
        List<Event> events = List.of(event(0), event(1), bare(2));
        List<Exports.File> files = write(Layout.csv(false), Columns.EVENTS, events);
        assertEquals(List.of("events.csv.gz"), files.stream().map(Exports.File::name).toList());
        checkShas(files);
        List<CSVRecord> rows = readCsv(dir.resolve("events.csv.gz"));
        assertEquals(3, rows.size());
        CSVRecord r = rows.get(0);
        assertEquals(Columns.EVENTS.columns().stream().map(Columns.Column::name).toList(), r.getParser().getHeaderNames());
        assertEquals("evt_0", r.get("id"));
        assertEquals("2023-11-14T22:13:20.000Z", r.get("timestamp"));
        assertEquals("149.990000", r.get("revenue_amount"));
        assertEquals("\"user_0\"", r.get("actor"));
        Map<String, Object> props = JSON.readValue(r.get("properties"), new TypeReference<>() {
        });
        assertEquals(HOSTILE + 0, props.get("note"));
        assertEquals(HOSTILE + 1, JSON.readValue(rows.get(1).get("properties"), Map.class).get("note"));
        assertEquals("", rows.get(2).get("revenue_amount"));
        assertEquals("", rows.get(2).get("trace_id"));

        write(Layout.csv(true), Columns.EVENTS, List.of(event(5)));
        CSVRecord epoch = readCsv(dir.resolve("events.csv.gz")).get(0);
        assertEquals("1700000005000", epoch.get("timestamp"));
        assertEquals("1700000005500", epoch.get("received_at"));
    }

    static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return p.getRecords();
        }
    }

    @Test
    void jsonlObjectsSplitAtMaxObjectEventsAndHoldTheStoredJson() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(i));
        }
        List<Exports.File> files = write(Layout.objects(false, 2), Columns.EVENTS, events);
        assertEquals(List.of("events-00000.jsonl", "events-00001.jsonl", "events-00002.jsonl"),
                files.stream().map(Exports.File::name).toList());
        checkShas(files);
        List<String> all = new ArrayList<>();
        for (Exports.File f : files) {
            all.addAll(Files.readAllLines(dir.resolve(f.name()), StandardCharsets.UTF_8));
        }
        assertEquals(5, all.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(events.get(i), JSON.readValue(all.get(i), Event.class));
        }
    }

    @Test
    void parquetReadsBackThroughParquetsReaderAndDuckDb() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.add(i == 7 ? bare(i) : event(i));
        }
        List<Exports.File> files = write(Layout.objects(true, 100), Columns.EVENTS, events);
        assertEquals(List.of("events-00000.parquet", "events-00001.parquet", "events-00002.parquet"),
                files.stream().map(Exports.File::name).toList());
        checkShas(files);

        List<Group> rows = new ArrayList<>();
        MessageType schema = null;
        for (Exports.File f : files) {
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(dir.resolve(f.name())),
                    ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration()).withCodecFactory(new ParquetCodecs()).build())) {
                schema = r.getFooter().getFileMetaData().getSchema();
                for (PageReadStore pages = r.readNextRowGroup(); pages != null; pages = r.readNextRowGroup()) {
                    RecordReader<Group> rr = new ColumnIOFactory().getColumnIO(schema).getRecordReader(pages,
                            new GroupRecordConverter(schema));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(rr.read());
                    }
                }
            }
        }
        assertEquals(250, rows.size());
        assertEquals(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS),
                schema.getType("timestamp").getLogicalTypeAnnotation());
        assertEquals(LogicalTypeAnnotation.jsonType(), schema.getType("properties").getLogicalTypeAnnotation());
        Group g = rows.get(3);
        assertEquals("evt_3", g.getString("id", 0));
        assertEquals(1_700_000_003_000L, g.getLong("timestamp", 0));
        assertEquals(HOSTILE + 3, JSON.readValue(g.getString("properties", 0), Map.class).get("note"));
        assertEquals(new BigDecimal("149.990000"), new BigDecimal(new java.math.BigInteger(
                g.getBinary("revenue_amount", 0).getBytes()), 6));
        assertEquals(0, rows.get(7).getFieldRepetitionCount("revenue_amount"));

        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), sum(revenue_amount),"
                     + " min(\"timestamp\"), max(id), count(trace_id), json_extract_string(any_value(properties"
                     + " ORDER BY id), '$.note') FROM read_parquet('" + dir.resolve("events-*.parquet") + "')")) {
            assertTrue(rs.next());
            assertEquals(250, rs.getLong(1));
            assertEquals(0, new BigDecimal("149.99").multiply(BigDecimal.valueOf(249)).compareTo(rs.getBigDecimal(2)));
            assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), rs.getObject(3, java.time.OffsetDateTime.class)
                    .toInstant());
            assertEquals("evt_99", rs.getString(4));
            assertEquals(249, rs.getLong(5));
            assertEquals(HOSTILE + 0, rs.getString(6));
        }
    }

    @Test
    void suppliedRecordsAreExportedAsGivenWithInferredColumns() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("order_id", "o1");
        a.put("qty", 2);
        a.put("price", new BigDecimal("19.90"));
        a.put("paid", true);
        a.put("meta", Map.of("k", HOSTILE));
        records.add(a);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("order_id", "o2");
        b.put("qty", 3);
        b.put("price", 5);
        b.put("mixed", "x");
        records.add(b);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mixed", 1);
        records.add(c);
        List<FieldError> errors = new ArrayList<>();
        Columns columns = Columns.infer(records, true, errors);
        assertEquals(List.of(), errors);
        assertEquals(List.of("order_id:STRING", "qty:INT64", "price:NUMERIC", "paid:BOOL", "meta:JSON", "mixed:JSON"),
                columns.columns().stream().map(col -> col.name() + ":" + col.type()).toList());

        try (StagingWriter w = new StagingWriter(dir, Layout.bigQuery(), columns)) {
            for (Map<String, Object> r : records) {
                w.record(r);
            }
            w.finish();
        }
        List<String> lines = Files.readAllLines(dir.resolve("events.ndjson"));
        assertEquals(JSON.readTree(JSON.writeValueAsString(a)), JSON.readTree(lines.get(0)));
        assertEquals(JSON.readTree(JSON.writeValueAsString(c)), JSON.readTree(lines.get(2)));

        try (StagingWriter w = new StagingWriter(dir, Layout.csv(false), columns)) {
            for (Map<String, Object> r : records) {
                w.record(r);
            }
            w.finish();
        }
        List<CSVRecord> rows = readCsv(dir.resolve("events.csv.gz"));
        assertEquals("19.900000000", rows.get(0).get("price"));
        assertEquals("5.000000000", rows.get(1).get("price"));
        assertEquals(HOSTILE, JSON.readValue(rows.get(0).get("meta"), Map.class).get("k"));
        assertEquals("\"x\"", rows.get(1).get("mixed"));
        assertEquals("1", rows.get(2).get("mixed"));

        List<FieldError> bad = new ArrayList<>();
        Columns.infer(List.of(Map.of("ok", 1), Map.of("not a column", 2)), true, bad);
        assertEquals(1, bad.size());
        assertEquals(1, bad.get(0).index());
        assertEquals("not a column", bad.get(0).field());
        assertTrue(Columns.infer(List.of(Map.of("not a column", 2)), false, new ArrayList<>()).columns().size() == 1);
    }

    @Test
    void anEmptyExportStillLeavesItsFiles() throws Exception {
        List<Exports.File> files = write(Layout.bigQuery(), Columns.EVENTS, List.of());
        assertEquals(List.of("events.ndjson", "schema.json"), files.stream().map(Exports.File::name).toList());
        assertEquals(0, Files.size(dir.resolve("events.ndjson")));
        assertNull(files.get(0).location());
    }

    /** Each file's SHA-256 and size are those of its bytes on disk. */
    static void checkShas(List<Exports.File> files, Path folder) throws Exception {
        for (Exports.File f : files) {
            byte[] bytes = Files.readAllBytes(folder.resolve(f.name()));
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), f.sha256(),
                    f.name());
            assertEquals(bytes.length, f.bytes(), f.name());
        }
    }

    private void checkShas(List<Exports.File> files) throws Exception {
        checkShas(files, dir);
    }
}
