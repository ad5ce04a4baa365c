package com.headlessanalytics.console.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.ServeBackend;
import com.headlessanalytics.console.api.ServeBackend.Principal;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve mode: a {@link ServeBackend} over HTTP on the API's paths ({@link Route}: ingest, events,
 * health, the analytics routes of {@link AnalyticsRoutes}, the governance and proof-trail routes
 * of {@link GovernanceRoutes}, the trackable routes of {@link TrackableRoutes}, the operating graph's
 * routes of {@link EntityRoutes}, the connector and export routes of {@link IntegrationRoutes} and the
 * public {@code /t/{code}} link), on the JDK's HTTP server with one virtual thread per request.
 *
 * <p>Every answer is JSON with a proof envelope and an {@code X-HA-Query-ID} header, except a proof
 * packet, which is its zip bytes (with the header); every request is metered once, after its
 * response is written. Bearer API keys are required except for health and {@code /t/{code}} (whose
 * answers are HTML); each key has a token bucket,
 * and failed authentications are throttled per remote address.
 *
 * <p>JDK server settings: unless set with {@code -D}, {@link #start} sets
 * {@code sun.net.httpserver.maxReqTime} (30 s to send a whole request, so a slow client cannot hold
 * a connection), {@code maxRspTime} (60 s from the end of the request to the end of the response)
 * and {@code nodelay} (TCP_NODELAY: the JDK writes headers and a large body separately, and Nagle's
 * algorithm would then hold the body for the client's delayed ACK, about 40 ms per response). The
 * JDK reads them once, when the first server of the JVM is created.
 *
 * <p>Limits of the JDK server: requests it refuses before any handler runs (malformed request line
 * or headers, an unsupported Transfer-Encoding) get its plain answer and are not metered; it answers
 * {@code Expect: 100-continue} itself.
 *
 * <p>A refused body (413 on its {@code Content-Length}, 401, 415 and so on) is answered at once;
 * the server then reads and discards what the client still sends of it, up to {@link
 * #DISCARD_BYTES}, so the client reads the answer rather than a connection reset. A 413 closes the
 * connection after that.
 */
public final class LocalApiServer {
    private static final Logger log = LoggerFactory.getLogger(LocalApiServer.class);

    static final String UNKNOWN_ENDPOINT = "(unknown)";
    /** The most of an unread body read and discarded after an answer: twice the largest body any route takes. */
    static final int DISCARD_BYTES = 2 * Connectors.MAX_BODY_BYTES;
    static final int AUTH_FAILURES_PER_SECOND = 20;
    static final int AUTH_FAILURE_BURST = 20;
    private static final String JSON = "application/json; charset=utf-8";
    private static final int MAX_KEY_LENGTH = 512;
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern SAFE_QUERY_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}");
    private static final Set<String> METHODS =
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT");
    private static final Set<String> EVENT_PARAMS = QueryString.ordered("event", "traceId", "actor", "businessId",
            "from", "to", "limit", "cursor", "order", "source", "channel", "campaign", "medium", "trackable");
    private static final Set<String> HEALTH_PARAMS = Set.of("strict");
    private static final Period OPEN_PERIOD = new Period(null, null);

    /** What one request has established so far. */
    private static final class Call {
        final HttpExchange exchange;
        final long at;
        final String method;
        /** Null for no route, and for an extension path on a reference-only server. */
        Route route;
        Map<String, String> rawPathParams;
        Principal principal;
        long requestBytes;

        Call(HttpExchange exchange, long at) {
            this.exchange = exchange;
            this.at = at;
            this.method = exchange.getRequestMethod();
            Route.Match match = Route.match(exchange.getRequestURI().getRawPath());
            this.route = match == null ? null : match.route();
            this.rawPathParams = match == null ? Map.of() : match.rawParams();
        }

        String rawQuery() {
            return exchange.getRequestURI().getRawQuery();
        }

        String workspaceId() {
            return principal == null ? null : principal.workspaceId();
        }

        String endpoint() {
            return route == null ? UNKNOWN_ENDPOINT : route.path;
        }

        String remoteAddress() {
            InetSocketAddress remote = exchange.getRemoteAddress();
            return remote == null || remote.getAddress() == null ? "?" : remote.getAddress().getHostAddress();
        }
    }

    /** A response ready to write. */
    private record Reply(int status, byte[] body, String queryId, Map<String, String> headers) {
    }

    record ErrorBody(ErrorInfo error, Proof proof) {
    }

    record ErrorInfo(String code, String message, List<FieldError> details) {
    }

    private final ServeBackend backend;
    private final ServeConfig config;
    private final HttpServer http;
    private final ExecutorService executor;
    private final String baseUrl;
    private final RateLimiter keyLimits;
    private final RateLimiter anonymousLimits;
    private final RateLimiter authFailures;
    private final TrackableLinks links = new TrackableLinks(new SecureRandom());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;

    private LocalApiServer(ServeBackend backend, ServeConfig config, HttpServer http, ExecutorService executor) {
        this.backend = backend;
        this.config = config;
        this.http = http;
        this.executor = executor;
        this.baseUrl = baseUrl(http.getAddress());
        this.keyLimits = new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), System::nanoTime);
        this.anonymousLimits = new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), System::nanoTime);
        this.authFailures = new RateLimiter(AUTH_FAILURES_PER_SECOND, AUTH_FAILURE_BURST, System::nanoTime);
    }

    /**
     * Binds {@code config.host():config.port()} and starts serving.
     *
     * @throws IOException when the address cannot be resolved or bound (e.g. the port is in use)
     */
    public static LocalApiServer start(ServeBackend backend, ServeConfig config) throws IOException {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(config, "config");
        setIfAbsent("sun.net.httpserver.maxReqTime", "30");
        setIfAbsent("sun.net.httpserver.maxRspTime", "60");
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        LocalApiServer server = new LocalApiServer(backend, config, http, executor);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        log.info("Local API server listening on {}", server.baseUrl);
        return server;
    }

    /** The bound port (the chosen one when the config asked for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** E.g. {@code http://127.0.0.1:8080}; a wildcard bind is reported as the loopback address. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Graceful shutdown: requests arriving from now on get 503 {@code not_ready}, in-flight ones get
     * up to {@code drainSeconds} to finish, then the socket and all connections are closed. Safe to
     * call more than once, from any thread and from a JVM shutdown hook; every call returns once
     * the server has stopped.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            log.info("Stopping the local API server at {}: up to {} s for in-flight requests", baseUrl,
                    config.drainSeconds());
            if (!awaitIdle(TimeUnit.SECONDS.toNanos(config.drainSeconds()))) {
                log.warn("Requests still running after {} s; closing their connections", config.drainSeconds());
            }
            http.stop(0);
            executor.shutdownNow();
            log.info("Local API server at {} stopped", baseUrl);
        } finally {
            stopped.countDown();
        }
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        enter();
        try {
            Call call = new Call(exchange, System.currentTimeMillis());
            Reply reply = respond(call);
            long written = send(call, reply);
            meter(call, reply, written, started);
        } finally {
            exit();
            discardUnreadBody(exchange);
            exchange.close();
        }
    }

    /**
     * Reads and discards what the client is still sending of a body the answer did not need (a
     * refused one, mostly), up to {@link #DISCARD_BYTES}. A connection closed with unread bytes is
     * closed by a TCP reset, and a client still writing its body may then lose the answer it has
     * not yet read (the JDK's own discard stops at 64 KiB). Ends early when the client goes away
     * or the JDK's response timer closes a connection whose client stopped sending.
     */
    private static void discardUnreadBody(HttpExchange exchange) {
        InputStream in = exchange.getRequestBody();
        byte[] sink = new byte[16 * 1024];
        long discarded = 0;
        try {
            for (int n; discarded <= DISCARD_BYTES && (n = in.read(sink)) >= 0; ) {
                discarded += n;
            }
        } catch (IOException gone) {
            log.debug("Discarding an unread request body ended: {}", gone.toString());
        }
    }

    private Reply respond(Call call) {
        if (config.referenceOnly() && call.route != null && !call.route.reference) {
            call.route = null;
            call.rawPathParams = Map.of();
        }
        if (call.route == Route.TRACKABLE_LINK
                || call.route == null && call.exchange.getRequestURI().getRawPath().startsWith(TrackableCodes.REDIRECT_PATH)) {
            return link(call);
        }
        try {
            return route(call);
        } catch (ApiException.Client e) {
            boolean clientStatus = e.status() >= 400 && e.status() < 500 || isDestinationFailure(e);
            return error(call, clientStatus ? e.status() : 400,
                    Objects.requireNonNullElse(e.code(), ErrorCodes.INVALID_INPUT), e.getMessage(), e.details(),
                    e.retryAfterSeconds());
        } catch (ApiException.Server e) {
            log.warn("{} {} failed: {} {}", call.method, call.endpoint(), e.status(), e.code(), e);
            return error(call, e.status() >= 500 && e.status() < 600 ? e.status() : 500,
                    Objects.requireNonNullElse(e.code(), ErrorCodes.INTERNAL), e.getMessage(), List.of(), 0);
        } catch (Exception e) {
            String queryId = newQueryId(call.at);
            log.error("{} {} failed with an internal error (queryId {})", call.method, call.endpoint(), queryId, e);
            return error(call, queryId, 500, ErrorCodes.INTERNAL,
                    "internal server error; quote query id " + queryId + " when reporting it", List.of(), 0);
        }
    }

    /** 502 {@code destination_failed}: the port's own answer for an export whose destination failed, sent as it is. */
    private static boolean isDestinationFailure(ApiException e) {
        return e.status() == 502 && ErrorCodes.DESTINATION_FAILED.equals(e.code());
    }

    private Reply route(Call call) throws JsonProcessingException {
        if (stopping.get()) {
            return error(call, 503, ErrorCodes.NOT_READY, "the server is shutting down; retry against a running server",
                    List.of(), 0);
        }
        Route route = call.route;
        boolean anonymous = route == Route.HEALTH || route == Route.OPENAPI;
        if (route == null || !route.allows(call.method) || anonymous) {
            long wait = anonymousLimits.acquire(call.remoteAddress());
            if (wait > 0) {
                throw rateLimited("too many requests from this address", wait);
            }
        }
        if (route == null) {
            throw ApiException.notFound("there is no API endpoint at this path");
        }
        if (!route.allows(call.method)) {
            throw new ApiException.Client(405, ErrorCodes.METHOD_NOT_ALLOWED,
                    route.path + " accepts only " + route.allow(), List.of());
        }
        if (route == Route.HEALTH) {
            return health(call);
        }
        if (route == Route.OPENAPI) {
            OpenApiRoute.Answer answer = OpenApiRoute.answer(config, baseUrl, new AnalyticsRequest(call));
            return reply(answer.status(), answer.body(), queryIdOf(call, answer.proof()), Map.of());
        }
        authenticate(call);
        long wait = keyLimits.acquire(Objects.requireNonNullElse(call.principal.keyId(), "workspace:" + call.workspaceId()));
        if (wait > 0) {
            throw rateLimited("rate limit of " + config.rateLimitPerSecond() + " requests/s for this API key exceeded",
                    wait);
        }
        HeadlessApi port = backend.workspace(call.principal);
        if (GovernanceRoutes.handles(route)) {
            GovernanceRoutes.Answer answer = GovernanceRoutes.answer(port, route, new AnalyticsRequest(call));
            if (answer.body() instanceof GovernanceRoutes.Packet packet) {
                return attachment(call, packet);
            }
            return reply(answer.status(), answer.body(), queryIdOf(call, answer.proof()), Map.of());
        }
        if (route == Route.GRAPHQL) {
            GraphQlRoute.Answer answer = GraphQlRoute.answer(port, new AnalyticsRequest(call));
            return reply(answer.status(), answer.body(), queryIdOf(call, answer.proof()), Map.of());
        }
        if (PlanRoutes.handles(route)) {
            PlanRoutes.Answer answer = PlanRoutes.answer(port, route, new AnalyticsRequest(call));
            return reply(answer.status(), answer.body(), queryIdOf(call, answer.proof()), Map.of());
        }
        if (IntegrationRoutes.handles(route)) {
            IntegrationRoutes.Answer answer = IntegrationRoutes.answer(port, route, new AnalyticsRequest(call));
            return reply(answer.status(), answer.body(), queryIdOf(call, answer.proof()), Map.of());
        }
        if (TrackableRoutes.handles(route)) {
            TrackableRoutes.Answer answer = TrackableRoutes.answer(port, route, new AnalyticsRequest(call));
            return reply(answer.status(), answer.body(), queryIdOf(call, answer.proof()), Map.of());
        }
        if (EntityRoutes.handles(route)) {
            AnalyticsRoutes.Answer answer = EntityRoutes.answer(port, route, new AnalyticsRequest(call));
            return ok(call, answer.body(), answer.proof());
        }
        if (AnalyticsRoutes.handles(route)) {
            AnalyticsRoutes.Answer answer = AnalyticsRoutes.answer(port, route, new AnalyticsRequest(call));
            return ok(call, answer.body(), answer.proof());
        }
        if (route == Route.INGEST) {
            QueryString.parse(call.rawQuery(), Set.of());
            IngestBody.checkContentType(call.exchange.getRequestHeaders().get("Content-Type"));
            byte[] body = readBody(call, EventLimits.MAX_BATCH_BYTES);
            IngestResult result = port.ingest(IngestBody.parse(body, (int) call.requestBytes));
            return ok(call, result, result.proof());
        }
        if (route == Route.EVENT_NAMES) {
            Map<String, String> params = QueryString.parse(call.rawQuery(), Set.of("businessId"));
            EventNames names = port.eventNames(params.get("businessId"));
            return ok(call, names, names.proof());
        }
        EventPage page = port.events(eventQuery(call));
        return ok(call, page, page.proof());
    }

    /**
     * {@code GET /t/{code}}, public: finds the trackable by its code (read forgivingly) in any
     * workspace, records its event through that workspace's port (a HEAD records nothing) and
     * answers 302 to its target, or a page saying the scan was recorded when it has none. Unknown
     * or malformed codes (and every other path under {@code /t/}) get a 404 page and record nothing.
     * Every answer is HTML; the route is rate limited per client address like the other routes
     * without a key.
     */
    private Reply link(Call call) {
        try {
            if (stopping.get()) {
                return html(call, 503, TrackableLinks.errorPage(503, "The server is shutting down. Try again shortly."),
                        Map.of("Connection", "close"));
            }
            if (call.route != null && !call.route.allows(call.method)) {
                return html(call, 405, TrackableLinks.errorPage(405, "This link only opens with GET."),
                        Map.of("Allow", call.route.allow()));
            }
            long wait = anonymousLimits.acquire(call.remoteAddress());
            if (wait > 0) {
                return html(call, 429, TrackableLinks.errorPage(429, "Too many requests. Try again in a moment."),
                        Map.of("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(wait))));
            }
            String raw = call.route == null ? null : call.rawPathParams.get("code");
            String code = raw == null ? null : QueryString.decodeSegment(raw);
            Optional<ServeBackend.TrackableLink> found = code == null || code.length() > 2 * TrackableCodes.LENGTH
                    || code.chars().anyMatch(Character::isISOControl) ? Optional.empty() : backend.trackableLink(code);
            if (found.isEmpty()) {
                return html(call, 404, TrackableLinks.notFoundPage(), Map.of());
            }
            ServeBackend.TrackableLink link = found.get();
            call.principal = new Principal(link.workspaceId(), null);
            Trackables.Trackable trackable = link.trackable();
            String location = TrackableLinks.location(trackable);
            if (!"HEAD".equals(call.method)) {
                try {
                    backend.workspace(call.principal).ingest(List.of(Trackables.scanEvent(trackable,
                            Trackables.CHANNEL_LINK, links.visitor(call.remoteAddress()), Ids.newId("scan", call.at),
                            call.at)));
                } catch (RuntimeException e) {
                    if (location == null) {
                        throw e;
                    }
                    // the visitor still reaches the target; the lost scan is logged, not hidden
                    log.error("The scan of trackable {} could not be recorded; redirecting anyway", trackable.code(), e);
                }
            }
            if (location == null) {
                return html(call, 200, TrackableLinks.recordedPage(trackable), Map.of());
            }
            return html(call, 302, TrackableLinks.redirectPage(location), Map.of("Location", location));
        } catch (RuntimeException e) {
            String queryId = newQueryId(call.at);
            log.error("GET /t/{code} failed (queryId {})", queryId, e);
            return new Reply(500, TrackableLinks.errorPage(500, "Something went wrong; quote " + queryId
                    + " when reporting it."), queryId, Map.of("Content-Type", TrackableLinks.HTML));
        }
    }

    private static Reply html(Call call, int status, byte[] page, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", TrackableLinks.HTML);
        all.put("Referrer-Policy", "no-referrer");
        return new Reply(status, page, newQueryId(call.at), all);
    }

    private void authenticate(Call call) {
        String address = call.remoteAddress();
        long wait = authFailures.waitNanos(address);
        if (wait > 0) {
            throw rateLimited("too many failed authentications from this address", wait);
        }
        String problem = null;
        String key = null;
        List<String> values = call.exchange.getRequestHeaders().get("Authorization");
        if (values == null || values.isEmpty()) {
            problem = "missing Authorization header; send Authorization: Bearer <workspace API key>";
        } else if (values.size() > 1) {
            problem = "send exactly one Authorization header";
        } else {
            String value = values.get(0).strip();
            int space = value.indexOf(' ');
            if (value.equalsIgnoreCase("Bearer")) {
                problem = "the bearer token is empty";
            } else if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
                problem = "the Authorization scheme must be Bearer with a workspace API key";
            } else {
                key = value.substring(space + 1).strip();
                if (key.isEmpty()) {
                    problem = "the bearer token is empty";
                } else if (JWT.matcher(key).matches()) {
                    problem = "this local server accepts workspace API keys only, not JWTs";
                } else if (key.length() > MAX_KEY_LENGTH) {
                    problem = "the API key is unknown or revoked";
                }
            }
        }
        if (problem == null) {
            Principal principal = backend.authenticate(key).orElse(null);
            if (principal == null) {
                problem = "the API key is unknown or revoked";
            } else {
                call.principal = principal;
            }
        }
        if (problem != null) {
            authFailures.acquire(address);
            throw new ApiException.Client(401, ErrorCodes.UNAUTHORIZED, problem, List.of());
        }
        List<String> workspaces = call.exchange.getRequestHeaders().get("X-HA-Workspace-ID");
        if (workspaces != null && workspaces.stream().anyMatch(w -> !w.strip().equals(call.workspaceId()))) {
            throw new ApiException.Client(403, ErrorCodes.FORBIDDEN,
                    "the API key does not belong to the workspace named in X-HA-Workspace-ID", List.of());
        }
    }

    /** {@link AnalyticsRoutes.Request} on one call. */
    private static final class AnalyticsRequest implements AnalyticsRoutes.Request {
        private final Call call;

        AnalyticsRequest(Call call) {
            this.call = call;
        }

        @Override
        public String method() {
            return call.method;
        }

        @Override
        public Map<String, String> params(Set<String> allowed) {
            return QueryString.parse(call.rawQuery(), allowed);
        }

        @Override
        public String pathParam(String name) {
            String value = pathSegment(name);
            if (value.length() > EventLimits.MAX_ID_LENGTH) {
                throw ApiException.invalid("invalid path segment {" + name + "}", List.of(new FieldError(null, name,
                        "invalid_value", "must be 1-" + EventLimits.MAX_ID_LENGTH + " characters")));
            }
            return value;
        }

        @Override
        public String pathSegment(String name) {
            String raw = call.rawPathParams.get(name);
            String value = raw == null ? null : QueryString.decodeSegment(raw);
            if (value == null) {
                throw ApiException.invalid("invalid path segment {" + name + "}", List.of(new FieldError(null, name,
                        "invalid_value", "is not valid percent-encoded UTF-8")));
            }
            return value;
        }

        @Override
        public boolean hasBody() {
            Headers h = call.exchange.getRequestHeaders();
            String length = h.getFirst("Content-Length");
            return h.containsKey("Transfer-Encoding") || length != null && !length.strip().equals("0");
        }

        @Override
        public <T> T body(Class<T> type) {
            return body(type, EventLimits.MAX_BATCH_BYTES);
        }

        @Override
        public <T> T body(Class<T> type, int maxBytes) {
            IngestBody.checkContentType(call.exchange.getRequestHeaders().get("Content-Type"));
            byte[] body = readBody(call, maxBytes);
            return JsonBody.read(body, (int) call.requestBytes, type);
        }

        @Override
        public Proof proof() {
            return LocalApiServer.proof(call, newQueryId(call.at));
        }
    }

    /**
     * Reads the body once into one array, its length in {@code call.requestBytes}: refused (413) by
     * its Content-Length before reading, or, chunked, once it passes the cap.
     */
    private static byte[] readBody(Call call, int cap) {
        try {
            return readCapped(call, cap);
        } catch (IOException e) {
            throw IngestBody.malformed("the request body could not be read: the connection failed or timed out");
        }
    }

    private static byte[] readCapped(Call call, int cap) throws IOException {
        String declared = call.exchange.getRequestHeaders().getFirst("Content-Length");
        InputStream in = call.exchange.getRequestBody();
        if (declared != null) {
            long length = Long.parseLong(declared.strip());
            if (length > cap) {
                throw bodyTooLarge(cap);
            }
            byte[] body = new byte[(int) length];
            call.requestBytes = in.readNBytes(body, 0, body.length);
            if (call.requestBytes < length) {
                throw IngestBody.malformed("the request body ended before its Content-Length");
            }
            return body;
        }
        byte[] body = new byte[cap + 1];
        call.requestBytes = in.readNBytes(body, 0, body.length);
        if (call.requestBytes > cap) {
            throw bodyTooLarge(cap);
        }
        return body;
    }

    private static ApiException.Client bodyTooLarge(int cap) {
        return ApiException.tooLarge("the request body is larger than " + cap + " bytes", List.of());
    }

    private static EventQuery eventQuery(Call call) {
        Map<String, String> p = QueryString.parse(call.rawQuery(), EVENT_PARAMS);
        List<FieldError> errors = new ArrayList<>();
        Long from = QueryString.longValue(p, "from", "an integer number of milliseconds since epoch", errors);
        Long to = QueryString.longValue(p, "to", "an integer number of milliseconds since epoch", errors);
        Long limit = QueryString.longValue(p, "limit", "an integer", errors);
        if (limit != null && (limit < Integer.MIN_VALUE || limit > Integer.MAX_VALUE)) {
            errors.add(new FieldError(null, "limit", "invalid_value",
                    "must be between 1 and " + EventLimits.MAX_EVENTS_PAGE));
        }
        EventQuery.Order order = null;
        String orderName = p.get("order");
        if ("asc".equals(orderName)) {
            order = EventQuery.Order.ASC;
        } else if ("desc".equals(orderName)) {
            order = EventQuery.Order.DESC;
        } else if (orderName != null) {
            errors.add(new FieldError(null, "order", "invalid_value", "must be asc or desc"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("invalid query parameter '" + errors.get(0).field() + "'", errors);
        }
        return new EventQuery(p.get("businessId"), p.get("event"), p.get("traceId"), p.get("actor"), from, to,
                limit == null ? null : limit.intValue(), p.get("cursor"), order, p.get("source"), p.get("channel"),
                p.get("campaign"), p.get("medium"), p.get("trackable"));
    }

    private Reply health(Call call) throws JsonProcessingException {
        Map<String, String> params = QueryString.parse(call.rawQuery(), HEALTH_PARAMS);
        String strictValue = params.get("strict");
        boolean strict = "1".equals(strictValue) || "true".equals(strictValue);
        if (strictValue != null && !strict && !"0".equals(strictValue) && !"false".equals(strictValue)) {
            throw ApiException.invalid("invalid query parameter 'strict'",
                    List.of(new FieldError(null, "strict", "invalid_value", "must be 1, true, 0 or false")));
        }
        List<RuntimeHealth.Check> checks = new ArrayList<>();
        List<RuntimeHealth.Setting> settings = new ArrayList<>();
        try {
            RuntimeHealth base = backend.health();
            checks.addAll(base.checks());
            settings.addAll(base.settings());
        } catch (RuntimeException e) {
            log.error("The backend health check failed", e);
            checks.add(new RuntimeHealth.Check("backend", RuntimeHealth.FAIL, true,
                    "the backend health check failed", "see the server log"));
        }
        checks.add(new RuntimeHealth.Check("rate_limiting", RuntimeHealth.OK, true, config.rateLimitPerSecond()
                + " requests/s per API key, burst " + config.rateLimitBurst(), null));
        checks.add(new RuntimeHealth.Check("http_server", RuntimeHealth.OK, true, "listening on " + baseUrl, null));
        String queryId = newQueryId(call.at);
        RuntimeHealth health = RuntimeHealth.of(checks, settings, proof(call, queryId));
        return reply(strict && !health.ready() ? 503 : 200, health, queryId, Map.of());
    }

    private Reply ok(Call call, Object body, Proof proof) throws JsonProcessingException {
        return reply(200, body, queryIdOf(call, proof), Map.of());
    }

    /** The proof's query id when it is fit for a header, else a new one. */
    private static String queryIdOf(Call call, Proof proof) {
        return proof != null && proof.queryId() != null && SAFE_QUERY_ID.matcher(proof.queryId()).matches()
                ? proof.queryId() : newQueryId(call.at);
    }

    /** A packet's zip bytes as a download named after its proof id (a plain name when the id is unfit for a header). */
    private static Reply attachment(Call call, GovernanceRoutes.Packet packet) {
        String fileName = SAFE_FILE_NAME.matcher(packet.fileName()).matches() ? packet.fileName() : "proof.haproof";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", GovernanceRoutes.PACKET_TYPE);
        headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return new Reply(200, packet.bytes(), newQueryId(call.at), headers);
    }

    private Reply error(Call call, int status, String code, String message, List<FieldError> details,
                        long retryAfterSeconds) {
        return error(call, newQueryId(call.at), status, code, message, details, retryAfterSeconds);
    }

    private Reply error(Call call, String queryId, int status, String code, String message, List<FieldError> details,
                        long retryAfterSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (status) {
            case 401 -> headers.put("WWW-Authenticate", "Bearer");
            case 405 -> headers.put("Allow", call.route.allow());
            case 413, 503 -> headers.put("Connection", "close");
            case 429 -> headers.put("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
            default -> {
            }
        }
        ErrorBody body = new ErrorBody(new ErrorInfo(code, message, details == null ? List.of() : details),
                proof(call, queryId));
        try {
            return reply(status, body, queryId, headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an error body", e);
        }
    }

    private static Reply reply(int status, Object body, String queryId, Map<String, String> headers)
            throws JsonProcessingException {
        return new Reply(status, ApiJson.mapper().writeValueAsBytes(body), queryId, headers);
    }

    private static Proof proof(Call call, String queryId) {
        return new Proof(queryId, call.workspaceId(), null, OPEN_PERIOD, call.at, Proof.SCHEMA_VERSION);
    }

    private static ApiException.Client rateLimited(String message, long waitNanos) {
        return new ApiException.Client(429, ErrorCodes.RATE_LIMITED, message, List.of(),
                RateLimiter.retryAfterSeconds(waitNanos));
    }

    /**
     * Writes and flushes the reply, leaving the exchange open; the number of body bytes written, 0
     * when the client went away.
     */
    private static long send(Call call, Reply reply) {
        HttpExchange exchange = call.exchange;
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", JSON);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-HA-Query-ID", reply.queryId());
        reply.headers().forEach(headers::set);
        try {
            if ("HEAD".equals(call.method)) {
                exchange.sendResponseHeaders(reply.status(), -1);
                return 0;
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            OutputStream out = exchange.getResponseBody();
            out.write(reply.body());
            out.flush();
            return reply.body().length;
        } catch (IOException e) {
            log.debug("Could not send the {} answer of {} {}: {}", reply.status(), call.method, call.endpoint(),
                    e.toString());
            return 0;
        }
    }

    private void meter(Call call, Reply reply, long responseBytes, long startedNanos) {
        try {
            backend.meter(new UsageRecord(call.at, call.workspaceId(),
                    call.principal == null ? null : call.principal.keyId(),
                    METHODS.contains(call.method) ? call.method : "(other)", call.endpoint(), reply.status(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), call.requestBytes, responseBytes,
                    reply.queryId()));
        } catch (RuntimeException e) {
            log.error("Usage metering failed for query {}", reply.queryId(), e);
        }
    }

    private void enter() {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    private void exit() {
        lock.lock();
        try {
            if (--inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no request is being handled; false when {@code nanos} ran out first. */
    private boolean awaitIdle(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (inFlight > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newQueryId(long now) {
        return Ids.newId("q", now);
    }

    private static String baseUrl(InetSocketAddress bound) {
        InetAddress address = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : bound.getAddress();
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
