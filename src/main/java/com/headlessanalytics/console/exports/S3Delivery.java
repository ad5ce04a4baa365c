package com.headlessanalytics.console.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Uploads an export's staged files to S3, or to Google Cloud Storage through its S3-compatible XML
 * API (docs/exports-delivery.md): each file to {@code <prefix>/<exportId>/<name>} with its content
 * type and a checksum the server verifies (Content-MD5, which S3, GCS and S3-compatible servers all
 * check; on AWS itself, no endpoint override, also x-amz-checksum-sha256), then
 * {@code _manifest.json} last, the marker that the export is complete. A failure removes the objects
 * uploaded so far (best effort) and says which bucket and key failed and why, never a secret.
 */
public final class S3Delivery implements Delivery {
    /** The object written last, listing every file with its size and SHA-256. */
    public static final String MANIFEST = "_manifest.json";
    static final String GCS_ENDPOINT = "https://storage.googleapis.com";
    static final int MAX_ATTEMPTS = 2;
    /** A single PUT's limit on S3 and GCS. */
    static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern GCS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final int MAX_PREFIX_CHARS = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean gcs;
    private final String bucket;
    private final String prefix;
    private final String region;
    private final URI endpoint;
    private final boolean pathStyle;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;

    private S3Delivery(boolean gcs, String bucket, String prefix, String region, URI endpoint, boolean pathStyle,
                       String accessKeyId, String secretAccessKey, String sessionToken) {
        this.gcs = gcs;
        this.bucket = bucket;
        this.prefix = prefix;
        this.region = region;
        this.endpoint = endpoint;
        this.pathStyle = pathStyle;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
    }

    /**
     * The delivery {@code config} describes, or null after adding to {@code errors} one
     * {@link FieldError} per bad field ({@code config.bucket} …). {@code gcs}: Google Cloud Storage
     * through its XML API (HMAC keys required, endpoint https://storage.googleapis.com by default).
     */
    public static S3Delivery fromConfig(Map<String, Object> config, boolean gcs, List<FieldError> errors) {
        Map<String, Object> c = config == null ? Map.of() : config;
        int before = errors.size();
        String bucket = text(c, "bucket", errors);
        if (bucket == null) {
            if (missing(c, "bucket")) {
                errors.add(required("bucket", "config.bucket is required: the " + (gcs ? "GCS" : "S3")
                        + " bucket the export's files are uploaded to."));
            }
        } else if (!(gcs ? GCS_BUCKET : S3_BUCKET).matcher(bucket).matches() || bucket.contains("..")) {
            errors.add(invalid("bucket", "config.bucket is not a valid " + (gcs ? "GCS" : "S3") + " bucket name:"
                    + " lower-case letters, digits, dots and hyphens" + (gcs ? " (and underscores)" : "")
                    + ", 3 to " + (gcs ? 222 : 63) + " characters, starting and ending with a letter or digit."));
        }
        String prefix = normalisePrefix(text(c, "prefix", errors), errors);
        String region = text(c, "region", errors);
        if (region == null) {
            region = gcs ? "auto" : "us-east-1";
        } else if (!REGION.matcher(region).matches()) {
            errors.add(invalid("region", "config.region is not a region name (e.g. us-east-1, or auto for GCS)."));
        }
        URI endpoint = null;
        String endpointText = text(c, "endpoint", errors);
        if (endpointText != null) {
            endpoint = HttpsDelivery.checkUrl(endpointText, "endpoint", errors);
            if (endpoint != null && endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty()
                    && !endpoint.getRawPath().equals("/")) {
                errors.add(invalid("endpoint", "config.endpoint must be the service's base URL, without a path."));
                endpoint = null;
            }
        } else if (gcs) {
            endpoint = URI.create(GCS_ENDPOINT);
        }
        Boolean pathStyle = bool(c, "pathStyle", errors);
        String keyId = text(c, "accessKeyId", errors);
        String secret = text(c, "secretAccessKey", errors);
        String session = text(c, "sessionToken", errors);
        if ((keyId == null) != (secret == null)) {
            String missing = keyId == null ? "accessKeyId" : "secretAccessKey";
            errors.add(required(missing, "config." + missing + " is required with config."
                    + (keyId == null ? "secretAccessKey" : "accessKeyId") + ": give both keys, or neither to use the"
                    + " default AWS credentials (environment, profile)."));
        } else if (keyId == null && gcs) {
            errors.add(required("accessKeyId", "config.accessKeyId and config.secretAccessKey are required for GCS:"
                    + " an HMAC key of a service account with write access to the bucket."));
        }
        if (session != null && keyId == null) {
            errors.add(invalid("sessionToken", "config.sessionToken needs config.accessKeyId and"
                    + " config.secretAccessKey."));
        }
        if (errors.size() > before) {
            return null;
        }
        boolean style = pathStyle != null ? pathStyle : (endpointText != null || gcs);
        return new S3Delivery(gcs, bucket, prefix, region, endpoint, style, keyId, secret, session);
    }

    @Override
    public List<Exports.File> deliver(Staged staged) throws DeliveryException {
        List<String> uploaded = new ArrayList<>();
        List<Exports.File> delivered = new ArrayList<>();
        String key = null;
        AwsCredentialsProvider credentials = credentials();
        try (S3Client s3 = client(credentials)) {
            try {
                for (Exports.File file : staged.files()) {
                    key = key(staged.exportId(), file.name());
                    Path path = staged.path(file.name());
                    Digests d = digests(path);
                    if (file.sha256() != null && !file.sha256().equalsIgnoreCase(d.sha256Hex())) {
                        throw new DeliveryException("The staged file " + file.name() + " of export "
                                + staged.exportId() + " changed since it was staged (its SHA-256 differs), so it was"
                                + " not uploaded to " + location(key) + ".", null);
                    }
                    if (d.bytes() > MAX_OBJECT_BYTES) {
                        throw new DeliveryException("The staged file " + file.name() + " is larger than 5 GB, the"
                                + " limit of one upload to " + scheme() + bucket + "/" + key + ".", null);
                    }
                    String type = file.contentType() == null ? "application/octet-stream" : file.contentType();
                    put(s3, key, type, d, RequestBody.fromFile(path));
                    uploaded.add(key);
                    delivered.add(new Exports.File(file.name(), location(key), d.bytes(), d.sha256Hex(), type));
                }
                key = key(staged.exportId(), MANIFEST);
                byte[] manifest = manifest(staged, delivered);
                Digests d = digests(manifest);
                put(s3, key, "application/json", d, RequestBody.fromBytes(manifest));
                delivered.add(new Exports.File(MANIFEST, location(key), d.bytes(), d.sha256Hex(), "application/json"));
                return List.copyOf(delivered);
            } catch (SdkException | IOException e) {
                String why = "Could not upload " + location(key) + ": " + reason(e) + ".";
                throw new DeliveryException(Secrets.scrub(why + cleanUp(s3, uploaded), secrets()), null);
            } catch (DeliveryException e) {
                throw new DeliveryException(e.getMessage() + cleanUp(s3, uploaded), null);
            }
        } catch (SdkException e) {
            throw new DeliveryException(Secrets.scrub("Could not connect to " + scheme() + bucket + ": " + reason(e)
                    + ".", secrets()), null);
        } finally {
            if (credentials instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    @Override
    public String toString() {
        return "S3Delivery[" + scheme() + bucket + "/" + prefix + ", region " + region
                + (endpoint == null ? "" : ", endpoint " + endpoint) + (pathStyle ? ", path-style" : "")
                + (accessKeyId == null ? ", default credentials" : ", inline credentials") + "]";
    }

    private void put(S3Client s3, String key, String contentType, Digests d, RequestBody body) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType)
                .contentLength(d.bytes()).contentMD5(d.md5Base64());
        if (!gcs && endpoint == null) {
            request.checksumSHA256(d.sha256Base64());
        }
        s3.putObject(request.build(), body);
    }

    private String cleanUp(S3Client s3, List<String> uploaded) {
        if (uploaded.isEmpty()) {
            return " Nothing was left in the bucket.";
        }
        List<String> left = new ArrayList<>();
        for (int i = uploaded.size() - 1; i >= 0; i--) {
            String k = uploaded.get(i);
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(k));
            } catch (SdkException e) {
                left.add(k);
            }
        }
        return left.isEmpty() ? " The " + uploaded.size() + " object(s) uploaded before were removed."
                : " " + left.size() + " object(s) uploaded before could not be removed: " + String.join(", ", left)
                + " (no " + MANIFEST + " was written, so the export is visibly incomplete).";
    }

    private S3Client client(AwsCredentialsProvider credentials) {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT).build())
                .region(Region.of(region))
                .forcePathStyle(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(r -> r.maxAttempts(MAX_ATTEMPTS)).build())
                .credentialsProvider(credentials);
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }

    private AwsCredentialsProvider credentials() {
        if (accessKeyId == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(sessionToken == null
                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
    }

    private List<String> secrets() {
        List<String> s = new ArrayList<>(3);
        for (String v : new String[] {accessKeyId, secretAccessKey, sessionToken}) {
            if (v != null) {
                s.add(v);
            }
        }
        return s;
    }

    private byte[] manifest(Staged staged, List<Exports.File> files) {
        ObjectNode root = JSON.createObjectNode();
        root.put("exportId", staged.exportId());
        if (staged.idempotencyRoot() != null && !staged.idempotencyRoot().equals(staged.exportId())) {
            root.put("retryChainRoot", staged.idempotencyRoot());
        }
        ArrayNode list = root.putArray("files");
        for (Exports.File f : files) {
            list.addObject().put("name", f.name()).put("key", key(staged.exportId(), f.name()))
                    .put("bytes", f.bytes()).put("sha256", f.sha256()).put("contentType", f.contentType());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String key(String exportId, String name) {
        return (prefix.isEmpty() ? "" : prefix + "/") + exportId + "/" + name;
    }

    private String location(String key) {
        return scheme() + bucket + (key == null ? "" : "/" + key);
    }

    private String scheme() {
        return gcs ? "gs://" : "s3://";
    }

    private static String reason(Exception e) {
        String r = rawReason(e).strip();
        return r.endsWith(".") ? r.substring(0, r.length() - 1) : r;
    }

    private static String rawReason(Exception e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails().errorMessage();
            return "HTTP " + s.statusCode() + (code == null ? "" : " " + code) + (message == null ? "" : ": "
                    + message);
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private record Digests(long bytes, String sha256Hex, String sha256Base64, String md5Base64) {
    }

    private static Digests digests(Path path) throws IOException {
        MessageDigest sha = sha256();
        MessageDigest md5 = md5();
        long bytes = 0;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                md5.update(buffer, 0, n);
                bytes += n;
            }
        }
        return digests(bytes, sha.digest(), md5.digest());
    }

    private static Digests digests(byte[] content) {
        return digests(content.length, sha256().digest(content), md5().digest(content));
    }

    private static Digests digests(long bytes, byte[] sha, byte[] md5) {
        return new Digests(bytes, HexFormat.of().formatHex(sha), Base64.getEncoder().encodeToString(sha),
                Base64.getEncoder().encodeToString(md5));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalisePrefix(String prefix, List<FieldError> errors) {
        if (prefix == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String part : prefix.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals(".") || part.equals("..")) {
                errors.add(invalid("prefix", "config.prefix must not hold . or .. segments."));
                return "";
            }
            parts.add(part);
        }
        String normal = String.join("/", parts);
        if (normal.length() > MAX_PREFIX_CHARS || normal.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f
                || ch == '\\')) {
            errors.add(invalid("prefix", "config.prefix must be at most " + MAX_PREFIX_CHARS + " characters,"
                    + " without control characters or backslashes."));
            return "";
        }
        return normal;
    }

    static String text(Map<String, Object> c, String name, List<FieldError> errors) {
        Object v = c.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            errors.add(invalid(name, "config." + name + " must be a string."));
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** Whether config field {@code name} is absent, null or blank (a wrong type is reported by {@link #text}). */
    static boolean missing(Map<String, Object> c, String name) {
        Object v = c.get(name);
        return v == null || v instanceof String s && s.isBlank();
    }

    static Boolean bool(Map<String, Object> c, String name, List<FieldError> errors) {
        Object v = c.get(name);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        errors.add(invalid(name, "config." + name + " must be true or false."));
        return null;
    }

    static FieldError invalid(String name, String message) {
        return new FieldError(null, "config." + name, "invalid_value", message);
    }

    static FieldError required(String name, String message) {
        return new FieldError(null, "config." + name, "required", message);
    }
}
