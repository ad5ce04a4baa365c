package com.headlessanalytics.console.ui.events;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.Touchpoints;
import com.headlessanalytics.console.ui.common.CsvFiles;
import com.headlessanalytics.console.ui.common.CsvWriter;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Writes every event a query matches to a CSV file, in the query's order, reading one page of
 * {@link #PAGE} events at a time with the cursor, so memory stays flat however many events match.
 * The rows go to a temporary file beside the target, which replaces the target only when every
 * page is written: a cancelled or failed export leaves no file behind.
 */
final class EventsExport {
    static final int PAGE = 1000;
    static final List<String> HEADER = List.of("time", "event", "id", "businessId", "actor", "traceId",
            "trustTier", "channel", "campaign", "source", "envelope");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private EventsExport() {
    }

    /**
     * Exports the events of {@code query} (its filters and order; its limit and cursor are
     * ignored) to {@code target}, reporting progress after each page and stopping when cancelled.
     *
     * @return how many events were written
     * @throws CancellationException when cancelled; no file is left then
     */
    static long write(HeadlessApi api, EventQuery query, Path target, TaskRunner.Progress progress)
            throws IOException {
        return CsvFiles.write(target, HEADER, csv -> {
            long written = writeRows(api, query.withLimit(PAGE).withCursor(null), csv, progress);
            stopIfCancelled(progress);
            return written;
        });
    }

    private static long writeRows(HeadlessApi api, EventQuery query, CsvWriter csv, TaskRunner.Progress progress)
            throws IOException {
        long written = 0;
        long first = 0;
        long last = 0;
        String cursor = null;
        do {
            stopIfCancelled(progress);
            EventPage page = api.events(query.withCursor(cursor));
            for (Event e : page.events()) {
                csv.row(fields(e));
            }
            cursor = page.nextCursor();
            if (!page.events().isEmpty()) {
                long reached = page.events().get(page.events().size() - 1).timestamp();
                if (written == 0) {
                    first = page.events().get(0).timestamp();
                    last = cursor == null ? reached : otherEnd(api, query);
                }
                written += page.events().size();
                double span = Math.abs(last - first);
                double fraction = cursor == null ? 1 : span == 0 ? -1 : Math.min(1, Math.abs(reached - first) / span);
                progress.update(fraction, String.format(Locale.ENGLISH, "%,d events written", written));
            }
        } while (cursor != null);
        return written;
    }

    /**
     * The time of the last event the export will reach (the oldest for a newest-first query), so
     * progress can be told as the share of that time span covered: an estimate, since there is no
     * count of matching events to go by.
     */
    private static long otherEnd(HeadlessApi api, EventQuery q) {
        EventQuery.Order reverse = q.effectiveOrder() == EventQuery.Order.DESC ? EventQuery.Order.ASC
                : EventQuery.Order.DESC;
        List<Event> edge = api.events(q.withOrder(reverse).withLimit(1).withCursor(null)).events();
        return edge.isEmpty() ? 0 : edge.get(0).timestamp();
    }

    static List<String> fields(Event e) {
        Touchpoints touch = Touchpoints.of(e);
        return Arrays.asList(
                TIME.format(Instant.ofEpochMilli(e.timestamp())),
                e.event(),
                e.id(),
                e.businessId(),
                e.actorKey(),
                e.traceId(),
                e.trustTier() == null ? null : e.trustTier().name(),
                touch.channel(),
                touch.campaign(),
                touch.source(),
                ApiJson.write(e));
    }

    private static void stopIfCancelled(TaskRunner.Progress progress) {
        if (progress.cancelled()) {
            throw new CancellationException("The export was cancelled.");
        }
    }
}
