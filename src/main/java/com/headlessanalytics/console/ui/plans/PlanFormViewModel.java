package com.headlessanalytics.console.ui.plans;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.PlanValidator;
import com.headlessanalytics.console.domain.plan.PropertySpec;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FormSave;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The tracking plan form: id (new plans only), name, mode, naming rule (checked as it is typed, and
 * against the planned event names), whether unplanned events are allowed, and the planned events as
 * rows of text: the name, the required properties ({@code sku, qty}) and the property types with
 * allowed values ({@code sku: string; currency: string = EUR | USD; qty: integer}). The API's field
 * errors show at their fields.
 */
public final class PlanFormViewModel {
    /** One planned event as typed. */
    public record EventLine(String name, String required, String properties) {
    }

    /** The columns of an {@link EventLine}. */
    public enum Column { NAME, REQUIRED, PROPERTIES }

    private final Supplier<HeadlessApi> api;
    private final Consumer<TrackingPlan> saved;
    private final FormSave save;
    private final boolean isNew;
    private final StringProperty id = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<PlanMode> mode = new SimpleObjectProperty<>(PlanMode.WARN);
    private final StringProperty namingRule = new SimpleStringProperty("");
    private final BooleanProperty allowUnplanned = new SimpleBooleanProperty(true);
    private final ObservableList<EventLine> events = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper idError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ruleError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ruleCheck = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventsError = new ReadOnlyStringWrapper("");

    /**
     * @param plan the plan to edit, or null for a new one
     * @param saved runs on the FX thread with the stored plan
     */
    public PlanFormViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, TrackingPlan plan,
                             Consumer<TrackingPlan> saved) {
        this.api = api;
        this.saved = saved;
        this.save = new FormSave(tasks);
        this.isNew = plan == null;
        if (plan != null) {
            id.set(plan.id());
            name.set(plan.name() == null ? "" : plan.name());
            mode.set(plan.mode());
            namingRule.set(plan.namingRule() == null ? "" : plan.namingRule());
            allowUnplanned.set(!Boolean.FALSE.equals(plan.allowUnplanned()));
            for (EventSpec e : plan.events() == null ? List.<EventSpec>of() : plan.events()) {
                events.add(line(e));
            }
        }
        save.watch(this::validate, id, name, mode, namingRule, allowUnplanned, events);
        validate();
    }

    static EventLine line(EventSpec e) {
        return new EventLine(e.name(), e.required() == null ? "" : String.join(", ", e.required()),
                propertiesText(e.properties()));
    }

    /** {@code sku: string; currency: string = EUR | USD}: the text a properties cell shows. */
    static String propertiesText(Map<String, PropertySpec> properties) {
        if (properties == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        properties.forEach((n, p) -> {
            StringBuilder b = new StringBuilder(n);
            if (p != null && p.type() != null) {
                b.append(": ").append(p.type());
            }
            if (p != null && p.allowed() != null && !p.allowed().isEmpty()) {
                b.append(" = ");
                for (int i = 0; i < p.allowed().size(); i++) {
                    b.append(i == 0 ? "" : " | ").append(p.allowed().get(i));
                }
            }
            parts.add(b.toString());
        });
        return String.join("; ", parts);
    }

    /** Adds an empty planned event at the end. */
    public void addEvent() {
        events.add(new EventLine("", "", ""));
    }

    public void removeEvent(int index) {
        if (index >= 0 && index < events.size()) {
            events.remove(index);
        }
    }

    /** A cell of the events table as edited. */
    public void edit(int index, Column column, String text) {
        if (index < 0 || index >= events.size()) {
            return;
        }
        EventLine e = events.get(index);
        String t = text == null ? "" : text.strip();
        events.set(index, switch (column) {
            case NAME -> new EventLine(t, e.required(), e.properties());
            case REQUIRED -> new EventLine(e.name(), t, e.properties());
            case PROPERTIES -> new EventLine(e.name(), e.required(), t);
        });
    }

    private void validate() {
        String idProblem = PlanValidator.idProblem(id.get() == null ? "" : id.get().strip());
        idError.set(idProblem == null ? "" : "Id " + idProblem);
        String n = name.get() == null ? "" : name.get().strip();
        nameError.set(n.length() > PlanValidator.MAX_NAME_LENGTH ? "At most " + PlanValidator.MAX_NAME_LENGTH
                + " characters" : "");
        modeError.set(mode.get() == null ? "Choose off, warn or block" : "");
        checkRule();
        List<String> problems = new ArrayList<>();
        TrackingPlan plan = plan(problems);
        if (problems.isEmpty()) {
            for (FieldError e : PlanValidator.problems(plan)) {
                if (e.field() != null && e.field().startsWith("events")) {
                    problems.add(eventsText(e));
                }
            }
        }
        eventsError.set(String.join("\n", problems));
        save.valid(idError.get().isEmpty() && nameError.get().isEmpty() && modeError.get().isEmpty()
                && ruleError.get().isEmpty() && eventsError.get().isEmpty());
    }

    /** The live check of the naming rule: whether it compiles, and which planned names it refuses. */
    private void checkRule() {
        String rule = namingRule.get() == null ? "" : namingRule.get().strip();
        String problem = PlanValidator.namingRuleProblem(rule);
        ruleError.set(problem == null ? "" : "The rule " + problem);
        if (problem != null || rule.isEmpty()) {
            ruleCheck.set(rule.isEmpty() ? "No rule: any event name passes." : "");
            return;
        }
        Pattern p = Pattern.compile(rule);
        List<String> refused = events.stream().map(EventLine::name).filter(s -> !s.isBlank())
                .filter(s -> !p.matcher(s).matches()).toList();
        long named = events.stream().filter(e -> !e.name().isBlank()).count();
        ruleCheck.set(!refused.isEmpty() ? "Valid rule, but it refuses planned " + (refused.size() == 1 ? "event "
                : "events ") + String.join(", ", refused.stream().map(s -> "'" + s + "'").toList())
                : named == 0 ? "Valid rule." : "Valid rule: every planned event name matches it.");
    }

    private String eventsText(FieldError e) {
        String field = e.field();
        java.util.regex.Matcher m = Pattern.compile("events\\[(\\d+)](?:\\.(.*))?").matcher(field);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            String eventName = i < events.size() ? events.get(i).name() : "";
            return "Event " + (i + 1) + (eventName.isBlank() ? "" : " (" + eventName + ")") + ": "
                    + (m.group(2) == null ? "" : m.group(2) + " ") + e.message();
        }
        return "Events: " + e.message();
    }

    /** The plan the fields describe; problems of the typed text go to {@code problems}. */
    TrackingPlan plan(List<String> problems) {
        List<EventSpec> specs = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventLine e = events.get(i);
            List<String> required = e.required().isBlank() ? List.of()
                    : List.of(e.required().split("\\s*,\\s*")).stream().map(String::strip).toList();
            Map<String, PropertySpec> props = new LinkedHashMap<>();
            for (String part : e.properties().split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] nameAndRest = part.split(":", 2);
                String prop = nameAndRest[0].strip();
                String rest = nameAndRest.length > 1 ? nameAndRest[1] : "";
                String[] typeAndAllowed = rest.split("=", 2);
                String type = typeAndAllowed[0].strip();
                if (nameAndRest.length == 1 && prop.contains("=")) {
                    String[] bare = prop.split("=", 2);
                    prop = bare[0].strip();
                    type = "";
                    typeAndAllowed = new String[] {"", bare[1]};
                }
                List<Object> allowed = typeAndAllowed.length > 1 ? values(typeAndAllowed[1]) : null;
                if (props.put(prop, new PropertySpec(type.isEmpty() ? null : type, allowed)) != null) {
                    problems.add("Event " + (i + 1) + ": property '" + prop + "' is described twice");
                }
            }
            specs.add(new EventSpec(e.name(), null, required, props.isEmpty() ? null : props));
        }
        String rule = namingRule.get() == null ? "" : namingRule.get().strip();
        String n = name.get() == null ? "" : name.get().strip();
        return new TrackingPlan(id.get() == null ? null : id.get().strip(), n.isEmpty() ? null : n, mode.get(),
                rule.isEmpty() ? null : rule, allowUnplanned.get(), specs, null);
    }

    /** {@code EUR | USD | 5 | true}: strings, numbers and booleans. */
    static List<Object> values(String text) {
        List<Object> out = new ArrayList<>();
        for (String raw : text.split("\\|")) {
            String v = raw.strip();
            if (v.isEmpty()) {
                continue;
            }
            if (v.equals("true") || v.equals("false")) {
                out.add(Boolean.valueOf(v));
            } else if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                out.add(v.substring(1, v.length() - 1));
            } else {
                try {
                    BigDecimal d = new BigDecimal(v);
                    out.add(d.scale() <= 0 ? (Object) d.toBigIntegerExact().longValueExact() : d);
                } catch (NumberFormatException | ArithmeticException e) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Saves the plan; the API's field errors show at their fields, anything else under the form. */
    public void save() {
        List<String> problems = new ArrayList<>();
        TrackingPlan plan = save.canSaveProperty().get() ? plan(problems) : null;
        save.save("Saving a tracking plan", p -> api.get().saveTrackingPlan(plan), saved, this::describe);
    }

    private String describe(Throwable failure) {
        if (!(failure instanceof ApiException.Client client) || client.status() != 400 || client.details().isEmpty()) {
            return ErrorText.describe(failure);
        }
        List<String> rest = new ArrayList<>();
        List<String> eventProblems = new ArrayList<>();
        for (FieldError e : client.details()) {
            String field = e.field() == null ? "" : e.field();
            ReadOnlyStringWrapper at = switch (field) {
                case "id" -> idError;
                case "name" -> nameError;
                case "mode" -> modeError;
                case "namingRule" -> ruleError;
                default -> null;
            };
            if (at != null) {
                at.set(capitalized(e.message()));
            } else if (field.startsWith("events")) {
                eventProblems.add(eventsText(e));
            } else {
                rest.add((field.isEmpty() ? "" : field + ": ") + e.message());
            }
        }
        eventsError.set(String.join("\n", eventProblems));
        return rest.isEmpty() ? "" : client.getMessage() + "\n" + String.join("\n", rest);
    }

    private static String capitalized(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public String title() {
        return isNew ? "New tracking plan" : "Edit tracking plan " + id.get();
    }

    public String headerText() {
        return "The events you expect and what they carry. Warn stores breaking events with warnings; block"
                + " refuses them at ingest (the sender gets a 400 naming each problem).";
    }

    public boolean isNew() {
        return isNew;
    }

    public List<PlanMode> modes() {
        return List.of(PlanMode.values());
    }

    /** "off", "warn", "block" with what each does. */
    public static String modeLabel(PlanMode m) {
        return m == null ? "" : switch (m) {
            case OFF -> "Off: not checked at ingest";
            case WARN -> "Warn: store, with warnings";
            case BLOCK -> "Block: refuse at ingest";
        };
    }

    public StringProperty idProperty() {
        return id;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<PlanMode> modeProperty() {
        return mode;
    }

    public StringProperty namingRuleProperty() {
        return namingRule;
    }

    public BooleanProperty allowUnplannedProperty() {
        return allowUnplanned;
    }

    public ObservableList<EventLine> events() {
        return events;
    }

    public ReadOnlyStringProperty idErrorProperty() {
        return idError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modeErrorProperty() {
        return modeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty namingRuleErrorProperty() {
        return ruleError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty namingRuleCheckProperty() {
        return ruleCheck.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsErrorProperty() {
        return eventsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveErrorProperty() {
        return save.errorProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return save.canSaveProperty();
    }

    public ReadOnlyBooleanProperty savedProperty() {
        return save.savedProperty();
    }
}
