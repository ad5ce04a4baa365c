package com.headlessanalytics.console.ui.graphql;

import java.util.List;

/**
 * Where "Copy as curl" sends the query: the API's base URL and the headers to add (with the secret
 * as a shell variable, e.g. {@code Authorization: Bearer $HA_API_KEY}, never the secret itself); or
 * why there is nowhere (the embedded workspace without serve mode).
 */
public record CurlTarget(String baseUrl, List<String> headers, String unavailable) {

    public CurlTarget {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public static CurlTarget of(String baseUrl, List<String> headers) {
        return new CurlTarget(baseUrl, headers, null);
    }

    public static CurlTarget none(String why) {
        return new CurlTarget(null, List.of(), why);
    }

    public boolean available() {
        return baseUrl != null && unavailable == null;
    }
}
