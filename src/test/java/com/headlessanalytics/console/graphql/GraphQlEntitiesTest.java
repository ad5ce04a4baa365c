package com.headlessanalytics.console.graphql;

import static com.headlessanalytics.console.graphql.GraphQlTesting.allFields;
import static com.headlessanalytics.console.graphql.GraphQlTesting.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code entities} root field over the embedded engine on a real H2 file: the port's pages, field for field. */
class GraphQlEntitiesTest {
    private static final long T0 = 1_794_787_200_000L;

    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;
    final GraphQlService service = new GraphQlService();

    @BeforeEach
    void seed() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", "e-" + i);
            e.put("event", "order.created");
            e.put("timestamp", T0 + i);
            e.put("actor", Map.of("type", "customer", "id", "c" + i, "name", i == 0 ? "Ana" : "Customer " + i));
            e.put("object", Map.of("type", "order", "id", "o-" + i));
            e.put("entity", Map.of("type", "customer", "id", "c" + i, "properties", Map.of("tier", "gold")));
            events.add(e);
        }
        api.ingest(events);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> entities(String arguments, Map<String, Object> variables) {
        String declared = variables.isEmpty() ? "" : "($cursor: String)";
        GraphQl.Response r = service.execute(api, new GraphQl.Request("query" + declared + " { page: entities("
                + arguments + ") " + allFields("EntityPage") + " }", variables, null));
        assertThat(r.body()).as("%s", r.body()).doesNotContainKey("errors");
        assertThat(r.status()).isEqualTo(200);
        return (Map<String, Object>) ((Map<String, Object>) r.body().get("data")).get("page");
    }

    @Test
    void answersThePortsPageAndWalksEveryEntityThroughNextCursor() {
        Map<String, Object> filtered = entities("type: \"customer\", q: \"ANA\"", Map.of());
        assertThat(wire(filtered)).isEqualTo(wire(api.entities(new Entities.Query("customer", "ANA", null, null))));
        assertThat((List<?>) filtered.get("entities")).hasSize(1);
        assertThat(((Map<?, ?>) filtered.get("proof")).containsKey("queryId")).isTrue();

        List<Object> walked = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("cursor", cursor);
            Map<String, Object> page = entities("limit: 3, cursor: $cursor", vars);
            assertThat(wire(page)).isEqualTo(wire(api.entities(new Entities.Query(null, null, 3, cursor))));
            walked.addAll((List<?>) page.get("entities"));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        assertThat(wire(walked)).isEqualTo(wire(api.entities(new Entities.Query(null, null, 500, null)).entities()));
        assertThat(walked).hasSize(11);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBadArgumentIsTheFieldsErrorWithItsDetails() {
        GraphQl.Response r = service.execute(api, new GraphQl.Request(
                "{ entities(limit: 0) { nextCursor } }", Map.of(), null));
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> error = ((List<Map<String, Object>>) r.body().get("errors")).get(0);
        assertThat(error.get("path")).isEqualTo(List.of("entities"));
        Map<String, Object> ext = (Map<String, Object>) error.get("extensions");
        assertThat(ext).containsEntry("code", "invalid_input").containsEntry("status", 400);
        assertThat((List<Map<String, Object>>) ext.get("details")).first()
                .satisfies(d -> assertThat(d).containsEntry("field", "limit"));
    }
}
