package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters of {@code GET /api/events}. Null filters match everything; without a businessId every
 * business of the workspace is read. {@code from} and {@code to} are inclusive.
 */
public record EventQuery(String businessId, String event, String traceId, String actor, Long from, Long to,
                         Integer limit, String cursor, Order order) {

    public enum Order { ASC, DESC }

    public static EventQuery all() {
        return new EventQuery(null, null, null, null, null, null, null, null, null);
    }

    public int effectiveLimit() {
        return limit == null ? EventLimits.DEFAULT_EVENTS_PAGE : limit;
    }

    public Order effectiveOrder() {
        return order == null ? Order.ASC : order;
    }

    public EventQuery withCursor(String next) {
        return new EventQuery(businessId, event, traceId, actor, from, to, limit, next, order);
    }

    public EventQuery withLimit(int newLimit) {
        return new EventQuery(businessId, event, traceId, actor, from, to, newLimit, cursor, order);
    }

    /** The reasons this query cannot run; empty when it can. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (limit != null && (limit < 1 || limit > EventLimits.MAX_EVENTS_PAGE)) {
            errors.add(new FieldError(null, "limit", "invalid_value",
                    "must be between 1 and " + EventLimits.MAX_EVENTS_PAGE));
        }
        if (from != null && to != null && from > to) {
            errors.add(new FieldError(null, "from", "invalid_value", "must not be after 'to'"));
        }
        for (String[] f : new String[][] {{"businessId", businessId}, {"event", event}, {"traceId", traceId},
                {"actor", actor}}) {
            if (f[1] != null && (f[1].isEmpty() || f[1].length() > EventLimits.MAX_ID_LENGTH)) {
                errors.add(new FieldError(null, f[0], "invalid_value",
                        "must be 1-" + EventLimits.MAX_ID_LENGTH + " characters"));
            }
        }
        return errors;
    }
}
