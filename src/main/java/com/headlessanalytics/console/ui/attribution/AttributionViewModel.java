package com.headlessanalytics.console.ui.attribution;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.EventNameSuggestions;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TableExport;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Attribution screen: {@code POST /api/attribution/query} for a date range: the touchpoint
 * counts per source, campaign, channel and medium, and with a conversion event the credit per value
 * of the chosen field under one of the five models, with the conversions and their revenue.
 */
public final class AttributionViewModel implements Activatable {
    /** The conversion event chosen when none is and the workspace has it: PRODUCT.md §4 counts orders by it. */
    static final String DEFAULT_CONVERSION = "order.created";
    static final long DAY_MS = 86_400_000L;
    /** The chart draws the largest values; the table lists them all. */
    static final int CHART_KEYS = 10;

    public enum Table { CREDIT, SOURCE, CAMPAIGN, CHANNEL, MEDIUM }

    /** A touchpoint value and how many events of the period carry it. */
    public record CountRow(String key, long count, double share) {
        public String countText() {
            return Formats.count(count);
        }

        public String shareText() {
            return Formats.percent(share);
        }
    }

    /** A value's credited conversions and revenue, and its share of all conversions. */
    public record CreditRow(String key, BigDecimal conversions, BigDecimal revenue, double share) {
        public String conversionsText() {
            return Formats.decimal(conversions);
        }

        public String revenueText() {
            return Formats.money(revenue);
        }

        public String shareText() {
            return Formats.percent(share);
        }
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final Navigator navigator;
    private final Clock clock;
    private final ZoneId zone;
    private final EventNameSuggestions names = new EventNameSuggestions();
    private final QueryLifecycle query;
    private final CsvExport csv;
    private final Command runCommand = new Command(this::run);
    private final Map<Table, Command> exportCommands = new EnumMap<>(Table.class);

    private final ObjectProperty<DateRange> range =
            new SimpleObjectProperty<>(DateRange.of(DateRange.Preset.LAST_30_DAYS));
    private final StringProperty conversionEvent = new SimpleStringProperty("");
    private final ObjectProperty<Attribution.Model> model = new SimpleObjectProperty<>(Attribution.Model.FIRST_TOUCH);
    private final ObjectProperty<Attribution.Field> groupBy = new SimpleObjectProperty<>(Attribution.Field.SOURCE);
    private final ObjectProperty<Integer> lookbackDays = new SimpleObjectProperty<>(30);

    private final ObservableList<CreditRow> credit = FXCollections.observableArrayList();
    private final ObservableList<CreditRow> chartCredit = FXCollections.observableArrayList();
    private final ObservableList<CountRow> bySource = FXCollections.observableArrayList();
    private final ObservableList<CountRow> byCampaign = FXCollections.observableArrayList();
    private final ObservableList<CountRow> byChannel = FXCollections.observableArrayList();
    private final ObservableList<CountRow> byMedium = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper conversions = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper revenue = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper touchpoints = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper creditTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canDrill = new ReadOnlyBooleanWrapper();

    private Attribution.Query shownQuery;
    private String shownBusiness;

    public AttributionViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs,
                                Navigator navigator, Clock clock, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.navigator = navigator;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.csv = new CsvExport(tasks, dialogs, clock, zone);
        for (Table t : Table.values()) {
            exportCommands.put(t, new Command(() -> csv.export("attribution-" + t.name().toLowerCase(Locale.ROOT),
                    table(t))));
        }
        credit.addListener((ListChangeListener<CreditRow>) c ->
                chartCredit.setAll(credit.subList(0, Math.min(CHART_KEYS, credit.size()))));
        range.addListener((obs, old, now) -> run());
        model.addListener((obs, old, now) -> run());
        groupBy.addListener((obs, old, now) -> run());
    }

    @Override
    public void activate() {
        tasks.submit("Reading event names", p -> api.get().eventNames(null), result -> {
            names.set(result);
            if (conversionEvent.get().isBlank() && result.names().stream()
                    .anyMatch(n -> DEFAULT_CONVERSION.equals(n.event()))) {
                conversionEvent.set(DEFAULT_CONVERSION);
            }
            run();
        }, failure -> {
            query.fail(failure);
            run();
        });
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /** Computes the attribution for the fields as they are; a newer run replaces an older one. */
    public void run() {
        DateRange r = range.get() == null ? DateRange.of(DateRange.Preset.LAST_30_DAYS) : range.get();
        Period period = r.resolve(clock, zone);
        Integer days = lookbackDays.get();
        Attribution.Query q = new Attribution.Query(period.from(), period.to(), null,
                blankToNull(conversionEvent.get()),
                Checks.Wire.name(model.get()), Checks.Wire.name(groupBy.get()), days == null ? null : days * DAY_MS);
        List<FieldError> problems = new ArrayList<>(q.checks().errors());
        if (days == null) {
            problems.add(new FieldError(null, "lookbackMs", "required", "enter the lookback in days"));
        }
        if (!problems.isEmpty()) {
            query.fail(ErrorText.describe(ApiException.invalid("The attribution cannot run:", problems.stream()
                    .map(p -> new FieldError(null, label(p.field()), p.code(), p.message())).toList())));
            return;
        }
        query.run("Computing attribution", "Computing…", p -> {
            p.update(-1, "Crediting conversions over " + r.label().toLowerCase(Locale.ROOT));
            return api.get().attribution(q);
        }, result -> show(q, r, result));
    }

    private static String label(String field) {
        return switch (field) {
            case "lookbackMs" -> "Lookback";
            case "conversionEvent" -> "Conversion event";
            case "from" -> "Date range";
            default -> field;
        };
    }

    private void show(Attribution.Query q, DateRange r, Attribution.Result result) {
        shownQuery = q;
        shownBusiness = result.proof() == null ? null : result.proof().businessId();
        bySource.setAll(counts(result.bySource()));
        byCampaign.setAll(counts(result.byCampaign()));
        byChannel.setAll(counts(result.byChannel()));
        byMedium.setAll(counts(result.byMedium()));
        long touched = result.bySource() == null ? 0
                : result.bySource().values().stream().mapToLong(Long::longValue).sum();
        touchpoints.set(Formats.count(touched));
        boolean credited = q.conversionEvent() != null;
        BigDecimal total = result.credit() == null ? BigDecimal.ZERO : result.credit().stream()
                .map(Attribution.Credit::conversions).reduce(BigDecimal.ZERO, BigDecimal::add);
        credit.setAll(result.credit() == null ? List.of() : result.credit().stream().map(c -> new CreditRow(c.key(),
                c.conversions(), c.revenue(), total.signum() == 0 ? 0 : c.conversions().doubleValue()
                / total.doubleValue())).toList());
        conversions.set(credited ? Formats.count(result.conversions() == null ? 0 : result.conversions()) : "—");
        revenue.set(credited ? Formats.money(result.revenue() == null ? BigDecimal.ZERO : result.revenue()) : "—");
        canDrill.set(credited);
        creditTitle.set(credited ? "Credit by " + Checks.Wire.name(q.effectiveGroupBy()) + " · "
                + modelName(q.effectiveModel()) + " · lookback " + Formats.duration(q.effectiveLookbackMs())
                : "Choose a conversion event to see which touchpoints get the credit.");
        query.status(r.label() + (credited ? " · conversions: " + q.conversionEvent() : ""));
    }

    public static String modelName(Attribution.Model m) {
        return switch (m) {
            case FIRST_TOUCH -> "First touch";
            case LAST_TOUCH -> "Last touch";
            case LINEAR -> "Linear";
            case POSITION_BASED -> "Position based (40/20/40)";
            case TIME_DECAY -> "Time decay (7-day half-life)";
        };
    }

    private static List<CountRow> counts(Map<String, Long> counts) {
        if (counts == null) {
            return List.of();
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return counts.entrySet().stream().map(e -> new CountRow(e.getKey(), e.getValue(),
                total == 0 ? 0 : (double) e.getValue() / total)).toList();
    }

    /** Opens the events of the period whose touchpoint field of this table has the value. */
    public void showTouchpoints(Table table, String value) {
        if (shownQuery == null || table == Table.CREDIT) {
            return;
        }
        navigator.showEvents(new EventQuery(shownBusiness, null, null, null, shownQuery.from(), shownQuery.to(), null,
                null, null).withTouch(table.name().toLowerCase(Locale.ROOT), value));
    }

    /**
     * Opens the conversions counted: the events named the conversion event in the period (credit is
     * split over touchpoints, so a credit row has no events of its own to open).
     */
    public void showConversions() {
        if (shownQuery == null || shownQuery.conversionEvent() == null) {
            return;
        }
        navigator.showEvents(new EventQuery(shownBusiness, shownQuery.conversionEvent(), null, null, shownQuery.from(),
                shownQuery.to(), null, null, null));
    }

    public List<String> suggestions(String text, int max) {
        return names.suggest(text, max);
    }

    public TableExport.Table table(Table table) {
        return switch (table) {
            case CREDIT -> new TableExport.Table("attribution credit", List.of(shownQuery == null ? "key"
                    : Checks.Wire.name(shownQuery.effectiveGroupBy()), "conversions", "revenue", "share"),
                    credit.stream().map(c -> List.of(c.key(), c.conversions().toPlainString(),
                            c.revenue() == null ? "" : c.revenue().toPlainString(), fraction(c.share()))).toList());
            case SOURCE -> countTable("source", bySource);
            case CAMPAIGN -> countTable("campaign", byCampaign);
            case CHANNEL -> countTable("channel", byChannel);
            case MEDIUM -> countTable("medium", byMedium);
        };
    }

    private static TableExport.Table countTable(String field, List<CountRow> rows) {
        return new TableExport.Table(field + " touchpoints", List.of(field, "events", "share"), rows.stream()
                .map(r -> List.of(r.key(), Long.toString(r.count()), fraction(r.share()))).toList());
    }

    private static String fraction(double f) {
        return String.format(Locale.ROOT, "%.6f", f);
    }

    /** Asks where to save {@code table} as CSV (suggesting "attribution-credit-….csv") and writes it. */
    public Command exportCommand(Table table) {
        return exportCommands.get(table);
    }

    /** Computes the attribution for the fields as they are (Apply). */
    public Command runCommand() {
        return runCommand;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    public StringProperty conversionEventProperty() {
        return conversionEvent;
    }

    public ObjectProperty<Attribution.Model> modelProperty() {
        return model;
    }

    public ObjectProperty<Attribution.Field> groupByProperty() {
        return groupBy;
    }

    public ObjectProperty<Integer> lookbackDaysProperty() {
        return lookbackDays;
    }

    public ObservableList<CreditRow> credit() {
        return credit;
    }

    public ObservableList<CountRow> bySource() {
        return bySource;
    }

    public ObservableList<CountRow> byCampaign() {
        return byCampaign;
    }

    public ObservableList<CountRow> byChannel() {
        return byChannel;
    }

    public ObservableList<CountRow> byMedium() {
        return byMedium;
    }

    public ReadOnlyStringProperty conversionsProperty() {
        return conversions.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty revenueProperty() {
        return revenue.getReadOnlyProperty();
    }

    /** Events of the period that carry a source. */
    public ReadOnlyStringProperty touchpointsProperty() {
        return touchpoints.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty creditTitleProperty() {
        return creditTitle.getReadOnlyProperty();
    }

    /** The credit rows the chart draws: the {@value #CHART_KEYS} largest. */
    public ObservableList<CreditRow> chartCredit() {
        return chartCredit;
    }

    /** The attribution query: running, status, error, cancel. */
    public QueryLifecycle query() {
        return query;
    }

    /** True when the shown figures have conversions to open. */
    public ReadOnlyBooleanProperty canDrillProperty() {
        return canDrill.getReadOnlyProperty();
    }
}
