package com.headlessanalytics.console.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schemas of an OpenAPI 3.1 document, checked with networknt's json-schema-validator in its
 * OpenAPI 3.1 dialect (JSON Schema 2020-12 plus the OAS vocabulary). A schema is validated inside a
 * copy of the document's {@code components}, so its {@code #/components/schemas/…} references resolve.
 */
final class OpenApiSchemas {
    /**
     * The OpenAPI 3.1 dialect, with {@code components} (where the wrapped document's schemas live) ignored
     * and any other unknown keyword an error: a misspelt keyword would otherwise be ignored silently.
     */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getOpenApi31())
                    .keyword(new NonValidationKeyword("components"))
                    .unknownKeywordFactory((keyword, context) -> {
                        throw new AssertionError("unknown JSON Schema keyword '" + keyword + "' in the OpenAPI document");
                    })
                    .build());

    private final JsonNode document;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    OpenApiSchemas(JsonNode document) {
        this.document = document;
    }

    JsonNode document() {
        return document;
    }

    /** What is wrong with {@code instance} under {@code schema} (a schema object of the document); empty when valid. */
    List<String> problems(JsonNode schema, JsonNode instance) {
        String schemaText = ApiJson.write(schema);
        Schema s = compiled.computeIfAbsent(schemaText, text -> {
            ObjectNode wrapper = ((ObjectNode) schema).deepCopy();
            wrapper.set("components", document.get("components"));
            return REGISTRY.getSchema(ApiJson.write(wrapper), InputFormat.JSON);
        });
        List<Error> errors = s.validate(ApiJson.write(instance), InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** A node, following one local {@code $ref} ({@code #/components/…}) when it is a reference. */
    JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asText();
        if (!pointer.startsWith("#/")) {
            throw new AssertionError("not a local reference: " + pointer);
        }
        JsonNode target = document.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new AssertionError("unresolved reference " + pointer);
        }
        return resolve(target);
    }

    /** The operation of {@code method} on {@code pathTemplate}, or a missing node. */
    JsonNode operation(String pathTemplate, String method) {
        return document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
    }

    /**
     * The JSON schema documented for {@code status} of an operation; an AssertionError naming the
     * route when the status, or its JSON content, is not documented.
     */
    JsonNode responseSchema(String pathTemplate, String method, int status) {
        JsonNode op = operation(pathTemplate, method);
        if (op.isMissingNode()) {
            throw new AssertionError(method + " " + pathTemplate + " is not documented");
        }
        JsonNode response = op.path("responses").get(Integer.toString(status));
        if (response == null) {
            throw new AssertionError(method + " " + pathTemplate + " answered " + status
                    + ", a status its documentation does not list");
        }
        JsonNode schema = resolve(response).path("content").path("application/json").get("schema");
        if (schema == null) {
            throw new AssertionError(method + " " + pathTemplate + " " + status + " documents no JSON body");
        }
        return schema;
    }
}
