package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.Event;
import java.util.List;

/** One page of events; {@code nextCursor} is null on the last page. */
public record EventPage(List<Event> events, String nextCursor, Proof proof) {
}
