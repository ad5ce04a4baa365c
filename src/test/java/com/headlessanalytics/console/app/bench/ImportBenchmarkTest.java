package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.app.cli.HaCommand;
import com.headlessanalytics.console.engine.Engine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench import} on a small file, both variants, the imports run through the CLI in-process:
 * the importer answers the events the data folder holds afterwards; no timing is asserted.
 */
class ImportBenchmarkTest {
    private static final int EVENTS = 2_000;
    private static final long SEED = 7;

    @TempDir
    Path dir;

    @Test
    void perActorFileIngestBesideTheRawBaseline() throws Exception {
        StringWriter text = new StringWriter();
        ImportBenchmark.Figures f = new ImportBenchmark(EVENTS, 1, SEED, null, new PrintWriter(text),
                (file, folder) -> importAndCount(folder, "ingest", file.toString(), "--data-dir", folder.toString()))
                .run(dir);
        assertFinitePositive(f);
        assertThat(dir.resolve("per-actor-2000-seed7.ndjson")).exists();
        assertThat(text.toString())
                .contains("import benchmark: 2,000 per-actor events with client ids (seed 7), 1 rounds")
                .containsPattern("raw H2 JDBC batch insert, file order \\(baseline\\) +[0-9,]+ events/s \\(median\\)")
                .containsPattern("ingest FILE into a data folder \\(end to end\\) +[0-9,]+ events/s \\(median\\) +[0-9.]+"
                        + " of baseline");
    }

    @Test
    void shopifyFileThroughTheConnectorBesideTheRawBaselineOfTheMappedRows() throws Exception {
        StringWriter text = new StringWriter();
        ImportBenchmark.Figures f = new ImportBenchmark(EVENTS, 1, SEED, ImportBenchmark.SHOPIFY, new PrintWriter(text),
                (file, folder) -> importAndCount(folder, "connectors", "ingest", file.toString(), "--provider", "shopify",
                        "--data-dir", folder.toString()))
                .run(dir);
        assertFinitePositive(f);
        Path file = dir.resolve("shopify-orders-2000-seed7.ndjson");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(EVENTS);
        assertThat(lines.get(0)).isEqualTo(ApiJson.write(ShopifyOrders.generate(EVENTS, SEED).get(0)));
        assertThat(dir.resolve(file.getFileName() + ".partial")).doesNotExist();
        assertThat(text.toString())
                .contains("wrote shopify-orders-2000-seed7.ndjson (2,000 records,")
                .contains("import benchmark: 2,000 Shopify order records, one per line (seed 7), 1 rounds")
                .containsPattern("raw H2 JDBC batch insert of the mapped rows \\(baseline\\) +[0-9,]+ events/s")
                .containsPattern("connectors ingest FILE \\(shopify\\) into a data folder \\(end to end\\) +[0-9,]+"
                        + " events/s \\(median\\) +[0-9.]+ of baseline");
    }

    @Test
    void writeStreamsTheRecordsGenerateMakes() throws Exception {
        Path file = dir.resolve("orders.ndjson");
        ShopifyOrders.write(file, 50, 3);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Map<String, Object>> generated = ShopifyOrders.generate(50, 3);
        assertThat(lines).hasSize(50);
        for (int i : new int[] {0, 1, 17, 49}) {
            assertThat(lines.get(i)).isEqualTo(ApiJson.write(generated.get(i)));
            assertThat(ApiJson.read(lines.get(i))).isEqualTo(ApiJson.read(ApiJson.write(generated.get(i))));
        }
    }

    @Test
    void onlyShopifyIsAConnector() {
        assertThatThrownBy(() -> new ImportBenchmark(EVENTS, 1, SEED, "stripe", new PrintWriter(new StringWriter()),
                (file, folder) -> 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'stripe' is not supported")
                .hasMessageContaining("shopify");
    }

    /** Runs the CLI command, then counts the events the data folder holds. */
    private static long importAndCount(Path folder, String... args) throws Exception {
        assertThat(HaCommand.run(args)).isZero();
        try (Engine engine = Engine.open(folder)) {
            return engine.defaultWorkspace().eventNames(null).names().stream().mapToLong(EventNames.Name::count).sum();
        }
    }

    private static void assertFinitePositive(ImportBenchmark.Figures f) {
        assertThat(f.rawPerSecond()).isPositive().isFinite();
        assertThat(f.importPerSecond()).isPositive().isFinite();
        assertThat(f.ratio()).isPositive().isFinite();
    }
}
