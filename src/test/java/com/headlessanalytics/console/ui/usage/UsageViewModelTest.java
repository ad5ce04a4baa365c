package com.headlessanalytics.console.ui.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.QuotaLevel;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final long MONTH_START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    static final long MONTH_END = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli() - 1;

    @TempDir
    Path dir;
    final FakeApi api = new FakeApi();
    final TestDialogs dialogs = new TestDialogs();
    final TestTasks tasks = TestTasks.direct();
    final UsageViewModel model = new UsageViewModel(() -> api, tasks, dialogs, Clock.fixed(NOW, ZoneOffset.UTC),
            ZoneOffset.UTC);

    @Test
    void showsTheNewestCallsTotalsPerEndpointAndTheMonthsQuota() {
        model.activate();

        assertThat(api.asked).singleElement().satisfies(q -> {
            assertThat(q.limit()).isEqualTo(500);
            assertThat(q.from()).isEqualTo(NOW.toEpochMilli() - 30L * 86_400_000);
            assertThat(q.to()).isEqualTo(NOW.toEpochMilli());
        });
        assertThat(model.calls()).hasSize(2);
        UsageViewModel.CallRow first = model.calls().get(0);
        assertThat(first.time()).isEqualTo("Nov 27, 10:00:00");
        assertThat(first.endpoint()).isEqualTo("/api/ingest");
        assertThat(first.bytes()).isEqualTo("1.5 KB in / 120 B out");
        assertThat(first.failed()).isFalse();
        assertThat(model.calls().get(1).failed()).isTrue();
        assertThat(model.totals()).extracting(UsageViewModel.TotalRow::endpoint, UsageViewModel.TotalRow::statuses)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/api/ingest", "200 ×1,200, 400 ×3"),
                        org.assertj.core.groups.Tuple.tuple("/api/events", "404 ×1"));
        assertThat(model.summaryProperty().get())
                .isEqualTo("1,204 calls in last 30 days, 4 with an error (status 400 or above) · newest 2 listed");
        assertThat(model.quotaUsedProperty().get()).isEqualTo(0.25);
        assertThat(model.quotaTextProperty().get())
                .isEqualTo("250,000 of 1,000,000 calls used this month (25.0%) · 750,000 left · resets Dec 1");
        assertThat(model.loadedProperty().get()).isTrue();
    }

    @Test
    void theRangeAndLimitChooseWhatIsReadWhileShown() {
        model.rangeProperty().set(DateRange.of(DateRange.Preset.ALL_TIME));
        assertThat(api.asked).as("nothing is read while hidden").isEmpty();
        model.activate();
        assertThat(api.asked.get(0).from()).isNull();
        assertThat(api.asked.get(0).to()).isNull();
        model.limitProperty().set(100);
        assertThat(api.asked.get(1).limit()).isEqualTo(100);
        model.deactivate();
        model.limitProperty().set(1000);
        assertThat(api.asked).hasSize(2);
    }

    @Test
    void aRangeChosenWhileAReadRunsReplacesThatRead() {
        TestTasks held = TestTasks.held();
        UsageViewModel m = new UsageViewModel(() -> api, held, dialogs, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC);
        m.activate();
        assertThat(m.refreshCommand().isExecutable()).as("no second Refresh while reading").isFalse();
        m.rangeProperty().set(DateRange.of(DateRange.Preset.ALL_TIME));
        assertThat(held.pending()).isEqualTo(2);
        held.runAll();
        assertThat(api.asked).extracting(Usage.Query::from).containsExactly(NOW.toEpochMilli() - 30L * 86_400_000,
                null);
        assertThat(m.summaryProperty().get()).as("only the newer range's answer is shown").contains("all time");
        assertThat(m.query().isRunning()).isFalse();
        assertThat(m.refreshCommand().isExecutable()).isTrue();
    }

    @Test
    void theChartShowsTheEightBusiestEndpointsAndTheQuotaLevelComesFromTheDomain() {
        api.endpoints = 11;
        api.used = 950_000;
        model.activate();
        assertThat(model.totals()).hasSize(11);
        assertThat(model.chart()).hasSize(UsageViewModel.CHART_ENDPOINTS)
                .extracting(UsageViewModel.ChartBar::endpoint).startsWith("/api/e11").endsWith("/api/e4");
        assertThat(model.chart().get(0).succeeded() + model.chart().get(0).errors()).isEqualTo(11);
        assertThat(model.chart().get(0).errors()).isEqualTo(1);
        assertThat(model.quotaLevelProperty().get()).isEqualTo(QuotaLevel.WARNING);
        api.used = 1_000_000;
        model.refresh();
        assertThat(model.quotaLevelProperty().get()).isEqualTo(QuotaLevel.USED_UP);
        assertThat(model.quotaUsedProperty().get()).isEqualTo(1.0);
    }

    @Test
    void theEmptyTableTextTheExportMenuAndTheChartFollowWhatWasRead() {
        assertThat(model.placeholderProperty().get()).isEqualTo("Reading usage…");
        assertThat(model.canExportProperty().get()).as("nothing read yet").isFalse();
        assertThat(model.chartShownProperty().get()).isFalse();
        model.activate();
        assertThat(model.placeholderProperty().get()).isEqualTo(UsageViewModel.EMPTY);
        assertThat(model.canExportProperty().get()).isTrue();
        assertThat(model.chartShownProperty().get()).as("endpoints to draw").isTrue();

        assertThat(model.calls().get(0).latency()).isEqualTo(
                String.format(java.util.Locale.ENGLISH, "%,d ms", model.calls().get(0).latencyMs()));
        assertThat(UsageViewModel.CallRow.failed(399)).isFalse();
        assertThat(UsageViewModel.CallRow.failed(400)).isTrue();
        assertThat(UsageViewModel.CallRow.failed(503)).isTrue();
        assertThat(UsageViewModel.limitLabel(1000)).isEqualTo("Newest 1,000 calls");
    }

    @Test
    void anEmptyMeterDrawsNoChart() {
        api.empty = true;
        model.activate();
        assertThat(model.chartShownProperty().get()).isFalse();
        assertThat(model.placeholderProperty().get()).isEqualTo(UsageViewModel.EMPTY);
    }

    @Test
    void anEmptyMeterSaysSoAndAFailureIsASentence() {
        api.empty = true;
        model.activate();
        assertThat(model.calls()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("No calls in last 30 days");
        assertThat(model.quotaTextProperty().get()).startsWith("0 of 1,000,000 calls used this month (0.0%)");

        api.failure = new ApiException.Unreachable("connection refused", null);
        model.refresh();
        assertThat(model.query().errorProperty().get()).isEqualTo("The API could not be reached: connection refused");
        api.failure = null;
        model.refresh();
        assertThat(model.query().errorProperty().get()).isEmpty();
    }

    @Test
    void exportsEachTableAsCsvWithRawValues() throws Exception {
        assertThat(model.exportCallsCommand().isExecutable()).as("nothing read yet").isFalse();
        model.activate();
        Path calls = dir.resolve("calls.csv");
        dialogs.saveFile = calls;
        model.exportCallsCommand().execute();
        assertThat(Files.readString(calls, StandardCharsets.UTF_8)).isEqualTo("\uFEFF"
                + "time,method,endpoint,status,latency_ms,request_bytes,response_bytes,key_id,query_id\r\n"
                + "2026-11-27T10:00:00Z,POST,/api/ingest,200,12,1536,120,ak_1,q1\r\n"
                + "2026-11-27T09:59:00Z,GET,/api/events,404,3,0,80,ak_1,q2\r\n");
        Path totals = dir.resolve("totals.csv");
        dialogs.saveFile = totals;
        model.exportTotalsCommand().execute();
        assertThat(Files.readAllLines(totals, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFendpoint,calls,errors,by_status,avg_latency_ms,max_latency_ms,request_bytes,response_bytes",
                "/api/ingest,1203,3,200:1200 400:3,10,250,2000000,150000",
                "/api/events,1,1,404:1,3,3,0,80");
        assertThat(dialogs.notices).containsExactly("Exported 2 rows of usage calls to " + calls,
                "Exported 2 rows of usage totals to " + totals);
        assertThat(dialogs.fileQuestions).extracting(TestDialogs.Asked::suggestedName)
                .containsExactly("usage-calls-20261127-1015.csv", "usage-totals-20261127-1015.csv");
    }

    @Test
    void aFailedExportSaysWhyAndLeavesNoFile() {
        model.activate();
        Path target = dir.resolve("missing-folder").resolve("calls.csv");
        dialogs.saveFile = target;
        model.exportCallsCommand().execute();
        assertThat(dialogs.errors).singleElement().asString().contains("could not be exported to " + target);
        assertThat(target).doesNotExist();
    }

    @Test
    void formatsBytesAndShares() {
        assertThat(UsageViewModel.bytes(0)).isEqualTo("0 B");
        assertThat(UsageViewModel.bytes(1023)).isEqualTo("1023 B");
        assertThat(UsageViewModel.bytes(5L * 1024 * 1024)).isEqualTo("5.0 MB");
        assertThat(UsageViewModel.percent(1, 1_000_000)).isEqualTo("under 0.1%");
        assertThat(UsageViewModel.percent(1_000_000, 1_000_000)).isEqualTo("100.0%");
    }

    static final class FakeApi implements EventsOnlyApi {
        final List<Usage.Query> asked = new ArrayList<>();
        boolean empty;
        RuntimeException failure;
        /** When set, this many endpoints with 1..n calls (one error each). */
        int endpoints;
        long used = 250_000;

        @Override
        public Usage.Report usage(Usage.Query query) {
            asked.add(query);
            if (failure != null) {
                throw failure;
            }
            if (empty) {
                return new Usage.Report(List.of(), List.of(), 0,
                        new Usage.Quota(1_000_000, 0, 1_000_000, MONTH_START, MONTH_END), null);
            }
            if (endpoints > 0) {
                List<Usage.Total> totals = new ArrayList<>();
                for (int i = 1; i <= endpoints; i++) {
                    totals.add(new Usage.Total("/api/e" + i, i, 1, Map.of("200", i - 1L, "500", 1L), 1, 1, 0, 0));
                }
                return new Usage.Report(List.of(), totals, 66, new Usage.Quota(1_000_000, used, 1_000_000 - used,
                        MONTH_START, MONTH_END), null);
            }
            long t = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
            Map<String, Long> ingest = new LinkedHashMap<>();
            ingest.put("400", 3L);
            ingest.put("200", 1200L);
            return new Usage.Report(List.of(
                    new Usage.Record(t, "POST", "/api/ingest", 200, 12, 1536, 120, "ak_1", "q1"),
                    new Usage.Record(t - 60_000, "GET", "/api/events", 404, 3, 0, 80, "ak_1", "q2")),
                    List.of(new Usage.Total("/api/ingest", 1203, 3, ingest, 10, 250, 2_000_000, 150_000),
                            new Usage.Total("/api/events", 1, 1, Map.of("404", 1L), 3, 3, 0, 80)),
                    1204, new Usage.Quota(1_000_000, 250_000, 750_000, MONTH_START, MONTH_END), null);
        }

        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventPage events(EventQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventNames eventNames(String businessId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RuntimeHealth health() {
            throw new UnsupportedOperationException();
        }
    }

}
