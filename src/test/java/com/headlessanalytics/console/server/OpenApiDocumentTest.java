package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The document {@code GET /api/openapi} serves: valid OpenAPI 3.1 by swagger-parser, exactly the
 * routes of {@link Route} (so a route without documentation, or documentation without a route,
 * fails the build), exactly the reference's routes on a reference-only server, and every example
 * valid against its schema (networknt json-schema-validator, OpenAPI 3.1 dialect).
 */
class OpenApiDocumentTest extends ServerTestSupport {
    /** The operations whose examples must include the API reference's own, verbatim. */
    private static final List<String> REFERENCE_EXAMPLES = List.of("POST /api/ingest", "POST /api/trackables",
            "POST /api/metrics/query", "POST /api/graphql", "POST /api/intelligence/agent-context",
            "POST /api/funnels/query", "POST /api/governance/enforce", "POST /api/proof-event-trails/export",
            "POST /api/connectors/ingest", "POST /api/exports/destinations");

    @Test
    void servedWithoutKeyAsJsonWithTheServersOwnAddress() throws Exception {
        Http.Response r = Http.get(url("/api/openapi"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Http.assertJsonContentType(r);
        assertThat(r.queryId()).startsWith("q_");
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo(server.baseUrl());
        assertThat(doc.has("proof")).as("no proof field inside the document").isFalse();
        assertMetered(r, "GET", "/api/openapi");
    }

    @Test
    void swaggerParserFindsNoProblem() throws Exception {
        String json = Http.get(url("/api/openapi")).text();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api).isNotNull();
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("bearerApiKey", "enterpriseJwt", "workspaceId");
        assertThat(api.getSecurity()).hasSize(2);
    }

    @Test
    void documentsExactlyTheRoutes() throws Exception {
        JsonNode doc = Http.get(url("/api/openapi")).json();
        assertThat(operations(doc)).isEqualTo(routeOperations(Arrays.asList(Route.values())));
    }

    @Test
    void extensionOperationsAreMarkedAndReferenceOnesAreNot() throws Exception {
        JsonNode doc = Http.get(url("/api/openapi")).json();
        for (Route route : Route.values()) {
            for (String method : route.methods) {
                JsonNode op = doc.path("paths").path(route.path).path(method.toLowerCase(Locale.ROOT));
                assertThat(op.path(OpenApiRoute.EXTENSION).asBoolean(false))
                        .as("x-ha-extension of %s %s", method, route.path).isEqualTo(!route.reference);
            }
        }
    }

    @Test
    void aReferenceOnlyServerDocumentsExactlyTheReferenceRoutes() throws Exception {
        LocalApiServer only = LocalApiServer.start(backend, config().withReferenceOnly(true));
        try {
            Http.Response r = Http.get(only.baseUrl() + "/api/openapi");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(operations(doc)).isEqualTo(routeOperations(
                    Arrays.stream(Route.values()).filter(route -> route.reference).toList()));
            assertThat(doc.at("/servers/0/url").asText()).isEqualTo(only.baseUrl());
            assertThat(doc.get("paths").toString()).doesNotContain("\"" + OpenApiRoute.EXTENSION + "\"");
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(r.text(), null, new ParseOptions());
            assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        } finally {
            only.stop();
        }
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() throws Exception {
        OpenApiSchemas schemas = new OpenApiSchemas(Http.get(url("/api/openapi")).json());
        JsonNode doc = schemas.document();
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!OpenApiRoute.OPERATIONS.contains(op.getKey())) {
                return;
            }
            String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode body = op.getValue().get("requestBody");
            if (body != null) {
                checked[0] += examples(schemas, where + " request", schemas.resolve(body), problems);
            }
            op.getValue().path("responses").properties().forEach(response -> {
                if (!response.getValue().has("$ref")) {
                    checked[0] += examples(schemas, where + " " + response.getKey(), response.getValue(), problems);
                }
            });
        }));
        doc.path("components").path("responses").properties().forEach(response ->
                checked[0] += examples(schemas, "components/responses/" + response.getKey(), response.getValue(),
                        problems));
        assertThat(problems).as("examples that break their schema").isEmpty();
        assertThat(checked[0]).as("examples checked").isGreaterThan(40);
    }

    @Test
    void theReferencesExamplesAreAmongTheExamples() throws Exception {
        JsonNode doc = Http.get(url("/api/openapi")).json();
        for (String operation : REFERENCE_EXAMPLES) {
            String[] parts = operation.split(" ");
            JsonNode reference = doc.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT))
                    .path("requestBody").path("content").path("application/json").path("examples").path("reference");
            assertThat(reference.path("value").isObject()).as("the reference's example of %s", operation).isTrue();
        }
        JsonNode ingest = doc.at("/paths/~1api~1ingest/post/requestBody/content/application~1json/examples/reference/value");
        assertThat(ingest.toString()).isEqualTo("{\"event\":\"qr.bottle_scanned\",\"actor\":{\"type\":\"customer\","
                + "\"id\":\"anon_123\"},\"object\":{\"type\":\"product\",\"id\":\"olive-oil-500ml\"},\"source\":"
                + "{\"channel\":\"qr\",\"campaign\":\"spring-launch\"},\"properties\":{\"sku\":\"olive-oil-500ml\"}}");
        JsonNode connector = doc.at("/paths/~1api~1connectors~1ingest/post/requestBody/content/application~1json/examples/"
                + "reference/value");
        assertThat(connector).isEqualTo(ApiJson.mapper().readTree("""
                {"provider": "shopify",
                 "records": [{ "id": "order_1", "total_price": 149, "currency": "USD" }]}"""));
        JsonNode export = doc.at("/paths/~1api~1exports~1destinations/post/requestBody/content/application~1json/examples/"
                + "reference/value");
        assertThat(export).isEqualTo(ApiJson.mapper().readTree("""
                {"destination": "bigquery",
                 "limit": 500,
                 "config": {"projectId": "analytics-prod", "datasetId": "headlessanalytics", "tableId": "events"}}"""));
    }

    @Test
    void everyErrorAnswerOfTheIntegrationRoutesIsDocumented() throws Exception {
        JsonNode paths = Http.get(url("/api/openapi")).json().path("paths");
        Map<String, List<String>> statuses = Map.of(
                "post /api/connectors/ingest", List.of("200", "400", "401", "403", "413", "415", "429", "500", "503"),
                "get /api/connectors/providers", List.of("200", "400", "401", "403", "429", "500", "503"),
                "post /api/exports/destinations",
                List.of("201", "400", "401", "403", "413", "415", "429", "500", "502", "503"),
                "get /api/exports/receipts", List.of("200", "400", "401", "403", "429", "500", "503"),
                "post /api/exports/receipts/{id}/retry",
                List.of("201", "400", "401", "403", "404", "409", "413", "415", "429", "500", "502", "503"));
        statuses.forEach((operation, expected) -> {
            String[] parts = operation.split(" ");
            List<String> documented = new ArrayList<>();
            paths.path(parts[1]).path(parts[0]).path("responses").fieldNames().forEachRemaining(documented::add);
            assertThat(documented).as(operation).containsExactlyElementsOf(expected);
        });
        assertThat(paths.at("/~1api~1exports~1destinations/post/responses/502/$ref").asText())
                .isEqualTo("#/components/responses/DestinationFailed");
    }

    /** Checks every example of a request body or response object; the number checked. */
    private static int examples(OpenApiSchemas schemas, String where, JsonNode holder, List<String> problems) {
        int[] checked = {0};
        holder.path("content").properties().forEach(media -> {
            JsonNode schema = media.getValue().get("schema");
            JsonNode example = media.getValue().get("example");
            if (example != null) {
                check(schemas, where + " " + media.getKey() + " example", schema, example, problems);
                checked[0]++;
            }
            media.getValue().path("examples").properties().forEach(named -> {
                JsonNode value = schemas.resolve(named.getValue()).get("value");
                check(schemas, where + " " + media.getKey() + " examples." + named.getKey(), schema, value, problems);
                checked[0]++;
            });
        });
        return checked[0];
    }

    private static void check(OpenApiSchemas schemas, String where, JsonNode schema, JsonNode value,
                              List<String> problems) {
        if (schema == null || value == null) {
            problems.add(where + ": no schema or no value");
            return;
        }
        schemas.problems(schema, value).forEach(p -> problems.add(where + ": " + p));
    }

    /** "METHOD path" of every operation of the document. */
    static Set<String> operations(JsonNode doc) {
        Set<String> ops = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (OpenApiRoute.OPERATIONS.contains(key)) {
                ops.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return ops;
    }

    static Set<String> routeOperations(List<Route> routes) {
        return routes.stream().flatMap(r -> r.methods.stream().map(m -> m + " " + r.path))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
