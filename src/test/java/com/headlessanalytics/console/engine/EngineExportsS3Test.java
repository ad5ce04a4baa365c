package com.headlessanalytics.console.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.HeadlessApi;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Exports uploaded to an S3-compatible server the test starts (S3Proxy on a filesystem backend):
 * Parquet objects read back from the bucket through DuckDB, and a Redshift export whose COPY names
 * the uploaded file.
 */
class EngineExportsS3Test {
    private static final String KEY_ID = "test-key-id";
    private static final String SECRET = "test-secret-access-key-0815";
    private static final String BUCKET = "wh-loads";

    @TempDir
    Path dir;
    private S3Proxy proxy;
    private S3Client s3;
    private Engine engine;
    private HeadlessApi api;

    @BeforeEach
    void start() throws Exception {
        Path blobs = Files.createDirectories(dir.resolve("blobs"));
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", blobs.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET).build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(endpoint()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        engine = Engine.open(dir.resolve("data"));
        api = engine.defaultWorkspace();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(Map.of("id", "evt_" + i, "event", "order.created", "timestamp", 1_760_000_000_000L + i,
                    "properties", Map.of("total", i + ".25", "currency", "USD")));
        }
        api.ingest(batch);
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        s3.close();
        proxy.stop();
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    private Map<String, Object> s3Config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("endpoint", endpoint().toString());
        c.put("region", "us-east-1");
        c.put("accessKeyId", KEY_ID);
        c.put("secretAccessKey", SECRET);
        return c;
    }

    @Test
    void parquetObjectsAreUploadedUnderThePrefixAndReadBackFromTheBucket() throws Exception {
        Map<String, Object> config = s3Config();
        config.put("bucket", BUCKET);
        config.put("prefix", "events/daily");
        config.put("format", "parquet");
        config.put("maxObjectEvents", 10);
        Exports.Receipt r = api.exportToDestination(new Exports.Request("s3", 100, null, null, null, null, config))
                .receipt();
        assertEquals(Exports.SUCCEEDED, r.status());
        assertEquals(25, r.count());
        assertEquals("parquet", r.format());
        assertEquals("s3://" + BUCKET + "/events/daily/" + r.exportId() + "/", r.location());
        assertFalse(ApiJson.write(r).contains(SECRET));

        List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("events/daily/" + r.exportId() + "/"))
                .contents().stream().map(S3Object::key).sorted().toList();
        String base = "events/daily/" + r.exportId() + "/";
        assertEquals(List.of(base + "_manifest.json", base + "events-00000.parquet", base + "events-00001.parquet",
                base + "events-00002.parquet"), keys);
        Path local = Files.createDirectories(dir.resolve("downloaded"));
        for (Exports.File f : r.files()) {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(base + f.name())).asByteArray();
            assertEquals(f.sha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    f.name());
            Files.write(local.resolve(f.name()), bytes);
        }
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), sum(revenue_amount), min(id)"
                     + " FROM read_parquet('" + local.resolve("events-*.parquet") + "')")) {
            assertTrue(rs.next());
            assertEquals(25, rs.getLong(1));
            assertEquals(0, new java.math.BigDecimal("306.25").compareTo(rs.getBigDecimal(2)));
            assertEquals("evt_0", rs.getString(3));
        }
    }

    @Test
    void redshiftUploadsItsCsvToTheStageAndCopiesFromThere() throws Exception {
        Map<String, Object> config = s3Config();
        config.put("schema", "public");
        config.put("table", "events");
        config.put("iamRole", "arn:aws:iam::123456789012:role/RedshiftLoad");
        config.put("stage", "s3://" + BUCKET + "/redshift");
        Exports.Receipt r = api.exportToDestination(new Exports.Request("redshift", 5, null, null, null, null, config))
                .receipt();
        assertEquals(Exports.SUCCEEDED, r.status());
        String url = "s3://" + BUCKET + "/redshift/" + r.exportId() + "/events.csv.gz";
        assertEquals("COPY public.events FROM '" + url + "' IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftLoad'"
                + " FORMAT AS CSV GZIP IGNOREHEADER 1 TIMEFORMAT 'epochmillisecs' REGION 'us-east-1';", r.loadCommand());
        byte[] uploaded = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("redshift/" + r.exportId()
                + "/events.csv.gz")).asByteArray();
        Path staged = dir.resolve("data").resolve("exports").resolve(engine.defaultWorkspaceId())
                .resolve(r.exportId()).resolve("events.csv.gz");
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(staged), uploaded));
        assertFalse(r.config().containsKey("secretAccessKey"));
        assertFalse(r.config().containsKey("accessKeyId"));
    }

    @Test
    void aBucketThatDoesNotExistFailsTheExportWith502AndLeavesItRetryable() {
        Map<String, Object> config = s3Config();
        config.put("bucket", "no-such-bucket");
        ApiException.Client e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.Client.class,
                () -> api.exportToDestination(new Exports.Request("s3", 5, null, null, null, null, config)));
        assertEquals(502, e.status());
        assertFalse(e.getMessage().contains(SECRET));
        String failedId = e.details().get(0).message();
        s3.createBucket(b -> b.bucket("no-such-bucket"));
        Exports.Receipt retried = api.retryExport(failedId, new Exports.RetryRequest(Map.of("accessKeyId", KEY_ID,
                "secretAccessKey", SECRET))).receipt();
        assertEquals(Exports.SUCCEEDED, retried.status());
        assertEquals(failedId, retried.retryOf());
        assertEquals(5, retried.count());
    }
}
