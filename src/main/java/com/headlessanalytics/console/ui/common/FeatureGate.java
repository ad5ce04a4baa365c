package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.HeadlessApi;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Whether the server behind the port offers one feature ({@link Capabilities}): offered until
 * known otherwise, and when it is not, the feature's plain sentence. A ViewModel makes its commands
 * depend on {@link #offeredProperty()}; its View shows {@link #unavailableProperty()}.
 */
public final class FeatureGate {
    private final Capabilities.Feature feature;
    private final ReadOnlyBooleanWrapper offered = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper("");

    public FeatureGate(Capabilities.Feature feature) {
        this.feature = Objects.requireNonNull(feature, "feature");
    }

    /**
     * Reads what the server offers off the FX thread and applies it to {@code gates}. A failure
     * leaves them as they are: the screen's own reads show why the server did not answer.
     */
    public static void check(TaskRunner tasks, Supplier<HeadlessApi> api, FeatureGate... gates) {
        List<FeatureGate> all = List.of(gates);
        tasks.submit("Reading what the server offers", progress -> api.get().capabilities(),
                capabilities -> all.forEach(g -> g.apply(capabilities)), failure -> { });
    }

    public void apply(Capabilities capabilities) {
        boolean offers = capabilities.offers(feature);
        offered.set(offers);
        unavailable.set(offers ? "" : feature.unavailable());
    }

    public Capabilities.Feature feature() {
        return feature;
    }

    public boolean isOffered() {
        return offered.get();
    }

    public ReadOnlyBooleanProperty offeredProperty() {
        return offered.getReadOnlyProperty();
    }

    /** The feature's sentence while it is not offered, else empty. */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }
}
