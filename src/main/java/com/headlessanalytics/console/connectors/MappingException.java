package com.headlessanalytics.console.connectors;

/** A mapping file that cannot be used: which file, where in it, and what is wrong. */
public final class MappingException extends RuntimeException {
    public MappingException(String message) {
        super(message);
    }
}
