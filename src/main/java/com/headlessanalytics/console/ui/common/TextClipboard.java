package com.headlessanalytics.console.ui.common;

/**
 * Puts text on the clipboard: how a ViewModel's "Copy" command copies without touching the toolkit
 * ({@link FxClipboard} in the app; a list in tests).
 */
@FunctionalInterface
public interface TextClipboard {
    void copy(String text);
}
