package com.headlessanalytics.console.ui.metrics;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.AnalyticsOnlyApi;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An API whose analytics answers the test sets, recording every query it was asked; operations a
 * test did not prepare fail loudly.
 */
public final class FakeAnalyticsApi implements AnalyticsOnlyApi {
    public static final String BUSINESS = "biz_shop";

    public final List<Metrics.Query> metricQueries = new ArrayList<>();
    public final List<Funnels.Query> funnelQueries = new ArrayList<>();
    public final List<Funnels.ActorsQuery> actorQueries = new ArrayList<>();
    public final List<Attribution.Query> attributionQueries = new ArrayList<>();
    public final Map<String, Metrics.Definition> definitions = new LinkedHashMap<>();
    public final List<Metrics.Snapshot> snapshots = new ArrayList<>();
    public final List<String> deleted = new ArrayList<>();
    public List<String> eventNames = List.of();
    public Function<Metrics.Query, Metrics.Result> metrics = q -> {
        throw new UnsupportedOperationException("metrics not prepared");
    };
    public Function<Funnels.Query, Funnels.Result> funnel = q -> {
        throw new UnsupportedOperationException("funnel not prepared");
    };
    public Function<Funnels.ActorsQuery, Funnels.Actors> actors = q -> {
        throw new UnsupportedOperationException("actors not prepared");
    };
    public Function<Attribution.Query, Attribution.Result> attribution = q -> {
        throw new UnsupportedOperationException("attribution not prepared");
    };
    public RuntimeException saveFailure;
    /** What the server behind this port offers. */
    public Capabilities capabilities = Capabilities.ALL;

    public static Proof proof(Long from, Long to) {
        return new Proof("qry_1", "ws_1", BUSINESS, new Period(from, to), 0L, Proof.SCHEMA_VERSION);
    }

    @Override
    public EventNames eventNames(String businessId) {
        return new EventNames(eventNames.stream().map(n -> new EventNames.Name(n, 1, 0, 0)).toList(), proof(null, null));
    }

    @Override
    public Metrics.Result metrics(Metrics.Query query) {
        metricQueries.add(query);
        return metrics.apply(query);
    }

    @Override
    public Metrics.Definitions metricDefinitions() {
        return new Metrics.Definitions(List.copyOf(definitions.values()), proof(null, null));
    }

    @Override
    public Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
        if (saveFailure != null) {
            throw saveFailure;
        }
        Metrics.Definition stored = new Metrics.Definition(definition.name(), definition.event(),
                definition.aggregation(), definition.property(), definition.description(), 1L);
        definitions.put(definition.name(), stored);
        return stored;
    }

    @Override
    public void deleteMetricDefinition(String name) {
        deleted.add(name);
        definitions.remove(name);
    }

    @Override
    public Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
        return new Metrics.Snapshots(List.copyOf(snapshots), proof(null, null));
    }

    @Override
    public Funnels.Result funnel(Funnels.Query query) {
        funnelQueries.add(query);
        return funnel.apply(query);
    }

    @Override
    public Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
        actorQueries.add(query);
        return actors.apply(query);
    }

    @Override
    public Attribution.Result attribution(Attribution.Query query) {
        attributionQueries.add(query);
        return attribution.apply(query);
    }

    @Override
    public IngestResult ingest(List<Map<String, Object>> events) {
        throw new UnsupportedOperationException();
    }

    @Override
    public EventPage events(EventQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RuntimeHealth health() {
        throw new UnsupportedOperationException();
    }

    @Override
    public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentContext.Result agentContext(AgentContext.Query query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Usage.Report usage(Usage.Query query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }
}
