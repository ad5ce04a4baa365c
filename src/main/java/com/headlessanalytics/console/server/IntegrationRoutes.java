package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connector and destination-export routes (docs/api.md, Connector ingest and Destination exports):
 * {@code POST /api/connectors/ingest} (200), {@code GET /api/connectors/providers},
 * {@code POST /api/exports/destinations} (201), {@code GET /api/exports/receipts?limit=} and
 * {@code POST /api/exports/receipts/{id}/retry} (201). Only parsing and body limits happen here; every
 * rule of a mapping, a destination or a receipt is the port's.
 */
final class IntegrationRoutes {
    /** The largest body of an export or a retry: an export may carry up to {@link Exports#MAX_RECORDS} records. */
    static final int MAX_EXPORT_BODY_BYTES = 1024 * 1024;

    private static final Set<String> NONE = Set.of();
    private static final Set<String> LIMIT = Set.of("limit");

    private IntegrationRoutes() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    static boolean handles(Route route) {
        return switch (route) {
            case CONNECTORS_INGEST, CONNECTOR_PROVIDERS, EXPORTS_DESTINATIONS, EXPORT_RECEIPTS, EXPORT_RETRY -> true;
            default -> false;
        };
    }

    static Answer answer(HeadlessApi port, Route route, AnalyticsRoutes.Request request) {
        return switch (route) {
            case CONNECTORS_INGEST -> {
                request.params(NONE);
                Connectors.Result result = port.connectorIngest(
                        request.body(Connectors.Request.class, Connectors.MAX_BODY_BYTES));
                yield new Answer(200, result, result.proof());
            }
            case CONNECTOR_PROVIDERS -> {
                request.params(NONE);
                Connectors.Providers providers = port.connectorProviders();
                yield new Answer(200, providers, providers.proof());
            }
            case EXPORTS_DESTINATIONS -> {
                request.params(NONE);
                Exports.Result result = port.exportToDestination(
                        request.body(Exports.Request.class, MAX_EXPORT_BODY_BYTES));
                yield new Answer(201, result, result.proof());
            }
            case EXPORT_RECEIPTS -> {
                Map<String, String> p = request.params(LIMIT);
                List<FieldError> errors = new ArrayList<>();
                Integer limit = QueryString.intValue(p, "limit", errors);
                if (!errors.isEmpty()) {
                    throw ApiException.invalid("invalid query parameter '" + errors.get(0).field() + "'", errors);
                }
                Exports.Receipts receipts = port.exportReceipts(limit);
                yield new Answer(200, receipts, receipts.proof());
            }
            case EXPORT_RETRY -> {
                request.params(NONE);
                String id = request.pathParam("id");
                Exports.RetryRequest retry = request.hasBody()
                        ? request.body(Exports.RetryRequest.class, MAX_EXPORT_BODY_BYTES)
                        : new Exports.RetryRequest(null);
                Exports.Result result = port.retryExport(id, retry);
                yield new Answer(201, result, result.proof());
            }
            default -> throw new IllegalArgumentException("not a connector or export route: " + route);
        };
    }
}
