package com.headlessanalytics.console.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A loopback HTTPS receiver like a real idempotent API (the JDK's HttpsServer, a self-signed
 * certificate made by keytool for this run): it stores each batch's events under its
 * Idempotency-Key and answers 200 to a key it already has without storing again. A script per key
 * makes it misbehave: {@link Misbehaviour#CUT} stores the batch and then drops the connection
 * without answering; {@link Misbehaviour#status(int, String)} answers that status without storing;
 * {@link Misbehaviour#slow(long)} stores it and answers late.
 */
final class TestHttpsReceiver implements AutoCloseable {
    /** What the receiver does with one request instead of answering 200. */
    record Misbehaviour(int status, String retryAfter, boolean echo, long delayMs) {
        static final Misbehaviour CUT = new Misbehaviour(-1, null, false, 0);

        static Misbehaviour status(int status, String retryAfter) {
            return new Misbehaviour(status, retryAfter, false, 0);
        }

        /** Answers {@code status} with a body that echoes the request's Authorization header, as careless APIs do. */
        static Misbehaviour echoing(int status) {
            return new Misbehaviour(status, null, true, 0);
        }

        /** Stores the batch, then takes {@code ms} before answering 200. */
        static Misbehaviour slow(long ms) {
            return new Misbehaviour(200, null, false, ms);
        }
    }

    /** One request as received. */
    record Request(String key, Map<String, List<String>> headers, byte[] bytes, JsonNode body, long at) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpsServer server;
    private final KeyStore trust;
    private final String certificatePem;
    private final Map<String, Deque<Misbehaviour>> script = new ConcurrentHashMap<>();
    /** Every request, in arrival order. */
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** The events stored per Idempotency-Key, in the order the keys first arrived. */
    private final Map<String, List<JsonNode>> stored = new LinkedHashMap<>();

    private static KeyStore keys;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    TestHttpsReceiver() throws IOException, GeneralSecurityException, InterruptedException {
        KeyStore keys = keys();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("test", keys.getCertificate("test"));
        certificatePem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getCertificate("test").getEncoded())
                + "\n-----END CERTIFICATE-----\n";

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The test certificate and its key: made once per test run (keytool takes seconds on a busy machine). */
    private static synchronized KeyStore keys() throws IOException, GeneralSecurityException, InterruptedException {
        if (keys == null) {
            Path dir = Files.createTempDirectory("ha-test-tls");
            Path store = dir.resolve("test-only-tls.p12");
            try {
                keytool("-genkeypair", "-alias", "test", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype",
                        "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass",
                        new String(PASSWORD));
                KeyStore loaded = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    loaded.load(in, PASSWORD);
                }
                keys = loaded;
            } finally {
                Files.deleteIfExists(store);
                Files.deleteIfExists(dir);
            }
        }
        return keys;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        JsonNode body = JSON.readTree(bytes);
        requests.add(new Request(key, Map.copyOf(exchange.getRequestHeaders()), bytes, body, System.nanoTime()));
        Deque<Misbehaviour> next = key == null ? null : script.get(key);
        Misbehaviour m = next == null ? null : next.poll();
        if (m != null && m.status() > 0 && m.delayMs() == 0) {
            if (m.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", m.retryAfter());
            }
            String echoed = m.echo()
                    ? ",\"youSent\":\"" + exchange.getRequestHeaders().getFirst("Authorization") + "\"" : "";
            byte[] answer = ("{\"error\":\"scripted " + m.status() + "\"" + echoed + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(m.status(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
            return;
        }
        synchronized (stored) {
            if (key != null && !stored.containsKey(key)) {
                List<JsonNode> events = new ArrayList<>();
                body.get("events").forEach(events::add);
                stored.put(key, events);
            }
        }
        if (m == Misbehaviour.CUT) {
            exchange.close();
            return;
        }
        if (m != null && m.delayMs() > 0) {
            try {
                Thread.sleep(m.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    /** Misbehave for the next requests with Idempotency-Key {@code key}, in this order. */
    void script(String key, Misbehaviour... misbehaviours) {
        script.computeIfAbsent(key, k -> new ArrayDeque<>()).addAll(List.of(misbehaviours));
    }

    /** Every stored event, batch after batch in the order their keys first arrived. */
    List<JsonNode> events() {
        synchronized (stored) {
            return stored.values().stream().flatMap(List::stream).toList();
        }
    }

    List<String> storedKeys() {
        synchronized (stored) {
            return List.copyOf(stored.keySet());
        }
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** This receiver's certificate as PEM text. */
    String certificatePem() {
        return certificatePem;
    }

    /** A client TLS context that trusts this receiver's certificate only. */
    SSLContext clientTls() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
