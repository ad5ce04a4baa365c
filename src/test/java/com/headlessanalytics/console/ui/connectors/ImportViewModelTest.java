package com.headlessanalytics.console.ui.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Import wizard over a real engine (connector mapping faked per the contract), without a toolkit. */
class ImportViewModelTest {
    @TempDir
    Path dir;
    Engine engine;
    FakeConnectorPort connectors;
    final TestTasks tasks = TestTasks.direct();
    final TestDialogs dialogs = new TestDialogs();
    final List<EventQuery> drilled = new ArrayList<>();
    ImportViewModel model;

    @BeforeEach
    void open() {
        engine = Engine.open(dir.resolve("data"));
        connectors = new FakeConnectorPort(engine.defaultWorkspace());
        HeadlessApi port = connectors.port();
        model = new ImportViewModel(() -> port, ChunkSender::plain, tasks, dialogs, FakeConnectorPort.NDJSON,
                drilled::add, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private void chooseShopify() {
        model.activate();
        model.providerProperty().set(model.providers().get(0));
        model.nextCommand().execute();
    }

    private void chooseFile(Path file) {
        dialogs.openFile = file;
        model.chooseFileCommand().execute();
    }

    private long stored() {
        return engine.defaultWorkspace().events(new EventQuery(null, null, null, null, null, null, 1000, null,
                EventQuery.Order.DESC)).events().size();
    }

    @Test
    void listsTheProvidersAndTheChosenOnesRecordTypes() {
        model.activate();
        assertThat(model.providers()).extracting(ImportViewModel.ProviderRow::id)
                .containsExactly("shopify", "stripe", "hubspot");
        assertThat(model.providers().get(0).recordTypesText()).isEqualTo("order, refund");
        assertThat(model.nextCommand().isExecutable()).as("no provider chosen").isFalse();
        model.providerProperty().set(model.providers().get(0));
        assertThat(model.recordTypes()).containsExactly("", "order", "refund");
        assertThat(model.nextCommand().isExecutable()).isTrue();
        model.nextCommand().execute();
        assertThat(model.stepProperty().get()).isEqualTo(ImportViewModel.Step.FILE);
        assertThat(model.providersGate().isOffered()).isTrue();
    }

    @Test
    void whereTheServerListsNoProvidersTheIdIsTypedAndTheGateSaysWhy() throws Exception {
        connectors.listsProviders = false;
        model.activate();
        assertThat(model.providersGate().isOffered()).isFalse();
        assertThat(model.providersGate().unavailableProperty().get())
                .isEqualTo(Capabilities.Feature.CONNECTOR_PROVIDERS.unavailable());
        assertThat(model.query().errorProperty().get()).isEmpty();
        assertThat(model.providers()).isEmpty();
        assertThat(model.nextCommand().isExecutable()).isFalse();
        model.typedProviderProperty().set(" shopify ");
        model.recordTypeProperty().set("order");
        model.nextCommand().execute();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), FakeConnectorPort.orders(1, 3)));
        assertThat(connectors.requests).singleElement().satisfies(r -> {
            assertThat(r.provider()).isEqualTo("shopify");
            assertThat(r.recordType()).isEqualTo("order");
            assertThat(r.dryRun()).isTrue();
        });
    }

    @Test
    void thePreviewIsADryRunOfTheFirstChunkWithCountsWarningsAndErrorsListedPlainly() throws Exception {
        List<Map<String, Object>> records = FakeConnectorPort.orders(1, 1200);
        records.get(4).remove("id");
        records.get(6).put("total_price", "twelve");
        connectors.port().connectorIngest(new Connectors.Request("shopify", null, FakeConnectorPort.orders(1, 3),
                false, null));
        long before = stored();
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), records));

        assertThat(model.stepProperty().get()).isEqualTo(ImportViewModel.Step.PREVIEW);
        Connectors.Request dry = connectors.requests.get(connectors.requests.size() - 1);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.records()).hasSize(1000);
        assertThat(stored()).as("a dry run stores nothing").isEqualTo(before);
        assertThat(model.previewTitleProperty().get())
                .isEqualTo("The first 1,000 of 1,200 records of orders.ndjson; the rest are checked as they are imported");
        assertThat(model.preview()).hasSize(1000);
        assertThat(model.willImportProperty().get()).isEqualTo("996");
        assertThat(model.duplicatesProperty().get()).isEqualTo("3");
        assertThat(model.warningsProperty().get()).isEqualTo("1");
        assertThat(model.errorsProperty().get()).isEqualTo("1");
        ImportViewModel.PreviewRow first = model.preview().get(0);
        assertThat(first).isEqualTo(new ImportViewModel.PreviewRow(1, "order_1", "order.created",
                "buyer1@example.com", "101.50 USD", "Dec 1, 2025 14:41", ImportViewModel.Status.DUPLICATE,
                ""));
        assertThat(model.preview().get(4).status()).isEqualTo(ImportViewModel.Status.WARNING);
        assertThat(model.preview().get(4).notes()).startsWith("id: The record has no id");
        assertThat(model.preview().get(6).status()).isEqualTo(ImportViewModel.Status.ERROR);
        assertThat(model.previewErrors()).containsExactly(
                "Record 7 (order_7): total_price: must be a decimal number, got \"twelve\"");
        assertThat(model.importCommand().isExecutable()).as("nothing is imported while the preview has errors")
                .isFalse();
    }

    @Test
    void importsInChunksOfAThousandWithProgressAndASummaryAndReimportingStoresNothingNew() throws Exception {
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), FakeConnectorPort.orders(1, 2500)));
        connectors.requests.clear();
        model.importCommand().execute();

        assertThat(connectors.requests).extracting(r -> r.records().size()).containsExactly(1000, 1000, 500);
        assertThat(connectors.requests).allMatch(r -> Boolean.FALSE.equals(r.dryRun()));
        assertThat(tasks.updates).extracting(TestTasks.Update::message).containsSubsequence(
                "0 of 2,500 records", "1,000 of 2,500 records", "2,000 of 2,500 records", "2,500 of 2,500 records");
        ImportViewModel.Summary s = model.summaryProperty().get();
        assertThat(s.complete()).isTrue();
        assertThat(s.accepted()).isEqualTo(2500);
        assertThat(s.duplicates()).isZero();
        assertThat(s.failed()).isEmpty();
        assertThat(model.summaryTextProperty().get()).isEqualTo("Imported 2,500 of 2,500 records in 0 s: 2,500 new"
                + " events stored, 0 duplicates (already stored).");
        assertThat(connectors.storedIds()).hasSize(2500);

        model.startOverCommand().execute();
        chooseShopify();
        chooseFile(dir.resolve("orders.ndjson"));
        assertThat(model.duplicatesProperty().get()).isEqualTo("1,000");
        model.importCommand().execute();
        assertThat(model.summaryProperty().get().accepted()).isZero();
        assertThat(model.summaryProperty().get().duplicates()).isEqualTo(2500);
    }

    @Test
    void cancelStopsAfterTheCurrentChunkAndRunningItAgainStoresOnlyTheRest() throws Exception {
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), FakeConnectorPort.orders(1, 2500)));
        connectors.requests.clear();
        tasks.onUpdate = u -> {
            if (u.message().startsWith("1,000 of")) {
                assertThat(model.stopCommand().isExecutable()).isTrue();
                model.stopCommand().execute();
            }
        };
        model.importCommand().execute();
        tasks.onUpdate = u -> { };

        assertThat(connectors.requests).extracting(r -> r.records().size()).containsExactly(1000);
        ImportViewModel.Summary s = model.summaryProperty().get();
        assertThat(s.stopped()).isTrue();
        assertThat(s.done()).isEqualTo(1000);
        assertThat(s.accepted()).isEqualTo(1000);
        assertThat(model.summaryTextProperty().get()).startsWith("Stopped after 1,000 of 2,500 records")
                .endsWith("Nothing stored is lost: running the import again stores only the rest.");

        model.backCommand().execute();
        model.importCommand().execute();
        s = model.summaryProperty().get();
        assertThat(s.complete()).isTrue();
        assertThat(s.accepted()).isEqualTo(1500);
        assertThat(s.duplicates()).isEqualTo(1000);
        assertThat(connectors.storedIds()).hasSize(2500);
    }

    @Test
    void aRefusedChunkStopsTheImportWithItsErrorsByRecordNumberAndKeepsWhatWasStored() throws Exception {
        List<Map<String, Object>> records = FakeConnectorPort.orders(1, 2500);
        records.get(1499).put("total_price", "n/a");
        records.get(1700).put("total_price", "");
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), records));
        assertThat(model.errorsProperty().get()).as("the errors are beyond the preview").isEqualTo("0");
        connectors.requests.clear();
        model.importCommand().execute();

        assertThat(connectors.requests).hasSize(2);
        ImportViewModel.Summary s = model.summaryProperty().get();
        assertThat(s.accepted()).isEqualTo(1000);
        assertThat(s.done()).isEqualTo(1000);
        assertThat(s.failed()).containsExactly(new ImportViewModel.ChunkFailure(2, 1001, 2000, List.of(
                "Record 1500: total_price: must be a decimal number",
                "Record 1701: total_price: must be a decimal number")));
        assertThat(model.summaryErrors()).containsExactly("Chunk 2 (records 1,001–2,000) was not stored:",
                "    Record 1500: total_price: must be a decimal number",
                "    Record 1701: total_price: must be a decimal number");
        assertThat(model.summaryTextProperty().get()).startsWith("Stopped at a refused chunk after 1,000 of 2,500");
        assertThat(connectors.storedIds()).as("the chunk before stays stored").hasSize(1000);
    }

    /**
     * A sender that stores on a thread of its own, as the embedded workspace's does, through the fake
     * port; chunk 1's store waits until chunk 2 was prepared (at most 10 s). Logs what it does.
     */
    final class ThreadedSender implements ChunkSender<Connectors.Request> {
        final List<String> log = new CopyOnWriteArrayList<>();
        final CountDownLatch secondPrepared = new CountDownLatch(1);
        final AtomicBoolean overlapped = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        Runnable onSecondPrepared = () -> { };
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final HeadlessApi port = connectors.port();
        private final AtomicInteger prepared = new AtomicInteger();
        private final AtomicInteger stored = new AtomicInteger();

        @Override
        public Connectors.Request prepare(Connectors.Request request) {
            int n = prepared.incrementAndGet();
            log.add("prepared " + n);
            if (n == 2) {
                onSecondPrepared.run();
                secondPrepared.countDown();
            }
            return request;
        }

        @Override
        public Future<Connectors.Result> store(Connectors.Request request) {
            return thread.submit(() -> {
                int n = stored.incrementAndGet();
                if (n == 1) {
                    overlapped.set(secondPrepared.await(10, TimeUnit.SECONDS));
                }
                try {
                    Connectors.Result result = port.connectorIngest(request);
                    log.add("stored " + n);
                    return result;
                } catch (RuntimeException refused) {
                    log.add("refused " + n);
                    throw refused;
                }
            });
        }

        @Override
        public void close() {
            closed.set(true);
            thread.shutdown();
        }
    }

    private ThreadedSender threaded() {
        ThreadedSender sender = new ThreadedSender();
        HeadlessApi port = connectors.port();
        model = new ImportViewModel(() -> port, api -> sender, tasks, dialogs, FakeConnectorPort.NDJSON,
                drilled::add, Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        tasks.onUpdate = u -> sender.log.add(u.message());
        return sender;
    }

    @Test
    void theNextChunkIsPreparedWhileTheOneBeforeIsStoredAndAnswersAreCountedInFileOrder() throws Exception {
        ThreadedSender sender = threaded();
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), FakeConnectorPort.orders(1, 2500)));
        connectors.requests.clear();
        sender.log.clear();
        model.importCommand().execute();

        assertThat(sender.overlapped).as("chunk 2 was prepared while chunk 1 was being stored").isTrue();
        assertThat(sender.log).containsSubsequence("0 of 2,500 records", "prepared 1", "prepared 2", "stored 1",
                "1,000 of 2,500 records", "stored 2", "2,000 of 2,500 records", "stored 3", "2,500 of 2,500 records");
        assertThat(connectors.requests).extracting(r -> r.records().size()).containsExactly(1000, 1000, 500);
        ImportViewModel.Summary s = model.summaryProperty().get();
        assertThat(s.complete()).isTrue();
        assertThat(s.accepted()).isEqualTo(2500);
        assertThat(connectors.storedIds()).hasSize(2500);
        assertThat(sender.closed).isTrue();
    }

    @Test
    void aChunkRefusedWhileTheNextIsPreparedStopsTheImportAndTheNextIsNeverStored() throws Exception {
        ThreadedSender sender = threaded();
        List<Map<String, Object>> records = FakeConnectorPort.orders(1, 2500);
        records.get(1499).put("total_price", "n/a");
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), records));
        connectors.requests.clear();
        sender.log.clear();
        model.importCommand().execute();

        assertThat(sender.log.stream().filter(e -> !e.equals("prepared 3")))
                .as("chunk 3 is at most prepared").containsExactly("0 of 2,500 records", "prepared 1", "prepared 2",
                        "stored 1", "1,000 of 2,500 records", "refused 2");
        assertThat(connectors.requests).hasSize(2);
        ImportViewModel.Summary s = model.summaryProperty().get();
        assertThat(s.done()).isEqualTo(1000);
        assertThat(s.accepted()).isEqualTo(1000);
        assertThat(s.failed()).containsExactly(new ImportViewModel.ChunkFailure(2, 1001, 2000, List.of(
                "Record 1500: total_price: must be a decimal number")));
        assertThat(connectors.storedIds()).as("the chunk before stays stored").hasSize(1000);
        assertThat(sender.closed).isTrue();
    }

    @Test
    void cancelWhileAChunkIsStoredCountsItAndStoresNothingAfter() throws Exception {
        ThreadedSender sender = threaded();
        sender.onSecondPrepared = () -> model.stopCommand().execute();
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), FakeConnectorPort.orders(1, 2500)));
        connectors.requests.clear();
        sender.log.clear();
        model.importCommand().execute();

        assertThat(sender.overlapped).isTrue();
        assertThat(sender.log).containsExactly("0 of 2,500 records", "prepared 1", "prepared 2", "stored 1",
                "1,000 of 2,500 records");
        ImportViewModel.Summary s = model.summaryProperty().get();
        assertThat(s.stopped()).isTrue();
        assertThat(s.done()).isEqualTo(1000);
        assertThat(s.accepted()).isEqualTo(1000);
        assertThat(connectors.storedIds()).hasSize(1000);
    }

    @Test
    void openInEventsShowsTheImportedEventsSpan() throws Exception {
        chooseShopify();
        chooseFile(FakeConnectorPort.ndjson(dir.resolve("orders.ndjson"), FakeConnectorPort.orders(1, 5)));
        model.importCommand().execute();
        model.openEventsCommand().execute();
        assertThat(drilled).singleElement().satisfies(q -> {
            assertThat(q.event()).isEqualTo("order.created");
            assertThat(q.from()).isEqualTo(1_764_600_000_000L + 60_000L);
            assertThat(q.to()).isEqualTo(1_764_600_000_000L + 5 * 60_000L);
            assertThat(engine.defaultWorkspace().events(q).events()).hasSize(5);
        });
    }

    @Test
    void anUnreadableFileIsSaidPlainlyAndTheWizardStaysOnTheFileStep() throws Exception {
        chooseShopify();
        Path bad = dir.resolve("bad.ndjson");
        java.nio.file.Files.writeString(bad, "[1, 2]\n");
        chooseFile(bad);
        assertThat(model.stepProperty().get()).isEqualTo(ImportViewModel.Step.FILE);
        assertThat(model.query().errorProperty().get()).isEqualTo("line 1: not a JSON object");
    }
    @Test
    void overTheRealEngineAndRecordFilesACsvOfShopifyOrdersImportsOnceAndARefusedChunkNamesItsRecord()
            throws Exception {
        List<String> lines = new ArrayList<>(List.of("id,total_price,currency,email,created_at"));
        for (int n = 1; n <= 1500; n++) {
            lines.add("order_" + n + "," + (n == 1200 ? "lots" : (100 + n) + ".50") + ",USD,buyer" + (n % 40)
                    + "@example.com,2026-11-" + String.format("%02d", 1 + n % 28) + "T10:00:00Z");
        }
        Path csv = java.nio.file.Files.write(dir.resolve("orders.csv"), lines);
        HeadlessApi real = engine.defaultWorkspace();
        model = new ImportViewModel(() -> real, com.headlessanalytics.console.app.BulkChunkSender::of, tasks,
                dialogs, com.headlessanalytics.console.app.ConsoleComposition::readRecords, drilled::add,
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        model.activate();
        assertThat(model.providers()).extracting(ImportViewModel.ProviderRow::id).contains("shopify", "stripe",
                "hubspot", "generic");
        model.providerProperty().set(model.providers().stream().filter(p -> p.id().equals("shopify")).findFirst()
                .orElseThrow());
        model.recordTypeProperty().set("order");
        model.nextCommand().execute();
        chooseFile(csv);
        assertThat(model.query().errorProperty().get()).isEmpty();
        assertThat(model.willImportProperty().get()).isEqualTo("1,000");
        assertThat(model.preview().get(0).event()).isEqualTo("order.created");
        assertThat(model.preview().get(0).revenue()).isEqualTo("101.50 USD");

        model.importCommand().execute();
        ImportViewModel.Summary s = model.summaryProperty().get();
        assertThat(s.accepted()).isEqualTo(1000);
        assertThat(s.failed()).singleElement().satisfies(f -> {
            assertThat(f.chunk()).isEqualTo(2);
            assertThat(f.errors()).singleElement().asString().startsWith("Record 1200: total_price");
        });
        assertThat(stored()).isEqualTo(1000);

        model.backCommand().execute();
        model.importCommand().execute();
        assertThat(model.summaryProperty().get().accepted()).isZero();
        assertThat(model.summaryProperty().get().failed()).hasSize(1);
        assertThat(stored()).as("nothing stored twice").isEqualTo(1000);
    }
}
