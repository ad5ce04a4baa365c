package com.headlessanalytics.console.ui.shell;

/** The product's areas, in sidebar order. Only those with a screen are enabled. */
public enum Area {
    OVERVIEW("Overview"),
    CONNECTION("Connection"),
    EVENTS("Events"),
    METRICS("Metrics"),
    FUNNELS("Funnels"),
    ATTRIBUTION("Attribution"),
    AGENT_CONTEXT("Agent context"),
    APPROVALS("Approvals"),
    PROOF_TRAILS("Proof trails"),
    TRACKABLES("Trackables & labels"),
    SCANNER("Scanner station"),
    USAGE("Usage"),
    RUNTIME_HEALTH("Runtime health"),
    SETTINGS("Settings");

    private final String title;

    Area(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
