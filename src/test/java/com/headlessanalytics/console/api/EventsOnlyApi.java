package com.headlessanalytics.console.api;

/** For test fakes that only serve events: every analytics operation fails as unsupported. */
public interface EventsOnlyApi extends AnalyticsOnlyApi {

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("this test fake serves events only");
    }

    @Override
    default Metrics.Result metrics(Metrics.Query query) {
        throw unsupported();
    }

    @Override
    default Metrics.Definitions metricDefinitions() {
        throw unsupported();
    }

    @Override
    default Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
        throw unsupported();
    }

    @Override
    default void deleteMetricDefinition(String name) {
        throw unsupported();
    }

    @Override
    default Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
        throw unsupported();
    }

    @Override
    default Funnels.Result funnel(Funnels.Query query) {
        throw unsupported();
    }

    @Override
    default Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
        throw unsupported();
    }

    @Override
    default Attribution.Result attribution(Attribution.Query query) {
        throw unsupported();
    }

    @Override
    default BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
        throw unsupported();
    }

    @Override
    default AgentContext.Result agentContext(AgentContext.Query query) {
        throw unsupported();
    }

    @Override
    default Usage.Report usage(Usage.Query query) {
        throw unsupported();
    }
}
