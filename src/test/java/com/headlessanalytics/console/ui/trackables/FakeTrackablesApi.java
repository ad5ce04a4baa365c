package com.headlessanalytics.console.ui.trackables;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.AnalyticsOnlyApi;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small trackables port for the ViewModel tests: trackables kept in a list (newest first), the
 * payload made by the real rule, and events answered from a list; every other call fails loudly.
 */
public final class FakeTrackablesApi implements AnalyticsOnlyApi {
    public static final String BASE = "http://127.0.0.1:8787";
    public final List<Trackables.Trackable> trackables = new ArrayList<>();
    public final List<Trackables.NewTrackable> created = new ArrayList<>();
    public final List<EventQuery> eventQueries = new ArrayList<>();
    public final List<Event> events = new ArrayList<>();
    public RuntimeException createFailure;
    private int next = 1;

    /** Adds a stored trackable with {@code scans} scans. */
    public Trackables.Trackable add(String kind, String name, String targetUrl, long scans) {
        String code = String.format(Locale.ROOT, "7K3M9Q%02d", next++);
        TrackableKind k = TrackableKind.valueOf(kind.toUpperCase(Locale.ROOT));
        String tracking = TrackableCodes.trackingUrl(BASE, code);
        Trackables.Trackable t = new Trackables.Trackable(code, kind, name, targetUrl, Trackables.DEFAULT_EVENT,
                "default", TrackableCodes.payload(k, code, targetUrl, tracking), tracking, 1_764_547_200_000L + next,
                "operator:ana", scans, scans == 0 ? null : 1_764_600_000_000L, null, null);
        trackables.add(0, t);
        return t;
    }

    /** A scan event of the trackable, as a station records it. */
    public void scan(Trackables.Trackable t, String id, long ts) {
        events.add(0, new Event(id, t.eventName(), "default", ts, ts, Map.of("type", "station", "id", "dock-1"), null,
                null, null, Map.of("channel", "scan"), null, null, Map.of("kind", t.kind(), "code", t.code(),
                "name", t.name()), null, null, null, null, null, null));
    }

    @Override
    public Trackables.Trackable createTrackable(Trackables.NewTrackable body) {
        if (createFailure != null) {
            throw createFailure;
        }
        created.add(body);
        return add(body.kind(), body.name(), body.targetUrl(), 0);
    }

    @Override
    public Trackables.TrackableList trackables(Trackables.Query query) {
        return new Trackables.TrackableList(List.copyOf(trackables), null);
    }

    @Override
    public EventPage events(EventQuery query) {
        eventQueries.add(query);
        return new EventPage(events.stream().filter(e -> query.event() == null || query.event().equals(e.event()))
                .filter(e -> query.trackable() == null || e.trackable() != null
                        && query.trackable().equals(e.trackable().get("code")))
                .limit(query.effectiveLimit()).toList(), null, null);
    }

    private static UnsupportedOperationException unprepared(String call) {
        return new UnsupportedOperationException(call + " is not prepared in this test");
    }

    @Override
    public IngestResult ingest(List<Map<String, Object>> batch) {
        throw unprepared("ingest");
    }

    @Override
    public EventNames eventNames(String businessId) {
        throw unprepared("eventNames");
    }

    @Override
    public RuntimeHealth health() {
        throw unprepared("health");
    }

    @Override
    public Metrics.Result metrics(Metrics.Query query) {
        throw unprepared("metrics");
    }

    @Override
    public Metrics.Definitions metricDefinitions() {
        throw unprepared("metricDefinitions");
    }

    @Override
    public Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
        throw unprepared("saveMetricDefinition");
    }

    @Override
    public void deleteMetricDefinition(String name) {
        throw unprepared("deleteMetricDefinition");
    }

    @Override
    public Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
        throw unprepared("metricSnapshots");
    }

    @Override
    public Funnels.Result funnel(Funnels.Query query) {
        throw unprepared("funnel");
    }

    @Override
    public Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
        throw unprepared("funnelActors");
    }

    @Override
    public Attribution.Result attribution(Attribution.Query query) {
        throw unprepared("attribution");
    }

    @Override
    public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
        throw unprepared("businessHealth");
    }

    @Override
    public AgentContext.Result agentContext(AgentContext.Query query) {
        throw unprepared("agentContext");
    }

    @Override
    public Usage.Report usage(Usage.Query query) {
        throw unprepared("usage");
    }
}
