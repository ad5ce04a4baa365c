package com.headlessanalytics.console.engine;

/** The store could not do what was asked (folder in use, disk, corrupt file). */
public class EngineException extends RuntimeException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
