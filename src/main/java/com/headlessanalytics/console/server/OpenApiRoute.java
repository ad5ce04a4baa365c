package com.headlessanalytics.console.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.headlessanalytics.console.api.Proof;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/openapi}: the OpenAPI 3.1 document of the routes this server answers (docs/api.md, OpenAPI).
 * The document is {@code openapi.yaml} beside this class, read once and served as JSON with
 * {@code servers[0].url} set to the server's own address. A reference-only server serves it without
 * the operations marked {@code x-ha-extension} (and without the paths they leave empty).
 */
final class OpenApiRoute {
    static final String RESOURCE = "openapi.yaml";
    static final String EXTENSION = "x-ha-extension";
    /** The methods an OpenAPI path item may hold, as its keys. */
    static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final ObjectNode FULL = load();
    private static final ObjectNode REFERENCE = withoutExtensions(FULL);

    private OpenApiRoute() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    static Answer answer(ServeConfig config, String baseUrl, AnalyticsRoutes.Request request) {
        request.params(Set.of());
        return new Answer(200, document(config.referenceOnly(), baseUrl), request.proof());
    }

    /** A fresh copy of the document: every route, or only the reference's; served from {@code baseUrl}. */
    static ObjectNode document(boolean referenceOnly, String baseUrl) {
        ObjectNode doc = (referenceOnly ? REFERENCE : FULL).deepCopy();
        ArrayNode servers = doc.putArray("servers");
        servers.addObject().put("url", baseUrl).put("description", "this server");
        return doc;
    }

    private static ObjectNode load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in);
            if (!(doc instanceof ObjectNode object) || !object.path("paths").isObject()) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " has no paths");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + RESOURCE + " cannot be read", e);
        }
    }

    /** {@code doc} without the extension operations, and without paths that are left with none. */
    private static ObjectNode withoutExtensions(ObjectNode doc) {
        ObjectNode copy = doc.deepCopy();
        ObjectNode paths = (ObjectNode) copy.get("paths");
        List<String> empty = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            ObjectNode item = (ObjectNode) path.getValue();
            List<String> extensions = new ArrayList<>();
            item.fields().forEachRemaining(op -> {
                if (OPERATIONS.contains(op.getKey()) && op.getValue().path(EXTENSION).asBoolean(false)) {
                    extensions.add(op.getKey());
                }
            });
            item.remove(extensions);
            List<String> left = new ArrayList<>();
            item.fieldNames().forEachRemaining(left::add);
            if (left.stream().noneMatch(OPERATIONS::contains)) {
                empty.add(path.getKey());
            }
        }
        paths.remove(empty);
        return copy;
    }
}
