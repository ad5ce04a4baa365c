package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.scalars.ExtendedScalars;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The client's GraphQL documents validate against the schema the server serves (graphql/schema.graphqls). */
class GraphQlDocumentsTest {
    static final List<String> NAMES = GraphQlDocuments.NAMES;

    private static GraphQLSchema schema() throws IOException {
        try (InputStream in = GraphQlDocumentsTest.class.getResourceAsStream(
                "/com/headlessanalytics/console/graphql/schema.graphqls")) {
            String sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                    .scalar(ExtendedScalars.newAliasedScalar("JSON").aliasedScalar(ExtendedScalars.Json).build())
                    .scalar(ExtendedScalars.newAliasedScalar("Long").aliasedScalar(ExtendedScalars.GraphQLLong).build())
                    .scalar(ExtendedScalars.newAliasedScalar("BigDecimal").aliasedScalar(ExtendedScalars.GraphQLBigDecimal)
                            .build())
                    .build();
            return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring);
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void validatesAgainstTheSchema(String name) throws IOException {
        ParseAndValidateResult result = ParseAndValidate.parseAndValidate(schema(),
                ExecutionInput.newExecutionInput(GraphQlDocuments.text(name)).build());

        assertThat(result.getSyntaxException()).as(name).isNull();
        assertThat(result.getValidationErrors()).as(name).isEmpty();
    }

    @Test
    void everyDocumentInTheFolderIsListed() throws IOException, URISyntaxException {
        Path folder = Path.of(GraphQlDocuments.class.getResource("graphql").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".graphql", "")))
                    .containsExactlyInAnyOrderElementsOf(NAMES);
        }
    }
}
