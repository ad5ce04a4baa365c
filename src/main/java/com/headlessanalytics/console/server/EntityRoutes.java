package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operating graph's routes (docs/graph.md): {@code GET /api/entities[?type=&q=&limit=&cursor=]},
 * {@code GET /api/entities/{type}/{id}} and {@code GET /api/entities/{type}/{id}/events[?limit=&cursor=]}.
 * Each path segment is percent-decoded on its own, so an id may hold an encoded {@code /}. Only
 * parsing happens here; every rule (types, ids, limits, cursors) is the port's.
 */
final class EntityRoutes {
    private static final Set<String> NONE = Set.of();
    private static final Set<String> LIST_PARAMS = QueryString.ordered("type", "q", "limit", "cursor");
    private static final Set<String> EVENT_PARAMS = QueryString.ordered("limit", "cursor");

    private EntityRoutes() {
    }

    static boolean handles(Route route) {
        return route == Route.ENTITIES || route == Route.ENTITY || route == Route.ENTITY_EVENTS;
    }

    static AnalyticsRoutes.Answer answer(HeadlessApi port, Route route, AnalyticsRoutes.Request request) {
        return switch (route) {
            case ENTITIES -> {
                Map<String, String> p = request.params(LIST_PARAMS);
                Integer limit = limit(p);
                Entities.Page page = port.entities(new Entities.Query(p.get("type"), p.get("q"), limit,
                        p.get("cursor")));
                yield new AnalyticsRoutes.Answer(page, page.proof());
            }
            case ENTITY -> {
                request.params(NONE);
                Entities.Detail detail = port.entity(request.pathSegment("type"), request.pathSegment("id"));
                yield new AnalyticsRoutes.Answer(detail, detail.proof());
            }
            case ENTITY_EVENTS -> {
                Map<String, String> p = request.params(EVENT_PARAMS);
                Integer limit = limit(p);
                EventPage page = port.entityEvents(new Entities.EventsQuery(request.pathSegment("type"),
                        request.pathSegment("id"), limit, p.get("cursor")));
                yield new AnalyticsRoutes.Answer(page, page.proof());
            }
            default -> throw new IllegalArgumentException("not an entity route: " + route);
        };
    }

    private static Integer limit(Map<String, String> params) {
        List<FieldError> errors = new ArrayList<>();
        Integer limit = QueryString.intValue(params, "limit", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid("invalid query parameter '" + errors.get(0).field() + "'", errors);
        }
        return limit;
    }
}
