package com.headlessanalytics.console.exports;

import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.FieldError;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * How one destination's export is written and delivered, read from its {@code config}
 * (docs/exports.md, Destinations): the files, the delivery, and the warehouse load command.
 * Every config value that reaches a command is checked against a strict pattern, so a config
 * cannot inject SQL or shell syntax.
 */
public final class ExportPlan {
    public static final int MAX_OBJECT_EVENTS = 1_000_000;
    private static final Pattern BQ_PROJECT = Pattern.compile("([a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern BQ_DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    private static final Pattern BQ_TABLE = Pattern.compile("[A-Za-z0-9_-]{1,1024}");
    private static final Pattern SQL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,126}");
    private static final Pattern SNOWFLAKE_STAGE = Pattern.compile(
            "@?[A-Za-z_][A-Za-z0-9_$]{0,254}(\\.[A-Za-z_][A-Za-z0-9_$]{0,254}){0,2}");
    private static final Pattern IAM_ROLE = Pattern.compile(
            "arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    private static final Pattern SAFE_SHELL = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");
    private static final String SNOWFLAKE_CSV = "FILE_FORMAT=(TYPE=CSV FIELD_OPTIONALLY_ENCLOSED_BY='\"'"
            + " SKIP_HEADER=1 COMPRESSION=GZIP)";

    private final String destination;
    private final Layout layout;
    private final Delivery delivery;
    private final Map<String, String> names;
    private final String stage;

    private ExportPlan(String destination, Layout layout, Delivery delivery, Map<String, String> names, String stage) {
        this.destination = destination;
        this.layout = layout;
        this.delivery = delivery;
        this.names = names;
        this.stage = stage;
    }

    public String destination() {
        return destination;
    }

    public Layout layout() {
        return layout;
    }

    public Delivery delivery() {
        return delivery;
    }

    /**
     * The plan {@code config} describes for {@code destination} (one of {@link Exports#DESTINATIONS}),
     * or null after adding one error per bad field, named {@code config.<field>}. {@code tls}: the
     * TLS context of HTTPS deliveries (null: the JDK's trust store).
     */
    public static ExportPlan of(String destination, Map<String, Object> config, SSLContext tls,
                                List<FieldError> errors) {
        Map<String, Object> c = config == null ? Map.of() : config;
        int before = errors.size();
        Map<String, String> names = new LinkedHashMap<>();
        Layout layout;
        Delivery delivery = new LocalDelivery();
        String stage = null;
        switch (destination) {
            case "bigquery" -> {
                name(c, "projectId", BQ_PROJECT, "a BigQuery project id (e.g. analytics-prod)", names, errors);
                name(c, "datasetId", BQ_DATASET, "a BigQuery dataset id: letters, digits and underscores", names,
                        errors);
                name(c, "tableId", BQ_TABLE, "a BigQuery table id: letters, digits, underscores and hyphens", names,
                        errors);
                layout = Layout.bigQuery();
                stage = stageUrl(c, List.of("gs"), errors);
            }
            case "snowflake" -> {
                name(c, "database", SQL_NAME, "a Snowflake identifier (letters, digits, _ and $)", names, errors);
                name(c, "schema", SQL_NAME, "a Snowflake identifier (letters, digits, _ and $)", names, errors);
                name(c, "table", SQL_NAME, "a Snowflake identifier (letters, digits, _ and $)", names, errors);
                optionalName(c, "storageIntegration", SQL_NAME, "a Snowflake storage integration name", names, errors);
                layout = Layout.csv(false);
                Object s = c.get("stage");
                if (s instanceof String text && !text.contains("://")) {
                    if (SNOWFLAKE_STAGE.matcher(text).matches()) {
                        names.put("namedStage", text.startsWith("@") ? text.substring(1) : text);
                    } else {
                        errors.add(invalid("stage", "must be a Snowflake stage name (e.g. @my_stage or"
                                + " db.schema.my_stage) or an s3:// or gs:// URL"));
                    }
                } else {
                    stage = stageUrl(c, List.of("s3", "gs"), errors);
                }
            }
            case "redshift" -> {
                name(c, "schema", SQL_NAME, "a Redshift identifier (letters, digits, _ and $)", names, errors);
                name(c, "table", SQL_NAME, "a Redshift identifier (letters, digits, _ and $)", names, errors);
                name(c, "iamRole", IAM_ROLE, "an IAM role ARN (arn:aws:iam::123456789012:role/name)", names, errors);
                optionalName(c, "region", REGION, "an AWS region (e.g. us-east-1)", names, errors);
                layout = Layout.csv(true);
                if (c.get("stage") == null) {
                    errors.add(new FieldError(null, "config.stage", "required", "is required: the s3:// URL Redshift"
                            + " loads the file from (e.g. s3://my-bucket/exports); the file is uploaded there"));
                } else {
                    stage = stageUrl(c, List.of("s3"), errors);
                }
            }
            case "s3", "gcs" -> {
                layout = objectLayout(c, errors);
                delivery = S3Delivery.fromConfig(c, destination.equals("gcs"), errors);
            }
            case "https" -> {
                layout = Layout.jsonl();
                delivery = HttpsDelivery.fromConfig(c, tls, errors);
            }
            default -> throw new IllegalArgumentException("Not a destination: " + destination);
        }
        if (stage != null) {
            delivery = stageDelivery(c, stage, errors);
        }
        if (errors.size() > before) {
            return null;
        }
        return new ExportPlan(destination, layout, delivery, names, stage);
    }

    /**
     * The exact command that loads the delivered files into the warehouse, or null for s3, gcs and
     * https. {@code folder} is where the files were staged; {@code delivered} where they went.
     */
    public String loadCommand(Path folder, List<Exports.File> delivered) {
        return switch (destination) {
            case "bigquery" -> "bq load --source_format=NEWLINE_DELIMITED_JSON " + names.get("projectId") + ':'
                    + names.get("datasetId") + '.' + names.get("tableId") + ' '
                    + shell(location(delivered, "events.ndjson")) + ' '
                    + shell(folder.resolve(StagingWriter.SCHEMA).toAbsolutePath().toString());
            case "snowflake" -> snowflake(folder, delivered);
            case "redshift" -> "COPY " + names.get("schema") + '.' + names.get("table") + " FROM '"
                    + location(delivered, "events.csv.gz") + "' IAM_ROLE '" + names.get("iamRole")
                    + "' FORMAT AS CSV GZIP IGNOREHEADER 1 TIMEFORMAT 'epochmillisecs'"
                    + (names.containsKey("region") ? " REGION '" + names.get("region") + "'" : "") + ";";
            default -> null;
        };
    }

    private String snowflake(Path folder, List<Exports.File> delivered) {
        String table = names.get("database") + '.' + names.get("schema") + '.' + names.get("table");
        if (stage != null) {
            String url = location(delivered, "events.csv.gz");
            String dir = url.substring(0, url.lastIndexOf('/') + 1);
            return "COPY INTO " + table + " FROM '" + (dir.startsWith("gs://") ? "gcs://" + dir.substring(5) : dir)
                    + "'" + (names.containsKey("storageIntegration") ? " STORAGE_INTEGRATION="
                    + names.get("storageIntegration") : "") + " FILES=('events.csv.gz') " + SNOWFLAKE_CSV + ";";
        }
        String file = folder.resolve("events.csv.gz").toAbsolutePath().toString().replace('\\', '/');
        String put = "PUT 'file://" + file.replace("'", "\\'") + "' ";
        String target = names.containsKey("namedStage") ? "@" + names.get("namedStage") + "/" + folder.getFileName()
                : "@" + names.get("database") + '.' + names.get("schema") + ".%" + names.get("table");
        return put + target + " AUTO_COMPRESS=FALSE;\nCOPY INTO " + table + " FROM " + target
                + " FILES=('events.csv.gz') " + SNOWFLAKE_CSV + ";";
    }

    /**
     * The receipt's location: the staging folder when the files stay there, the URL posted to for
     * https, else the folder the files were uploaded to ({@code s3://bucket/prefix/exportId/}).
     */
    public String location(Path folder, List<Exports.File> delivered) {
        if (delivery instanceof LocalDelivery || delivered.isEmpty() || delivered.get(0).location() == null) {
            return folder.toAbsolutePath().toString();
        }
        String first = delivered.get(0).location();
        return destination.equals("https") ? first : first.substring(0, first.lastIndexOf('/') + 1);
    }

    private static String location(List<Exports.File> delivered, String name) {
        return delivered.stream().filter(f -> f.name().equals(name)).map(Exports.File::location).findFirst()
                .orElseThrow(() -> new IllegalStateException("No " + name + " was delivered"));
    }

    /** Single quotes around a path that holds characters a shell would read. */
    static String shell(String path) {
        return SAFE_SHELL.matcher(path).matches() ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    private static Layout objectLayout(Map<String, Object> c, List<FieldError> errors) {
        Object format = c.get("format");
        boolean parquet = false;
        if (format != null) {
            if ("parquet".equals(format)) {
                parquet = true;
            } else if (!"jsonl".equals(format)) {
                errors.add(invalid("format", "must be \"jsonl\" (the default) or \"parquet\""));
            }
        }
        int max = Layout.DEFAULT_MAX_OBJECT_EVENTS;
        Object m = c.get("maxObjectEvents");
        if (m != null) {
            if (m instanceof Integer n && n >= 1 && n <= MAX_OBJECT_EVENTS) {
                max = n;
            } else {
                errors.add(invalid("maxObjectEvents", "must be a whole number from 1 to " + MAX_OBJECT_EVENTS));
            }
        }
        return Layout.objects(parquet, max);
    }

    /** An s3:// (or gs://) stage URL, checked; null when absent or bad. */
    private static String stageUrl(Map<String, Object> c, List<String> schemes, List<FieldError> errors) {
        Object v = c.get("stage");
        if (v == null) {
            return null;
        }
        String allowed = String.join(" or ", schemes.stream().map(s -> s + "://").toList());
        if (!(v instanceof String s) || s.length() > 1024) {
            errors.add(invalid("stage", "must be a " + allowed + " URL of a bucket and an optional folder"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                || s.contains("'")) {
            errors.add(invalid("stage", "must be a " + allowed + " URL of a bucket and an optional folder"
                    + " (e.g. " + schemes.get(0) + "://my-bucket/exports)"));
            return null;
        }
        return s;
    }

    /** Uploads to the stage URL through {@link S3Delivery}; its bucket and prefix errors name config.stage. */
    private static Delivery stageDelivery(Map<String, Object> c, String stage, List<FieldError> errors) {
        URI uri = URI.create(stage);
        Map<String, Object> s3 = new LinkedHashMap<>(c);
        s3.remove("stage");
        s3.put("bucket", uri.getHost());
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (path.isEmpty()) {
            s3.remove("prefix");
        } else {
            s3.put("prefix", path);
        }
        List<FieldError> found = new java.util.ArrayList<>();
        S3Delivery d = S3Delivery.fromConfig(s3, uri.getScheme().equals("gs"), found);
        for (FieldError e : found) {
            boolean ours = "config.bucket".equals(e.field()) || "config.prefix".equals(e.field());
            errors.add(ours ? new FieldError(e.index(), "config.stage", e.code(), e.message()) : e);
        }
        return d;
    }

    private static void name(Map<String, Object> c, String field, Pattern pattern, String what,
                             Map<String, String> names, List<FieldError> errors) {
        Object v = c.get(field);
        if (v == null || "".equals(v)) {
            errors.add(new FieldError(null, "config." + field, "required", "is required: " + what));
        } else {
            check(v, field, pattern, what, names, errors);
        }
    }

    private static void optionalName(Map<String, Object> c, String field, Pattern pattern, String what,
                                     Map<String, String> names, List<FieldError> errors) {
        Object v = c.get(field);
        if (v != null) {
            check(v, field, pattern, what, names, errors);
        }
    }

    private static void check(Object v, String field, Pattern pattern, String what, Map<String, String> names,
                              List<FieldError> errors) {
        if (v instanceof String s && pattern.matcher(s).matches()) {
            names.put(field, s);
        } else {
            errors.add(invalid(field, "must be " + what));
        }
    }

    private static FieldError invalid(String field, String message) {
        return new FieldError(null, "config." + field, "invalid_value", message);
    }
}
