package com.headlessanalytics.console.exports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The BigQuery schema file ({@code schema.json}): one field per column, as {@code bq load} reads it. */
public final class BigQuerySchema {
    private BigQuerySchema() {
    }

    /** One field: name, type (STRING, INT64, FLOAT64, NUMERIC, BOOL, TIMESTAMP, JSON) and mode. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String name, String type, String mode, String description) {
    }

    public static List<Field> of(Columns columns) {
        return columns.columns().stream().map(c -> new Field(c.name(), c.type().name(),
                c.required() ? "REQUIRED" : "NULLABLE", c.description())).toList();
    }
}
