package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code events}: reads stored events as JSON ({@code {events, nextCursor, proof}}). */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print stored events as JSON: {events, nextCursor, proof}.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--event", paramLabel = "NAME", description = "Only events with this name.")
    String event;

    @Option(names = "--trace-id", paramLabel = "ID", description = "Only events with this traceId.")
    String traceId;

    @Option(names = "--actor", paramLabel = "ID", description = "Only events of this actor (actor, actor.id or traceId).")
    String actor;

    @Option(names = "--business-id", paramLabel = "ID", description = "Only events of this business.")
    String businessId;

    @Option(names = "--from", paramLabel = "TIME", description = "From this time: ms since epoch or ISO-8601, inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Up to this time: ms since epoch or ISO-8601, inclusive.")
    String to;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "How many events at most (default: ${DEFAULT-VALUE}); above 1000 the pages are followed.")
    int limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after this nextCursor.")
    String cursor;

    @Option(names = "--order", defaultValue = "asc", paramLabel = "asc|desc",
            description = "Oldest first (asc, default) or newest first (desc).")
    String order;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        EventQuery.Order sort = switch (order.toLowerCase(Locale.ROOT)) {
            case "asc" -> EventQuery.Order.ASC;
            case "desc" -> EventQuery.Order.DESC;
            default -> throw new IllegalArgumentException("--order must be asc or desc");
        };
        EventQuery query = new EventQuery(businessId, event, traceId, actor, time(from, "--from"), time(to, "--to"),
                Math.min(limit, EventLimits.MAX_EVENTS_PAGE), cursor, sort);
        try (TargetOptions.Opened opened = target.open()) {
            List<Event> events = new ArrayList<>();
            EventPage page;
            do {
                page = opened.api().events(query.withLimit(Math.min(EventLimits.MAX_EVENTS_PAGE, limit - events.size())));
                events.addAll(page.events());
                query = query.withCursor(page.nextCursor());
            } while (page.nextCursor() != null && events.size() < limit);
            PrintWriter out = spec.commandLine().getOut();
            out.println(ApiJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new EventPage(events, page.nextCursor(), page.proof())));
        }
        return 0;
    }

    static Long time(String value, String option) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notMillis) {
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " must be ms since epoch or ISO-8601 like"
                        + " 2026-11-01T00:00:00Z, got '" + value + "'");
            }
        }
    }
}
