package com.headlessanalytics.console.ui.settings;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings › Operator: the operator's name (the principal {@code operator:<name>} an embedded
 * workspace records as proposer and approver) and the approval amount above which approving asks
 * for the amount typed. Save changes the profile, which re-binds the embedded port. Connected to a
 * remote API the principal is that API key's id; the port says which ({@code identity()}).
 */
public final class OperatorViewModel {
    private final OperatorProfile profile;
    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty threshold = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper thresholdError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actingAs = new ReadOnlyStringWrapper("");
    private final Command saveCommand;
    private final Command resetCommand;

    public OperatorViewModel(OperatorProfile profile, Supplier<HeadlessApi> api, TaskRunner tasks,
                             DialogService dialogs) {
        this.profile = profile;
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        name.addListener((obs, old, now) -> nameError.set(OperatorProfile.nameProblem(strip(now))));
        threshold.addListener((obs, old, now) -> thresholdError.set(OperatorProfile.thresholdProblem(now)));
        var changed = Bindings.createBooleanBinding(() -> !strip(name.get()).equals(profile.name())
                || !sameAmount(OperatorProfile.parseThreshold(threshold.get()), profile.threshold()),
                name, threshold, profile.nameProperty(), profile.thresholdProperty());
        saveCommand = new Command(this::save, changed.and(nameError.isEmpty()).and(thresholdError.isEmpty()));
        resetCommand = new Command(this::reset, changed);
        reset();
    }

    /** Shows the saved profile and reads who the open workspace records the operator as. */
    public void activate() {
        reset();
        readIdentity();
    }

    private void reset() {
        name.set(profile.name());
        threshold.set(profile.threshold().toPlainString());
    }

    private void save() {
        String before = profile.principal();
        profile.change(strip(name.get()), OperatorProfile.parseThreshold(threshold.get()));
        reset();
        dialogs.notify(before.equals(profile.principal()) ? "Approval threshold set to "
                + Formats.money(profile.threshold()) : "You now act as " + profile.principal());
        readIdentity();
    }

    private void readIdentity() {
        actingAs.set("Reading who this workspace records you as…");
        String principal = profile.principal();
        tasks.submit("Reading who you act as", p -> api.get().identity().principal(), as -> actingAs.set(
                as.equals(principal) ? "This workspace records you as " + as + ": the proposer of what you propose"
                        + " and the approver of what you approve."
                        : "Connected to a remote API: you act as " + as + ", the id of its API key. The name above"
                        + " applies when the console opens an embedded workspace."),
                failure -> actingAs.set("Who you act as could not be read: " + ErrorText.describe(failure)));
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty thresholdProperty() {
        return threshold;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty thresholdErrorProperty() {
        return thresholdError.getReadOnlyProperty();
    }

    /** Who the open workspace records the operator as, in a sentence. */
    public ReadOnlyStringProperty actingAsProperty() {
        return actingAs.getReadOnlyProperty();
    }

    /** The principal the name gives: "operator:ana". */
    public ReadOnlyStringProperty principalProperty() {
        return profile.principalProperty();
    }

    /** Save: when something changed and both fields are valid. */
    public Command saveCommand() {
        return saveCommand;
    }

    /** Undo the edits: back to the saved profile. */
    public Command resetCommand() {
        return resetCommand;
    }
}
