package com.headlessanalytics.console.ui.shell;

import java.util.Locale;

/** The product's areas, in sidebar order. Only those with a screen are enabled. */
public enum Area {
    OVERVIEW, CONNECTION, EVENTS, METRICS, FUNNELS, ATTRIBUTION, AGENT_CONTEXT, APPROVALS, GRANTS, RECEIPTS, PROOF_TRAILS,
    ENTITIES, TRACKABLES, LABELS, TRACKING_PLANS, CONNECTORS, EXPORTS,
    SCANNER, GRAPHQL, USAGE, RUNTIME_HEALTH, SETTINGS;

    /** The area's name in the sidebar and in tooltips. */
    public String title() {
        return switch (this) {
            case AGENT_CONTEXT -> "Agent context";
            case GRANTS -> "Grants & contracts";
            case RECEIPTS -> "Receipts";
            case PROOF_TRAILS -> "Proof trails";
            case TRACKABLES -> "Trackables";
            case TRACKING_PLANS -> "Tracking plans";
            case CONNECTORS -> "Import";
            case SCANNER -> "Scanner station";
            case GRAPHQL -> "GraphQL";
            case RUNTIME_HEALTH -> "Runtime health";
            default -> name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        };
    }
}
