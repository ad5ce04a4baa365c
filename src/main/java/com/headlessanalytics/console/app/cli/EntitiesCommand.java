package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.TrackablesCommand.clip;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code entities …}: the operating graph (docs/graph.md) against a data folder or a URL: list
 * entities, show one with its relationships, and page through the events that mention it.
 */
@Command(name = "entities", mixinStandardHelpOptions = true,
        description = "List and show the operating graph's entities, their relationships and their events.",
        subcommands = {EntitiesCommand.ListEntities.class, EntitiesCommand.Show.class, EntitiesCommand.Events.class})
final class EntitiesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name an entities command: list, show or events");
    }

    /** A command that prints a table, or the API's JSON answer with {@code --json}. */
    abstract static class Printed extends ApiQueryCommand {
        @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
        boolean json;

        @Override
        final void print(Object answer) throws Exception {
            if (json) {
                super.print(answer);
                return;
            }
            PrintWriter out = spec.commandLine().getOut();
            table(answer, out);
            out.flush();
        }

        abstract void table(Object answer, PrintWriter out) throws Exception;
    }

    /** A command about one entity, named by its type and id. */
    abstract static class OneEntity extends Printed {
        @Parameters(index = "0", paramLabel = "TYPE")
        String type;

        @Parameters(index = "1", paramLabel = "ID")
        String id;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The entities by type, then id: a table, or JSON with --json.")
    static final class ListEntities extends Printed {
        @Option(names = "--type", paramLabel = "TYPE", description = "Only entities of this type.")
        String type;

        @Option(names = "--q", paramLabel = "TEXT", description = "Name or id containing this (any case).")
        String q;

        @Option(names = "--limit", paramLabel = "N", description = "Entities per page (1-" + Entities.MAX_LIMIT
                + ", default " + Entities.DEFAULT_LIMIT + ").")
        Integer limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after this nextCursor.")
        String cursor;

        @Option(names = "--all", description = "Follow nextCursor to the last page and print every entity.")
        boolean all;

        @Override
        Request request() {
            Entities.Query first = new Entities.Query(type, q, limit, cursor);
            return api -> {
                Entities.Page page = api.entities(first);
                if (!all) {
                    return page;
                }
                List<Entities.Entity> entities = new ArrayList<>(page.entities());
                while (page.nextCursor() != null) {
                    page = api.entities(first.withCursor(page.nextCursor()));
                    entities.addAll(page.entities());
                }
                return new Entities.Page(entities, null, page.proof());
            };
        }

        @Override
        void table(Object answer, PrintWriter out) {
            Entities.Page page = (Entities.Page) answer;
            out.printf("%-16s  %-24s  %-24s  %7s  %s%n", "TYPE", "ID", "NAME", "EVENTS", "LAST SEEN");
            for (Entities.Entity e : page.entities()) {
                out.printf("%-16s  %-24s  %-24s  %7d  %s%n", clip(e.type(), 16), clip(e.id(), 24),
                        clip(e.name() == null ? "" : e.name(), 24), e.eventCount(), Instant.ofEpochMilli(e.lastSeen()));
            }
            out.println(page.entities().size() + (page.entities().size() == 1 ? " entity" : " entities"));
            if (page.nextCursor() != null) {
                out.println("more: --cursor " + page.nextCursor() + " (or --all)");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One entity: its fields, properties, relationships and latest events; JSON with --json.")
    static final class Show extends OneEntity {
        @Override
        Request request() {
            return api -> api.entity(type, id);
        }

        @Override
        void table(Object answer, PrintWriter out) throws Exception {
            Entities.Detail detail = (Entities.Detail) answer;
            Entities.Entity e = detail.entity();
            out.println(e.type() + " " + e.id() + (e.name() == null ? "" : "  " + e.name()));
            out.println("events " + e.eventCount() + ", first seen " + Instant.ofEpochMilli(e.firstSeen())
                    + ", last seen " + Instant.ofEpochMilli(e.lastSeen()));
            if (e.properties() != null && !e.properties().isEmpty()) {
                out.println("properties " + ApiJson.mapper().writeValueAsString(e.properties()));
            }
            out.println();
            out.printf("%-3s  %-24s  %-16s  %-24s  %6s  %s%n", "DIR", "RELATION", "TYPE", "ID", "COUNT", "LAST SEEN");
            for (Entities.Relationship r : detail.relationships()) {
                out.printf("%-3s  %-24s  %-16s  %-24s  %6d  %s%n", r.direction(), clip(r.relation(), 24),
                        clip(r.type(), 16), clip(r.id(), 24), r.count(), Instant.ofEpochMilli(r.lastSeen()));
            }
            out.println(detail.relationshipCount() + (detail.relationshipCount() == 1 ? " relationship"
                    : " relationships") + (detail.relationshipCount() > detail.relationships().size()
                    ? " (" + detail.relationships().size() + " shown)" : ""));
            out.println();
            eventTable(detail.recentEvents(), out);
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "The events that mention an entity, newest first: a table, or JSON with --json.")
    static final class Events extends OneEntity {
        @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
                description = "How many events at most (default: ${DEFAULT-VALUE}); above "
                        + EventLimits.MAX_EVENTS_PAGE + " the pages are followed.")
        int limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after this nextCursor.")
        String cursor;

        @Override
        Request request() {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
            return api -> {
                List<Event> events = new ArrayList<>();
                String next = cursor;
                EventPage page;
                do {
                    page = api.entityEvents(new Entities.EventsQuery(type, id,
                            Math.min(EventLimits.MAX_EVENTS_PAGE, limit - events.size()), next));
                    events.addAll(page.events());
                    next = page.nextCursor();
                } while (next != null && events.size() < limit);
                return new EventPage(events, next, page.proof());
            };
        }

        @Override
        void table(Object answer, PrintWriter out) {
            EventPage page = (EventPage) answer;
            eventTable(page.events(), out);
            if (page.nextCursor() != null) {
                out.println("more: --cursor " + page.nextCursor());
            }
        }
    }

    private static void eventTable(List<Event> events, PrintWriter out) {
        out.printf("%-24s  %-32s  %s%n", "TIME", "EVENT", "ID");
        for (Event e : events) {
            out.printf("%-24s  %-32s  %s%n", Instant.ofEpochMilli(e.timestamp()), clip(e.event(), 32), e.id());
        }
        out.println(events.size() + (events.size() == 1 ? " event" : " events"));
    }
}
