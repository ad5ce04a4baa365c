package com.headlessanalytics.console.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.FieldError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each destination's config: required fields, identifiers that cannot inject, and the exact load commands. */
class ExportPlanTest {
    private static final Path FOLDER = Path.of("/data/exports/ws_1/exp_1");

    private static List<FieldError> errors(String destination, Map<String, Object> config) {
        List<FieldError> errors = new ArrayList<>();
        assertNull(ExportPlan.of(destination, config, null, errors));
        return errors;
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    private static ExportPlan plan(String destination, Map<String, Object> config) {
        List<FieldError> errors = new ArrayList<>();
        ExportPlan p = ExportPlan.of(destination, config, null, errors);
        assertEquals(List.of(), errors);
        return p;
    }

    private static List<Exports.File> local(String... names) {
        List<Exports.File> out = new ArrayList<>();
        for (String n : names) {
            out.add(new Exports.File(n, FOLDER.resolve(n).toString(), 1, "00", null));
        }
        return out;
    }

    @Test
    void theReferenceBigQueryExampleWorksAsWritten() {
        ExportPlan p = plan("bigquery", Map.of("projectId", "analytics-prod", "datasetId", "headlessanalytics",
                "tableId", "events"));
        assertEquals(Layout.Kind.BIGQUERY, p.layout().kind());
        assertInstanceOf(LocalDelivery.class, p.delivery());
        assertEquals("bq load --source_format=NEWLINE_DELIMITED_JSON analytics-prod:headlessanalytics.events"
                + " /data/exports/ws_1/exp_1/events.ndjson /data/exports/ws_1/exp_1/schema.json",
                p.loadCommand(FOLDER, local("events.ndjson", "schema.json")));
        assertEquals(FOLDER.toAbsolutePath().toString(), p.location(FOLDER, local("events.ndjson", "schema.json")));
    }

    @Test
    void bigQueryPathsWithSpacesAreShellQuotedAndAGcsStageIsLoadedFrom() {
        ExportPlan p = plan("bigquery", Map.of("projectId", "analytics-prod", "datasetId", "d", "tableId", "t"));
        Path spaced = Path.of("/home/ana/My Data/exports/exp_1");
        List<Exports.File> files = List.of(new Exports.File("events.ndjson", spaced.resolve("events.ndjson").toString(),
                1, "00", null));
        assertEquals("bq load --source_format=NEWLINE_DELIMITED_JSON analytics-prod:d.t"
                + " '/home/ana/My Data/exports/exp_1/events.ndjson' '/home/ana/My Data/exports/exp_1/schema.json'",
                p.loadCommand(spaced, files));

        Map<String, Object> staged = new LinkedHashMap<>(Map.of("projectId", "analytics-prod", "datasetId", "d",
                "tableId", "t", "stage", "gs://my-bucket/loads", "accessKeyId", "GOOG1E", "secretAccessKey", "s3cr3t"));
        ExportPlan s = plan("bigquery", staged);
        assertInstanceOf(S3Delivery.class, s.delivery());
        List<Exports.File> uploaded = List.of(
                new Exports.File("events.ndjson", "gs://my-bucket/loads/exp_1/events.ndjson", 1, "00", null),
                new Exports.File("schema.json", "gs://my-bucket/loads/exp_1/schema.json", 1, "00", null));
        assertEquals("bq load --source_format=NEWLINE_DELIMITED_JSON analytics-prod:d.t"
                + " gs://my-bucket/loads/exp_1/events.ndjson /data/exports/ws_1/exp_1/schema.json",
                s.loadCommand(FOLDER, uploaded));
        assertEquals("gs://my-bucket/loads/exp_1/", s.location(FOLDER, uploaded));
        assertEquals(List.of("config.stage"), fields(errors("bigquery", Map.of("projectId", "analytics-prod",
                "datasetId", "d", "tableId", "t", "stage", "s3://not-for-bigquery/x"))));
    }

    @Test
    void snowflakeCommandsForTheTableStageANamedStageAndAnExternalOne() {
        Map<String, Object> base = Map.of("database", "ANALYTICS", "schema", "PUBLIC", "table", "EVENTS");
        String format = " FILE_FORMAT=(TYPE=CSV FIELD_OPTIONALLY_ENCLOSED_BY='\"' SKIP_HEADER=1 COMPRESSION=GZIP);";
        assertEquals("PUT 'file:///data/exports/ws_1/exp_1/events.csv.gz' @ANALYTICS.PUBLIC.%EVENTS AUTO_COMPRESS=FALSE;\n"
                + "COPY INTO ANALYTICS.PUBLIC.EVENTS FROM @ANALYTICS.PUBLIC.%EVENTS FILES=('events.csv.gz')" + format,
                plan("snowflake", base).loadCommand(FOLDER, local("events.csv.gz")));

        Map<String, Object> named = new LinkedHashMap<>(base);
        named.put("stage", "@raw_stage");
        assertEquals("PUT 'file:///data/exports/ws_1/exp_1/events.csv.gz' @raw_stage/exp_1 AUTO_COMPRESS=FALSE;\n"
                + "COPY INTO ANALYTICS.PUBLIC.EVENTS FROM @raw_stage/exp_1 FILES=('events.csv.gz')" + format,
                plan("snowflake", named).loadCommand(FOLDER, local("events.csv.gz")));

        Map<String, Object> external = new LinkedHashMap<>(base);
        external.put("stage", "gs://wh-loads/snow");
        external.put("storageIntegration", "GCS_INT");
        external.put("accessKeyId", "GOOG1E");
        external.put("secretAccessKey", "s3cr3t");
        ExportPlan p = plan("snowflake", external);
        assertInstanceOf(S3Delivery.class, p.delivery());
        assertEquals("COPY INTO ANALYTICS.PUBLIC.EVENTS FROM 'gcs://wh-loads/snow/exp_1/' STORAGE_INTEGRATION=GCS_INT"
                + " FILES=('events.csv.gz')" + format, p.loadCommand(FOLDER, List.of(new Exports.File("events.csv.gz",
                "gs://wh-loads/snow/exp_1/events.csv.gz", 1, "00", null))));
    }

    @Test
    void redshiftCopiesFromTheUploadedFileWithItsRole() {
        Map<String, Object> c = new LinkedHashMap<>(Map.of("schema", "public", "table", "events", "iamRole",
                "arn:aws:iam::123456789012:role/RedshiftLoad", "stage", "s3://wh-loads/redshift", "region", "eu-west-1"));
        ExportPlan p = plan("redshift", c);
        assertEquals(Layout.Kind.CSV_GZIP, p.layout().kind());
        assertTrue(p.layout().epochMillis());
        assertEquals("COPY public.events FROM 's3://wh-loads/redshift/exp_1/events.csv.gz'"
                + " IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftLoad' FORMAT AS CSV GZIP IGNOREHEADER 1"
                + " TIMEFORMAT 'epochmillisecs' REGION 'eu-west-1';", p.loadCommand(FOLDER, List.of(new Exports.File(
                "events.csv.gz", "s3://wh-loads/redshift/exp_1/events.csv.gz", 1, "00", null))));
        c.remove("stage");
        assertEquals(List.of("config.stage"), fields(errors("redshift", c)));
    }

    @Test
    void identifiersThatCouldInjectAreRefusedNamingTheirField() {
        assertEquals(List.of("config.projectId", "config.datasetId", "config.tableId"), fields(errors("bigquery",
                Map.of())));
        assertEquals(List.of("config.tableId"), fields(errors("bigquery", Map.of("projectId", "analytics-prod",
                "datasetId", "d", "tableId", "events; rm -rf /"))));
        assertEquals(List.of("config.projectId"), fields(errors("bigquery", Map.of("projectId", "$(whoami)",
                "datasetId", "d", "tableId", "t"))));
        assertEquals(List.of("config.table"), fields(errors("snowflake", Map.of("database", "A", "schema", "B",
                "table", "E; DROP TABLE X"))));
        assertEquals(List.of("config.schema"), fields(errors("snowflake", Map.of("database", "A", "schema", "\"B\"",
                "table", "E"))));
        assertEquals(List.of("config.stage"), fields(errors("snowflake", Map.of("database", "A", "schema", "B",
                "table", "E", "stage", "@x' ; DROP"))));
        assertEquals(List.of("config.iamRole"), fields(errors("redshift", Map.of("schema", "s", "table", "t",
                "iamRole", "arn' CREDENTIALS 'x", "stage", "s3://b1b/x"))));
        assertEquals(List.of("config.database"), fields(errors("snowflake", Map.of("database", 42, "schema", "B",
                "table", "E"))));
    }

    @Test
    void objectStorageFormatAndSplitAndDeliveryErrors() {
        ExportPlan jsonl = plan("s3", Map.of("bucket", "my-bucket"));
        assertEquals(Layout.Kind.JSONL_OBJECTS, jsonl.layout().kind());
        assertEquals(Layout.DEFAULT_MAX_OBJECT_EVENTS, jsonl.layout().maxObjectEvents());
        assertNull(jsonl.loadCommand(FOLDER, List.of()));
        ExportPlan parquet = plan("gcs", Map.of("bucket", "my-bucket", "format", "parquet", "maxObjectEvents", 10,
                "accessKeyId", "GOOG1E", "secretAccessKey", "s3cr3t"));
        assertEquals(Layout.Kind.PARQUET_OBJECTS, parquet.layout().kind());
        assertEquals(10, parquet.layout().maxObjectEvents());
        assertEquals("parquet", parquet.layout().format());
        assertEquals(List.of("config.format", "config.maxObjectEvents", "config.bucket"), fields(errors("s3",
                Map.of("format", "avro", "maxObjectEvents", 0))));
        List<FieldError> https = errors("https", Map.of("url", "http://plain.example.com"));
        assertEquals(List.of("config.url"), fields(https));
        assertNotNull(plan("https", Map.of("url", "https://hooks.example.com/in")).delivery());
    }
}
