package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trackables (PRODUCT.md §6, docs/labels-and-scanners.md): QR codes, barcodes, RFID tags,
 * sensors, robots, agents, MCP servers and CLI workflows, each with a short stable code and the
 * payload its symbol encodes.
 */
public final class Trackables {
    /** The event a scan records when the trackable names none. */
    public static final String DEFAULT_EVENT = "qr.scanned";
    /** The longest name. */
    public static final int MAX_NAME = 200;
    /** The longest target URL. */
    public static final int MAX_URL = 2000;
    /** The most trackables one list answers. */
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 200;
    /** {@code source.channel} of a scan at a scanner station. */
    public static final String CHANNEL_SCAN = "scan";
    /** {@code source.channel} of a scan through serve mode's {@code /t/{code}} link. */
    public static final String CHANNEL_LINK = "qr";

    private Trackables() {
    }

    /**
     * The canonical form of a code to look up ({@code GET /api/trackables/{code}}), read forgivingly:
     * 400 for text that cannot be a code (empty, too long, control characters), 404 for one that
     * is not Crockford base32 of the right length.
     */
    public static String lookupCode(String code) {
        if (code == null || code.isEmpty() || code.length() > EventLimits.MAX_ID_LENGTH
                || code.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("Invalid trackable code", List.of(new FieldError(null, "code", "invalid_value",
                    "must be " + TrackableCodes.LENGTH + " characters of Crockford base32, without control characters")));
        }
        String canonical = TrackableCodes.normalize(code);
        if (canonical == null) {
            throw ApiException.notFound("No trackable with code '" + code + "': not a trackable code");
        }
        return canonical;
    }

    /**
     * {@code POST /api/trackables}, the reference's body: {@code kind} and {@code name} required;
     * {@code targetUrl} an http(s) URL; {@code eventName} defaults to {@value #DEFAULT_EVENT};
     * {@code qrSvg} is answered when {@code includeQrSvg}; {@code businessId} defaults to the
     * workspace's default business. Absent fields are not sent (a server of the reference's paths
     * gets the reference's body).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewTrackable(String kind, String name, String targetUrl, String eventName, Boolean includeQrSvg,
                               String businessId) {
        public NewTrackable(String kind, String name, String targetUrl, String eventName, Boolean includeQrSvg) {
            this(kind, name, targetUrl, eventName, includeQrSvg, null);
        }

        public TrackableKind parsedKind() {
            return Checks.Wire.parse(TrackableKind.class, kind);
        }

        public String effectiveEventName() {
            return eventName == null ? DEFAULT_EVENT : eventName;
        }
    }

    /**
     * A stored trackable. {@code payload} is what its symbol encodes; {@code trackingUrl} is serve
     * mode's {@code /t/{code}} link; {@code scans} and {@code lastScanAt} count the stored events
     * that carry its code. {@code qrSvg} only when asked for.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trackable(String code, String kind, String name, String targetUrl, String eventName,
                            String businessId, String payload, String trackingUrl, long createdAt, String createdBy,
                            long scans, Long lastScanAt, String qrSvg, Proof proof) {

        public TrackableKind parsedKind() {
            return Checks.Wire.parse(TrackableKind.class, kind);
        }

        /** This trackable with the given SVG (null for none). */
        public Trackable withQrSvg(String svg) {
            return new Trackable(code, kind, name, targetUrl, eventName, businessId, payload, trackingUrl, createdAt,
                    createdBy, scans, lastScanAt, svg, proof);
        }
    }

    /**
     * {@code GET /api/trackables[?code=&kind=&q=&limit=]}: newest first. {@code q} matches the
     * name or code, case-insensitively.
     */
    public record Query(String code, String kind, String q, Integer limit) {
        public static Query all() {
            return new Query(null, null, null, null);
        }

        public int effectiveLimit() {
            return limit == null ? DEFAULT_LIMIT : limit;
        }
    }

    public record TrackableList(List<Trackable> trackables, Proof proof) {
    }

    /**
     * The envelope a scan of the trackable records: its event, with the trackable attached,
     * {@code source.channel} as given, and the actor (a station, or the link's visitor).
     * {@code id} makes a resend idempotent; {@code timestamp} is when the scan happened.
     */
    public static Map<String, Object> scanEvent(Trackable trackable, String channel, Map<String, Object> actor,
                                                String id, long timestamp) {
        Map<String, Object> event = new LinkedHashMap<>();
        if (id != null) {
            event.put("id", id);
        }
        event.put("event", trackable.eventName());
        if (trackable.businessId() != null) {
            event.put("businessId", trackable.businessId());
        }
        event.put("timestamp", timestamp);
        if (actor != null) {
            event.put("actor", actor);
        }
        event.put("source", new LinkedHashMap<>(Map.of("channel", channel)));
        Map<String, Object> attached = new LinkedHashMap<>();
        attached.put("kind", trackable.kind());
        attached.put("code", trackable.code());
        attached.put("name", trackable.name());
        event.put("trackable", attached);
        return event;
    }
}
