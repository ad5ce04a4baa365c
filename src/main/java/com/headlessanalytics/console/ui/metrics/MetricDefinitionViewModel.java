package com.headlessanalytics.console.ui.metrics;

import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.EventNameSuggestions;
import com.headlessanalytics.console.ui.common.FormSave;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The form that creates or edits a metric definition: each field is checked as it is typed with
 * {@link Metrics.Definition#checks()}, the API's own rules, and the problem is shown under the
 * field. Editing keeps the name (saving under another name would create a second definition).
 */
public final class MetricDefinitionViewModel {
    private final Supplier<HeadlessApi> api;
    private final DialogService dialogs;
    private final Consumer<Metrics.Definition> onSaved;
    private final boolean editing;
    private final EventNameSuggestions names;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty event = new SimpleStringProperty("");
    private final ObjectProperty<Metrics.Aggregation> aggregation =
            new SimpleObjectProperty<>(Metrics.Aggregation.COUNT);
    private final StringProperty property = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper aggregationError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper propertyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper descriptionError = new ReadOnlyStringWrapper("");
    private final FormSave form;
    private final ReadOnlyBooleanWrapper propertyEditable = new ReadOnlyBooleanWrapper();

    /**
     * @param existing the definition to edit, or null for a new one
     * @param onSaved  runs on the FX thread with the stored definition
     */
    public MetricDefinitionViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs,
                                     EventNameSuggestions names, Metrics.Definition existing,
                                     Consumer<Metrics.Definition> onSaved) {
        this.api = api;
        this.form = new FormSave(tasks);
        this.dialogs = dialogs;
        this.names = names;
        this.onSaved = onSaved;
        this.editing = existing != null;
        if (existing != null) {
            name.set(existing.name());
            event.set(nullToEmpty(existing.event()));
            aggregation.set(existing.effectiveAggregation());
            property.set(nullToEmpty(existing.property()));
            description.set(nullToEmpty(existing.description()));
        }
        propertyEditable.bind(aggregation.isEqualTo(Metrics.Aggregation.SUM).or(property.isNotEmpty()));
        form.watch(this::validate, name, event, aggregation, property, description);
        validate();
    }

    /** The definition the fields describe; blank optional fields are left out. */
    public Metrics.Definition definition() {
        Metrics.Aggregation a = aggregation.get();
        return new Metrics.Definition(name.get() == null ? null : name.get().strip(), blankToNull(event.get()),
                a == null ? null : Checks.Wire.name(a), blankToNull(property.get()), blankToNull(description.get()),
                null);
    }

    private void validate() {
        for (ReadOnlyStringWrapper e : List.of(nameError, eventError, aggregationError, propertyError,
                descriptionError)) {
            e.set("");
        }
        List<FieldError> errors = definition().checks().errors();
        for (FieldError error : errors) {
            ReadOnlyStringWrapper target = switch (error.field()) {
                case "name" -> nameError;
                case "event" -> eventError;
                case "aggregation" -> aggregationError;
                case "property" -> propertyError;
                default -> descriptionError;
            };
            String text = capitalize(error.message());
            target.set(target.get().isEmpty() ? text : target.get() + "\n" + text);
        }
        form.valid(errors.isEmpty());
    }

    /** Stores the definition; the form is done on success and shows the API's answer on failure. */
    public void save() {
        Metrics.Definition d = definition();
        form.save("Saving metric " + d.name(), p -> api.get().saveMetricDefinition(d), stored -> {
            dialogs.notify("Saved metric " + stored.name());
            onSaved.accept(stored);
        }, ErrorText::describe);
    }

    public List<String> suggestions(String text, int max) {
        return names.suggest(text, max);
    }

    /** True when an existing definition is edited: its name is fixed. */
    public boolean editing() {
        return editing;
    }

    /** The form's window title. */
    public String title() {
        return editing ? "Edit metric" : "New metric";
    }

    /** The line above the form: the metric edited, or what a new one is. */
    public String headerText() {
        return editing ? "Edit the metric " + name.get() : "Define a metric computed over one event";
    }

    /** The name can be typed only for a new metric (a stored one keeps its name). */
    public boolean nameEditable() {
        return !editing;
    }

    /**
     * The property field can be typed for a sum, or while it holds text (so a property left over from
     * a sum can still be cleared after switching to another aggregation).
     */
    public ReadOnlyBooleanProperty propertyEditableProperty() {
        return propertyEditable.getReadOnlyProperty();
    }

    /** The aggregations to choose from, in order. */
    public List<Metrics.Aggregation> aggregations() {
        return List.of(Metrics.Aggregation.values());
    }

    /** How an aggregation reads in the picker. */
    public static String aggregationLabel(Metrics.Aggregation a) {
        return switch (a) {
            case COUNT -> "Count of events";
            case SUM -> "Sum of a property";
            case UNIQUE_ACTORS -> "Unique actors";
        };
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty eventProperty() {
        return event;
    }

    public ObjectProperty<Metrics.Aggregation> aggregationProperty() {
        return aggregation;
    }

    public StringProperty propertyProperty() {
        return property;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventErrorProperty() {
        return eventError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty aggregationErrorProperty() {
        return aggregationError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty propertyErrorProperty() {
        return propertyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionErrorProperty() {
        return descriptionError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveErrorProperty() {
        return form.errorProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return form.validProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return form.savingProperty();
    }

    public ReadOnlyBooleanProperty savedProperty() {
        return form.savedProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return form.canSaveProperty();
    }
}
