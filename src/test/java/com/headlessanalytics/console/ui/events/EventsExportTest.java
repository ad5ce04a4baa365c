package com.headlessanalytics.console.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.CsvWriter;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV export from the Events screen against a real engine, without a toolkit. */
class EventsExportTest {
    static final long BASE = 1_700_000_000_000L;
    static final String AWKWARD_ACTOR = "Zoë, \"東京\" 😀";

    @TempDir
    Path dir;
    Path out;
    Engine engine;
    HeadlessApi api;
    TestTasks tasks = TestTasks.held();
    TestDialogs dialogs = new TestDialogs();
    EventsViewModel model;

    @BeforeEach
    void setUp() throws IOException {
        engine = Engine.open(dir.resolve("data"));
        api = engine.defaultWorkspace();
        out = Files.createDirectories(dir.resolve("out"));
        model = new EventsViewModel(() -> api, tasks, new ManualScheduler(), java.time.Clock.systemUTC(),
                ZoneOffset.UTC, dialogs, text -> { });
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    /** Events e0… one second apart, alternating order.created and page.viewed. */
    void ingest(int count) {
        for (int from = 0; from < count; from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                batch.add(Map.of("id", "e" + i, "event", i % 2 == 0 ? "order.created" : "page.viewed",
                        "timestamp", BASE + i * 1000L, "actor", "a" + (i % 3), "source", Map.of("channel", "qr")));
            }
            api.ingest(batch);
        }
    }

    void ingestAwkward() {
        api.ingest(List.of(Map.of("id", "special", "event", "order.created", "timestamp", BASE + 5_000_000L,
                "businessId", "shop-1", "actor", Map.of("type", "customer", "id", AWKWARD_ACTOR),
                "traceId", "=1+2", "trustTier", "T2",
                "attribution", Map.of("channel", "email", "campaign", "Spring\r\nlaunch, 2025", "source", "newsletter"),
                "properties", Map.of("note", "says \"hi\", then\nleaves"))));
    }

    List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Test
    void writesExactlyTheFilteredEventsInTableOrderWithCorrectQuoting() throws Exception {
        ingest(2300);
        ingestAwkward();
        model.eventFilterProperty().set("order.created");
        model.apply();
        tasks.runAll();
        Path target = out.resolve("events.csv");

        model.exportCsv(target);
        assertThat(model.exportingProperty().get()).isTrue();
        tasks.runAll();

        byte[] bytes = Files.readAllBytes(target);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = parseCsv(text);
        assertThat(rows.get(0)).containsExactly("time", "event", "id", "businessId", "actor", "traceId",
                "trustTier", "channel", "campaign", "source", "envelope");
        List<String> expectedIds = new ArrayList<>();
        expectedIds.add("special");
        for (int i = 2298; i >= 0; i -= 2) {
            expectedIds.add("e" + i);
        }
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(2)).containsExactlyElementsOf(expectedIds);
        assertThat(rows).allMatch(r -> r.size() == 11);

        assertThat(rows.get(1)).containsExactly(
                Instant.ofEpochMilli(BASE + 5_000_000L).toString().replace("Z", ".000Z"),
                "order.created", "special", "shop-1", AWKWARD_ACTOR, "'=1+2", "T2", "email",
                "Spring\r\nlaunch, 2025", "newsletter", rows.get(1).get(10));
        Map<?, ?> envelope = ApiJson.mapper().readValue(rows.get(1).get(10), Map.class);
        assertThat(envelope.get("id")).isEqualTo("special");
        assertThat(envelope.get("properties")).isEqualTo(Map.of("note", "says \"hi\", then\nleaves"));
        assertThat(rows.get(2)).containsExactly("2023-11-14T22:51:38.000Z", "order.created", "e2298", "default",
                "a0", "", "", "qr", "", "qr", rows.get(2).get(10));

        assertThat(text).contains(",\"Zoë, \"\"東京\"\" 😀\",'=1+2,T2,email,\"Spring\r\nlaunch, 2025\",newsletter,");
        assertThat(text).endsWith("\r\n");

        assertThat(tasks.updates).isNotEmpty();
        TestTasks.Update first = tasks.updates.get(0);
        assertThat(first.message()).isEqualTo("1,000 events written");
        assertThat(first.fraction()).isStrictlyBetween(0.0, 1.0);
        TestTasks.Update last = tasks.updates.get(tasks.updates.size() - 1);
        assertThat(last).isEqualTo(new TestTasks.Update(1.0, "1,151 events written"));

        assertThat(dialogs.notices).containsExactly("Exported 1,151 events to " + target);
        assertThat(dialogs.errors).isEmpty();
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(filesIn(out)).containsExactly(target);
    }

    @Test
    void exportsTheAppliedFiltersNotWhatIsTypedButNotApplied() throws Exception {
        ingest(10);
        model.activate();
        tasks.runAll();
        model.eventFilterProperty().set("page.viewed");
        model.exportCsv(out.resolve("all.csv"));
        tasks.runAll();
        assertThat(parseCsv(Files.readString(out.resolve("all.csv")).substring(1))).hasSize(11);
    }

    @Test
    void cancellingLeavesNoFile() throws Exception {
        ingest(2500);
        model.apply();
        tasks.runAll();
        Path target = out.resolve("events.csv");
        tasks.onUpdate = u -> model.cancelExport();

        model.exportCsv(target);
        tasks.runAll();

        assertThat(tasks.updates).hasSize(1);
        assertThat(target).doesNotExist();
        assertThat(filesIn(out)).isEmpty();
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(dialogs.notices).containsExactly("Export cancelled; no file was written.");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void withTheAppsRunnerCancellingEndsTheExportAndItsTaskLeavesNoFile() throws Exception {
        ingest(2500);
        BlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
        CountDownLatch secondPage = new CountDownLatch(1);
        HeadlessApi real = api;
        api = new Gated(real, secondPage);
        try (FxTaskRunner runner = new FxTaskRunner(fx::add)) {
            model = new EventsViewModel(() -> api, runner, new ManualScheduler(), java.time.Clock.systemUTC(),
                ZoneOffset.UTC, dialogs, text -> { });
            Path target = out.resolve("events.csv");
            model.exportCsv(target);
            runFxUntil(fx, () -> !runner.running().isEmpty()
                    && runner.running().get(0).messageProperty().get().equals("1,000 events written"));
            assertThat(runner.running().get(0).title()).isEqualTo("Exporting events to events.csv");

            model.cancelExport();
            assertThat(model.exportingProperty().get()).isFalse();
            assertThat(dialogs.notices).containsExactly("Export cancelled; no file was written.");
            secondPage.countDown();
            runFxUntil(fx, () -> runner.running().isEmpty());

            assertThat(filesIn(out)).isEmpty();
            assertThat(dialogs.notices).hasSize(1);
            assertThat(dialogs.errors).isEmpty();
        }
    }

    @Test
    void aTaskCancelledFromTheStatusBarAlsoEndsTheExport() throws Exception {
        ingest(2500);
        BlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
        CountDownLatch secondPage = new CountDownLatch(1);
        HeadlessApi real = api;
        api = new Gated(real, secondPage);
        try (FxTaskRunner runner = new FxTaskRunner(fx::add)) {
            model = new EventsViewModel(() -> api, runner, new ManualScheduler(), java.time.Clock.systemUTC(),
                ZoneOffset.UTC, dialogs, text -> { });
            model.exportCsv(out.resolve("events.csv"));
            runFxUntil(fx, () -> !runner.running().isEmpty()
                    && runner.running().get(0).messageProperty().get().equals("1,000 events written"));
            assertThat(model.exportingProperty().get()).isTrue();
            runner.running().get(0).cancel();
            secondPage.countDown();
            runFxUntil(fx, () -> runner.running().isEmpty());

            assertThat(model.exportingProperty().get()).isFalse();
            assertThat(filesIn(out)).isEmpty();
        }
    }

    /** Runs what the runner hands to the "FX thread" (here the test's thread) until the condition holds. */
    static void runFxUntil(BlockingQueue<Runnable> fx, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Runnable r = fx.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    @Test
    void aFailedExportShowsTheErrorAndKeepsTheFileThatWasThere() throws Exception {
        ingest(2500);
        Path target = Files.writeString(out.resolve("events.csv"), "an earlier export");
        HeadlessApi real = api;
        api = new FailsAfterFirstPage(real);
        model.apply();
        tasks.runAll();

        model.exportCsv(target);
        tasks.runAll();

        assertThat(dialogs.errors).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("The events could not be exported to " + target);
            assertThat(e.error()).isInstanceOf(ApiException.Unreachable.class);
        });
        assertThat(Files.readString(target)).isEqualTo("an earlier export");
        assertThat(filesIn(out)).containsExactly(target);
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(dialogs.notices).isEmpty();
    }

    @Test
    void quotesAndNeutralisesFieldsAsRfc4180AndSpreadsheetsNeed() throws IOException {
        assertThat(CsvWriter.field("plain")).isEqualTo("plain");
        assertThat(CsvWriter.field("Zoë 東京")).isEqualTo("Zoë 東京");
        assertThat(CsvWriter.field("")).isEmpty();
        assertThat(CsvWriter.field(null)).isEmpty();
        assertThat(CsvWriter.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.field("\"")).isEqualTo("\"\"\"\"");
        assertThat(CsvWriter.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(CsvWriter.field("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
        assertThat(CsvWriter.field("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.field("-1")).isEqualTo("'-1");
        assertThat(CsvWriter.field("@cmd")).isEqualTo("'@cmd");
        assertThat(CsvWriter.field("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.field("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assertThat(CsvWriter.field("a=b")).isEqualTo("a=b");

        StringWriter s = new StringWriter();
        CsvWriter csv = new CsvWriter(s);
        csv.row(Arrays.asList("a", null, "b,c"));
        csv.row(List.of("d"));
        assertThat(s.toString()).isEqualTo("a,,\"b,c\"\r\nd\r\n");
    }

    @Test
    void theExportAsksForAFileSuggestingATimestampedNameAndWritesThere() throws Exception {
        model = new EventsViewModel(() -> api, tasks, new ManualScheduler(),
                java.time.Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC), ZoneOffset.UTC, dialogs, text -> { });
        ingest(3);
        model.apply();
        tasks.runAll();
        model.exportCommand().execute();
        assertThat(dialogs.fileQuestions).containsExactly(
                new TestDialogs.Asked("Export events as CSV", "events-20250304-0506.csv"));
        assertThat(model.exportingProperty().get()).as("the question was cancelled").isFalse();

        dialogs.saveFile = out.resolve("chosen.csv");
        model.exportCommand().execute();
        assertThat(model.exportCommand().isExecutable()).as("one export at a time").isFalse();
        assertThat(model.cancelExportCommand().isExecutable()).isTrue();
        tasks.runAll();
        assertThat(Files.readAllLines(dialogs.saveFile, StandardCharsets.UTF_8)).hasSize(4);
        assertThat(model.exportCommand().isExecutable()).isTrue();
        assertThat(model.cancelExportCommand().isExecutable()).isFalse();
    }

    /** A CSV reader written from RFC 4180, independent of the writer under test. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** Holds every page after the first until the latch opens. */
    record Gated(HeadlessApi delegate, CountDownLatch open) implements EventsOnlyApi {
        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            return delegate.ingest(events);
        }

        @Override
        public EventPage events(EventQuery query) {
            if (query.cursor() != null) {
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.events(query);
        }

        @Override
        public EventNames eventNames(String businessId) {
            return delegate.eventNames(businessId);
        }

        @Override
        public RuntimeHealth health() {
            return delegate.health();
        }
    }

    /** Answers the first page, then loses the connection. */
    static final class FailsAfterFirstPage implements EventsOnlyApi {
        private final HeadlessApi delegate;

        FailsAfterFirstPage(HeadlessApi delegate) {
            this.delegate = delegate;
        }

        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            return delegate.ingest(events);
        }

        @Override
        public EventPage events(EventQuery query) {
            if (query.cursor() != null) {
                throw new ApiException.Unreachable("connection reset by 127.0.0.1:8080", null);
            }
            return delegate.events(query);
        }

        @Override
        public EventNames eventNames(String businessId) {
            return delegate.eventNames(businessId);
        }

        @Override
        public RuntimeHealth health() {
            return delegate.health();
        }
    }
}
