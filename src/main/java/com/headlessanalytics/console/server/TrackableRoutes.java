package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trackable routes (PRODUCT.md §6): {@code POST /api/trackables} (201), {@code GET
 * /api/trackables[?code=&kind=&q=&limit=]} and {@code GET /api/trackables/{code}}. Only parsing
 * happens here; every rule (kinds, names, URLs, codes, limits) is the port's.
 */
final class TrackableRoutes {
    private static final Set<String> NONE = Set.of();
    private static final Set<String> LIST_PARAMS = QueryString.ordered("code", "kind", "q", "limit");

    private TrackableRoutes() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    static boolean handles(Route route) {
        return route == Route.TRACKABLES || route == Route.TRACKABLE;
    }

    static Answer answer(HeadlessApi port, Route route, AnalyticsRoutes.Request request) {
        return switch (route) {
            case TRACKABLES -> {
                if (request.method().equals("POST")) {
                    request.params(NONE);
                    Trackables.Trackable created = port.createTrackable(request.body(Trackables.NewTrackable.class));
                    yield new Answer(201, created, created.proof());
                }
                Map<String, String> p = request.params(LIST_PARAMS);
                List<FieldError> errors = new ArrayList<>();
                Integer limit = QueryString.intValue(p, "limit", errors);
                if (!errors.isEmpty()) {
                    throw ApiException.invalid("invalid query parameter '" + errors.get(0).field() + "'", errors);
                }
                Trackables.TrackableList list = port.trackables(new Trackables.Query(p.get("code"), p.get("kind"),
                        p.get("q"), limit));
                yield new Answer(200, list, list.proof());
            }
            case TRACKABLE -> {
                request.params(NONE);
                Trackables.Trackable found = port.trackable(request.pathParam("code"));
                yield new Answer(200, found, found.proof());
            }
            default -> throw new IllegalArgumentException("not a trackable route: " + route);
        };
    }
}
