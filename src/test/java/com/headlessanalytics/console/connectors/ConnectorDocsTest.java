package com.headlessanalytics.console.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/connectors.md holds one table per provider, generated here from the mapping files: the doc
 * between its two markers must equal what the files say, so mapping and documentation cannot drift.
 * On a difference the expected text is written to {@code target/connectors-mappings.md}.
 */
class ConnectorDocsTest {
    static final String BEGIN = "<!-- mappings:begin (generated from the mapping files; ConnectorDocsTest checks it) -->";
    static final String END = "<!-- mappings:end -->";

    @Test
    void theDocumentedTablesAreTheMappingFiles() throws IOException {
        String expected = tables(ConnectorRegistry.standard());
        String doc = Files.readString(Path.of("docs/connectors.md"), StandardCharsets.UTF_8);
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertThat(from).as("docs/connectors.md has the begin marker").isNotNegative();
        assertThat(to).as("docs/connectors.md has the end marker").isGreaterThan(from);
        String documented = doc.substring(from + BEGIN.length(), to);
        if (!documented.equals(expected)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/connectors-mappings.md"), expected, StandardCharsets.UTF_8);
        }
        assertThat(documented).as("docs/connectors.md tables (expected text in target/connectors-mappings.md)")
                .isEqualTo(expected);
    }

    /** The markdown between the markers: a heading and a table per provider. */
    static String tables(ConnectorRegistry registry) {
        StringBuilder b = new StringBuilder("\n");
        for (ProviderMapping p : registry.all()) {
            b.append("\n### ").append(p.title()).append(" (`").append(p.id()).append("`)\n\n")
                    .append("Category `").append(p.category()).append("`; the provider's documentation: <")
                    .append(p.docs()).append(">.\n\n")
                    .append("| record type | recognised by | envelope field | from the record |\n")
                    .append("|---|---|---|---|\n");
            for (RecordTypeMapping t : p.recordTypes()) {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"`event`", event(t.eventSpec())});
                rows.add(new String[] {"`id`", "`" + p.id() + ":" + t.type() + ":` + " + id(t)});
                rows.add(new String[] {"`source.connector`", "`\"" + p.id() + "\"`"});
                for (FieldSpec s : t.specs()) {
                    rows.add(new String[] {"`" + s.target + "`", spec(s)});
                }
                for (int i = 0; i < rows.size(); i++) {
                    b.append("| ").append(i == 0 ? "`" + t.type() + "`: " + cell(t.description()) : "")
                            .append(" | ").append(i == 0 ? match(t.match()) : "")
                            .append(" | ").append(rows.get(i)[0])
                            .append(" | ").append(cell(rows.get(i)[1])).append(" |\n");
                }
            }
        }
        return b.append('\n').toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String paths(List<RecordPath> paths, String joiner) {
        return paths.stream().map(p -> "`" + p + "`").collect(Collectors.joining(joiner));
    }

    private static String id(RecordTypeMapping t) {
        if (t.idPaths().isEmpty()) {
            return "content hash (no id field)";
        }
        return t.idJoined() ? paths(t.idPaths(), " + `:` + ") : paths(t.idPaths(), " ?? ");
    }

    private static String event(FieldSpec e) {
        if (e.constant != null) {
            return "`" + e.constant + "`";
        }
        return spec(e);
    }

    private static String spec(FieldSpec s) {
        StringBuilder b = new StringBuilder();
        if (s.constant != null) {
            b.append(s.constant instanceof String ? "`\"" + s.constant + "\"`" : "`" + s.constant + "`");
        } else {
            b.append(paths(s.from, " ?? "));
            if (!s.transforms.isEmpty()) {
                b.append(" → ").append(s.transforms.stream()
                        .map(t -> t.kind().name + (t.param() == null ? "" : ":" + t.param()))
                        .collect(Collectors.joining(", ")));
            }
            if (s.currencyFrom != null) {
                b.append(" (exponent of `").append(s.currencyFrom).append("`)");
            }
            if (s.lookup != null) {
                b.append(": ").append(s.lookup.entrySet().stream()
                        .map(en -> en.getKey() + " → `" + en.getValue() + "`").collect(Collectors.joining(", ")));
            }
            if (s.fallback != null) {
                b.append("; otherwise `").append(s.fallback).append("`");
            }
            if (s.required) {
                b.append(" (required)");
            }
        }
        if (s.when != null) {
            b.append(", only when ").append(match(s.when));
        }
        return b.toString();
    }

    private static String match(RecordTypeMapping.Match m) {
        if (m.isEmpty()) {
            return "any record";
        }
        List<String> parts = new ArrayList<>();
        m.present().forEach(p -> parts.add("`" + p + "` present"));
        m.absent().forEach(p -> parts.add("`" + p + "` absent"));
        for (Map.Entry<RecordPath, Object> e : m.equals().entrySet()) {
            parts.add("`" + e.getKey() + "` = `" + e.getValue() + "`");
        }
        for (Map.Entry<RecordPath, Object> e : m.notEquals().entrySet()) {
            parts.add("`" + e.getKey() + "` ≠ `" + e.getValue() + "`");
        }
        return String.join(", ", parts);
    }
}
