package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.FieldError;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connector and export calls over HTTP, scripted: paths and bodies; connector ingest (idempotent by
 * its derived event ids) sent again after a 500; an export or a retry (each a new upload) never sent
 * again once the server may have acted; a 502 {@code destination_failed} read as the port's exception.
 */
@Timeout(20)
class RemoteApiIntegrationsTest extends ScriptedServerTest {
    private static final String ERROR_500 = "{\"error\":{\"code\":\"internal_error\",\"message\":\"boom\","
            + "\"details\":[]},\"proof\":" + PROOF + "}";
    private static final String RECEIPT = """
            {"receipt":{"exportId":"exp_2","destination":"https","count":3,"status":"succeeded","startedAt":5,
             "finishedAt":6,"retryOf":"exp_1"},"proof":%s}""".formatted(PROOF);

    @Test
    void connectorIngestIsSentAgainAfterA500() throws Exception {
        server.enqueue(json(500, ERROR_500));
        server.enqueue(json(200, """
                {"provider":"shopify","dryRun":false,"received":1,"accepted":1,"duplicates":0,"failed":0,
                 "records":[{"index":0,"recordId":"order_1","recordType":"order","eventId":"shopify:order:order_1",
                 "duplicate":false,"warnings":[],"errors":[]}],"proof":%s}""".formatted(PROOF)));
        Connectors.Result result = api.connectorIngest(new Connectors.Request("shopify", null,
                List.of(Map.of("id", "order_1")), null, null));
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(result.records().get(0).eventId()).isEqualTo("shopify:order:order_1");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getTarget()).isEqualTo("/api/connectors/ingest");
        assertThat(r.getBody().utf8()).isEqualTo("{\"provider\":\"shopify\",\"records\":[{\"id\":\"order_1\"}]}");
    }

    @Test
    void anExportIsNotSentAgainOnceTheServerMayHaveActed() throws Exception {
        server.enqueue(json(500, ERROR_500));
        assertThatThrownBy(() -> api.exportToDestination(new Exports.Request("bigquery", 500, null, null, null, null,
                Map.of("projectId", "p")))).isInstanceOf(ApiException.Server.class);
        assertThat(attempts.get()).isEqualTo(1);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getTarget()).isEqualTo("/api/exports/destinations");
        assertThat(r.getBody().utf8()).isEqualTo(
                "{\"destination\":\"bigquery\",\"limit\":500,\"config\":{\"projectId\":\"p\"}}");
    }

    @Test
    void a502DestinationFailedIsThePortsExceptionAndNotRetried() {
        server.enqueue(json(502, """
                {"error":{"code":"destination_failed","message":"https://x.example/hook could not be reached",
                 "details":[{"field":"exportId","code":"destination_failed","message":"exp_1"}]},"proof":%s}"""
                .formatted(PROOF)));
        assertThatThrownBy(() -> api.exportToDestination(new Exports.Request("https", null, null, null, null, null,
                Map.of("url", "https://x.example/hook")))).isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
                    assertThat(e.getMessage()).isEqualTo("https://x.example/hook could not be reached");
                    assertThat(e.details()).containsExactly(new FieldError(null, "exportId",
                            ErrorCodes.DESTINATION_FAILED, "exp_1"));
                });
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void receiptsAndARetryGoToTheirPaths() throws Exception {
        server.enqueue(json(200, "{\"receipts\":[],\"proof\":" + PROOF + "}"));
        assertThat(api.exportReceipts(25).receipts()).isEmpty();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/exports/receipts?limit=25");

        server.enqueue(json(500, ERROR_500));
        assertThatThrownBy(() -> api.retryExport("exp_1", null)).isInstanceOf(ApiException.Server.class);
        assertThat(attempts.get()).as("a retry is not sent again after a 500").isEqualTo(2);
        RecordedRequest failed = server.takeRequest();
        assertThat(failed.getTarget()).isEqualTo("/api/exports/receipts/exp_1/retry");
        assertThat(failed.getBody().utf8()).isEqualTo("{}");

        server.enqueue(json(201, RECEIPT));
        Exports.Result retried = api.retryExport("exp_1", new Exports.RetryRequest(Map.of("token", "t")));
        assertThat(retried.receipt().retryOf()).isEqualTo("exp_1");
        assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"config\":{\"token\":\"t\"}}");
        assertThatThrownBy(() -> api.retryExport("..", null)).isInstanceOf(ApiException.Client.class);

        server.enqueue(json(200, "{\"providers\":[{\"id\":\"qr\",\"title\":\"QR codes\",\"category\":\"devices\","
                + "\"docs\":null,\"recordTypes\":[]}],\"proof\":" + PROOF + "}"));
        assertThat(api.connectorProviders().providers().get(0).id()).isEqualTo("qr");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/connectors/providers");
    }
}
