package com.headlessanalytics.console.api;

import java.util.List;

/** The event names stored in a workspace (or one business), most frequent first. */
public record EventNames(List<Name> names, Proof proof) {

    /** One name: how many events carry it, and the first and last event time. */
    public record Name(String event, long count, long firstSeen, long lastSeen) {
    }
}
