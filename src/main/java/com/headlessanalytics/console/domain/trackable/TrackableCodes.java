package com.headlessanalytics.console.domain.trackable;

import java.net.URI;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Trackable codes: {@value #LENGTH} characters of Crockford's base32 (no I, L, O or U, so a
 * printed code cannot be misread), 40 random bits. Reading is forgiving as Crockford defines it:
 * lower case is folded, O reads as 0, I and L as 1, and hyphens are ignored.
 */
public final class TrackableCodes {
    public static final int LENGTH = 8;
    /** The query parameter that carries the code in a payload built on a target URL. */
    public static final String PARAMETER = "ha_code";
    /** The path prefix of serve mode's redirect route. */
    public static final String REDIRECT_PATH = "/t/";
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private TrackableCodes() {
    }

    public static String newCode(RandomGenerator random) {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** The canonical form of a code as read or typed, or null when it cannot be one. */
    public static String normalize(String text) {
        if (text == null || text.length() > 2 * LENGTH) {
            return null;
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (char c : text.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-') {
                continue;
            }
            char d = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(d) < 0) {
                return null;
            }
            out.append(d);
        }
        return out.length() == LENGTH ? out.toString() : null;
    }

    /**
     * The payload a trackable's symbol encodes (PRODUCT.md §6): the bare code for kinds that
     * {@linkplain TrackableKind#encodesCodeOnly() carry only the code}; else the target URL with
     * {@value #PARAMETER} added, or the tracking link when there is no target.
     */
    public static String payload(TrackableKind kind, String code, String targetUrl, String trackingUrl) {
        if (kind.encodesCodeOnly()) {
            return code;
        }
        if (targetUrl == null) {
            return trackingUrl;
        }
        int hash = targetUrl.indexOf('#');
        String base = hash < 0 ? targetUrl : targetUrl.substring(0, hash);
        String fragment = hash < 0 ? "" : targetUrl.substring(hash);
        String separator = base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
        return base + separator + PARAMETER + "=" + code + fragment;
    }

    /** Serve mode's link for a code: {@code <base>/t/<code>}, the base without a trailing slash. */
    public static String trackingUrl(String publicBaseUrl, String code) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        return base + REDIRECT_PATH + code;
    }

    /**
     * The code a scanned or typed text names: the {@value #PARAMETER} parameter or the
     * {@code /t/} path of a URL, or the text itself when it reads as a code; null otherwise.
     */
    public static String fromScan(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int scheme = s.indexOf("://");
        if (scheme > 0) {
            try {
                URI uri = URI.create(s);
                String query = uri.getRawQuery();
                if (query != null) {
                    for (String pair : query.split("&")) {
                        if (pair.startsWith(PARAMETER + "=")) {
                            return normalize(pair.substring(PARAMETER.length() + 1));
                        }
                    }
                }
                String path = uri.getRawPath();
                int at = path == null ? -1 : path.lastIndexOf(REDIRECT_PATH);
                return at < 0 ? null : normalize(path.substring(at + REDIRECT_PATH.length()));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return normalize(s);
    }
}
