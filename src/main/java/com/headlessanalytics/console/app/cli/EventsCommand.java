package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code events}: reads stored events as JSON ({@code {events, nextCursor, proof}}). */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print stored events as JSON: {events, nextCursor, proof}.")
final class EventsCommand extends ApiQueryCommand {
    @Option(names = "--event", paramLabel = "NAME", description = "Only events with this name.")
    String event;

    @Option(names = "--trace-id", paramLabel = "ID", description = "Only events with this traceId.")
    String traceId;

    @Option(names = "--actor", paramLabel = "ID", description = "Only events of this actor (actor, actor.id or traceId).")
    String actor;

    @Option(names = "--business-id", paramLabel = "ID", description = "Only events of this business.")
    String businessId;

    @Mixin
    PeriodOptions period;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "How many events at most (default: ${DEFAULT-VALUE}); above 1000 the pages are followed.")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after this nextCursor.")
    String cursor;

    @Option(names = "--order", defaultValue = "asc", paramLabel = "asc|desc",
            description = "Oldest first (asc, default) or newest first (desc).")
    String order;

    @Override
    Request request() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        EventQuery.Order sort = switch (order.toLowerCase(Locale.ROOT)) {
            case "asc" -> EventQuery.Order.ASC;
            case "desc" -> EventQuery.Order.DESC;
            default -> throw new IllegalArgumentException("--order must be asc or desc");
        };
        EventQuery first = new EventQuery(businessId, event, traceId, actor, period.from(), period.to(),
                Math.min(limit, EventLimits.MAX_EVENTS_PAGE), cursor, sort);
        return api -> {
            EventQuery query = first;
            List<Event> events = new ArrayList<>();
            EventPage page;
            do {
                page = api.events(query.withLimit(Math.min(EventLimits.MAX_EVENTS_PAGE, limit - events.size())));
                events.addAll(page.events());
                query = query.withCursor(page.nextCursor());
            } while (page.nextCursor() != null && events.size() < limit);
            return new EventPage(events, page.nextCursor(), page.proof());
        };
    }

    /** A time option: ms since epoch, or an ISO-8601 instant. */
    static Long time(String value, String option) {
        return QueryCommand.millis(value, option, v -> Instant.parse(v).toEpochMilli(),
                "ms since epoch or ISO-8601 like 2026-11-01T00:00:00Z");
    }
}
