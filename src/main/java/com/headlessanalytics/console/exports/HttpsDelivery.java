package com.headlessanalytics.console.exports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.FieldError;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Posts an export's events to an HTTPS endpoint in batches (docs/exports-delivery.md "Custom HTTPS"):
 * each batch is {@code POST}ed as {@code application/json} {@code {"exportId": root, "batch": n,
 * "events": [...]}} with {@code Idempotency-Key: <root>-<n>}, where root is the first export id of a
 * retry chain, so a receiver that honours the key stores every event once however often a batch is
 * sent. Up to three attempts per batch after a 5xx, a 429 (waiting its Retry-After, at most
 * {@value #MAX_RETRY_AFTER_SECONDS} s) or a network error; another 4xx, or a certificate this machine
 * does not trust, fails at once.
 */
public final class HttpsDelivery implements Delivery {
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int MAX_BATCH_SIZE = 5000;
    public static final int DEFAULT_TIMEOUT_MS = 30_000;
    static final int ATTEMPTS = 3;
    static final long MAX_RETRY_AFTER_SECONDS = 10;
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MIN_TIMEOUT_MS = 100;
    private static final int MAX_TIMEOUT_MS = 600_000;
    /** Headers the delivery sets itself or the HTTP client owns. */
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "idempotency-key", "host",
            "connection", "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final JsonFactory JSON = new JsonFactory();

    private final URI url;
    private final Map<String, String> headers;
    private final int batchSize;
    private final Duration timeout;
    private final SSLContext tls;

    private HttpsDelivery(URI url, Map<String, String> headers, int batchSize, Duration timeout, SSLContext tls) {
        this.url = url;
        this.headers = headers;
        this.batchSize = batchSize;
        this.timeout = timeout;
        this.tls = tls;
    }

    /**
     * The delivery {@code config} describes, or null after adding to {@code errors} one
     * {@link FieldError} per bad field. {@code tlsOrNull}: null trusts the JDK's default store (or
     * {@code config.trustCertificate}, a PEM certificate of a private CA, when given).
     */
    public static HttpsDelivery fromConfig(Map<String, Object> config, SSLContext tlsOrNull, List<FieldError> errors) {
        Map<String, Object> c = config == null ? Map.of() : config;
        int before = errors.size();
        URI url = null;
        String urlText = S3Delivery.text(c, "url", errors);
        if (urlText == null) {
            if (S3Delivery.missing(c, "url")) {
                errors.add(S3Delivery.required("url", "config.url is required: the https URL the events are"
                        + " posted to."));
            }
        } else {
            url = checkUrl(urlText, "url", errors);
        }
        Map<String, String> headers = headers(c.get("headers"), errors);
        Integer batchSize = integer(c, "batchSize", 1, MAX_BATCH_SIZE, errors);
        Integer timeoutMs = integer(c, "timeoutMs", MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, errors);
        SSLContext tls = tlsOrNull;
        Object pem = c.get("trustCertificate");
        if (pem != null) {
            tls = trusting(pem, errors);
        }
        if (errors.size() > before) {
            return null;
        }
        return new HttpsDelivery(url, headers, batchSize == null ? DEFAULT_BATCH_SIZE : batchSize,
                Duration.ofMillis(timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs), tls);
    }

    @Override
    public List<Exports.File> deliver(Staged staged) throws DeliveryException {
        List<Exports.File> sources = staged.files().stream()
                .filter(f -> {
                    String n = f.name().toLowerCase(Locale.ROOT);
                    return n.endsWith(".jsonl") || n.endsWith(".ndjson");
                })
                .sorted(Comparator.comparing(Exports.File::name)).toList();
        if (sources.isEmpty()) {
            throw new DeliveryException("Export " + staged.exportId() + " has no staged JSONL or NDJSON file to post"
                    + " to " + display(url) + ".", null);
        }
        String root = staged.idempotencyRoot() == null ? staged.exportId() : staged.idempotencyRoot();
        List<String> secrets = Secrets.values(staged.config());
        secrets.addAll(Secrets.values(Map.of("headers", new LinkedHashMap<String, Object>(headers))));
        MessageDigest sha = sha256();
        long[] sent = {0};
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(tls);
        }
        try (HttpClient client = b.build()) {
            Batcher batcher = new Batcher(root, body -> {
                post(client, root, body, secrets);
                sha.update(body.bytes());
                sent[0] += body.bytes().length;
            });
            for (Exports.File source : sources) {
                try (BufferedReader in = Files.newBufferedReader(staged.path(source.name()), StandardCharsets.UTF_8)) {
                    int lineNo = 0;
                    for (String line; (line = in.readLine()) != null; ) {
                        lineNo++;
                        if (line.isBlank()) {
                            continue;
                        }
                        if (!isJsonObject(line)) {
                            throw new DeliveryException("Line " + lineNo + " of the staged file " + source.name()
                                    + " is not a JSON object; nothing more was posted to " + display(url) + ".", null);
                        }
                        batcher.add(line);
                    }
                } catch (IOException e) {
                    throw new DeliveryException("Could not read the staged file " + source.name() + " of export "
                            + staged.exportId() + ": " + e.getMessage(), null);
                }
            }
            batcher.flush();
            if (batcher.batches == 0) {
                throw new DeliveryException("Export " + staged.exportId() + " has no events to post to "
                        + display(url) + ".", null);
            }
        }
        return List.of(new Exports.File("batches", display(url), sent[0], HexFormat.of().formatHex(sha.digest()),
                "application/json"));
    }

    @Override
    public String toString() {
        return "HttpsDelivery[" + display(url) + ", batches of " + batchSize + ", timeout " + timeout.toMillis()
                + " ms, headers " + headers.keySet() + "]";
    }

    private record Body(int batch, int first, int count, byte[] bytes) {
    }

    private interface Sender {
        void send(Body body) throws DeliveryException;
    }

    /** Collects event lines into batches and hands each full one to the sender. */
    private final class Batcher {
        private final String root;
        private final Sender sender;
        private final List<String> events = new ArrayList<>();
        private int batches;
        private int eventsSent;

        Batcher(String root, Sender sender) {
            this.root = root;
            this.sender = sender;
        }

        void add(String event) throws DeliveryException {
            events.add(event);
            if (events.size() == batchSize) {
                flush();
            }
        }

        void flush() throws DeliveryException {
            if (events.isEmpty()) {
                return;
            }
            batches++;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("exportId", root);
                g.writeNumberField("batch", batches);
                g.writeFieldName("events");
                g.writeStartArray();
                for (String e : events) {
                    g.writeRawValue(e);
                }
                g.writeEndArray();
                g.writeEndObject();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            sender.send(new Body(batches, eventsSent + 1, events.size(), out.toByteArray()));
            eventsSent += events.size();
            events.clear();
        }
    }

    private void post(HttpClient client, String root, Body body, List<String> secrets) throws DeliveryException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", root + "-" + body.batch());
        headers.forEach(rb::header);
        HttpRequest request = rb.POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build();
        String what = "batch " + body.batch() + " (events " + body.first() + " to " + (body.first() + body.count() - 1)
                + ")";
        Duration wait = FIRST_WAIT;
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Duration next = wait;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                last = "HTTP " + status + excerpt(response.body());
                if (status < 500 && status != 429) {
                    throw new DeliveryException(Secrets.scrub(display(url) + " refused " + what + " with " + last
                            + "; not retried. Batches before it were delivered.", secrets), null);
                }
                if (status == 429) {
                    Duration asked = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                    if (asked != null) {
                        next = asked;
                    }
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (untrusted(e)) {
                    throw new DeliveryException(Secrets.scrub(display(url) + " presented a certificate this machine"
                            + " does not trust (" + last + "); not retried. Give the private CA's certificate as"
                            + " config.trustCertificate, or use a publicly trusted certificate.", secrets), null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("Interrupted while posting " + what + " to " + display(url) + ".", e);
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(next.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeliveryException("Interrupted while posting " + what + " to " + display(url) + ".", e);
                }
                wait = wait.multipliedBy(2);
            }
        }
        throw new DeliveryException(Secrets.scrub("Could not post " + what + " to " + display(url) + " after "
                + ATTEMPTS + " attempts; last answer: " + last + ". Batches before it were delivered; a retry re-sends"
                + " every batch under the same idempotency keys.", secrets), null);
    }

    /** Whether {@code e} is a certificate the trust store refused: a setup problem, not worth retrying. */
    private static boolean untrusted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /** The Retry-After wait (delta seconds or an HTTP date), at most {@value #MAX_RETRY_AFTER_SECONDS} s. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            try {
                seconds = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)).toSeconds();
            } catch (RuntimeException bad) {
                return null;
            }
        }
        return Duration.ofSeconds(Math.max(0, Math.min(seconds, MAX_RETRY_AFTER_SECONDS)));
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String one = body.strip().replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "");
        return ": " + (one.length() > 200 ? one.substring(0, 200) + "…" : one);
    }

    private static boolean isJsonObject(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code text} as an absolute https URL (http only for a loopback host: a local test server),
     * without user info; null after adding an error for config field {@code field}.
     */
    static URI checkUrl(String text, String field, List<FieldError> errors) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            errors.add(S3Delivery.invalid(field, "config." + field + " is not a URL."));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            errors.add(S3Delivery.invalid(field, "config." + field + " must be an absolute https URL."));
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(S3Delivery.invalid(field, "config." + field + " must not hold a user name or password;"
                    + " give credentials in their own config fields."));
            return null;
        }
        if (uri.getRawFragment() != null) {
            errors.add(S3Delivery.invalid(field, "config." + field + " must not have a #fragment."));
            return null;
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            errors.add(S3Delivery.invalid(field, "config." + field + " must use https: plain http is allowed only"
                    + " for a server on this machine (localhost, 127.0.0.1, ::1)."));
            return null;
        }
        return uri;
    }

    /** Whether {@code host} names this machine without a DNS lookup: localhost, 127.x.x.x or ::1. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** {@code uri} for messages and receipts: the value of every secret-named query parameter replaced. */
    static String display(URI uri) {
        if (uri == null) {
            return "the endpoint";
        }
        String query = uri.getRawQuery();
        String base = uri.getScheme() + "://" + IDN.toUnicode(uri.getHost()) + (uri.getPort() < 0 ? "" : ":"
                + uri.getPort()) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        if (query == null) {
            return base;
        }
        List<String> parts = new ArrayList<>();
        for (String p : query.split("&")) {
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            parts.add(eq >= 0 && Secrets.isSecret(name) ? name + "=" + Secrets.REDACTED : p);
        }
        return base + "?" + String.join("&", parts);
    }

    private static Map<String, String> headers(Object value, List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(S3Delivery.invalid("headers", "config.headers must be an object of header names to values."));
            return out;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object v = e.getValue();
            if (!TOKEN.matcher(name).matches() || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(S3Delivery.invalid("headers", "config.headers." + name + " is not a header the export may"
                        + " set (Content-Type and Idempotency-Key are set by the export itself)."));
                continue;
            }
            if (!(v instanceof String s) || s.chars().anyMatch(ch -> ch == '\r' || ch == '\n' || ch == 0)) {
                errors.add(S3Delivery.invalid("headers", "config.headers." + name + " must be a one-line string."));
                continue;
            }
            out.put(name, s);
        }
        return out;
    }

    private static Integer integer(Map<String, Object> c, String name, int min, int max, List<FieldError> errors) {
        Object v = c.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= min
                && n.doubleValue() <= max) {
            return n.intValue();
        }
        errors.add(S3Delivery.invalid(name, "config." + name + " must be a whole number from " + min + " to " + max
                + "."));
        return null;
    }

    private static SSLContext trusting(Object pem, List<FieldError> errors) {
        if (!(pem instanceof String text) || !text.contains("-----BEGIN CERTIFICATE-----")) {
            errors.add(S3Delivery.invalid("trustCertificate", "config.trustCertificate must be PEM text"
                    + " (-----BEGIN CERTIFICATE----- …): the certificate of the private CA that signed the"
                    + " endpoint's certificate."));
            return null;
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text.strip().getBytes(StandardCharsets.US_ASCII)));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            errors.add(S3Delivery.invalid("trustCertificate", "config.trustCertificate could not be read as an X.509"
                    + " certificate: " + e.getMessage()));
            return null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
