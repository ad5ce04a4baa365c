package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Capabilities.Feature;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.domain.FieldError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operating graph's reads over HTTP: parameters and per-segment encoding of the paths, answers
 * read into the api records, problems refused before anything is sent, a server without the paths
 * refused with {@link Feature#ENTITIES}'s sentence, and errors with the server's status and code.
 */
@Timeout(20)
class RemoteApiEntitiesTest extends ScriptedServerTest {
    private static final String ENTITY = """
            {"type":"customer","id":"c1","name":"Ana","properties":{"tier":"gold"},"firstSeen":5,"lastSeen":9,
             "eventCount":3}""";
    private static final String ODD_ID = "acc/1 é 😀 %2F+?#";

    /** The path's segments, each percent-decoded on its own ('+' is a plus in a path). */
    private static List<String> segments(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return Arrays.stream(path.substring(1).split("/", -1))
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void theListSendsItsParametersAndReadsThePage() throws Exception {
        server.enqueue(json(200, "{\"entities\":[" + ENTITY + "],\"nextCursor\":\"n1\",\"proof\":" + PROOF + "}"));
        Entities.Page page = api.entities(new Entities.Query("customer", "ana maria", 5, "c0"));
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/api/entities?type=customer&q=ana%20maria&limit=5&cursor=c0");
        assertThat(page.entities()).containsExactly(new Entities.Entity("customer", "c1", "Ana", Map.of("tier", "gold"),
                5, 9, 3));
        assertThat(page.nextCursor()).isEqualTo("n1");
        assertThat(page.proof().queryId()).isEqualTo("q_9");

        server.enqueue(json(200, "{\"entities\":[],\"nextCursor\":null,\"proof\":" + PROOF + "}"));
        assertThat(api.entities(null).entities()).isEmpty();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/entities");
    }

    @Test
    void theDetailAndTheEventsPutTypeAndIdInOneSegmentEach() throws Exception {
        server.enqueue(json(200, "{\"entity\":" + ENTITY + ",\"relationships\":["
                + "{\"direction\":\"out\",\"relation\":\"in_business\",\"type\":\"business\",\"id\":\"default\","
                + "\"count\":3,\"firstSeen\":5,\"lastSeen\":9},"
                + "{\"direction\":\"in\",\"relation\":\"order.created\",\"type\":\"order\",\"id\":\"o/1\","
                + "\"name\":\"First\",\"count\":1,\"firstSeen\":7,\"lastSeen\":7}],"
                + "\"relationshipCount\":2,\"recentEvents\":[{\"id\":\"e1\",\"event\":\"order.created\","
                + "\"businessId\":\"default\",\"timestamp\":7,\"receivedAt\":8}],\"proof\":" + PROOF + "}"));
        Entities.Detail detail = api.entity("customer type", ODD_ID);
        String target = server.takeRequest().getTarget();
        assertThat(segments(target)).containsExactly("api", "entities", "customer type", ODD_ID);
        assertThat(target).startsWith("/api/entities/customer%20type/acc%2F1%20");
        assertThat(detail.entity().name()).isEqualTo("Ana");
        assertThat(detail.relationships()).extracting(Entities.Relationship::direction,
                        Entities.Relationship::relation, Entities.Relationship::id, Entities.Relationship::name)
                .containsExactly(tuple("out", "in_business", "default", null), tuple("in", "order.created", "o/1",
                        "First"));
        assertThat(detail.relationshipCount()).isEqualTo(2);
        assertThat(detail.recentEvents()).singleElement().satisfies(e -> assertThat(e.id()).isEqualTo("e1"));

        server.enqueue(json(200, "{\"events\":[{\"id\":\"e1\",\"event\":\"order.created\",\"businessId\":\"default\","
                + "\"timestamp\":7,\"receivedAt\":8}],\"nextCursor\":\"k\",\"proof\":" + PROOF + "}"));
        EventPage page = api.entityEvents(new Entities.EventsQuery("customer", ODD_ID, 1, "k0"));
        target = server.takeRequest().getTarget();
        assertThat(segments(target)).containsExactly("api", "entities", "customer", ODD_ID, "events");
        assertThat(target).endsWith("/events?limit=1&cursor=k0");
        assertThat(page.events()).hasSize(1);
        assertThat(page.nextCursor()).isEqualTo("k");
    }

    @Test
    void problemsAreRefusedBeforeAnythingIsSent() {
        assertField(() -> api.entities(new Entities.Query(null, null, 0, null)), "limit");
        assertField(() -> api.entities(new Entities.Query("a\u0000", null, null, null)), "type");
        assertField(() -> api.entities(new Entities.Query(null, "q".repeat(Entities.MAX_Q + 1), null, null)), "q");
        assertField(() -> api.entity("customer", "a\nb"), "id");
        assertField(() -> api.entity("t".repeat(65), "c1"), "type");
        assertField(() -> api.entity(null, "c1"), "type");
        assertField(() -> api.entityEvents(new Entities.EventsQuery("customer", " ", null, null)), "id");
        assertField(() -> api.entity("customer", ".."), "id");
        assertThatThrownBy(() -> api.entityEvents(null)).isInstanceOf(NullPointerException.class);
        assertThat(attempts.get()).as("nothing was sent").isZero();
    }

    @Test
    void aServerWithoutThePathsIsRefusedBeforeAnythingIsSent() {
        api.assumeOffer(ServerOffer.undocumented());
        assertThat(api.capabilities().offers(Feature.ENTITIES)).isFalse();
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> api.entities(Entities.Query.all()),
                () -> api.entity("customer", "c1"),
                () -> api.entityEvents(new Entities.EventsQuery("customer", "c1", null, null)))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.Client.class, e -> {
                assertThat(e.status()).isEqualTo(501);
                assertThat(e.code()).isEqualTo(ErrorCodes.NOT_OFFERED);
                assertThat(e.getMessage()).isEqualTo(Feature.ENTITIES.unavailable());
            });
        }
        assertThat(attempts.get()).isZero();
        api.assumeOffer(Offers.OURS);
        assertThat(api.capabilities().offers(Feature.ENTITIES)).isTrue();
    }

    @Test
    void errorsCarryTheServersStatusCodeAndDetailsAndReadsAreRetried() {
        server.enqueue(json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no entity customer/c2\","
                + "\"details\":[]},\"proof\":" + PROOF + "}"));
        assertThatThrownBy(() -> api.entity("customer", "c2")).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND);
            assertThat(e.getMessage()).contains("customer/c2");
        });
        server.enqueue(json(400, "{\"error\":{\"code\":\"invalid_input\",\"message\":\"invalid cursor\","
                + "\"details\":[{\"field\":\"cursor\",\"code\":\"invalid_value\",\"message\":\"is not a cursor\"}]},"
                + "\"proof\":" + PROOF + "}"));
        assertThatThrownBy(() -> api.entityEvents(new Entities.EventsQuery("customer", "c1", null, "junk")))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field).containsExactly("cursor");
                });
        attempts.set(0);
        server.enqueue(json(503, "{\"error\":{\"code\":\"not_ready\",\"message\":\"stopping\",\"details\":[]}}"));
        server.enqueue(json(200, "{\"entities\":[],\"nextCursor\":null,\"proof\":" + PROOF + "}"));
        assertThat(api.entities(Entities.Query.all()).entities()).isEmpty();
        assertThat(attempts.get()).isEqualTo(2);
        server.enqueue(json(200, "{\"relationships\":[],\"proof\":" + PROOF + "}"));
        assertThatThrownBy(() -> api.entity("customer", "c1")).isInstanceOfSatisfying(ApiException.Server.class,
                e -> assertThat(e.getMessage()).contains("entity"));
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_INPUT);
            assertThat(e.details()).extracting(FieldError::field).contains(field);
        });
    }
}
