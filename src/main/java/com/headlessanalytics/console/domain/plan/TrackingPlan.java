package com.headlessanalytics.console.domain.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A stored tracking plan (docs/api.md, Tracking plans): the events it knows, a naming rule every
 * event name must match (a regular expression, or null for none), whether events it does not list
 * are allowed ({@code allowUnplanned}, default true), and its {@link PlanMode}. {@code id} is the
 * caller's (1–64 of letters, digits, '_', '.', '-'); {@code updatedAt} is set by the server.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackingPlan(String id, String name, PlanMode mode, String namingRule, Boolean allowUnplanned,
                           List<EventSpec> events, Long updatedAt) {
}
