package com.headlessanalytics.console.ui.common;

/** One line of a detail pane: a caption and its value, shown by {@link ViewParts#detailGrid}. */
public record DetailField(String name, String value) {
}
