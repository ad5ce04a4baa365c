package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.headlessanalytics.console.api.EventQuery;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Retries and failures are logged and reported without the key, the JWT or their headers. */
@Timeout(20)
class RemoteApiSecretsTest {
    private static final String KEY = "ha_live_KEYSECRET77";
    private static final String JWT = "eyJhbGci.JWTSECRET88.sig";

    @Test
    void logsAndErrorsNeverShowCredentials() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(RemoteApi.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        StringBuilder reported = new StringBuilder();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (Credentials credentials : List.of(new Credentials.ApiKey(KEY),
                    new Credentials.EnterpriseJwt(JWT, "ws_1"))) {
                server.enqueue(new MockResponse.Builder().code(500).body("<html>oops</html>").build());
                server.enqueue(new MockResponse.Builder().code(503).body("{\"status\":\"x\"}").build());
                server.enqueue(new MockResponse.Builder().code(200).body("{}")
                        .onResponseStart(new SocketEffect.CloseSocket()).build());
                server.enqueue(new MockResponse.Builder().code(401)
                        .body("{\"error\":{\"code\":\"unauthorized\",\"message\":\"unknown key\"}}").build());
                server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
                RemoteConfig config = new RemoteConfig(server.url("/").toString(), credentials, null,
                        Duration.ofSeconds(2), 4, Duration.ofMillis(1));
                try (RemoteApi api = new RemoteApi(config)) {
                    api.assumeOffer(Offers.OURS);
                    Throwable e = catchThrowable(() -> api.health());
                    Throwable f = catchThrowable(() -> api.events(EventQuery.all()));
                    reported.append(e).append(e.getCause()).append(f).append(config);
                }
            }
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        String logged = appender.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
        assertThat(appender.list).isNotEmpty();
        assertThat(logged).doesNotContain("KEYSECRET77", "JWTSECRET88", "Bearer");
        assertThat(reported.toString()).contains("unknown key", "field 'events' is missing").doesNotContain("KEYSECRET77", "JWTSECRET88");
    }
}
