package com.headlessanalytics.console.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.connectors.RecordFiles.BadFileException;
import com.headlessanalytics.console.connectors.RecordFiles.Format;
import com.headlessanalytics.console.connectors.RecordFiles.Record;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record files read from real files on disk, including hostile ones. */
class RecordFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path bytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static BadFileException bad(Path file) {
        try {
            RecordFiles.readAll(file);
        } catch (BadFileException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("not a BadFileException", e);
        }
        throw new AssertionError(file + " was read without an error");
    }

    @Test
    void jsonArrayWrapperAndSingleObjectKeepExactDecimals() throws IOException {
        Path array = file("orders.json", """
                [
                  {"id": "order_1", "total_price": 149.00, "currency": "USD"},
                  {"id": "order_2", "total_price": 0.1, "line_items": [{"sku": "A", "qty": 2}]}
                ]
                """);
        List<Map<String, Object>> records = RecordFiles.readAll(array);
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).containsEntry("total_price", new BigDecimal("149.00"));
        assertThat(records.get(1).get("total_price")).isEqualTo(new BigDecimal("0.1"));
        assertThat(records.get(1).get("line_items")).isEqualTo(List.of(Map.of("sku", "A", "qty", 2)));

        Path wrapper = file("export.json", """
                {"source": "shop", "records": [{"id": "a"}, {"id": "b"}], "exportedAt": {"day": 1}}
                """);
        assertThat(RecordFiles.readAll(wrapper)).containsExactly(Map.of("id", "a"), Map.of("id", "b"));

        Path single = file("one.json", "{\"id\": \"c1\", \"records\": 3, \"nested\": {\"records\": [1]}}");
        assertThat(RecordFiles.readAll(single)).containsExactly(
                Map.of("id", "c1", "records", 3, "nested", Map.of("records", List.of(1))));
        assertThat(RecordFiles.readAll(file("empty.json", "[]"))).isEmpty();
    }

    @Test
    void ndjsonSkipsBlankLinesAndNamesTheBadLine() throws IOException {
        Path ok = file("events.ndjson", "{\"id\":1}\n\n   \n{\"id\":2}\r\n{\"id\":3}");
        try (RecordFiles.Reader reader = RecordFiles.open(ok)) {
            assertThat(reader.format()).isEqualTo(Format.NDJSON);
            Record first = reader.next();
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.line()).isEqualTo(1);
            Record second = reader.next();
            assertThat(second.number()).isEqualTo(2);
            assertThat(second.line()).isEqualTo(4);
            assertThat(reader.next().line()).isEqualTo(5);
            assertThat(reader.next()).isNull();
        }
        BadFileException e = bad(file("bad.jsonl", "{\"id\":1}\n{\"id\":2}\n{\"id\": 3,,}\n"));
        assertThat(e.record()).isEqualTo(3);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).startsWith("record 3 (line 3, column ").contains("not valid JSON");

        BadFileException notObject = bad(file("array.ndjson", "{\"id\":1}\n[1,2]\n"));
        assertThat(notObject.getMessage()).isEqualTo("record 2 (line 2, column 1): each line must hold one JSON object");
    }

    @Test
    void readsInChunks() throws IOException {
        Path big = dir.resolve("big.ndjson");
        try (Writer w = Files.newBufferedWriter(big)) {
            for (int i = 1; i <= 2_500; i++) {
                w.write("{\"id\":\"r" + i + "\"}\n");
            }
        }
        List<Integer> sizes = new ArrayList<>();
        try (RecordFiles.Reader reader = RecordFiles.open(big)) {
            for (List<Record> chunk; !(chunk = reader.nextChunk(Connectors.MAX_RECORDS)).isEmpty(); ) {
                sizes.add(chunk.size());
                assertThat(chunk.get(0).number()).isEqualTo(sizes.size() * 1000 - 999);
            }
        }
        assertThat(sizes).containsExactly(1000, 1000, 500);
    }

    @Test
    void chunksFitARequestByCountAndByBytesAndLoseNoRecord() throws IOException {
        Path file = dir.resolve("mixed.ndjson");
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 1; i <= 10; i++) {
                w.write("{\"id\":\"r" + i + "\",\"note\":\"" + "x".repeat(i % 3 == 0 ? 300 : 10) + "\"}\n");
            }
        }
        List<List<Integer>> chunks = new ArrayList<>();
        try (RecordFiles.Chunker chunker = new RecordFiles.Chunker(RecordFiles.open(file), 400)) {
            for (List<Record> chunk; !(chunk = chunker.next(4)).isEmpty(); ) {
                assertThat(chunk.size() == 1 || chunk.stream().mapToLong(r -> r.bytes() + 1).sum() <= 400)
                        .as("chunk %s fits 400 bytes", chunk).isTrue();
                chunks.add(chunk.stream().map(Record::number).toList());
            }
        }
        assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(chunks).allMatch(c -> c.size() <= 4);
        assertThat(chunks).as("split by bytes").containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9),
                List.of(10));
        chunks.clear();
        try (RecordFiles.Chunker chunker = new RecordFiles.Chunker(RecordFiles.open(file), 1_000_000)) {
            for (List<Record> chunk; !(chunk = chunker.next(4)).isEmpty(); ) {
                chunks.add(chunk.stream().map(Record::number).toList());
            }
        }
        assertThat(chunks).as("split by count").containsExactly(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9, 10));
    }

    @Test
    void csvHeadersNestDottedNamesAndLeaveOutEmptyCells() throws IOException {
        Path csv = bytes("orders.csv", ("\uFEFFid,total_price,customer.email,customer.name,note\r\n"
                + "o1,149.00,a@example.com,\"Doe, Jane\",\"said \"\"hi\"\"\nthen left\"\r\n"
                + "\r\n"
                + "o2,5,,,\n").getBytes(StandardCharsets.UTF_8));
        try (RecordFiles.Reader reader = RecordFiles.open(csv)) {
            Record first = reader.next();
            assertThat(first.fields()).isEqualTo(Map.of("id", "o1", "total_price", "149.00",
                    "customer", Map.of("email", "a@example.com", "name", "Doe, Jane"), "note", "said \"hi\"\nthen left"));
            assertThat(first.line()).isEqualTo(2);
            Record second = reader.next();
            assertThat(second.fields()).isEqualTo(Map.of("id", "o2", "total_price", "5"));
            assertThat(second.number()).isEqualTo(2);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void csvDelimiterIsDetectedFromTheHeader() throws IOException {
        assertThat(RecordFiles.readAll(file("semi.csv", "id;amount;\"a,b\"\nx;1,50;y\n")))
                .containsExactly(Map.of("id", "x", "amount", "1,50", "a,b", "y"));
        try (RecordFiles.Reader reader = RecordFiles.open(file("tabs.csv", "id\tname\nx\tJane, Doe\n"))) {
            assertThat(reader.format()).isEqualTo(Format.TSV);
            assertThat(reader.next().fields()).isEqualTo(Map.of("id", "x", "name", "Jane, Doe"));
        }
        assertThat(RecordFiles.readAll(file("plain.tsv", "id\tnote\nx\ta;b;c\n")))
                .containsExactly(Map.of("id", "x", "note", "a;b;c"));
    }

    @Test
    void csvProblemsAreNamed() throws IOException {
        assertThat(bad(file("empty.csv", "")).getMessage()).contains("header row");
        assertThat(bad(file("dup.csv", "id,id\n1,2\n")).getMessage()).isEqualTo("line 1: header 'id' appears twice");
        assertThat(bad(file("clash.csv", "customer,customer.email\n1,2\n")).getMessage())
                .contains("'customer' is both a value and the parent");
        assertThat(bad(file("blank.csv", "id,,x\n1,2,3\n")).getMessage()).contains("header 2");
        BadFileException wide = bad(file("wide.csv", "id,name\n1,a\n2,b,extra\n"));
        assertThat(wide.getMessage()).isEqualTo("record 2 (line 3): has 3 cells, but the header names 2");
        BadFileException quote = bad(file("quote.csv", "id,name\n1,\"never closed\n2,b\n"));
        assertThat(quote.record()).isEqualTo(1);
        assertThat(quote.getMessage()).contains("not valid CSV");
    }

    @Test
    void formatIsSniffedWithoutAKnownExtension() throws IOException {
        assertThat(RecordFiles.formatOf(file("dump.txt", "  [{\"id\":1}]"))).isEqualTo(Format.JSON);
        assertThat(RecordFiles.formatOf(file("dump.dat", "{\"id\":1}\n{\"id\":2}\n"))).isEqualTo(Format.JSON);
        assertThat(RecordFiles.readAll(dir.resolve("dump.dat"))).containsExactly(Map.of("id", 1), Map.of("id", 2));
        assertThat(RecordFiles.formatOf(file("dump", "id;name\n1;x\n"))).isEqualTo(Format.CSV);
        assertThat(RecordFiles.readAll(dir.resolve("dump"))).containsExactly(Map.of("id", "1", "name", "x"));
        assertThat(RecordFiles.formatOf(bytes("bom", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'})))
                .isEqualTo(Format.JSON);
    }

    @Test
    void truncatedJsonNamesTheRecordAndWhereItEnds() throws IOException {
        BadFileException e = bad(file("cut.json", "[\n{\"id\":\"a\"},\n{\"id\":\"b\", \"total\": 1"));
        assertThat(e.record()).isEqualTo(2);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("record 2 (line 3");
        assertThat(bad(file("open.json", "[{\"id\":\"a\"}")).getMessage()).contains("line 1");
        assertThat(bad(file("after.json", "[{\"id\":\"a\"}] {\"id\":\"b\"}")).getMessage())
                .contains("unexpected content after the JSON array");
        assertThat(bad(file("scalar.json", "[{\"id\":1}, 2]")).getMessage())
                .isEqualTo("record 2 (line 1, column 12): a record must be a JSON object");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        Path deep = file("deep.json", "[{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}]");
        BadFileException e = bad(deep);
        assertThat(e.record()).isEqualTo(1);
        assertThat(e.getMessage()).contains("nesting depth");
    }

    @Test
    void aRecordAboveTheLimitIsNamedAndAHugeLineIsNotReadWhole() throws IOException {
        String fits = "x".repeat(Connectors.MAX_RECORD_BYTES - 100);
        String over = "x".repeat(Connectors.MAX_RECORD_BYTES);
        BadFileException e = bad(file("big.ndjson", "{\"v\":\"" + fits + "\"}\n{\"v\":\"" + over + "\"}\n"));
        assertThat(e.record()).isEqualTo(2);
        assertThat(e.getMessage()).isEqualTo("record 2 (line 2): larger than 64 KB, the most one record may be");

        Path huge = dir.resolve("huge.ndjson");
        try (Writer w = Files.newBufferedWriter(huge)) {
            w.write("{\"id\":1}\n{\"v\":[");
            for (int i = 0; i < 5_000_000; i++) {
                w.write("1,");
            }
            w.write("1]}\n");
        }
        long heapBefore = usedHeap();
        BadFileException hugeLine = bad(huge);
        assertThat(hugeLine.record()).isEqualTo(2);
        assertThat(hugeLine.getMessage()).contains("larger than 64 KB");
        assertThat(usedHeap() - heapBefore).isLessThan(200L * 1024 * 1024);

        BadFileException csv = bad(file("big.csv", "id,note\n1,\"" + "y".repeat(5 * Connectors.MAX_RECORD_BYTES) + "\"\n"));
        assertThat(csv.record()).isEqualTo(1);
        assertThat(csv.getMessage()).contains("larger than 64 KB");
    }

    @Test
    void bytesThatAreNotUtf8AreAnError() throws IOException {
        byte[] json = "[{\"id\":\"caf\u00e9\"}, {\"id\":\"X\"}]".getBytes(StandardCharsets.UTF_8);
        json[json.length - 5] = (byte) 0xFF;
        BadFileException e = bad(bytes("latin.json", json));
        assertThat(e.record()).isEqualTo(2);
        assertThat(e.getMessage()).contains("UTF-8");

        byte[] csv = "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        BadFileException c = bad(bytes("latin.csv", csv));
        assertThat(c.getMessage()).contains("not UTF-8 text");
        assertThat(RecordFiles.readAll(bytes("utf8.csv", "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.UTF_8))))
                .containsExactly(Map.of("id", "1", "name", "caf\u00e9"));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
