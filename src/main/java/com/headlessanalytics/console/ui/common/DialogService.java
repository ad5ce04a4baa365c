package com.headlessanalytics.console.ui.common;

/**
 * Every dialog and notification goes through here, so ViewModels never build windows and tests
 * can answer dialogs.
 */
public interface DialogService {

    /** A readable error, with the technical details available on demand. */
    void showError(String title, Throwable error);

    void showInformation(String title, String message);

    /** Asks before something that cannot be undone; true when confirmed. */
    boolean confirm(String title, String message, String confirmLabel);

    /** A short, non-modal notice (shown in the status bar). */
    void notify(String message);
}
