package com.headlessanalytics.console.domain.plan;

/**
 * One way an event breaks a tracking plan: the plan, the field at fault (e.g. {@code event} or
 * {@code properties.sku}), a stable code and a sentence an instrumenting engineer can act on.
 * Codes: {@code naming_rule}, {@code unplanned_event}, {@code missing_property}, {@code wrong_type},
 * {@code not_allowed}.
 */
public record PlanViolation(String planId, String field, String code, String message) {
}
