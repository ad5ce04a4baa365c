package com.headlessanalytics.console.api;

/** A time range in ms since epoch, both ends inclusive; null means open. */
public record Period(Long from, Long to) {
}
