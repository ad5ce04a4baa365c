package com.headlessanalytics.console.api;

/** A key just created: the only moment its secret exists outside the caller's hands. */
public record NewApiKey(ApiKeyInfo info, String secret) {
    @Override
    public String toString() {
        return "NewApiKey[" + info + ", secret=<hidden>]";
    }
}
