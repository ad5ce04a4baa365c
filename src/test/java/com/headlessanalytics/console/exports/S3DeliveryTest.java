package com.headlessanalytics.console.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.exports.Delivery.DeliveryException;
import com.headlessanalytics.console.exports.Delivery.Staged;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3 and GCS uploads against S3Proxy started by the test (TestS3Server), read back with the AWS SDK. */
class S3DeliveryTest {
    private static final String BUCKET = "team-exports";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestS3Server server;
    private S3Client reader;

    @BeforeEach
    void start() throws Exception {
        server = new TestS3Server(name -> name.endsWith("refused.jsonl"));
        reader = server.client();
        reader.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stop() throws Exception {
        reader.close();
        server.close();
    }

    @Test
    void uploadsEveryFileThenTheManifestAndTheObjectsReadBackWithTheirSha256() throws Exception {
        Staged staged = stage("exp_1", Map.of("events-000001.jsonl", lines(0, 40), "events-000002.jsonl",
                lines(40, 55)));
        S3Delivery delivery = fromConfig(config("prefix", "/warehouse//daily/"), false);

        List<Exports.File> files = delivery.deliver(staged);

        assertThat(files).extracting(Exports.File::location).containsExactly(
                "s3://team-exports/warehouse/daily/exp_1/events-000001.jsonl",
                "s3://team-exports/warehouse/daily/exp_1/events-000002.jsonl",
                "s3://team-exports/warehouse/daily/exp_1/_manifest.json");
        assertThat(server.stored).containsExactly("warehouse/daily/exp_1/events-000001.jsonl",
                "warehouse/daily/exp_1/events-000002.jsonl", "warehouse/daily/exp_1/_manifest.json");
        assertThat(keys()).containsExactlyInAnyOrderElementsOf(server.stored);
        for (Exports.File staged1 : staged.files()) {
            ResponseBytes<GetObjectResponse> object = reader.getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key("warehouse/daily/exp_1/" + staged1.name()));
            assertThat(object.asByteArray()).isEqualTo(Files.readAllBytes(staged.path(staged1.name())));
            assertThat(sha256(object.asByteArray())).isEqualTo(staged1.sha256());
            assertThat(object.response().contentType()).isEqualTo("application/x-ndjson");
        }
        ResponseBytes<GetObjectResponse> manifestObject = reader.getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("warehouse/daily/exp_1/_manifest.json"));
        assertThat(sha256(manifestObject.asByteArray())).isEqualTo(files.get(2).sha256());
        assertThat(manifestObject.asByteArray().length).isEqualTo(files.get(2).bytes());
        JsonNode manifest = JSON.readTree(manifestObject.asByteArray());
        assertThat(manifest.get("exportId").asText()).isEqualTo("exp_1");
        assertThat(manifest.get("files")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode f = manifest.get("files").get(i);
            Exports.File s = staged.files().get(i);
            assertThat(f.get("name").asText()).isEqualTo(s.name());
            assertThat(f.get("key").asText()).isEqualTo("warehouse/daily/exp_1/" + s.name());
            assertThat(f.get("bytes").asLong()).isEqualTo(s.bytes()).isEqualTo(files.get(i).bytes());
            assertThat(f.get("sha256").asText()).isEqualTo(s.sha256()).isEqualTo(files.get(i).sha256());
        }
    }

    @Test
    void gcsGoesThroughTheSameClassWithGsLocations() throws Exception {
        Staged staged = stage("exp_g", Map.of("events.jsonl", lines(0, 3)));
        Map<String, Object> config = config("prefix", "gcs");
        S3Delivery delivery = fromConfig(config, true);

        List<Exports.File> files = delivery.deliver(staged);

        assertThat(files).extracting(Exports.File::location).containsExactly("gs://team-exports/gcs/exp_g/events.jsonl",
                "gs://team-exports/gcs/exp_g/_manifest.json");
        byte[] back = reader.getObjectAsBytes(b -> b.bucket(BUCKET).key("gcs/exp_g/events.jsonl")).asByteArray();
        assertThat(sha256(back)).isEqualTo(staged.files().get(0).sha256());
    }

    @Test
    void wrongCredentialsFailWithTheBucketNamedAndLeaveNothing() throws Exception {
        Map<String, Object> config = config();
        config.put("secretAccessKey", "wrong-secret-Hq7PzX9v");
        S3Delivery delivery = fromConfig(config, false);

        assertThatThrownBy(() -> delivery.deliver(stage("exp_2", Map.of("events.jsonl", lines(0, 5)))))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("s3://team-exports/exp_2/events.jsonl")
                .hasMessageContaining("403")
                .hasMessageContaining("Nothing was left in the bucket")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-Hq7PzX9v")
                        .doesNotContain(TestS3Server.ACCESS_KEY));
        assertThat(keys()).isEmpty();
    }

    @Test
    void anUnreachableEndpointFailsQuickly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> config = config();
        config.put("endpoint", "http://127.0.0.1:" + port);
        S3Delivery delivery = fromConfig(config, false);
        Staged staged = stage("exp_3", Map.of("events.jsonl", lines(0, 5)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> delivery.deliver(staged)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("s3://team-exports/exp_3/events.jsonl").hasMessageContaining("onnect");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aFileTheServerRefusesMidwayRemovesTheObjectsAlreadyUploaded() throws Exception {
        Staged staged = stage("exp_4", Map.of("a.jsonl", lines(0, 10), "b-refused.jsonl", lines(10, 20),
                "c.jsonl", lines(20, 30)));
        S3Delivery delivery = fromConfig(config("prefix", "p"), false);

        assertThatThrownBy(() -> delivery.deliver(staged)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("s3://team-exports/p/exp_4/b-refused.jsonl")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("1 object(s) uploaded before were removed");
        assertThat(server.stored).containsExactly("p/exp_4/a.jsonl");
        assertThat(keys()).isEmpty();
    }

    @Test
    void aStagedFileChangedSinceStagingIsNotUploaded() throws Exception {
        Staged staged = stage("exp_5", Map.of("a.jsonl", lines(0, 3), "b.jsonl", lines(3, 6)));
        Files.writeString(staged.path("b.jsonl"), "{\"tampered\":true}\n");
        S3Delivery delivery = fromConfig(config(), false);

        assertThatThrownBy(() -> delivery.deliver(staged)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("b.jsonl").hasMessageContaining("changed since it was staged")
                .hasMessageContaining("1 object(s) uploaded before were removed");
        assertThat(keys()).isEmpty();
    }

    @Test
    void withoutInlineKeysTheDefaultCredentialChainIsUsed() throws Exception {
        Map<String, Object> config = config();
        config.remove("accessKeyId");
        config.remove("secretAccessKey");
        S3Delivery delivery = fromConfig(config, false);
        assertThat(delivery.toString()).contains("default credentials");
        Map<String, String> saved = new HashMap<>();
        for (String p : List.of("aws.accessKeyId", "aws.secretAccessKey")) {
            saved.put(p, System.getProperty(p));
        }
        System.setProperty("aws.accessKeyId", TestS3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", TestS3Server.SECRET_KEY);
        try {
            delivery.deliver(stage("exp_6", Map.of("events.jsonl", lines(0, 2))));
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        assertThat(keys()).containsExactlyInAnyOrder("exp_6/events.jsonl", "exp_6/_manifest.json");
    }

    @Test
    void badConfigsNameTheirFieldAndNeverEchoASecret() {
        assertThat(errors(Map.of(), false)).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.bucket", "required"));
        assertThat(errors(Map.of("bucket", "  "), false)).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.bucket", "required"));
        assertThat(errors(Map.of("bucket", 42), false)).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.bucket", "invalid_value"));
        assertThat(errors(Map.of("bucket", "Bad_Bucket!"), false)).extracting(FieldError::field)
                .containsExactly("config.bucket");
        assertThat(errors(Map.of("bucket", "b-1", "prefix", "a/../b"), false)).extracting(FieldError::field)
                .containsExactly("config.prefix");
        assertThat(errors(Map.of("bucket", "b-1", "endpoint", "http://s3.example.com"), false))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.endpoint", "invalid_value"));
        assertThat(errors(Map.of("bucket", "b-1", "endpoint", "https://key:pw@s3.example.com"), false))
                .extracting(FieldError::field).containsExactly("config.endpoint");
        assertThat(errors(Map.of("bucket", "b-1", "endpoint", "http://localhost:9000"), false)).isEmpty();
        assertThat(errors(Map.of("bucket", "b-1", "accessKeyId", "AKIAONLYKEY-Pq4"), false))
                .extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.secretAccessKey", "required"));
        assertThat(errors(Map.of("bucket", "b-1"), true)).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.accessKeyId", "required"));
        assertThat(errors(Map.of("bucket", "b-1", "pathStyle", "sometimes", "region", "Not A Region"), false))
                .extracting(FieldError::field).containsExactlyInAnyOrder("config.pathStyle", "config.region");
        List<FieldError> withSecret = errors(Map.of("bucket", "b-1", "secretAccessKey", "s3cr3t-Vb82Lq",
                "sessionToken", "tok-Vb82Lq-session"), false);
        assertThat(withSecret).isNotEmpty();
        assertThat(withSecret.toString()).doesNotContain("s3cr3t-Vb82Lq").doesNotContain("tok-Vb82Lq-session");
    }

    @Test
    void toStringNeverHoldsAKey() {
        Map<String, Object> config = config();
        config.put("sessionToken", "session-Tk91xYz");
        S3Delivery delivery = fromConfig(config, false);
        assertThat(delivery.toString()).contains("team-exports").contains("inline credentials")
                .doesNotContain(TestS3Server.ACCESS_KEY).doesNotContain(TestS3Server.SECRET_KEY)
                .doesNotContain("session-Tk91xYz");
    }

    private Map<String, Object> config(String... pairs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("bucket", BUCKET);
        config.put("endpoint", server.endpoint());
        config.put("accessKeyId", TestS3Server.ACCESS_KEY);
        config.put("secretAccessKey", TestS3Server.SECRET_KEY);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static S3Delivery fromConfig(Map<String, Object> config, boolean gcs) {
        List<FieldError> errors = new ArrayList<>();
        S3Delivery delivery = S3Delivery.fromConfig(config, gcs, errors);
        assertThat(errors).isEmpty();
        assertThat(delivery).isNotNull();
        return delivery;
    }

    private static List<FieldError> errors(Map<String, Object> config, boolean gcs) {
        List<FieldError> errors = new ArrayList<>();
        S3Delivery delivery = S3Delivery.fromConfig(config, gcs, errors);
        assertThat(delivery == null).isEqualTo(!errors.isEmpty());
        return errors;
    }

    private List<String> keys() {
        return reader.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    /** A staged export: the files in name order, with their sizes and SHA-256, as the exporter stages them. */
    private Staged stage(String exportId, Map<String, String> contents) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(exportId));
        List<Exports.File> files = new ArrayList<>();
        for (String name : contents.keySet().stream().sorted().toList()) {
            byte[] bytes = contents.get(name).getBytes(StandardCharsets.UTF_8);
            Path path = Files.write(folder.resolve(name), bytes);
            files.add(new Exports.File(name, path.toString(), bytes.length, sha256(bytes), "application/x-ndjson"));
        }
        return new Staged(exportId, exportId, folder, files, Map.of());
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("{\"id\":\"evt_").append(i).append("\",\"event\":\"order.created\",\"n\":").append(i)
                    .append("}\n");
        }
        return b.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
