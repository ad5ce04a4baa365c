package com.headlessanalytics.console.ui.events;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.domain.TrustTier;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Send test event" form: builds one envelope from the fields, checks it with the same
 * {@link EventValidator} the API uses as the user types (each problem shown under the field it
 * names), and ingests it through the task runner. Text fields are stripped; a blank one is left out
 * of the envelope. The envelope carries no id and no timestamp: the API assigns both.
 */
public final class TestEventViewModel {
    public static final String DEFAULT_EVENT = "test.event_sent";
    public static final String DEFAULT_PROPERTIES = "{\"source\": \"console test\"}";

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Runnable onSent;

    private final StringProperty eventName = new SimpleStringProperty(DEFAULT_EVENT);
    private final StringProperty actorId = new SimpleStringProperty("");
    private final StringProperty traceId = new SimpleStringProperty("");
    private final ObjectProperty<TrustTier> trustTier = new SimpleObjectProperty<>();
    private final StringProperty business = new SimpleStringProperty("");
    private final StringProperty propertiesJson = new SimpleStringProperty(DEFAULT_PROPERTIES);

    private final ReadOnlyStringWrapper eventError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actorError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper traceError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tierError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper businessError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper propertiesError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sendError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sent = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper();

    private final Command send = new Command(this::send, canSend);

    private Map<String, Object> envelope;

    /** @param onSent runs on the FX thread after the event is stored */
    public TestEventViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Runnable onSent) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.onSent = onSent;
        canSend.bind(valid.and(sending.not()).and(sent.not()));
        for (Observable input : List.of(eventName, actorId, traceId, trustTier, business, propertiesJson)) {
            input.addListener(o -> {
                sendError.set("");
                validate();
            });
        }
        validate();
    }

    /** Ingests the envelope; on success the form is done, on failure the API's answer is shown here. */
    public void send() {
        if (!canSend.get()) {
            return;
        }
        Map<String, Object> event = envelope;
        sending.set(true);
        sendError.set("");
        tasks.submit("Sending a test event", p -> api.get().ingest(List.of(event)), result -> {
            sending.set(false);
            dialogs.notify("Sent test event " + result.ids().get(0));
            onSent.run();
            sent.set(true);
        }, failure -> {
            sending.set(false);
            sendError.set(ErrorText.describe(failure));
        });
    }

    private void validate() {
        for (ReadOnlyStringWrapper e : List.of(eventError, actorError, traceError, tierError, businessError,
                propertiesError, formError)) {
            e.set("");
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        put(raw, "event", eventName.get());
        put(raw, "actor", actorId.get());
        put(raw, "traceId", traceId.get());
        put(raw, "businessId", business.get());
        if (trustTier.get() != null) {
            raw.put("trustTier", trustTier.get().name());
        }
        boolean jsonOk = true;
        String json = propertiesJson.get();
        if (json != null && !json.isBlank()) {
            try {
                raw.put("properties", ApiJson.read(json));
            } catch (IllegalArgumentException e) {
                propertiesError.set("Not valid JSON: " + e.getMessage());
                jsonOk = false;
            }
        }
        List<FieldError> errors = problems(raw);
        for (FieldError error : errors) {
            String field = error.field() == null ? "" : error.field().split("[.\\[]", 2)[0];
            ReadOnlyStringWrapper target = switch (field) {
                case "event" -> eventError;
                case "actor" -> actorError;
                case "traceId" -> traceError;
                case "trustTier" -> tierError;
                case "businessId" -> businessError;
                case "properties" -> propertiesError;
                default -> formError;
            };
            String text = error.field() == null ? capitalize(error.message())
                    : (error.field().equals(field) ? label(field) : error.field()) + " " + error.message();
            target.set(target.get().isEmpty() ? text : target.get() + "\n" + text);
        }
        boolean ok = jsonOk && errors.isEmpty();
        envelope = ok ? raw : null;
        valid.set(ok);
    }

    private static List<FieldError> problems(Map<String, Object> raw) {
        long now = System.currentTimeMillis();
        EventValidator.Outcome outcome = EventValidator.validate(null, raw, 0, now, "default", Ids.newId("evt", now));
        if (!outcome.valid()) {
            return outcome.errors();
        }
        try {
            FieldError size = EventValidator.sizeError(null, ApiJson.size(outcome.event()));
            return size == null ? List.of() : List.of(size);
        } catch (UncheckedIOException e) {
            return List.of(new FieldError(null, null, "invalid_value", e.getCause().getMessage()));
        }
    }

    private static String label(String field) {
        return switch (field) {
            case "event" -> "The event name";
            case "actor" -> "The actor id";
            case "traceId" -> "The trace ID";
            case "trustTier" -> "The trust tier";
            case "businessId" -> "The business";
            case "properties" -> "Properties";
            default -> field;
        };
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void put(Map<String, Object> raw, String field, String value) {
        if (value != null && !value.isBlank()) {
            raw.put(field, value.strip());
        }
    }

    /** The trust tiers to choose from, "none" (null) first. */
    public List<TrustTier> tiers() {
        List<TrustTier> tiers = new ArrayList<>();
        tiers.add(null);
        tiers.addAll(List.of(TrustTier.values()));
        return tiers;
    }

    /** A tier with its meaning; "None" for no tier. */
    public String tierLabel(TrustTier tier) {
        return tier == null ? "None" : tier.name() + " · " + tier.meaning();
    }

    /** Sends the event; only while the form is valid and nothing is being sent. */
    public Command sendCommand() {
        return send;
    }

    public StringProperty eventNameProperty() {
        return eventName;
    }

    public StringProperty actorIdProperty() {
        return actorId;
    }

    public StringProperty traceIdProperty() {
        return traceId;
    }

    public ObjectProperty<TrustTier> trustTierProperty() {
        return trustTier;
    }

    public StringProperty businessProperty() {
        return business;
    }

    public StringProperty propertiesJsonProperty() {
        return propertiesJson;
    }

    public ReadOnlyStringProperty eventErrorProperty() {
        return eventError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actorErrorProperty() {
        return actorError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty traceErrorProperty() {
        return traceError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trustTierErrorProperty() {
        return tierError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty businessErrorProperty() {
        return businessError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty propertiesErrorProperty() {
        return propertiesError.getReadOnlyProperty();
    }

    /** Problems of the envelope as a whole, such as its size. */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    /** The API's answer when sending failed: its message and each detail. */
    public ReadOnlyStringProperty sendErrorProperty() {
        return sendError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    /** True once the event is stored: the form can close. */
    public ReadOnlyBooleanProperty sentProperty() {
        return sent.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }
}
