package com.headlessanalytics.console.ui.trackables;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FormSave;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "New trackable" form, the reference's fields: kind, name, target URL (optional; without it
 * the symbol carries serve mode's {@code /t/CODE} link) and event name (optional; scans record
 * {@value Trackables#DEFAULT_EVENT}). Each problem shows under its field as the user types; the
 * API checks again and its answer shows under the form.
 */
public final class TrackableFormViewModel {
    private final Supplier<HeadlessApi> api;
    private final Consumer<Trackables.Trackable> created;
    private final FormSave save;
    private final ObjectProperty<TrackableKind> kind = new SimpleObjectProperty<>(TrackableKind.QR_CODE);
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty targetUrl = new SimpleStringProperty("");
    private final StringProperty eventName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper kindError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper urlError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventError = new ReadOnlyStringWrapper("");

    /** @param created runs on the FX thread with the stored trackable */
    public TrackableFormViewModel(Supplier<HeadlessApi> api, TaskRunner tasks,
                                  Consumer<Trackables.Trackable> created) {
        this.api = api;
        this.created = created;
        this.save = new FormSave(tasks);
        save.watch(this::validate, kind, name, targetUrl, eventName);
        validate();
    }

    public List<TrackableKind> kinds() {
        return List.of(TrackableKind.values());
    }

    /** "QR code", "AI agent", "MCP server"… */
    public static String kindLabel(TrackableKind k) {
        return switch (k) {
            case QR_CODE -> "QR code";
            case RFID -> "RFID tag";
            case AI_AGENT -> "AI agent";
            case MCP_SERVER -> "MCP server";
            case CLI_WORKFLOW -> "CLI workflow";
            default -> {
                String s = k.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                yield Character.toUpperCase(s.charAt(0)) + s.substring(1);
            }
        };
    }

    private void validate() {
        kindError.set(kind.get() == null ? "Choose a kind" : "");
        String n = name.get() == null ? "" : name.get().strip();
        nameError.set(n.isEmpty() ? "Name the trackable (e.g. \"Bottle 0.75 l, batch 12\")"
                : n.length() > Trackables.MAX_NAME ? "At most " + Trackables.MAX_NAME + " characters" : "");
        urlError.set(urlProblem(targetUrl.get()));
        String e = eventName.get() == null ? "" : eventName.get().strip();
        String eventProblem = e.isEmpty() ? null : EventValidator.eventNameProblem(e);
        eventError.set(eventProblem == null ? "" : "Event name " + eventProblem);
        save.valid(kindError.get().isEmpty() && nameError.get().isEmpty() && urlError.get().isEmpty()
                && eventError.get().isEmpty());
    }

    /** Empty when the URL is blank or an absolute http(s) URL of at most {@value Trackables#MAX_URL} characters. */
    static String urlProblem(String raw) {
        String url = raw == null ? "" : raw.strip();
        if (url.isEmpty()) {
            return "";
        }
        if (url.length() > Trackables.MAX_URL) {
            return "At most " + Trackables.MAX_URL + " characters";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "An http:// or https:// address, e.g. https://shop.example.com/bottle";
            }
            return "";
        } catch (Exception e) {
            return "Not a valid address: " + e.getMessage();
        }
    }

    /** The body sent: blank optional fields left out. */
    public Trackables.NewTrackable body() {
        String url = targetUrl.get() == null ? "" : targetUrl.get().strip();
        String event = eventName.get() == null ? "" : eventName.get().strip();
        return new Trackables.NewTrackable(kind.get().name().toLowerCase(Locale.ROOT), name.get().strip(),
                url.isEmpty() ? null : url, event.isEmpty() ? null : event, false);
    }

    /** Creates the trackable; on failure the API's answer shows under the form and nothing typed is lost. */
    public void save() {
        Trackables.NewTrackable body = save.canSaveProperty().get() ? body() : null;
        save.save("Creating a trackable", p -> api.get().createTrackable(body), created, ErrorText::describe);
    }

    public String title() {
        return "New trackable";
    }

    public String headerText() {
        return "A QR code, barcode, tag, device or agent to count scans of. Its label's symbol carries the"
                + " target URL with the code added, or serve mode's /t/ link when there is no target.";
    }

    public ObjectProperty<TrackableKind> kindProperty() {
        return kind;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty targetUrlProperty() {
        return targetUrl;
    }

    public StringProperty eventNameProperty() {
        return eventName;
    }

    public ReadOnlyStringProperty kindErrorProperty() {
        return kindError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty targetUrlErrorProperty() {
        return urlError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventNameErrorProperty() {
        return eventError.getReadOnlyProperty();
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
