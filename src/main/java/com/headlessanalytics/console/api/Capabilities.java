package com.headlessanalytics.console.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the server behind a port offers, for the features a server built only to the API reference
 * may lack (our extension paths, docs/api.md, Reference-only servers). The embedded engine offers
 * everything; the remote client learns it from {@code GET /api/openapi} and the GraphQL schema.
 * A call to a feature not offered fails with {@link ApiException#notOffered}.
 */
public record Capabilities(Set<Feature> offered) {

    /** Everything: the embedded engine, and serve mode with its extension paths. */
    public static final Capabilities ALL = new Capabilities(EnumSet.allOf(Feature.class));

    public Capabilities {
        offered = Set.copyOf(Objects.requireNonNull(offered, "offered"));
    }

    public boolean offers(Feature feature) {
        return offered.contains(feature);
    }

    /** A feature that only our extension paths provide. */
    public enum Feature {
        METRIC_DEFINITION_CHANGES("This server does not let clients save or delete metric definitions."),
        GOVERNANCE_CHANGES("This server offers no way to propose, approve, deny or revoke decisions, "
                + "or to create or revoke grants and contracts: its API has only enforcement."),
        GOVERNANCE_SETUP("This server does not list grants, contracts, the caller's identity or its signing key."),
        PROOF_PACKETS("This server does not hand out proof packets after export."),
        PROOF_SETTINGS("This server does not let clients read or change where proof packets are pushed."),
        PROOF_PREVIEW("This server cannot preview a proof export before it is made."),
        TRACKING_PLAN_CHANGES("This server does not let clients save or delete tracking plans."),
        CONNECTOR_PROVIDERS("This server does not list its connector providers and record types."),
        EXPORT_RECEIPTS("This server does not list export receipts or retry failed exports."),
        ENTITIES("This server does not offer the operating graph's entities."),
        ;

        private final String unavailable;

        Feature(String unavailable) {
            this.unavailable = unavailable;
        }

        /** A plain sentence for the console when the feature is not offered. */
        public String unavailable() {
            return unavailable;
        }
    }
}
