package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters of {@code GET /api/events}. Null filters match everything; without a businessId every
 * business of the workspace is read. {@code from} and {@code to} are inclusive. The touchpoint
 * filters match the touchpoint fields of PRODUCT.md §4 (source, channel, campaign, medium).
 * {@code trackable} selects the events that carry a trackable with that {@code trackable.code}
 * (a trackable code is read forgivingly, as {@link TrackableCodes#normalize} reads it).
 */
public record EventQuery(String businessId, String event, String traceId, String actor, Long from, Long to,
                         Integer limit, String cursor, Order order, String source, String channel,
                         String campaign, String medium, String trackable) {

    public enum Order { ASC, DESC }

    /** A query without touchpoint or trackable filters. */
    public EventQuery(String businessId, String event, String traceId, String actor, Long from, Long to,
                      Integer limit, String cursor, Order order) {
        this(businessId, event, traceId, actor, from, to, limit, cursor, order, null, null, null, null, null);
    }

    /** A query without a trackable filter. */
    public EventQuery(String businessId, String event, String traceId, String actor, Long from, Long to,
                      Integer limit, String cursor, Order order, String source, String channel,
                      String campaign, String medium) {
        this(businessId, event, traceId, actor, from, to, limit, cursor, order, source, channel, campaign, medium,
                null);
    }

    /** This query, also filtered to the events carrying the trackable of this code (null: any). */
    public EventQuery withTrackable(String code) {
        return new EventQuery(businessId, event, traceId, actor, from, to, limit, cursor, order, source, channel,
                campaign, medium, code);
    }

    /**
     * The value the trackable filter matches: the canonical code when it reads as a trackable code,
     * else the text as given (an RFID tag id or another system's code).
     */
    public String trackableKey() {
        return trackableKey(trackable);
    }

    /** As {@link #trackableKey()}, for a {@code trackable.code} value as stored or queried. */
    public static String trackableKey(String code) {
        if (code == null) {
            return null;
        }
        String canonical = TrackableCodes.normalize(code);
        return canonical != null ? canonical : code;
    }

    /** This query, also filtered to events whose touchpoint field (source, channel, campaign, medium) has the value. */
    public EventQuery withTouch(String field, String value) {
        return switch (field) {
            case "source" -> new EventQuery(businessId, event, traceId, actor, from, to, limit, cursor, order, value,
                    channel, campaign, medium, trackable);
            case "channel" -> new EventQuery(businessId, event, traceId, actor, from, to, limit, cursor, order, source,
                    value, campaign, medium, trackable);
            case "campaign" -> new EventQuery(businessId, event, traceId, actor, from, to, limit, cursor, order,
                    source, channel, value, medium, trackable);
            case "medium" -> new EventQuery(businessId, event, traceId, actor, from, to, limit, cursor, order, source,
                    channel, campaign, value, trackable);
            default -> throw new IllegalArgumentException("not a touchpoint field: " + field);
        };
    }

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
        return new EventQuery(businessId, event, traceId, actor, from, to, limit, next, order, source, channel,
                campaign, medium, trackable);
    }

    public EventQuery withOrder(Order newOrder) {
        return new EventQuery(businessId, event, traceId, actor, from, to, limit, cursor, newOrder, source, channel,
                campaign, medium, trackable);
    }

    public EventQuery withLimit(int newLimit) {
        return new EventQuery(businessId, event, traceId, actor, from, to, newLimit, cursor, order, source, channel,
                campaign, medium, trackable);
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
        String nameProblem = event == null ? null : EventValidator.eventNameProblem(event);
        if (nameProblem != null) {
            errors.add(new FieldError(null, "event", "invalid_value", nameProblem));
        }
        for (String[] f : new String[][] {{"businessId", businessId}, {"traceId", traceId},
                {"actor", actor}, {"source", source}, {"channel", channel}, {"campaign", campaign},
                {"medium", medium}, {"trackable", trackable}}) {
            if (f[1] != null && (f[1].isEmpty() || f[1].length() > EventLimits.MAX_ID_LENGTH)) {
                errors.add(new FieldError(null, f[0], "invalid_value",
                        "must be 1-" + EventLimits.MAX_ID_LENGTH + " characters"));
            }
        }
        return errors;
    }
}
