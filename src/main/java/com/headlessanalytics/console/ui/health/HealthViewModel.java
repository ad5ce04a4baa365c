package com.headlessanalytics.console.ui.health;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Runtime health: the checks of GET /api/health, refreshed every few seconds while shown. */
public final class HealthViewModel implements Activatable {
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One check as shown: its state decides the icon and colour; {@code todo} says what to do. */
    public record Row(String name, String state, boolean required, String message, String todo) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final Clock clock;
    private final ZoneId zone;
    private final ObservableList<Row> checks = FXCollections.observableArrayList();
    private final ObservableList<String> settings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Checking…");
    private final ReadOnlyStringWrapper overall = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper checkedAt = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper();
    private TaskRunner.Handle timer;

    public HealthViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, Clock clock, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void activate() {
        refresh();
        timer = scheduler.every(REFRESH, this::refresh);
    }

    @Override
    public void deactivate() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    public void refresh() {
        if (refreshing.get()) {
            return;
        }
        refreshing.set(true);
        tasks.submit("Checking runtime health", p -> api.get().health(), this::show, failure -> {
            refreshing.set(false);
            overall.set(RuntimeHealth.FAIL);
            summary.set("Health could not be read");
            error.set(ErrorText.describe(failure));
        });
    }

    private void show(RuntimeHealth health) {
        refreshing.set(false);
        error.set("");
        checks.setAll(health.checks().stream().map(c -> new Row(label(c.name()), c.status(), c.required(),
                sentence(c.message()), c.remedy() == null ? "" : c.remedy())).toList());
        settings.setAll(health.settings().stream().map(s -> s.name() + (s.present() ? " — set" : " — not set")
                + (s.required() ? " (required)" : "") + ": " + s.purpose()).toList());
        long failing = health.checks().stream().filter(c -> RuntimeHealth.FAIL.equals(c.status())).count();
        long warning = health.checks().stream().filter(c -> RuntimeHealth.WARN.equals(c.status())).count();
        overall.set(health.status());
        summary.set(failing > 0 ? failing + " check" + (failing == 1 ? "" : "s") + " failing — not ready"
                : warning > 0 ? "Ready, with " + warning + " warning" + (warning == 1 ? "" : "s")
                : "All " + health.checks().size() + " checks pass — ready");
        checkedAt.set("Checked at " + TIME.format(Instant.ofEpochMilli(clock.millis()).atZone(zone)));
    }

    /** "usage_metering" reads as "Usage metering"; "api_keys" as "API keys". */
    static String label(String name) {
        String words = sentence(name.replace('_', ' '));
        return words.replace("Api ", "API ").replace("Http ", "HTTP ");
    }

    static String sentence(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public ObservableList<Row> checks() {
        return checks;
    }

    public ObservableList<String> settings() {
        return settings;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty overallProperty() {
        return overall.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkedAtProperty() {
        return checkedAt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }
}
