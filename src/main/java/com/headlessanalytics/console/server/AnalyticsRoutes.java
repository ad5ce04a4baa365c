package com.headlessanalytics.console.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The analytics routes (metrics, funnels, attribution, business health, agent context, usage):
 * each turns its request into one port call and the port's answer into a JSON body. Only parsing
 * happens here; every rule of a query is the port's ({@code checks()} of each query record).
 */
final class AnalyticsRoutes {
    private static final Set<String> NONE = Set.of();
    private static final Set<String> SNAPSHOT_PARAMS = QueryString.ordered("metric", "limit");
    private static final Set<String> PERIOD_PARAMS = QueryString.ordered("limit", "from", "to");
    private static final String MS = "an integer number of milliseconds since epoch";

    private AnalyticsRoutes() {
    }

    /** What a route needs from its HTTP request; the server implements it on the exchange. */
    interface Request {
        String method();

        /** The query parameters; 400 for any not in {@code allowed}. */
        Map<String, String> params(Set<String> allowed);

        /** A path parameter of the route's template, percent-decoded and length-checked. */
        String pathParam(String name);

        /** A path parameter percent-decoded only (400 when that fails), for a port that checks it itself. */
        String pathSegment(String name);

        /** Whether the request carries a body (a Content-Length above 0, or a chunked one). */
        boolean hasBody();

        /** The body read as {@code type}: content type, size, UTF-8 and JSON checked (see {@link JsonBody}). */
        <T> T body(Class<T> type);

        /** As {@link #body(Class)}, with a body of up to {@code maxBytes} (413 beyond) instead of ingest's limit. */
        <T> T body(Class<T> type, int maxBytes);

        /** A proof envelope made by the server, for answers the port gives without one. */
        Proof proof();
    }

    /** A body to send with status 200, and the proof whose query id names the call. */
    record Answer(Object body, Proof proof) {
    }

    /** {@code DELETE /api/metrics/definitions/{name}}: what was deleted. */
    record Deleted(String deleted, Proof proof) {
    }

    static boolean handles(Route route) {
        return switch (route) {
            case INGEST, EVENTS, EVENT_NAMES, HEALTH, TRACKABLE_LINK, GRAPHQL, OPENAPI -> false;
            default -> !GovernanceRoutes.handles(route) && !TrackableRoutes.handles(route) && !PlanRoutes.handles(route)
                    && !IntegrationRoutes.handles(route) && !EntityRoutes.handles(route);
        };
    }

    static Answer answer(HeadlessApi port, Route route, Request request) {
        return switch (route) {
            case METRICS_QUERY -> posted(request, Metrics.Query.class, port::metrics, Metrics.Result::proof);
            case METRIC_DEFINITIONS -> {
                request.params(NONE);
                if (request.method().equals("POST")) {
                    Metrics.Definition saved = port.saveMetricDefinition(request.body(Metrics.Definition.class));
                    Proof proof = request.proof();
                    ObjectNode body = ApiJson.mapper().valueToTree(saved);
                    body.set("proof", ApiJson.mapper().valueToTree(proof));
                    yield new Answer(body, proof);
                }
                Metrics.Definitions r = port.metricDefinitions();
                yield new Answer(r, r.proof());
            }
            case METRIC_DEFINITION -> {
                request.params(NONE);
                String name = request.pathParam("name");
                port.deleteMetricDefinition(name);
                Proof proof = request.proof();
                yield new Answer(new Deleted(name, proof), proof);
            }
            case METRIC_SNAPSHOTS -> {
                Map<String, String> p = request.params(SNAPSHOT_PARAMS);
                List<FieldError> errors = new ArrayList<>();
                Integer limit = QueryString.intValue(p, "limit", errors);
                throwIfAny(errors);
                Metrics.Snapshots r = port.metricSnapshots(p.get("metric"), limit);
                yield new Answer(r, r.proof());
            }
            case FUNNELS_QUERY -> posted(request, Funnels.Query.class, port::funnel, Funnels.Result::proof);
            case FUNNEL_ACTORS -> posted(request, Funnels.ActorsQuery.class, port::funnelActors, Funnels.Actors::proof);
            case ATTRIBUTION_QUERY -> posted(request, Attribution.Query.class, port::attribution,
                    Attribution.Result::proof);
            case BUSINESS_HEALTH -> {
                String id = request.pathParam("id");
                LimitAndPeriod q = LimitAndPeriod.of(request);
                BusinessHealth r = port.businessHealth(id, new BusinessHealth.Query(q.limit(), q.from(), q.to()));
                yield new Answer(r, r.proof());
            }
            case AGENT_CONTEXT -> posted(request, AgentContext.Query.class, port::agentContext,
                    AgentContext.Result::proof);
            case USAGE -> {
                LimitAndPeriod q = LimitAndPeriod.of(request);
                Usage.Report r = port.usage(new Usage.Query(q.limit(), q.from(), q.to()));
                yield new Answer(r, r.proof());
            }
            default -> throw new IllegalArgumentException("not an analytics route: " + route);
        };
    }

    /** A route that takes its query as the JSON body and no query parameters: one port call. */
    private static <Q, R> Answer posted(Request request, Class<Q> query, Function<Q, R> call, Function<R, Proof> proof) {
        request.params(NONE);
        R r = call.apply(request.body(query));
        return new Answer(r, proof.apply(r));
    }

    /** {@code ?limit=&from=&to=} of health and usage, each checked; the first bad one is the 400. */
    private record LimitAndPeriod(Integer limit, Long from, Long to) {
        static LimitAndPeriod of(Request request) {
            Map<String, String> p = request.params(PERIOD_PARAMS);
            List<FieldError> errors = new ArrayList<>();
            Integer limit = QueryString.intValue(p, "limit", errors);
            Long from = QueryString.longValue(p, "from", MS, errors);
            Long to = QueryString.longValue(p, "to", MS, errors);
            throwIfAny(errors);
            return new LimitAndPeriod(limit, from, to);
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid("invalid query parameter '" + errors.get(0).field() + "'", errors);
        }
    }
}
