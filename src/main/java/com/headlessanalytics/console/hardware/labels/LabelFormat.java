package com.headlessanalytics.console.hardware.labels;

/** Export formats; PNG and SVG write one file per page, PDF one file, ZPL one file of labels. */
public enum LabelFormat {
    PNG, SVG, PDF, ZPL;

    public String extension() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
