package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What serve mode's public {@code GET /t/{code}} answers (docs/labels-and-scanners.md, Trackables):
 * the scan's visitor, the redirect target, and the small HTML pages a phone shows. The visitor is
 * a salted hash of the client address, never the address: the salt is random per server start,
 * so a visitor is recognisable within one run and no stored event holds or reveals an IP address.
 */
final class TrackableLinks {
    static final String HTML = "text/html; charset=utf-8";
    private static final String VISITOR_TYPE = "visitor";
    private final byte[] salt = new byte[32];

    TrackableLinks(SecureRandom random) {
        random.nextBytes(salt);
    }

    /** The actor of a link scan from {@code address}: {@code {type: "visitor", id: "v_<hash>"}}. */
    Map<String, Object> visitor(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] hash = mac.doFinal(address.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> actor = new LinkedHashMap<>();
            actor.put("type", VISITOR_TYPE);
            actor.put("id", "v_" + HexFormat.of().formatHex(hash, 0, 12));
            return actor;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Where a scan of the trackable goes: its target URL with {@value TrackableCodes#PARAMETER}
     * added (as a QR payload adds it, whatever the kind), in ASCII for the Location header; null
     * when it has no target.
     */
    static String location(Trackables.Trackable t) {
        if (t.targetUrl() == null) {
            return null;
        }
        String target = TrackableCodes.payload(TrackableKind.QR_CODE, t.code(), t.targetUrl(), null);
        return URI.create(target).toASCIIString();
    }

    /** The page shown when the scan was recorded and there is nowhere to go. */
    static byte[] recordedPage(Trackables.Trackable t) {
        return page("Scan recorded", "Scan recorded",
                "Thank you. The scan of <strong>" + escape(t.name()) + "</strong> (" + escape(t.code())
                        + ") was recorded.");
    }

    /** The body of the redirect, for a client that does not follow it. */
    static byte[] redirectPage(String location) {
        return page("Redirecting", "Redirecting", "Scan recorded. Continue to <a href=\"" + escape(location) + "\">"
                + escape(location) + "</a>.");
    }

    static byte[] notFoundPage() {
        return page("Unknown code", "Unknown code",
                "This link does not name a trackable of this server. Nothing was recorded.");
    }

    static byte[] errorPage(int status, String message) {
        return page("Error " + status, "Sorry", escape(message));
    }

    private static byte[] page(String title, String heading, String paragraphHtml) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;"
                + "line-height:1.5}</style></head>\n<body><h1>" + escape(heading) + "</h1><p>" + paragraphHtml
                + "</p></body></html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
