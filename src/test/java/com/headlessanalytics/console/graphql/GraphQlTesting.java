package com.headlessanalytics.console.graphql;

import com.headlessanalytics.console.api.ApiJson;
import graphql.language.FieldDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared by the GraphQL tests: full selections from the schema, and answers compared as the wire JSON. */
public final class GraphQlTesting {
    private static final TypeDefinitionRegistry TYPES = new SchemaParser().parse(GraphQlService.schemaSdl());

    private GraphQlTesting() {
    }

    /**
     * Every field of {@code type}, nested, as a selection set: fields that take a required argument
     * (funnel actors, plan violations) and the named ones in {@code skip} are left out.
     */
    public static String allFields(String type, String... skip) {
        return select(type, Set.of(skip));
    }

    private static String select(String type, Set<String> skip) {
        ObjectTypeDefinition def = TYPES.getType(type, ObjectTypeDefinition.class)
                .orElseThrow(() -> new IllegalArgumentException("no object type " + type));
        StringBuilder sb = new StringBuilder("{ ");
        for (FieldDefinition field : def.getFieldDefinitions()) {
            if (skip.contains(field.getName()) || skip.contains(type + "." + field.getName())
                    || field.getInputValueDefinitions().stream().anyMatch(a -> a.getType() instanceof NonNullType)) {
                continue;
            }
            sb.append(field.getName());
            String named = named(field.getType());
            if (TYPES.getType(named, ObjectTypeDefinition.class).isPresent()) {
                sb.append(' ').append(select(named, skip));
            }
            sb.append(' ');
        }
        return sb.append('}').toString();
    }

    private static String named(Type<?> type) {
        if (type instanceof NonNullType n) {
            return named(n.getType());
        }
        if (type instanceof ListType l) {
            return named(l.getType());
        }
        return ((TypeName) type).getName();
    }

    /**
     * {@code value} as the wire JSON reads back, with null members and {@code proof} left out (a
     * REST answer omits nulls; each call has its own proof), so a GraphQL answer and a REST answer
     * of the same data compare equal.
     */
    public static Object wire(Object value) {
        return strip(ApiJson.read(ApiJson.write(value)));
    }

    private static Object strip(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null && !"proof".equals(k)) {
                    out.put((String) k, strip(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(strip(v)));
            return out;
        }
        return value;
    }
}
