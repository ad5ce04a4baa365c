package com.headlessanalytics.console.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * What a screen's header and banners show: whether work runs (and can be cancelled), a status line,
 * an error, and a calm notice (a feature the server does not offer).
 */
public interface ScreenState {
    ReadOnlyBooleanProperty runningProperty();

    ReadOnlyStringProperty statusProperty();

    ReadOnlyStringProperty errorProperty();

    /** A plain sentence that is no error: what the server does not offer ({@code ErrorCodes.NOT_OFFERED}). */
    ReadOnlyStringProperty noticeProperty();

    void cancel();
}
