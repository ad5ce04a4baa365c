package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.api.HeadlessApi;

/** Opens the target of a profile for a one-off check, without changing what the console shows. Blocking. */
public interface Connector {

    /** An opened target; closing it releases what opening took (an engine, HTTP connections). */
    interface Target extends AutoCloseable {
        HeadlessApi api();

        @Override
        void close();
    }

    /**
     * @param secret the API key or JWT of a remote profile; ignored for an embedded one
     * @throws IllegalArgumentException when the profile is incomplete (no URL, no key …)
     */
    Target open(ConnectionProfile profile, String secret);
}
