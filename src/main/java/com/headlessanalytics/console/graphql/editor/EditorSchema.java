package com.headlessanalytics.console.graphql.editor;

import com.headlessanalytics.console.graphql.GraphQlService;
import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.util.Map;

/**
 * A GraphQL schema as the editor knows it: types, fields, arguments and descriptions for checking
 * and completing documents; it runs nothing. Built from SDL text or from a server's introspection
 * answer. Immutable and safe to share between threads.
 */
public final class EditorSchema {
    private final GraphQLSchema schema;
    private final String origin;

    private EditorSchema(GraphQLSchema schema, String origin) {
        this.schema = schema;
        this.origin = origin;
    }

    /**
     * The schema of SDL text.
     *
     * @throws IllegalArgumentException when the text is not a valid schema
     */
    public static EditorSchema fromSdl(String sdl, String origin) {
        try {
            TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
            return new EditorSchema(UnExecutableSchemaGenerator.makeUnExecutableSchema(types), origin);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The GraphQL schema of " + origin + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /**
     * The schema a server described in its answer to {@link #introspectionQuery()}: the answer's
     * {@code data} (holding {@code __schema}).
     *
     * @throws IllegalArgumentException when the answer describes no schema
     */
    public static EditorSchema fromIntrospection(Map<String, Object> data, String origin) {
        if (data == null || !(data.get("__schema") instanceof Map)) {
            throw new IllegalArgumentException(origin + " answered the introspection query without a schema");
        }
        try {
            Document document = new IntrospectionResultToSchema().createSchemaDefinition(data);
            TypeDefinitionRegistry types = new SchemaParser().buildRegistry(document);
            return new EditorSchema(UnExecutableSchemaGenerator.makeUnExecutableSchema(types), origin);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The schema " + origin + " described cannot be read: " + e.getMessage(),
                    e);
        }
    }

    /** The console's own schema, the one serve mode answers with. */
    public static EditorSchema bundled() {
        return fromSdl(bundledSdl(), "the console");
    }

    /** The SDL text of the console's schema ({@link GraphQlService#schemaSdl()}). */
    public static String bundledSdl() {
        return GraphQlService.schemaSdl();
    }

    /** The standard introspection query, whose answer {@link #fromIntrospection} reads. */
    public static String introspectionQuery() {
        return IntrospectionQuery.INTROSPECTION_QUERY;
    }

    /** Where the schema came from, for the status line (e.g. "the console", a server's address). */
    public String origin() {
        return origin;
    }

    GraphQLSchema schema() {
        return schema;
    }
}
