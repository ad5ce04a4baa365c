package com.headlessanalytics.console.api;

import java.util.List;
import java.util.Map;

/**
 * The API port: one method per API operation, for one workspace. The embedded engine implements
 * it on H2, the remote client over HTTP; serve mode exposes it. Failures are {@link ApiException}s.
 */
public interface HeadlessApi {

    /**
     * {@code POST /api/ingest}: stores the given raw envelopes (parsed JSON objects) atomically.
     * Envelopes whose {@code id} is already stored are reported as duplicates and stored again never.
     */
    IngestResult ingest(List<Map<String, Object>> events);

    /** {@code GET /api/events}: one page of stored events in (timestamp, storage sequence) order. */
    EventPage events(EventQuery query);

    /**
     * {@code GET /api/events/names}: the event names stored, with counts and first/last times, most
     * frequent first; for one business, or the whole workspace when {@code businessId} is null.
     */
    EventNames eventNames(String businessId);

    /** {@code GET /api/health}: readiness checks; never reveals a setting's value. */
    RuntimeHealth health();

    /** {@code POST /api/metrics/query}: counts, unique actors, revenue, series, groups, definitions. */
    Metrics.Result metrics(Metrics.Query query);

    /** {@code GET /api/metrics/definitions}: the stored metric definitions, by name. */
    Metrics.Definitions metricDefinitions();

    /** {@code POST /api/metrics/definitions}: stores (or replaces, by name) a metric definition. */
    Metrics.Definition saveMetricDefinition(Metrics.Definition definition);

    /** {@code DELETE /api/metrics/definitions/{name}}: 404 when there is no such definition. */
    void deleteMetricDefinition(String name);

    /** {@code GET /api/metrics/snapshots}: persisted snapshots, newest first; of one metric when named. */
    Metrics.Snapshots metricSnapshots(String metric, Integer limit);

    /** {@code POST /api/funnels/query}. */
    Funnels.Result funnel(Funnels.Query query);

    /** {@code POST /api/funnels/actors}: who reached, or dropped at, one step of a funnel. */
    Funnels.Actors funnelActors(Funnels.ActorsQuery query);

    /** {@code POST /api/attribution/query}. */
    Attribution.Result attribution(Attribution.Query query);

    /** {@code GET /api/businesses/{id}/health}: 404 when the business has no events and no record. */
    BusinessHealth businessHealth(String businessId, BusinessHealth.Query query);

    /** {@code POST /api/intelligence/agent-context}. */
    AgentContext.Result agentContext(AgentContext.Query query);

    /** {@code GET /api/usage}: metering of the calls served for this workspace. */
    Usage.Report usage(Usage.Query query);
}
