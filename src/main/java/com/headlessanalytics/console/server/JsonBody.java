package com.headlessanalytics.console.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.domain.FieldError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/**
 * The JSON body of a query request (e.g. {@code Funnels.Query}), read strictly into its record:
 * syntax problems are 400 {@code malformed_json}; a wrong type, an unknown field or a number out
 * of range is 400 {@code invalid_input} naming the field as the port's own checks do
 * ({@code steps[0].event}). Nothing is coerced: {@code "5"} is not an integer, {@code 5} is not a
 * string, {@code 1.5} is not an integer; except money, whose exact decimal ({@code BigDecimal}) is
 * accepted as a JSON number or a string (PRODUCT.md §5). The rules of each field stay with the record's
 * {@code checks()}, which the port applies. A JSON object field (a decision's {@code proposedAction})
 * keeps its decimals as sent.
 */
public final class JsonBody {
    private static final ObjectMapper STRICT = strictMapper();
    /** Decimals stay as sent: 2.50 is not shortened to 2.5. */
    private static final ObjectReader TREE = ApiJson.mapper().reader()
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private JsonBody() {
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = ApiJson.mapper().copy();
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail);
        m.coercionConfigFor(BigDecimal.class)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        return m;
    }

    /** Reads the first {@code length} bytes of {@code body} as one JSON object of {@code type}. */
    public static <T> T read(byte[] body, int length, Class<T> type) {
        if (length == 0) {
            throw IngestBody.malformed("the request body is empty; send a JSON object");
        }
        int bad = IngestBody.firstInvalidUtf8(body, length);
        if (bad >= 0) {
            throw IngestBody.malformed(body[bad] == 0
                    ? "the request body contains a NUL byte at offset " + bad
                    : "the request body is not valid UTF-8 (at byte offset " + bad + ")");
        }
        JsonNode tree;
        try {
            tree = TREE.readTree(body, 0, length);
        } catch (IOException e) {
            throw IngestBody.malformed(IngestBody.describe(e));
        }
        if (tree == null || !tree.isObject()) {
            throw IngestBody.malformed("the request body must be a JSON object, got " + typeOf(tree));
        }
        ObjectReader reader = STRICT.readerFor(type)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        try {
            return reader.readValue(tree);
        } catch (JsonMappingException e) {
            FieldError problem = problem(e, tree);
            throw ApiException.invalid("invalid field '" + problem.field() + "': " + problem.message(),
                    List.of(problem));
        } catch (IOException e) {
            throw IngestBody.malformed(IngestBody.describe(e));
        }
    }

    private static FieldError problem(JsonMappingException e, JsonNode tree) {
        String field = fieldOf(e);
        if (e instanceof UnrecognizedPropertyException u) {
            return new FieldError(null, field, "unknown_field",
                    "is not a field of this request (fields: " + known(u.getKnownPropertyIds()) + ")");
        }
        JsonNode actual = nodeAt(tree, e.getPath());
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            if (actual == null || actual.isNull()) {
                return new FieldError(null, field, "required", "is required");
            }
            return new FieldError(null, field, "invalid_type",
                    "must be " + expected(m.getTargetType()) + ", got " + typeOf(actual));
        }
        return new FieldError(null, field, "invalid_value", actual != null && actual.isNumber()
                ? "is out of range" : "cannot be read as this field");
    }

    /** The path of the field the way {@code Checks} names it: {@code funnel.steps[0].event}. */
    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(QueryString.safeName(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static JsonNode nodeAt(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : path) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName())
                    : ref.getIndex() >= 0 ? node.get(ref.getIndex()) : null;
        }
        return node;
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return "an object";
    }

    private static String typeOf(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? "an integer" : "a decimal number";
        }
        return node.isArray() ? "an array" : "an object";
    }

    private static String known(Collection<Object> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).sorted().toList());
    }
}
