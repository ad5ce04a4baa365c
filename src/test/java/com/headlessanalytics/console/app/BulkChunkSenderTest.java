package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.app.bench.ShopifyOrders;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.connectors.ChunkSender;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Import wizard's sender on a real embedded workspace: stores and refuses as {@code connectorIngest} does. */
class BulkChunkSenderTest {
    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi workspace;

    @BeforeEach
    void open() {
        engine = Engine.open(dir.resolve("data"));
        workspace = engine.defaultWorkspace();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static Connectors.Request request(List<Map<String, Object>> records) {
        return new Connectors.Request("shopify", "order", records, false, null);
    }

    private static <P> Connectors.Result send(ChunkSender<P> sender, Connectors.Request request) throws Exception {
        return sender.store(sender.prepare(request)).get();
    }

    private int stored() {
        int count = 0;
        String cursor = null;
        do {
            EventPage page = workspace.events(new EventQuery(null, null, null, null, null, null, 1000, cursor,
                    EventQuery.Order.ASC));
            count += page.events().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        return count;
    }

    @Test
    void storesChunksOfAThousandRecordsAsConnectorIngestWould() throws Exception {
        List<Map<String, Object>> orders = ShopifyOrders.generate(2500, 11);
        int accepted = 0;
        try (ChunkSender<?> sender = BulkChunkSender.of(workspace)) {
            assertThat(sender).isInstanceOf(BulkChunkSender.class);
            for (int from = 0; from < orders.size(); from += 1000) {
                Connectors.Result result = send(sender, request(orders.subList(from, Math.min(from + 1000,
                        orders.size()))));
                assertThat(result.failed()).isZero();
                accepted += result.accepted();
            }
        }
        assertThat(accepted).isEqualTo(2500);
        assertThat(stored()).isEqualTo(2500);
        assertThat(workspace.connectorIngest(request(orders.subList(0, 1000))).duplicates())
                .as("the same events as connectorIngest stores").isEqualTo(1000);
    }

    @Test
    void aChunkWithAnInvalidRecordIsRefusedWithConnectorIngestsExceptionAndNothingOfItIsStored() throws Exception {
        List<Map<String, Object>> orders = new ArrayList<>(ShopifyOrders.generate(1000, 11));
        orders.get(7).put("total_price", "a lot");
        ApiException expected = catchThrowableOfType(ApiException.class,
                () -> workspace.connectorIngest(request(orders)));
        ExecutionException failed;
        try (ChunkSender<?> sender = BulkChunkSender.of(workspace)) {
            failed = catchThrowableOfType(ExecutionException.class, () -> send(sender, request(orders)));
        }

        assertThat(failed.getCause()).isInstanceOf(ApiException.Client.class);
        ApiException refused = (ApiException) failed.getCause();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.details()).isNotEmpty().allMatch(d -> d.index() != null && d.index() == 7);
        assertThat(refused.status()).isEqualTo(expected.status());
        assertThat(refused.getMessage()).isEqualTo(expected.getMessage());
        assertThat(refused.details()).isEqualTo(expected.details());
        assertThat(stored()).isZero();
    }

    @Test
    void anyOtherPortGetsThePlainSender() {
        HeadlessApi remote = (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(),
                new Class<?>[] {HeadlessApi.class}, (p, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        try (ChunkSender<?> sender = BulkChunkSender.of(remote)) {
            assertThat(sender).isNotInstanceOf(BulkChunkSender.class);
        }
    }
}
