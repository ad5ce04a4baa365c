package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.KEY_ID;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Capabilities.Feature;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ServeBackend;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The remote client's connector and export calls against serve mode over loopback, on the fake
 * backend: the same answers as the port gives embedded, a 502 {@code destination_failed} raised as the
 * port raises it (status, code, details) after one request, and against a reference-only server the
 * two reference calls still made while providers, receipts and retry are not offered.
 */
class IntegrationLoopbackTest extends ServerTestSupport {
    private final AtomicInteger requests = new AtomicInteger();
    private final OkHttpClient counting = new OkHttpClient.Builder().addInterceptor(chain -> {
        requests.incrementAndGet();
        return chain.proceed(chain.request());
    }).build();
    private RemoteApi remote;

    @BeforeEach
    void client() {
        remote = client(server);
    }

    @AfterEach
    void closeClient() {
        remote.close();
    }

    private RemoteApi client(LocalApiServer target) {
        return new RemoteApi(RemoteConfig.of(target.baseUrl(), new Credentials.ApiKey(KEY))
                .withRetries(3, Duration.ofMillis(10)), counting);
    }

    private HeadlessApi embedded() {
        return backend.workspace(new ServeBackend.Principal(WORKSPACE, KEY_ID));
    }

    private static Connectors.Request order(String id, Object price, boolean dryRun) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("total_price", price);
        record.put("currency", "USD");
        return new Connectors.Request("shopify", null, List.of(record), dryRun, null);
    }

    @Test
    void connectorIngestAnswersAsTheEngineDoesWithExactDecimals() {
        Connectors.Result result = remote.connectorIngest(order("order_1", new BigDecimal("149.00"), false));
        assertThat(result.accepted()).isEqualTo(1);
        Connectors.RecordResult record = result.records().get(0);
        assertThat(record.eventId()).isEqualTo("shopify:order:order_1");
        assertThat(record.event().properties().get("total_price")).isEqualTo(new BigDecimal("149.00"));
        assertThat(result.proof().workspaceId()).isEqualTo(WORKSPACE);

        Connectors.Result again = remote.connectorIngest(order("order_1", new BigDecimal("149.00"), false));
        assertThat(again.records().get(0).duplicate()).isTrue();
        assertThat(remote.connectorIngest(order("order_2", 5, true)).dryRun()).isTrue();

        ApiException.Client refused = catchThrowableOfType(ApiException.Client.class,
                () -> remote.connectorIngest(order("order_3", "lots", false)));
        ApiException.Client direct = catchThrowableOfType(ApiException.Client.class,
                () -> embedded().connectorIngest(order("order_3", "lots", false)));
        assertThat(refused.status()).isEqualTo(direct.status()).isEqualTo(400);
        assertThat(refused.details()).isEqualTo(direct.details())
                .containsExactly(new FieldError(0, "total_price", "invalid_value", "must be a decimal amount"));
        assertThat(remote.connectorProviders().providers()).isEqualTo(embedded().connectorProviders().providers());
    }

    @Test
    void exportsReceiptsAndRetriesAnswerAsTheEngineDoes() {
        Exports.Result done = remote.exportToDestination(new Exports.Request("bigquery", 500, null, null, null, null,
                Map.of("projectId", "analytics-prod", "datasetId", "headlessanalytics", "tableId", "events")));
        assertThat(done.receipt().status()).isEqualTo(Exports.SUCCEEDED);
        assertThat(done.receipt().loadCommand()).isEqualTo("bq load events.ndjson");
        assertThat(remote.exportReceipts(10).receipts()).isEqualTo(embedded().exportReceipts(10).receipts());

        int before = requests.get();
        ApiException.Client conflict = catchThrowableOfType(ApiException.Client.class,
                () -> remote.retryExport(done.receipt().exportId(), null));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo(ErrorCodes.CONFLICT);
        assertThat(requests.get() - before).as("a retry is sent once").isEqualTo(1);
        assertThat(catchThrowableOfType(ApiException.Client.class, () -> remote.retryExport("exp_none",
                new Exports.RetryRequest(null))).status()).isEqualTo(404);

        ApiException.Client bad = catchThrowableOfType(ApiException.Client.class, () -> remote.exportToDestination(
                new Exports.Request("oracle", null, null, null, null, null, null)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.details()).extracting(FieldError::field).containsExactly("destination");
    }

    @Test
    void aFailedDeliveryIsTheSameExceptionAsEmbeddedAfterOneRequest() {
        Exports.Request failing = new Exports.Request("https", null, null, null, null, null,
                Map.of("url", "https://unreachable.example/hook", "apiKey", "sk_live_LOOPSECRET1"));
        remote.capabilities();
        int before = requests.get();
        ApiException.Client failed = catchThrowableOfType(ApiException.Client.class,
                () -> remote.exportToDestination(failing));
        assertThat(requests.get() - before).as("a failed export is not sent again").isEqualTo(1);
        ApiException.Client direct = catchThrowableOfType(ApiException.Client.class,
                () -> embedded().exportToDestination(failing));
        assertThat(failed.status()).isEqualTo(direct.status()).isEqualTo(502);
        assertThat(failed.code()).isEqualTo(direct.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
        assertThat(failed.getMessage()).isEqualTo(direct.getMessage()).doesNotContain("LOOPSECRET1");
        assertThat(failed.details()).hasSize(1);
        FieldError named = failed.details().get(0);
        assertThat(named.field()).isEqualTo("exportId");
        assertThat(named.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);

        ApiException.Client retried = catchThrowableOfType(ApiException.Client.class,
                () -> remote.retryExport(named.message(), new Exports.RetryRequest(Map.of("url",
                        "https://unreachable.example/hook"))));
        assertThat(retried.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
        Exports.Receipt latest = remote.exportReceipts(1).receipts().get(0);
        assertThat(latest.retryOf()).isEqualTo(named.message());
        assertThat(latest.status()).isEqualTo(Exports.FAILED);
    }

    @Test
    void aReferenceOnlyServerTakesTheReferenceCallsAndOffersNoneOfOurs() throws Exception {
        LocalApiServer only = LocalApiServer.start(backend, config().withReferenceOnly(true));
        try (RemoteApi reference = client(only)) {
            assertThat(reference.capabilities().offers(Feature.CONNECTOR_PROVIDERS)).isFalse();
            assertThat(reference.capabilities().offers(Feature.EXPORT_RECEIPTS)).isFalse();
            assertThat(reference.connectorIngest(order("order_9", 1, false)).accepted()).isEqualTo(1);
            Exports.Result done = reference.exportToDestination(new Exports.Request("s3", null, null, null, null,
                    null, Map.of("bucket", "b")));
            int before = requests.get();
            Map<Feature, Consumer<HeadlessApi>> calls = Map.of(
                    Feature.CONNECTOR_PROVIDERS, HeadlessApi::connectorProviders,
                    Feature.EXPORT_RECEIPTS, a -> a.exportReceipts(null));
            calls.forEach((feature, call) -> {
                ApiException.Client e = catchThrowableOfType(ApiException.Client.class, () -> call.accept(reference));
                assertThat(e.code()).isEqualTo(ErrorCodes.NOT_OFFERED);
                assertThat(e.getMessage()).isEqualTo(feature.unavailable());
            });
            ApiException.Client retry = catchThrowableOfType(ApiException.Client.class,
                    () -> reference.retryExport(done.receipt().exportId(), null));
            assertThat(retry.code()).isEqualTo(ErrorCodes.NOT_OFFERED);
            assertThat(retry.getMessage()).isEqualTo(Feature.EXPORT_RECEIPTS.unavailable());
            assertThat(requests.get()).as("nothing sent for what is not offered").isEqualTo(before);
        } finally {
            only.stop();
        }
    }
}
