package com.headlessanalytics.console.ui.events;

import com.headlessanalytics.console.ui.common.DialogService;
import java.util.ArrayList;
import java.util.List;

/** A dialog service that records what it was asked to show; confirmations are answered with {@link #confirmAnswer}. */
final class RecordingDialogs implements DialogService {
    record ShownError(String title, Throwable error) {
    }

    final List<String> notices = new ArrayList<>();
    final List<ShownError> errors = new ArrayList<>();
    final List<String> information = new ArrayList<>();
    boolean confirmAnswer = true;

    @Override
    public void showError(String title, Throwable error) {
        errors.add(new ShownError(title, error));
    }

    @Override
    public void showInformation(String title, String message) {
        information.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        return confirmAnswer;
    }

    @Override
    public void notify(String message) {
        notices.add(message);
    }
}
