package com.headlessanalytics.console.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog and notification goes through here, so ViewModels never build windows, Views never
 * open one themselves, and tests can answer dialogs.
 */
public interface DialogService {

    /** A kind of file for the file choosers: what it is called and its name patterns. */
    record FileType(String description, List<String> patterns) {
        public static final FileType CSV = new FileType("CSV files", List.of("*.csv"));
        public static final FileType JSON = new FileType("JSON files", List.of("*.json"));
        public static final FileType NDJSON = new FileType("NDJSON files", List.of("*.ndjson", "*.jsonl"));
        public static final FileType ANY = new FileType("All files", List.of("*.*"));

        public FileType {
            patterns = List.copyOf(patterns);
        }
    }

    /** A readable error, with the technical details available on demand. */
    void showError(String title, Throwable error);

    void showInformation(String title, String message);

    /** Asks before something that cannot be undone; true when confirmed. */
    boolean confirm(String title, String message, String confirmLabel);

    /**
     * Asks before something consequential by having the user type {@code phrase} exactly (e.g. the
     * amount "1,500.00"); the confirm button stays disabled until it matches. True when confirmed.
     */
    boolean confirmTyped(String title, String message, String phrase, String confirmLabel);

    /** Asks for a line of text, offering {@code initial}; empty when cancelled. */
    Optional<String> askText(String title, String message, String initial);

    /** Asks where to save a file, suggesting {@code suggestedName} in the last folder used; empty when cancelled. */
    Optional<Path> chooseSaveFile(String title, String suggestedName, FileType type);

    /** Asks for a file to open, in the last folder used; empty when cancelled. */
    Optional<Path> chooseOpenFile(String title, FileType... types);

    /** Asks for a folder, starting at {@code initial} when it exists; empty when cancelled. */
    Optional<Path> chooseFolder(String title, Path initial);

    /**
     * Shows the form (a dialog) for {@code formModel}, a ViewModel whose View the composition root
     * registered; returns at once, the form lives on its own.
     */
    void showForm(Object formModel);

    /** A short, non-modal notice (shown in the status bar). */
    void notify(String message);
}
