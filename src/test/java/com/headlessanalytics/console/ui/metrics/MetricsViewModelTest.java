package com.headlessanalytics.console.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.TimeBuckets;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final long DAY = 86_400_000L;
    static final long NOV_20 = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();

    final FakeAnalyticsApi api = new FakeAnalyticsApi();
    final TestDialogs dialogs = new TestDialogs();
    final List<EventQuery> drilled = new ArrayList<>();
    @TempDir
    Path dir;

    MetricsViewModel model(com.headlessanalytics.console.ui.common.TaskRunner tasks) {
        return new MetricsViewModel(() -> api, tasks, dialogs, drilled::add, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    /** Eight daily buckets from Nov 20, counts 1..8; grouped answers split them between groups. */
    static Metrics.Result answer(Metrics.Query q, int groupCount) {
        SortedMap<Long, Long> series = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            series.put(NOV_20 + i * DAY, (long) i + 1);
        }
        List<Metrics.Group> groups = null;
        if (q.groupBy() != null) {
            groups = new ArrayList<>();
            for (int g = 0; g < groupCount; g++) {
                SortedMap<Long, Long> gs = new TreeMap<>();
                gs.put(NOV_20, 1L);
                groups.add(new Metrics.Group(g == 0 ? "(none)" : "key" + g, 36 - g, 3, gs));
            }
        }
        return new Metrics.Result(Map.of("events", BigDecimal.valueOf(36), "orders.revenue", new BigDecimal("1234.500000")),
                36, 9, new BigDecimal("1234.5"), q.interval(), series, q.groupBy(), groups, null,
                FakeAnalyticsApi.proof(q.from(), q.to()));
    }

    @Test
    void runsTheQueryTheFieldsDescribeAndShowsTheAnswer() {
        api.metrics = q -> answer(q, 0);
        MetricsViewModel model = model(TestTasks.direct());
        model.eventNameProperty().set("  order.created ");
        model.activate();

        Metrics.Query q = api.metricQueries.get(api.metricQueries.size() - 1);
        assertThat(q.eventName()).isEqualTo("order.created");
        assertThat(q.from()).isEqualTo(NOW.toEpochMilli() - 7 * DAY);
        assertThat(q.to()).isEqualTo(NOW.toEpochMilli());
        assertThat(q.interval()).isEqualTo("day");
        assertThat(q.groupBy()).isNull();
        assertThat(q.persistSnapshots()).isNull();
        assertThat(model.totalEventsProperty().get()).isEqualTo("36");
        assertThat(model.uniqueActorsProperty().get()).isEqualTo("9");
        assertThat(model.revenueProperty().get()).isEqualTo("1,234.50");
        assertThat(model.buckets()).hasSize(8);
        assertThat(model.buckets().get(1)).isEqualTo(new MetricsViewModel.Bucket(NOV_20 + DAY, NOV_20 + 2 * DAY - 1,
                "Nov 21", 2));
        assertThat(model.lines()).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo("order.created");
            assertThat(l.counts()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        });
        assertThat(model.query().errorProperty().get()).isEmpty();
    }

    @Test
    void theFirstAndLastBucketsAreClippedToThePeriod() {
        api.metrics = q -> answer(q, 0);
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();
        assertThat(model.buckets().get(0).start()).isEqualTo(NOW.toEpochMilli() - 7 * DAY);
        assertThat(model.buckets().get(0).end()).isEqualTo(NOV_20 + DAY - 1);
        assertThat(model.buckets().get(7).end()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void changingTheIntervalGroupingOrRangeRunsAgain() {
        api.metrics = q -> answer(q, 3);
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();
        int before = api.metricQueries.size();
        model.intervalProperty().set(Metrics.Interval.HOUR);
        model.groupByProperty().set(MetricsViewModel.GroupBy.CAMPAIGN);
        model.rangeProperty().set(DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)));
        assertThat(api.metricQueries).hasSize(before + 3);
        Metrics.Query last = api.metricQueries.get(api.metricQueries.size() - 1);
        assertThat(last.interval()).isEqualTo("hour");
        assertThat(last.groupBy()).isEqualTo("campaign");
        assertThat(last.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(last.to()).isEqualTo(Instant.parse("2026-11-03T00:00:00Z").toEpochMilli() - 1);
    }

    @Test
    void groupsGetSharesAndTheChartDrawsTheLargestTen() {
        api.metrics = q -> answer(q, 12);
        MetricsViewModel model = model(TestTasks.direct());
        model.groupByProperty().set(MetricsViewModel.GroupBy.SOURCE);
        model.activate();
        assertThat(model.groupedProperty().get()).isTrue();
        assertThat(model.groups()).hasSize(12);
        assertThat(model.groups().get(0).shareText()).isEqualTo("100.0 %");
        assertThat(model.groups().get(1).share()).isEqualTo(35.0 / 36);
        assertThat(model.lines()).hasSize(MetricsViewModel.CHART_GROUPS);
        assertThat(model.lines().get(1).counts()).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(model.chartNoteProperty().get()).contains("10 largest of 12 groups");
    }

    @Test
    void aBucketDrillsToItsExactMillisecondsTheBusinessAndTheEvent() {
        api.metrics = q -> answer(q, 0);
        MetricsViewModel model = model(TestTasks.direct());
        model.eventNameProperty().set("order.created");
        model.activate();
        model.drillBucket(3);
        assertThat(drilled).containsExactly(new EventQuery(FakeAnalyticsApi.BUSINESS, "order.created", null, null,
                NOV_20 + 3 * DAY, NOV_20 + 4 * DAY - 1, null, null, null));
        model.drillBucket(99);
        assertThat(drilled).hasSize(1);
    }

    @Test
    void theChartsAxisLabelsPointTipsAndPointClicksAreDecidedHere() {
        api.metrics = q -> answer(q, 0);
        MetricsViewModel model = model(TestTasks.direct());
        model.eventNameProperty().set("order.created");
        model.activate();
        assertThat(model.buckets()).hasSize(8);
        assertThat(model.axisLabelEvery()).as("8 buckets: every one labelled").isEqualTo(1);
        assertThat(model.axisLabel(3)).isEqualTo(model.buckets().get(3).label());
        assertThat(model.axisLabel(2.5)).as("between buckets").isEmpty();
        assertThat(model.axisLabel(-1)).isEmpty();
        assertThat(model.axisLabel(8)).isEmpty();
        MetricsViewModel.Line line = model.lines().get(0);
        assertThat(model.pointTip(line, 3)).isEqualTo(model.buckets().get(3).label() + ": 4 events\nClick to see them");
        assertThat(model.pointTip(line, 99)).isEmpty();
        model.drillPoint(line, 3);
        assertThat(drilled).singleElement().satisfies(q -> assertThat(q.from()).isEqualTo(NOV_20 + 3 * DAY));

        api.metrics = q -> answer(q, 2);
        model.groupByProperty().set(MetricsViewModel.GroupBy.CHANNEL);
        MetricsViewModel.Line group = model.lines().stream().filter(l -> l.name().equals("key1")).findFirst()
                .orElseThrow();
        assertThat(model.pointTip(group, 0)).isEqualTo("key1 · " + model.buckets().get(0).label()
                + ": 1 events\nClick to see them");
        model.drillPoint(group, 0);
        assertThat(drilled.get(1).channel()).as("a grouped point opens its group's events").isEqualTo("key1");
        assertThat(drilled.get(1).to()).isEqualTo(NOV_20 + DAY - 1);
    }

    @Test
    void theTimeAxisLabelsAtMostEightBuckets() {
        SortedMap<Long, Long> series = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            series.put(NOV_20 + i * DAY, 1L);
        }
        api.metrics = q -> new Metrics.Result(Map.of(), 20, 1, BigDecimal.ZERO, q.interval(), series, null, null,
                null, FakeAnalyticsApi.proof(q.from(), q.to()));
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();
        assertThat(model.buckets()).hasSizeGreaterThanOrEqualTo(17);
        assertThat(model.axisLabelEvery()).isEqualTo((int) Math.ceil(model.buckets().size() / 8.0)).isGreaterThan(1);
    }

    @Test
    void anEventGroupDrillsToThatEventAndAFieldGroupToItsTouchpoint() {
        api.metrics = q -> answer(q, 3);
        MetricsViewModel model = model(TestTasks.direct());
        model.groupByProperty().set(MetricsViewModel.GroupBy.EVENT);
        model.activate();
        model.drillGroup("key1");
        assertThat(drilled.get(0).event()).isEqualTo("key1");
        assertThat(drilled.get(0).from()).isEqualTo(NOW.toEpochMilli() - 7 * DAY);
        assertThat(dialogs.notices).isEmpty();

        model.groupByProperty().set(MetricsViewModel.GroupBy.CHANNEL);
        model.drillGroupBucket("key2", 0);
        assertThat(drilled.get(1).event()).isNull();
        assertThat(drilled.get(1).channel()).isEqualTo("key2");
        assertThat(drilled.get(1).source()).isNull();
        assertThat(drilled.get(1).to()).isEqualTo(NOV_20 + DAY - 1);
        assertThat(dialogs.notices).isEmpty();

        model.drillGroup("(none)");
        assertThat(drilled.get(2).channel()).isNull();
        assertThat(dialogs.notices).singleElement().asString().contains("cannot select (none)");
    }

    @Test
    void anInvalidQueryIsExplainedAndNotSent() {
        api.metrics = q -> answer(q, 0);
        MetricsViewModel model = model(TestTasks.direct());
        model.eventNameProperty().set("x".repeat(300));
        model.run();
        assertThat(api.metricQueries).isEmpty();
        assertThat(model.query().errorProperty().get()).contains("eventName", "longer than 200 characters");
    }

    @Test
    void aFailureIsShownAsASentence() {
        api.metrics = q -> {
            throw com.headlessanalytics.console.api.ApiException.invalid("Pick a longer interval: more than 10000 buckets",
                    List.of());
        };
        MetricsViewModel model = model(TestTasks.direct());
        model.run();
        assertThat(model.query().errorProperty().get()).isEqualTo("Pick a longer interval: more than 10000 buckets");
        assertThat(model.query().runningProperty().get()).isFalse();
    }

    @Test
    void anOlderAnswerNeverReplacesANewerOneAndCancelKeepsTheFigures() {
        api.metrics = q -> answer(q, 0);
        TestTasks tasks = TestTasks.held();
        MetricsViewModel model = model(tasks);
        model.eventNameProperty().set("first");
        model.run();
        model.eventNameProperty().set("second");
        model.run();
        tasks.runLast();
        assertThat(model.lines().get(0).name()).isEqualTo("second");
        tasks.runAll();
        assertThat(model.lines().get(0).name()).isEqualTo("second");

        model.eventNameProperty().set("third");
        model.run();
        assertThat(model.query().runningProperty().get()).isTrue();
        model.query().cancel();
        assertThat(model.query().runningProperty().get()).isFalse();
        assertThat(model.query().statusProperty().get()).isEqualTo("Cancelled");
        tasks.runAll();
        assertThat(model.lines().get(0).name()).isEqualTo("second");
    }

    @Test
    void savingASnapshotPersistsAndReloadsTheHistory() {
        api.metrics = q -> {
            if (Boolean.TRUE.equals(q.persistSnapshots())) {
                api.snapshots.add(new Metrics.Snapshot("snp_1", "events", BigDecimal.valueOf(36), "biz_shop", q.from(),
                        q.to(), NOW.toEpochMilli(), "qry_1"));
            }
            return answer(q, 0);
        };
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();
        assertThat(model.snapshots()).isEmpty();
        model.saveSnapshot();
        assertThat(api.metricQueries.get(api.metricQueries.size() - 1).persistSnapshots()).isTrue();
        assertThat(model.snapshots()).singleElement().satisfies(s -> {
            assertThat(s.metric()).isEqualTo("events");
            assertThat(s.valueText()).isEqualTo("36");
            assertThat(s.period()).isEqualTo("Nov 20, 2026 10:15 – Nov 27, 2026 10:15");
        });
        assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Saved"));
    }

    @Test
    void definitionsShowTheirValueForTheRangeAndDeleteAsksFirst() {
        api.metrics = q -> answer(q, 0);
        api.definitions.put("orders.revenue", new Metrics.Definition("orders.revenue", "order.created", "sum",
                "revenue", "Revenue of orders", 1L));
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();
        assertThat(model.definitions()).singleElement().satisfies(d -> {
            assertThat(d.valueText()).isEqualTo("1,234.5");
            assertThat(d.aggregation()).isEqualTo("Sum of revenue");
        });

        assertThat(model.deleteDefinitionCommand().isExecutable()).as("nothing selected").isFalse();
        model.selectedDefinitionProperty().set(model.definitions().get(0));
        model.editDefinitionCommand().execute();
        assertThat(dialogs.forms).singleElement().satisfies(f -> assertThat(((MetricDefinitionViewModel) f)
                .nameProperty().get()).isEqualTo("orders.revenue"));
        dialogs.confirmAnswer = false;
        model.deleteDefinitionCommand().execute();
        assertThat(dialogs.confirmations).containsExactly("Delete metric orders.revenue?");
        assertThat(api.deleted).isEmpty();
        dialogs.confirmAnswer = true;
        model.deleteDefinitionCommand().execute();
        assertThat(api.deleted).containsExactly("orders.revenue");
        assertThat(model.definitions()).isEmpty();
    }

    @Test
    void aNewDefinitionIsSavedAndListed() {
        api.metrics = q -> answer(q, 0);
        MetricsViewModel model = model(TestTasks.direct());
        model.eventNameProperty().set("order.created");
        model.activate();
        model.newDefinitionCommand().execute();
        MetricDefinitionViewModel form = (MetricDefinitionViewModel) dialogs.forms.get(0);
        assertThat(form.eventProperty().get()).isEqualTo("order.created");
        form.nameProperty().set("orders");
        form.save();
        assertThat(api.definitions).containsKey("orders");
        assertThat(model.definitions()).extracting(MetricsViewModel.DefinitionRow::name).containsExactly("orders");
    }

    @Test
    void eachTableExportsItsRawValues() throws Exception {
        api.metrics = q -> answer(q, 2);
        MetricsViewModel model = model(TestTasks.direct());
        model.groupByProperty().set(MetricsViewModel.GroupBy.MEDIUM);
        model.activate();
        Path buckets = dir.resolve("buckets.csv");
        dialogs.saveFile = buckets;
        model.exportCommand(MetricsViewModel.Table.BUCKETS).execute();
        List<String> lines = Files.readAllLines(buckets, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("\uFEFFbucket_start,bucket_end,events");
        assertThat(lines.get(2)).isEqualTo("2026-11-21T00:00:00Z,2026-11-21T23:59:59.999Z,2");
        assertThat(lines).hasSize(9);
        Path groups = dir.resolve("groups.csv");
        dialogs.saveFile = groups;
        model.exportCommand(MetricsViewModel.Table.GROUPS).execute();
        assertThat(Files.readAllLines(groups, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFmedium,events,unique_actors,share", "(none),36,3,1.000000", "key1,35,3,0.972222");
        assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Exported 2 rows of metric groups"));
        assertThat(dialogs.fileQuestions).extracting(TestDialogs.Asked::suggestedName)
                .containsExactly("metrics-buckets-20261127-1015.csv", "metrics-groups-20261127-1015.csv");
    }

    @Test
    void bucketsEndWhereTheNextUtcBucketStarts() {
        long feb = Instant.parse("2028-02-01T00:00:00Z").toEpochMilli();
        assertThat(new TimeBuckets(Metrics.Interval.MONTH.size()).endOf(feb))
                .isEqualTo(Instant.parse("2028-03-01T00:00:00Z").toEpochMilli() - 1);
        long monday = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
        assertThat(new TimeBuckets(Metrics.Interval.WEEK.size()).endOf(monday)).isEqualTo(monday + 7 * DAY - 1);
        assertThat(new TimeBuckets(Metrics.Interval.HOUR.size()).endOf(monday)).isEqualTo(monday + 3_600_000L - 1);
        assertThat(MetricsViewModel.label(monday, Metrics.Interval.WEEK)).isEqualTo("Week of Nov 23");
        assertThat(MetricsViewModel.label(feb, Metrics.Interval.MONTH)).isEqualTo("Feb 2028");
    }

    @Test
    void namesAreSuggestedWhileTyping() {
        api.metrics = q -> answer(q, 0);
        api.eventNames = List.of("order.created", "page.viewed", "cart.order_started", "orders");
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();
        assertThat(model.suggestions("ORDER", 10)).containsExactly("order.created", "orders", "cart.order_started");
        assertThat(model.suggestions("order", 1)).containsExactly("order.created");
        assertThat(model.suggestions(" ", 10)).isEmpty();
    }

    @Test
    void definitionChangesTheServerDoesNotOfferAreDisabledWithTheirSentence() {
        api.capabilities = new com.headlessanalytics.console.api.Capabilities(java.util.Set.of());
        api.metrics = q -> answer(q, 0);
        api.definitions.put("orders", new Metrics.Definition("orders", "order.created", "count", null, null, 1L));
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();
        model.selectedDefinitionProperty().set(model.definitions().get(0));

        assertThat(model.definitions()).extracting(MetricsViewModel.DefinitionRow::name).containsExactly("orders");
        assertThat(model.newDefinitionCommand().isExecutable()).isFalse();
        assertThat(model.editDefinitionCommand().isExecutable()).isFalse();
        assertThat(model.deleteDefinitionCommand().isExecutable()).isFalse();
        assertThat(model.definitionChanges().unavailableProperty().get()).isEqualTo(
                com.headlessanalytics.console.api.Capabilities.Feature.METRIC_DEFINITION_CHANGES.unavailable());
        assertThat(model.editDefinition(model.definitions().get(0))).as("no form opens").isNull();
        assertThat(model.query().errorProperty().get()).isEmpty();
    }

    @Test
    void definitionChangesAreEnabledWhereTheServerOffersThem() {
        api.metrics = q -> answer(q, 0);
        MetricsViewModel model = model(TestTasks.direct());
        model.activate();

        assertThat(model.newDefinitionCommand().isExecutable()).isTrue();
        assertThat(model.definitionChanges().unavailableProperty().get()).isEmpty();
    }
}
