package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The secrets of a remote export's config (an API key, an Authorization header) never come back out of
 * serve mode: not in the 502 and its message, the receipts, usage, health, the server's log (every
 * logger, DEBUG), nor in any file of the data folder (database, staged export).
 */
class ExportSecretsServeTest {
    private static final String API_KEY = "sk_live_SERVESECRET71";
    private static final String BEARER = "tok_SERVESECRET72";

    @TempDir
    Path dir;

    @Test
    void aRemoteExportsSecretsAreNeverShownLoggedOrStored() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        Level level = root.getLevel();
        root.setLevel(Level.DEBUG);
        StringBuilder answers = new StringBuilder();
        try (Engine engine = Engine.open(dir)) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "exporter").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try (RemoteApi remote = new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key))
                    .withRetries(2, Duration.ofMillis(10)))) {
                remote.ingest(List.of(Map.of("event", "order.created", "id", "o-1",
                        "timestamp", System.currentTimeMillis() - 1000)));
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("url", "https://127.0.0.1:" + closedPort() + "/events");
                config.put("apiKey", API_KEY);
                config.put("headers", Map.of("Authorization", "Bearer " + BEARER));
                ApiException.Client failed = catchThrowableOfType(ApiException.Client.class, () ->
                        remote.exportToDestination(new Exports.Request("https", 10, null, null, null, null, config)));
                assertThat(failed.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
                String exportId = failed.details().get(0).message();
                ApiException.Client again = catchThrowableOfType(ApiException.Client.class,
                        () -> remote.retryExport(exportId, new Exports.RetryRequest(config)));
                answers.append(failed.getMessage()).append(failed.details()).append(again.getMessage())
                        .append(again.details()).append(remote.exportReceipts(null)).append(remote.usage(null));
                for (String path : List.of("/api/health", "/api/health?strict=1", "/api/usage", "/api/exports/receipts")) {
                    answers.append(Http.get(server.baseUrl() + path, Http.bearer(key)).text());
                }
            } finally {
                server.stop();
            }
        } finally {
            root.detachAppender(appender);
            root.setLevel(level);
        }
        assertThat(answers.toString()).contains("destination_failed", "/api/exports/destinations")
                .doesNotContain(API_KEY, BEARER);
        String logged = appender.list.stream().map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                : ThrowableProxyUtil.asString(e.getThrowableProxy()))).collect(Collectors.joining("\n"));
        assertThat(logged).doesNotContain(API_KEY, BEARER);
        assertThat(filesHolding(dir, API_KEY)).isEmpty();
        assertThat(filesHolding(dir, BEARER)).isEmpty();
    }

    /** Every file under {@code folder} whose bytes hold {@code text} (UTF-8). */
    private static List<Path> filesHolding(Path folder, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
