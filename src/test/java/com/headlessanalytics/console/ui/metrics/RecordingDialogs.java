package com.headlessanalytics.console.ui.metrics;

import com.headlessanalytics.console.ui.common.DialogService;
import java.util.ArrayList;
import java.util.List;

/** Records what the screens show; confirmations are answered with {@link #confirmAnswer}. */
public final class RecordingDialogs implements DialogService {
    public final List<String> notices = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();
    public boolean confirmAnswer = true;

    @Override
    public void showError(String title, Throwable error) {
        errors.add(title + ": " + error.getMessage());
    }

    @Override
    public void showInformation(String title, String message) {
        notices.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        confirmations.add(title);
        return confirmAnswer;
    }

    @Override
    public void notify(String message) {
        notices.add(message);
    }
}
