package com.headlessanalytics.console.ui.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.metrics.FakeAnalyticsApi;
import java.math.BigDecimal;
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

class AttributionViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final long DAY = 86_400_000L;

    final FakeAnalyticsApi api = new FakeAnalyticsApi();
    final TestDialogs dialogs = new TestDialogs();
    final List<EventQuery> drilled = new ArrayList<>();
    @TempDir
    Path dir;

    AttributionViewModel model(com.headlessanalytics.console.ui.common.TaskRunner tasks) {
        api.attribution = AttributionViewModelTest::answer;
        return new AttributionViewModel(() -> api, tasks, dialogs, drilled::add, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    static Attribution.Result answer(Attribution.Query q) {
        Map<String, Long> sources = new LinkedHashMap<>();
        sources.put("google", 30L);
        sources.put("newsletter", 10L);
        if (q.conversionEvent() == null) {
            return new Attribution.Result(sources, Map.of("spring", 4L), Map.of(), Map.of("email", 10L), null, null, null,
                    null, null, null, FakeAnalyticsApi.proof(q.from(), q.to()));
        }
        return new Attribution.Result(sources, Map.of("spring", 4L), Map.of(), Map.of("email", 10L), q.conversionEvent(),
                q.model(), q.groupBy(), 4L, new BigDecimal("200.5"), List.of(
                        new Attribution.Credit("google", new BigDecimal("2.5000"), new BigDecimal("150.25")),
                        new Attribution.Credit("(direct)", new BigDecimal("1.0000"), new BigDecimal("40.00")),
                        new Attribution.Credit("newsletter", new BigDecimal("0.5000"), new BigDecimal("10.25"))),
                FakeAnalyticsApi.proof(q.from(), q.to()));
    }

    @Test
    void ordersAreTheConversionWhenTheWorkspaceHasThem() {
        api.eventNames = List.of("page.viewed", "order.created");
        AttributionViewModel model = model(TestTasks.direct());
        model.activate();
        Attribution.Query q = api.attributionQueries.get(0);
        assertThat(q.conversionEvent()).isEqualTo("order.created");
        assertThat(q.model()).isEqualTo("first_touch");
        assertThat(q.groupBy()).isEqualTo("source");
        assertThat(q.lookbackMs()).isEqualTo(30 * DAY);
        assertThat(q.from()).isEqualTo(NOW.toEpochMilli() - 30 * DAY);
        assertThat(q.to()).isEqualTo(NOW.toEpochMilli());
        assertThat(api.attributionQueries).hasSize(1);
    }

    @Test
    void withoutOrdersNoConversionIsChosenAndOnlyTouchpointsShow() {
        api.eventNames = List.of("page.viewed");
        AttributionViewModel model = model(TestTasks.direct());
        model.activate();
        assertThat(api.attributionQueries.get(0).conversionEvent()).isNull();
        assertThat(model.bySource()).extracting(AttributionViewModel.CountRow::key).containsExactly("google", "newsletter");
        assertThat(model.bySource().get(0).shareText()).isEqualTo("75.0 %");
        assertThat(model.touchpointsProperty().get()).isEqualTo("40");
        assertThat(model.credit()).isEmpty();
        assertThat(model.conversionsProperty().get()).isEqualTo("—");
        assertThat(model.canDrillProperty().get()).isFalse();
        assertThat(model.creditTitleProperty().get()).startsWith("Choose a conversion event");
        model.showConversions();
        assertThat(drilled).isEmpty();
    }

    @Test
    void theCreditTableAndTotalsFollowTheAnswer() {
        AttributionViewModel model = model(TestTasks.direct());
        model.conversionEventProperty().set("order.created");
        model.lookbackDaysProperty().set(7);
        model.modelProperty().set(Attribution.Model.TIME_DECAY);
        model.groupByProperty().set(Attribution.Field.CAMPAIGN);
        Attribution.Query q = api.attributionQueries.get(api.attributionQueries.size() - 1);
        assertThat(q.model()).isEqualTo("time_decay");
        assertThat(q.groupBy()).isEqualTo("campaign");
        assertThat(q.lookbackMs()).isEqualTo(7 * DAY);
        assertThat(model.conversionsProperty().get()).isEqualTo("4");
        assertThat(model.revenueProperty().get()).isEqualTo("200.50");
        assertThat(model.credit()).extracting(AttributionViewModel.CreditRow::key)
                .containsExactly("google", "(direct)", "newsletter");
        AttributionViewModel.CreditRow google = model.credit().get(0);
        assertThat(google.conversionsText()).isEqualTo("2.5");
        assertThat(google.revenueText()).isEqualTo("150.25");
        assertThat(google.shareText()).isEqualTo("62.5 %");
        assertThat(model.creditTitleProperty().get()).isEqualTo("Credit by campaign · Time decay (7-day half-life)"
                + " · lookback 7 d");
        assertThat(model.byMedium()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(10));
        assertThat(model.byChannel()).isEmpty();
    }

    @Test
    void theConversionsOpenAsTheirEvents() {
        AttributionViewModel model = model(TestTasks.direct());
        model.conversionEventProperty().set("order.created");
        model.rangeProperty().set(DateRange.last7Days());
        model.showConversions();
        assertThat(drilled).containsExactly(new EventQuery(FakeAnalyticsApi.BUSINESS, "order.created", null, null,
                NOW.toEpochMilli() - 7 * DAY, NOW.toEpochMilli(), null, null, null));
    }

    @Test
    void aMissingLookbackOrAnOversizedOneIsExplained() {
        AttributionViewModel model = model(TestTasks.direct());
        model.lookbackDaysProperty().set(null);
        model.run();
        assertThat(api.attributionQueries).isEmpty();
        assertThat(model.query().errorProperty().get()).contains("Lookback: enter the lookback in days");
        model.lookbackDaysProperty().set(400);
        model.run();
        assertThat(api.attributionQueries).isEmpty();
        assertThat(model.query().errorProperty().get()).contains("Lookback: must be between 0 and");
    }

    @Test
    void aFailureIsShownAndAnOlderAnswerIsDropped() {
        TestTasks tasks = TestTasks.held();
        AttributionViewModel model = model(tasks);
        model.conversionEventProperty().set("first");
        model.run();
        model.conversionEventProperty().set("second");
        model.run();
        tasks.runLast();
        tasks.runAll();
        assertThat(model.query().statusProperty().get()).endsWith("conversions: second");
        api.attribution = q -> {
            throw new IllegalStateException("The engine is closed.");
        };
        model.run();
        tasks.runAll();
        assertThat(model.query().errorProperty().get()).isEqualTo("The engine is closed.");
        assertThat(model.query().runningProperty().get()).isFalse();
    }

    @Test
    void creditAndTouchpointTablesExport() throws Exception {
        AttributionViewModel model = model(TestTasks.direct());
        model.conversionEventProperty().set("order.created");
        model.run();
        Path credit = dir.resolve("credit.csv");
        dialogs.saveFile = credit;
        model.exportCommand(AttributionViewModel.Table.CREDIT).execute();
        assertThat(Files.readAllLines(credit, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFsource,conversions,revenue,share", "google,2.5000,150.25,0.625000",
                "(direct),1.0000,40.00,0.250000", "newsletter,0.5000,10.25,0.125000");
        Path sources = dir.resolve("sources.csv");
        dialogs.saveFile = sources;
        model.exportCommand(AttributionViewModel.Table.SOURCE).execute();
        assertThat(Files.readAllLines(sources, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFsource,events,share", "google,30,0.750000", "newsletter,10,0.250000");
        dialogs.saveFile = null;
        model.exportCommand(AttributionViewModel.Table.MEDIUM).execute();
        assertThat(dialogs.fileQuestions).extracting(TestDialogs.Asked::suggestedName).containsExactly(
                "attribution-credit-20261127-1015.csv", "attribution-source-20261127-1015.csv",
                "attribution-medium-20261127-1015.csv");
    }

    @Test
    void theChartDrawsTheTenLargestCreditRows() {
        api.attribution = q -> {
            List<Attribution.Credit> credit = new ArrayList<>();
            for (int i = 12; i >= 1; i--) {
                credit.add(new Attribution.Credit("source-" + i, BigDecimal.valueOf(i), BigDecimal.TEN));
            }
            return new Attribution.Result(Map.of(), Map.of(), Map.of(), Map.of(), q.conversionEvent(), q.model(),
                    q.groupBy(), 78L, BigDecimal.valueOf(120), credit, FakeAnalyticsApi.proof(q.from(), q.to()));
        };
        AttributionViewModel model = new AttributionViewModel(() -> api, TestTasks.direct(), dialogs, drilled::add,
                Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
        model.conversionEventProperty().set("order.created");
        model.run();
        assertThat(model.credit()).hasSize(12);
        assertThat(model.chartCredit()).hasSize(AttributionViewModel.CHART_KEYS)
                .extracting(AttributionViewModel.CreditRow::key).startsWith("source-12").endsWith("source-3");
    }

    @Test
    void hidingTheScreenStopsTheRunWithoutAWord() {
        TestTasks tasks = TestTasks.held();
        AttributionViewModel model = model(tasks);
        model.run();
        assertThat(model.query().isRunning()).isTrue();
        model.deactivate();
        tasks.runAll();
        assertThat(model.query().isRunning()).isFalse();
        assertThat(model.query().statusProperty().get()).isEmpty();
        assertThat(model.credit()).isEmpty();
    }
}
