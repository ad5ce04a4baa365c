package com.headlessanalytics.console.remote;

/** What a server offers, for tests that script every answer of a MockWebServer. */
final class Offers {
    /** A server with our extension paths and batch ingest. */
    static final ServerOffer OURS = ServerOffer.unknown();

    private Offers() {
    }
}
