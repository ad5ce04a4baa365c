package com.headlessanalytics.console.ui.common;

/** A ViewModel whose polling and listeners live only while its screen is shown. */
public interface Activatable {
    void activate();

    void deactivate();
}
