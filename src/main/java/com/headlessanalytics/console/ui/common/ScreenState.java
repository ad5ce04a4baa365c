package com.headlessanalytics.console.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** What a screen's header and error banner show: whether work runs (and can be cancelled), a status line, an error. */
public interface ScreenState {
    ReadOnlyBooleanProperty runningProperty();

    ReadOnlyStringProperty statusProperty();

    ReadOnlyStringProperty errorProperty();

    void cancel();
}
