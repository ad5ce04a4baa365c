package com.headlessanalytics.console.ui.health;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.Polling;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runtime health: the checks of GET /api/health, refreshed every few seconds while shown. The latest
 * read wins (Refresh replaces one still running); a timer tick while a read runs is skipped. The
 * status line says when the checks were read.
 */
public final class HealthViewModel implements Activatable {
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One check as shown: its state (ok, warn, fail) picks the icon and colour; {@code todo} says what to do. */
    public record Row(String name, String state, boolean required, String message, String todo) {
        /** The check's name, marked when it is optional. */
        public String title() {
            return name + (required ? "" : "  ·  optional");
        }
    }

    private final Supplier<HeadlessApi> api;
    private final Clock clock;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final Polling polling;
    private final Command refreshCommand = new Command(this::refresh);
    private final ObservableList<Row> checks = FXCollections.observableArrayList();
    private final ObservableList<String> settings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Checking…");
    private final ReadOnlyStringWrapper overall = new ReadOnlyStringWrapper("");

    public HealthViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, Clock clock, ZoneId zone) {
        this.api = api;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.polling = new Polling(scheduler, REFRESH, query, this::refresh);
    }

    @Override
    public void activate() {
        polling.start();
    }

    @Override
    public void deactivate() {
        polling.stop();
    }

    /** Reads the checks now, replacing a read still running. */
    public void refresh() {
        query.run("Checking runtime health", polling.status("Checking runtime health…"),
                p -> api.get().health(), this::show, failure -> {
                    overall.set(RuntimeHealth.FAIL);
                    summary.set("Health could not be read");
                });
    }

    private void show(RuntimeHealth health) {
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
        query.status("Checked at " + TIME.format(Instant.ofEpochMilli(clock.millis()).atZone(zone)));
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

    /** The runtime's status: ok, degraded or fail (also when health could not be read); empty before the first read. */
    public ReadOnlyStringProperty overallProperty() {
        return overall.getReadOnlyProperty();
    }

    /** The read: running, Cancel, the status line ("Checking runtime health…", "Checked at hh:mm:ss") and the error. */
    public QueryLifecycle query() {
        return query;
    }

    /** Refresh: reads the checks again now; always possible. */
    public Command refreshCommand() {
        return refreshCommand;
    }
}
