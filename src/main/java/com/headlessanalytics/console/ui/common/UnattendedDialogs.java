package com.headlessanalytics.console.ui.common;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Dialogs when no one is at the screen (benchmarks): every question is declined; errors and notices become lines. */
public final class UnattendedDialogs implements DialogService {
    private final Consumer<String> lines;

    public UnattendedDialogs(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void showError(String title, Throwable error) {
        lines.accept("error: " + title + ": " + error.getMessage());
    }

    @Override
    public void showInformation(String title, String message) {
        lines.accept(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        return false;
    }

    @Override
    public boolean confirmTyped(String title, String message, String phrase, String confirmLabel) {
        return false;
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, FileType type) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, FileType... types) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        return Optional.empty();
    }

    @Override
    public void showForm(Object formModel) {
        lines.accept("form not shown: " + formModel.getClass().getSimpleName());
    }

    @Override
    public void notify(String message) {
        lines.accept(message);
    }
}
