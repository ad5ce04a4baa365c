package com.headlessanalytics.console.remote;

import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.TrackingPlans;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.Capabilities.Feature;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API port over HTTP against any HeadlessAnalytics-compatible server. Every call is retried
 * on transport failures, 500/502/503/504 and 429 (after its Retry-After); ingest stays safe to
 * retry because every event gets its id before the first attempt. Calls that change something
 * without such a key (deleting a metric definition, a metrics query that persists snapshots, every
 * governance change, enforce, proof export, destination export and its retry) are retried only when
 * the server cannot have acted: the connection was never made, or a 429. A 502 {@code destination_failed}
 * (the export's destination failed and its receipt is stored) is never retried and is raised as the
 * engine raises it, {@link ApiException#destinationFailed}. What the server offers is read once from its OpenAPI
 * document: a read whose path it lacks goes through its GraphQL endpoint, and a change it offers in
 * no form fails with {@link ApiException#notOffered} before anything is sent (docs/api.md,
 * Reference-only servers and the remote client).
 * Thread-safe.
 */
public final class RemoteApi implements HeadlessApi, GraphQl.Endpoint, AutoCloseable {

    /** Code of the error raised when a 2xx answer cannot be read. */
    public static final String BAD_RESPONSE = "bad_response";
    /** Code of the error raised when an error answer is not a HeadlessAnalytics error body. */
    public static final String NOT_AN_API = "not_headless_api";
    /** The longest Retry-After this client waits; a longer one ends the call with the 429. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    /** The largest answer read; a full events page is at most about 32 MB. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    /** The largest proof packet read: packets are stored zips, about 43 MB per 100,000 events. */
    static final int MAX_PACKET_BYTES = 1024 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RemoteApi.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String PACKET = "application/zip";
    private static final Set<Integer> RETRIED_STATUSES = Set.of(500, 502, 503, 504);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final RemoteConfig config;
    private final HttpUrl base;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final ObjectMapper json = ApiJson.mapper();
    /** Reads answers without shortening decimals: 149.00 stays 149.00, as the engine answers it. */
    private final ObjectReader tree = json.reader().without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    private volatile boolean closed;
    private final Object discovering = new Object();
    /** What the server offers; null until first needed, and again after a call found the server unreachable. */
    private volatile ServerOffer offer;

    public RemoteApi(RemoteConfig config) {
        this(config, new OkHttpClient(), true);
    }

    /** Builds on {@code base} (its interceptors, DNS, TLS); {@code base} stays the caller's to close. */
    public RemoteApi(RemoteConfig config, OkHttpClient base) {
        this(config, base, false);
    }

    private RemoteApi(RemoteConfig config, OkHttpClient base, boolean ownsClient) {
        this.config = Objects.requireNonNull(config, "config");
        this.base = config.httpUrl();
        this.client = base.newBuilder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.ownsClient = ownsClient;
    }

    public RemoteConfig config() {
        return config;
    }

    /**
     * One event goes as the bare envelope (the reference's form); a batch as {@code {"events":[…]}}
     * when the server's OpenAPI document says ingest takes it, else one request per event.
     */
    @Override
    public IngestResult ingest(List<Map<String, Object>> events) {
        Objects.requireNonNull(events, "events");
        long now = System.currentTimeMillis();
        List<Map<String, Object>> withIds = new ArrayList<>(events.size());
        for (Map<String, Object> event : events) {
            Map<String, Object> copy = event == null ? null : new LinkedHashMap<>(event);
            if (copy != null && copy.get("id") == null) {
                copy.put("id", Ids.newId("evt", now));
            }
            withIds.add(copy);
        }
        if (withIds.size() == 1 && withIds.get(0) != null) {
            return ingestOne(withIds.get(0));
        }
        if (withIds.isEmpty() || offer().batchIngest()) {
            Request request = request(url("api/ingest").build())
                    .post(RequestBody.create(ingestBytes(Map.of("events", withIds)), JSON)).build();
            IngestResult r = send(request, "an ingest result", reader(IngestResult.class, "accepted", "ids"), false);
            return new IngestResult(r.accepted(), r.duplicates(), r.ids(), orEmpty(r.duplicateIds()), r.proof(),
                    r.warnings());
        }
        return ingestEach(withIds);
    }

    /** A batch on a server that takes one event per request: not atomic, so a refusal says what was stored. */
    private IngestResult ingestEach(List<Map<String, Object>> events) {
        int accepted = 0;
        int duplicates = 0;
        List<String> ids = new ArrayList<>();
        List<String> duplicateIds = new ArrayList<>();
        List<IngestResult.Warning> warnings = new ArrayList<>();
        Proof proof = null;
        for (int i = 0; i < events.size(); i++) {
            IngestResult one;
            try {
                if (events.get(i) == null) {
                    throw ApiException.invalid("event " + i + " is not a JSON object",
                            List.of(new FieldError(0, null, "invalid_type", "must be a JSON object, got null")));
                }
                one = ingestOne(events.get(i));
            } catch (ApiException.Client e) {
                throw new ApiException.Client(e.status(), e.code(), e.getMessage() + " (event " + i + " of the batch"
                        + (i == 0 ? ")" : "; this server takes one event per request, so the " + i
                        + " before it were stored)"), reindexed(e.details(), i), e.retryAfterSeconds());
            }
            accepted += one.accepted();
            duplicates += one.duplicates();
            ids.addAll(one.ids());
            duplicateIds.addAll(orEmpty(one.duplicateIds()));
            for (IngestResult.Warning w : orEmpty(one.warnings())) {
                warnings.add(new IngestResult.Warning(i, w.planId(), w.field(), w.code(), w.message()));
            }
            proof = one.proof() == null ? proof : one.proof();
        }
        return new IngestResult(accepted, duplicates, ids, duplicateIds, proof, warnings.isEmpty() ? null : warnings);
    }

    private static List<FieldError> reindexed(List<FieldError> details, int index) {
        List<FieldError> out = new ArrayList<>(details.size());
        for (FieldError d : details) {
            out.add(new FieldError(index, d.field(), d.code(), d.message()));
        }
        return out;
    }

    private IngestResult ingestOne(Map<String, Object> event) {
        String id = String.valueOf(event.get("id"));
        Request request = request(url("api/ingest").build()).post(RequestBody.create(ingestBytes(event), JSON)).build();
        return send(request, "an ingest result", node -> singleIngest(node, id), false);
    }

    /**
     * Our answer ({@code accepted}, {@code ids}), or the reference's to one event: {@code {id}},
     * {@code {eventId}} or {@code {ok|success: true}}, which stores the event we sent with its id.
     */
    private IngestResult singleIngest(JsonNode node, String sentId) throws IOException {
        if (node.hasNonNull("accepted") && node.hasNonNull("ids")) {
            IngestResult r = read(node, IngestResult.class);
            return new IngestResult(r.accepted(), r.duplicates(), r.ids(), orEmpty(r.duplicateIds()), r.proof(),
                    r.warnings());
        }
        boolean stored = node.path("id").isTextual() || node.path("eventId").isTextual()
                || node.path("ok").asBoolean(false) || node.path("success").asBoolean(false);
        if (!stored) {
            throw new IOException("it has neither accepted and ids, nor id, eventId, ok or success");
        }
        Proof proof = node.path("proof").isObject() ? json.treeToValue(node.get("proof"), Proof.class) : null;
        return new IngestResult(1, 0, List.of(sentId), List.of(), proof);
    }

    private byte[] ingestBytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("the events cannot be written as JSON: " + e.getOriginalMessage(), List.of());
        }
    }

    @Override
    public EventPage events(EventQuery query) {
        Objects.requireNonNull(query, "query");
        if (!offers("GET", "/api/events")) {
            List<FieldError> problems = query.problems();
            if (!problems.isEmpty()) {
                throw ApiException.invalid("Invalid event query", problems);
            }
            Map<String, Object> v = variables(query);
            v.put("order", query.order() == null ? null : query.order().name().toLowerCase(Locale.ROOT));
            JsonNode answer = graphQl("events", v, "events");
            JsonNode cursor = answer.path("extensions").path("cursors").path("events");
            return new EventPage(list(answer.path("data").path("events"), Event.class),
                    cursor.isTextual() ? cursor.asText() : null, proof(answer, null));
        }
        HttpUrl.Builder url = url("api/events");
        param(url, "event", query.event());
        param(url, "traceId", query.traceId());
        param(url, "actor", query.actor());
        param(url, "businessId", query.businessId());
        param(url, "from", query.from());
        param(url, "to", query.to());
        param(url, "limit", query.limit());
        param(url, "cursor", query.cursor());
        param(url, "order", query.order() == null ? null : query.order().name().toLowerCase(Locale.ROOT));
        param(url, "source", query.source());
        param(url, "channel", query.channel());
        param(url, "campaign", query.campaign());
        param(url, "medium", query.medium());
        param(url, "trackable", query.trackable());
        return get(url, "an events page", EventPage.class, "events");
    }

    @Override
    public EventNames eventNames(String businessId) {
        if (!offers("GET", "/api/events/names")) {
            JsonNode answer = graphQl("eventNames", vars("businessId", businessId), "event names");
            return new EventNames(list(answer.path("data").path("metrics").path("eventNames"), EventNames.Name.class),
                    proof(answer, null));
        }
        HttpUrl.Builder url = url("api/events/names");
        param(url, "businessId", businessId);
        return get(url, "a list of event names", EventNames.class, "names");
    }

    @Override
    public RuntimeHealth health() {
        RuntimeHealth h = send(request(url("api/health").build()).get().build(), "a health report",
                reader(RuntimeHealth.class, "status", "checks"), true);
        return new RuntimeHealth(h.status(), h.ready(), h.checks(), orEmpty(h.settings()), h.proof());
    }

    /** Releases the connections and threads of a client this instance created; later calls fail. */
    @Override
    public void close() {
        closed = true;
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    // ---- What the server offers (docs/api.md, Reference-only servers and the remote client) ----

    /** The features the server offers, from its OpenAPI document (read on first need). */
    @Override
    public Capabilities capabilities() {
        return offer().capabilities();
    }

    /** Forgets what the server offers; the next call that needs it reads {@code GET /api/openapi} again. */
    public void rediscover() {
        offer = null;
    }

    /** Sets what the server offers without asking it: for tests that script every answer. */
    void assumeOffer(ServerOffer assumed) {
        offer = Objects.requireNonNull(assumed, "assumed");
    }

    /** What the server offers: read once, lazily, by one thread while the others wait for it. */
    ServerOffer offer() {
        ServerOffer known = offer;
        if (known != null) {
            return known;
        }
        synchronized (discovering) {
            if (offer != null) {
                return offer;
            }
            ServerOffer found = discover();
            if (found == null) {
                return ServerOffer.unknown();
            }
            offer = found;
            return found;
        }
    }

    /**
     * {@code GET /api/openapi} (public): its paths and methods. No document (404 or any other
     * refusal) or an unreadable one means the reference's paths and GraphQL. After a server error
     * it returns null: this call tries our paths, as before discovery, and the next call asks
     * again. No answer at all ends the call.
     */
    private ServerOffer discover() {
        Request request = new Request.Builder().url(url("api/openapi").build())
                .header("Accept", "application/json, application/yaml;q=0.5").get().build();
        try {
            ServerOffer read = send(request, "an OpenAPI document", (RawReader<ServerOffer>) this::openApi, false);
            LOG.info("{} documents {} operations{}", config.baseUrl(), read.operations().size(),
                    read.batchIngest() ? ", batch ingest" : "");
            return read;
        } catch (ApiException.Client refused) {
            LOG.info("{} has no OpenAPI document (HTTP {}): using the reference's paths and GraphQL",
                    config.baseUrl(), refused.status());
            return ServerOffer.undocumented();
        } catch (ApiException.Server failed) {
            if (!BAD_RESPONSE.equals(failed.code())) {
                LOG.warn("reading the OpenAPI document of {} failed ({}); trying our paths until it answers",
                        config.baseUrl(), failed.getMessage());
                return null;
            }
            LOG.info("the OpenAPI document of {} is unreadable ({}): using the reference's paths and GraphQL",
                    config.baseUrl(), failed.getMessage());
            return ServerOffer.undocumented();
        }
    }

    /** An OpenAPI document as JSON, or as YAML. */
    private ServerOffer openApi(byte[] body, String contentType) throws IOException {
        JsonNode document = parse(body);
        if (document == null) {
            document = YAML.readTree(body);
        }
        ServerOffer read = ServerOffer.read(document);
        if (read == null) {
            throw new IOException("it is not an OpenAPI document with paths");
        }
        return read;
    }

    /** Whether the server offers the path of one of our REST calls. */
    private boolean offers(String method, String path) {
        return offer().offers(method, path);
    }

    /** Refuses, before anything is sent, a call whose path the server does not offer. */
    private void require(Feature feature, String method, String path) {
        if (!offers(method, path)) {
            throw ApiException.notOffered(feature);
        }
    }

    // ---- GraphQL (POST /api/graphql): the reads a server offers through no REST path of ours ----

    /** Runs {@code request} on the server's {@code /api/graphql}: 200 and 400 answers come back as they are. */
    @Override
    public GraphQl.Response execute(GraphQl.Request request) {
        Objects.requireNonNull(request, "request");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        if (request.variables() != null) {
            body.put("variables", request.variables());
        }
        if (request.operationName() != null) {
            body.put("operationName", request.operationName());
        }
        return send(post("api/graphql", body), "a GraphQL answer", (GraphQlReader<GraphQl.Response>) (status, node) ->
                new GraphQl.Response(status, json.convertValue(node, new TypeReference<Map<String, Object>>() { })),
                false);
    }

    /**
     * The answer of the client's document {@code name} (resources remote/graphql/NAME.graphql) with
     * {@code variables} (nulls left out, so the schema's defaults apply). An error in the answer is
     * raised as the REST path raises it, from its {@code extensions}.
     */
    private JsonNode graphQl(String name, Map<String, Object> variables, String what) {
        if (!offers("POST", "/api/graphql")) {
            throw new ApiException.Client(501, ErrorCodes.NOT_OFFERED, "This server offers " + what
                    + " neither through a REST path nor through GraphQL.", List.of());
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        variables.forEach((k, v) -> {
            if (v != null) {
                vars.put(k, v);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", GraphQlDocuments.text(name));
        body.put("variables", vars);
        return send(post("api/graphql", body), what + " (GraphQL)",
                (GraphQlReader<JsonNode>) (status, node) -> {
                    if (node.path("errors").isArray() && !node.get("errors").isEmpty()) {
                        throw graphQlError(status, node.get("errors").get(0), what);
                    }
                    if (status != 200 || !node.path("data").isObject()) {
                        throw new IOException("it has no data");
                    }
                    return node;
                }, false);
    }

    /** A GraphQL error rebuilt as the ApiException of the REST path: code, status and details from its extensions. */
    private ApiException graphQlError(int status, JsonNode error, String what) {
        String message = error.path("message").asText("the GraphQL answer has an error without a message");
        JsonNode ext = error.path("extensions");
        if (ext.path("code").isTextual()) {
            int st = ext.path("status").isInt() ? ext.get("status").asInt() : status == 200 ? 400 : status;
            List<FieldError> details = List.of();
            if (ext.path("details").isArray()) {
                try {
                    details = json.convertValue(ext.get("details"), new TypeReference<List<FieldError>>() { });
                } catch (IllegalArgumentException unreadable) {
                    LOG.debug("unreadable GraphQL error details from {}", config.baseUrl(), unreadable);
                }
            }
            return st >= 500 ? new ApiException.Server(st, ext.get("code").asText(), message, null)
                    : new ApiException.Client(st, ext.get("code").asText(), message, details);
        }
        if (status == 400 && UNKNOWN_IN_SCHEMA.matcher(message).find()) {
            return new ApiException.Client(501, ErrorCodes.NOT_OFFERED, "This server's GraphQL schema cannot give "
                    + what + " as this console reads it: " + message, List.of());
        }
        if (status == 400) {
            return ApiException.invalid(message, List.of());
        }
        return new ApiException.Server(502, BAD_RESPONSE, config.baseUrl() + " answered the GraphQL read of " + what
                + " with an error: " + message, null);
    }

    /** A validation message of a schema that lacks a field, argument or type the document uses. */
    private static final Pattern UNKNOWN_IN_SCHEMA = Pattern.compile(
            "FieldUndefined|UnknownArgument|UnknownType|Unknown (field )?argument|Unknown type|is undefined|"
                    + "Cannot query field", Pattern.CASE_INSENSITIVE);

    /** The value at {@code data.<field>}, converted to {@code type}. */
    private <T> T data(JsonNode answer, String field, Class<T> type) {
        return json.convertValue(answer.path("data").path(field), type);
    }

    private <T> List<T> list(JsonNode node, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (JsonNode element : node) {
            out.add(json.convertValue(element, type));
        }
        return out;
    }

    /** The proof of a result: its own when it has one, else the request's ({@code extensions.proof}). */
    private Proof proof(JsonNode answer, JsonNode result) {
        JsonNode own = result == null ? null : result.get("proof");
        JsonNode proof = own != null && own.isObject() ? own : answer.path("extensions").path("proof");
        return proof.isObject() ? json.convertValue(proof, Proof.class) : null;
    }

    /** Variables from a query record: its JSON fields (nulls are left out later). */
    private Map<String, Object> variables(Object query) {
        return query == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(json.convertValue(query, new TypeReference<Map<String, Object>>() { }));
    }

    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private HttpUrl.Builder url(String path) {
        return base.newBuilder().addPathSegments(path);
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
        switch (config.credentials()) {
            case Credentials.ApiKey k -> b.header("Authorization", "Bearer " + k.key());
            case Credentials.EnterpriseJwt j -> b.header("Authorization", "Bearer " + j.token())
                    .header("X-HA-Workspace-ID", j.workspaceId());
        }
        return b;
    }

    private static void param(HttpUrl.Builder url, String name, Object value) {
        if (value != null) {
            url.addQueryParameter(name, value.toString());
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Reads a 2xx body into {@code T}; throws on anything that does not fit. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonNode node) throws IOException;
    }

    /** Reads a 2xx body that is not JSON (a proof packet), given its Content-Type. */
    @FunctionalInterface
    private interface RawReader<T> extends Reader<T> {
        T raw(byte[] body, String contentType) throws IOException;

        @Override
        default T read(JsonNode node) throws IOException {
            throw new IOException("a JSON body where bytes were expected");
        }
    }

    /** Reads a GraphQL answer, given with its status: 200, or 400 for a document that did not parse or validate. */
    @FunctionalInterface
    private interface GraphQlReader<T> extends Reader<T> {
        T answer(int status, JsonNode node) throws IOException;

        @Override
        default T read(JsonNode node) throws IOException {
            return answer(200, node);
        }
    }

    private <T> T read(JsonNode node, Class<T> type, String... required) throws IOException {
        for (String field : required) {
            if (!node.hasNonNull(field)) {
                throw new IOException("field '" + field + "' is missing");
            }
        }
        return json.treeToValue(node, type);
    }

    /**
     * One attempt's failure: the error to raise, whether another attempt may succeed, and whether
     * the server certainly did not act on the request (nothing reached it, or it refused with 429).
     */
    private static final class Failure extends Exception {
        final ApiException error;
        final boolean retryable;
        final boolean unprocessed;

        Failure(ApiException error, boolean retryable) {
            this(error, retryable, false);
        }

        Failure(ApiException error, boolean retryable, boolean unprocessed) {
            super(error.getMessage(), null, false, false);
            this.error = error;
            this.retryable = retryable;
            this.unprocessed = unprocessed;
        }
    }

    private <T> T send(Request request, String expected, Reader<T> reader, boolean bodyOn503) {
        return send(request, expected, reader, bodyOn503, true);
    }

    /**
     * Sends with retries; {@code repeatable} false retries only failures the server cannot have
     * acted on. A null {@code reader} takes any 2xx answer, with or without a body, and returns null.
     */
    private <T> T send(Request request, String expected, Reader<T> reader, boolean bodyOn503, boolean repeatable) {
        if (closed) {
            throw new IllegalStateException("this RemoteApi is closed");
        }
        String what = request.method() + " " + request.url().encodedPath();
        int max = config.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ApiException.Unreachable("interrupted before " + what + " was sent", null);
            }
            Failure failure;
            try {
                return exchange(request, what, expected, reader, bodyOn503);
            } catch (Failure f) {
                failure = f;
            }
            if (!failure.retryable || attempt == max || !repeatable && !failure.unprocessed) {
                if (failure.error instanceof ApiException.Unreachable) {
                    offer = null;
                }
                throw failure.retryable && attempt > 1 ? afterAttempts(failure.error, attempt) : failure.error;
            }
            long waitMs = delayBeforeRetry(attempt, failure.error);
            LOG.warn("{} failed (attempt {} of {}): {}; retrying in {} ms", what, attempt, max,
                    failure.error.getMessage(), waitMs);
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException.Unreachable("interrupted while waiting to retry " + what + "; last failure: "
                        + failure.error.getMessage(), failure.error);
            }
        }
    }

    private <T> T exchange(Request request, String what, String expected, Reader<T> reader, boolean bodyOn503)
            throws Failure {
        int cap = reader instanceof RawReader ? MAX_PACKET_BYTES : MAX_RESPONSE_BYTES;
        int status;
        String contentType;
        String retryAfter;
        String location;
        byte[] body;
        try (Response response = client.newCall(request).execute()) {
            status = response.code();
            contentType = response.header("Content-Type");
            retryAfter = response.header("Retry-After");
            location = response.header("Location");
            try (InputStream in = response.body().byteStream()) {
                body = in.readNBytes(cap + 1);
            }
        } catch (IOException e) {
            throw transportFailure(e, what);
        }
        if (body.length > cap) {
            throw new Failure(new ApiException.Server(502, BAD_RESPONSE, "the answer of " + config.baseUrl() + " to " + what
                    + " is larger than " + (cap >> 20) + " MB", null), false);
        }
        if (status >= 200 && status < 300 && reader instanceof RawReader<T> raw) {
            try {
                return raw.raw(body, contentType);
            } catch (IOException e) {
                throw new Failure(new ApiException.Server(502, BAD_RESPONSE, config.baseUrl() + " answered " + what
                        + " with HTTP " + status + " but not with " + expected + ": " + e.getMessage(), e), false);
            }
        }
        JsonNode node = parse(body);
        if (status >= 200 && status < 300 && reader == null) {
            return null;
        }
        if (status == 400 && reader instanceof GraphQlReader<T> graphQl && node != null && node.isObject()
                && node.path("errors").isArray() && !node.has("error")) {
            try {
                return graphQl.answer(status, node);
            } catch (IOException | IllegalArgumentException e) {
                throw new Failure(new ApiException.Server(502, BAD_RESPONSE, config.baseUrl() + " answered " + what
                        + " with HTTP 400 but not with " + expected + ": " + e.getMessage(), e), false);
            }
        }
        if (status >= 200 && status < 300) {
            try {
                if (node == null || !node.isObject()) {
                    throw new IOException(node == null ? "the body is not JSON" : "the body is not a JSON object");
                }
                return reader.read(node);
            } catch (IOException | IllegalArgumentException e) {
                String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new Failure(new ApiException.Server(502, BAD_RESPONSE, config.baseUrl() + " answered " + what
                        + " with HTTP " + status + " but not with " + expected + ": " + reason, e), false);
            }
        }
        if (status == 503 && bodyOn503 && node != null && node.isObject() && !node.has("error")) {
            try {
                return reader.read(node);
            } catch (IOException | IllegalArgumentException notThatBody) {
                LOG.debug("{}: the 503 body is not a health report", what, notThatBody);
            }
        }
        throw errorFailure(status, node, contentType, retryAfter, location);
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : tree.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Maps a non-2xx answer; an answer without the error body of PRODUCT.md §3 is named as such. */
    private Failure errorFailure(int status, JsonNode node, String contentType, String retryAfter, String location) {
        JsonNode error = node == null ? null : node.get("error");
        String code;
        String message;
        List<FieldError> details = List.of();
        if (error != null && error.path("code").isTextual() && error.path("message").isTextual()) {
            code = error.get("code").asText();
            message = error.get("message").asText();
            if (error.path("details").isArray()) {
                try {
                    details = json.convertValue(error.get("details"), new TypeReference<List<FieldError>>() { });
                } catch (IllegalArgumentException unreadable) {
                    LOG.debug("unreadable error details from {}", config.baseUrl(), unreadable);
                }
            }
        } else {
            code = NOT_AN_API;
            message = "the server at " + config.baseUrl() + " did not answer like a HeadlessAnalytics API (HTTP " + status
                    + (contentType == null ? "" : ", " + contentType) + ")"
                    + (location == null ? "" : "; it redirects to " + location) + "; check the base URL";
        }
        if (status == 502 && ErrorCodes.DESTINATION_FAILED.equals(code)) {
            return new Failure(ApiException.destinationFailed(message, details), false);
        }
        if (status >= 500) {
            return new Failure(new ApiException.Server(status, code, message, null), RETRIED_STATUSES.contains(status));
        }
        if (status == 429) {
            long seconds = retryAfterSeconds(retryAfter);
            boolean wait = seconds <= MAX_RETRY_AFTER.toSeconds();
            String text = wait ? message : message + " (the server asks to wait " + seconds + " s, longer than the "
                    + MAX_RETRY_AFTER.toSeconds() + " s this client waits)";
            return new Failure(new ApiException.Client(429, code, text, details, seconds), wait, true);
        }
        return new Failure(new ApiException.Client(status, code, message, details), false);
    }

    /** Retry-After as delta-seconds or an HTTP date; 0 when absent or unreadable. */
    static long retryAfterSeconds(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String value = header.strip();
        try {
            return Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                long ms = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                        - System.currentTimeMillis();
                return Math.max(0, (ms + 999) / 1000);
            } catch (DateTimeParseException notADate) {
                return 0;
            }
        }
    }

    /** Says which transport step failed; certificate problems and interrupts are not retried. */
    private Failure transportFailure(IOException e, String what) {
        String peer = base.host() + ":" + base.port();
        if (Thread.currentThread().isInterrupted() || "interrupted".equals(e.getMessage())) {
            Thread.currentThread().interrupt();
            return new Failure(new ApiException.Unreachable("interrupted during " + what, e), false);
        }
        String message;
        boolean retryable = true;
        boolean unprocessed = false;
        SSLException tls = find(e, SSLException.class);
        ConnectException refused = find(e, ConnectException.class);
        if (find(e, UnknownHostException.class) != null) {
            message = "cannot resolve host " + base.host();
            unprocessed = true;
        } else if (tls != null) {
            message = "TLS handshake failed with " + peer + ": " + tls.getMessage();
            retryable = find(e, CertificateException.class) == null && find(e, SSLPeerUnverifiedException.class) == null;
        } else if (refused != null) {
            message = String.valueOf(rootCause(refused).getMessage()).toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused by " + peer
                    : "cannot connect to " + peer + ": " + rootCause(refused).getMessage();
            unprocessed = true;
        } else if (e instanceof InterruptedIOException) {
            boolean connecting = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            unprocessed = connecting;
            Duration limit = connecting ? config.connectTimeout() : config.readTimeout();
            message = e instanceof SocketTimeoutException
                    ? "timed out after " + seconds(limit) + (connecting ? " connecting to " : " waiting for ") + peer
                    : "timed out waiting for " + peer;
        } else if (find(e, EOFException.class) != null || find(e, SocketException.class) != null
                || String.valueOf(e.getMessage()).contains("unexpected end of stream")) {
            message = "connection closed before the full response arrived from " + peer;
        } else {
            message = "request to " + peer + " failed: " + e;
        }
        return new Failure(new ApiException.Unreachable(message, e), retryable, unprocessed);
    }

    private static <X extends Throwable> X find(Throwable t, Class<X> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** 429 waits its Retry-After; otherwise the backoff doubles per retry, capped, with jitter. */
    private long delayBeforeRetry(int attempt, ApiException error) {
        if (error instanceof ApiException.Client c && c.retryAfterSeconds() > 0) {
            return c.retryAfterSeconds() * 1000;
        }
        long cap = RemoteConfig.MAX_BACKOFF.toMillis();
        long delay = Math.min(cap, config.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
    }

    private static ApiException afterAttempts(ApiException e, int attempts) {
        String message = e.getMessage() + " (gave up after " + attempts + " attempts)";
        return switch (e) {
            case ApiException.Unreachable u -> new ApiException.Unreachable(message, u.getCause());
            case ApiException.Server s -> new ApiException.Server(s.status(), s.code(), message, s.getCause());
            case ApiException.Client c -> new ApiException.Client(c.status(), c.code(), message, c.details(),
                    c.retryAfterSeconds());
        };
    }

    @Override
    public Metrics.Result metrics(Metrics.Query query) {
        Objects.requireNonNull(query, "query");
        return send(post("api/metrics/query", query), "a metrics result",
                reader(Metrics.Result.class, "metrics", "totalEvents"), false,
                !Boolean.TRUE.equals(query.persistSnapshots()));
    }

    @Override
    public Metrics.Definitions metricDefinitions() {
        if (!offers("GET", "/api/metrics/definitions")) {
            JsonNode answer = graphQl("metricDefinitions", vars(), "metric definitions");
            return new Metrics.Definitions(list(answer.path("data").path("metricDefinitions"), Metrics.Definition.class),
                    proof(answer, null));
        }
        return get(url("api/metrics/definitions"), "a list of metric definitions", Metrics.Definitions.class,
                "definitions");
    }

    @Override
    public Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
        Objects.requireNonNull(definition, "definition");
        require(Feature.METRIC_DEFINITION_CHANGES, "POST", "/api/metrics/definitions");
        return send(post("api/metrics/definitions", definition), "a metric definition",
                reader(Metrics.Definition.class, "name", "event"), false);
    }

    @Override
    public void deleteMetricDefinition(String name) {
        require(Feature.METRIC_DEFINITION_CHANGES, "DELETE", "/api/metrics/definitions/{}");
        HttpUrl url = url("api/metrics/definitions").addPathSegment(segment("name", name)).build();
        send(request(url).delete().build(), "a deletion", null, false, false);
    }

    @Override
    public Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
        if (!offers("GET", "/api/metrics/snapshots")) {
            JsonNode answer = graphQl("metricSnapshots", vars("metric", metric, "limit", limit), "metric snapshots");
            return new Metrics.Snapshots(list(answer.path("data").path("metrics").path("storedSnapshots"),
                    Metrics.Snapshot.class), proof(answer, null));
        }
        HttpUrl.Builder url = url("api/metrics/snapshots");
        param(url, "metric", metric);
        param(url, "limit", limit);
        return get(url, "a list of metric snapshots", Metrics.Snapshots.class, "snapshots");
    }

    @Override
    public Funnels.Result funnel(Funnels.Query query) {
        if (!offers("POST", "/api/funnels/query")) {
            Objects.requireNonNull(query, "query");
            JsonNode answer = graphQl("funnel", variables(query), "a funnel");
            return withProof(answer, answer.path("data").path("funnel"), Funnels.Result.class);
        }
        return query("api/funnels/query", query, "a funnel result", Funnels.Result.class, "steps");
    }

    @Override
    public Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
        if (!offers("POST", "/api/funnels/actors")) {
            Objects.requireNonNull(query, "query");
            Map<String, Object> v = variables(query.funnel());
            v.putAll(vars("step", query.step(), "outcome", query.outcome(), "breakdownValue", query.breakdownValue(),
                    "limit", query.limit(), "cursor", query.cursor()));
            JsonNode answer = graphQl("funnelActors", v, "funnel actors");
            return withProof(answer, answer.path("data").path("funnel").path("actors"), Funnels.Actors.class);
        }
        return query("api/funnels/actors", query, "a list of funnel actors", Funnels.Actors.class, "actors", "total");
    }

    @Override
    public Attribution.Result attribution(Attribution.Query query) {
        if (!offers("POST", "/api/attribution/query")) {
            Objects.requireNonNull(query, "query");
            JsonNode answer = graphQl("attribution", variables(query), "attribution");
            return withProof(answer, answer.path("data").path("attribution"), Attribution.Result.class);
        }
        return query("api/attribution/query", query, "an attribution result", Attribution.Result.class, "bySource");
    }

    @Override
    public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
        BusinessHealth.Query q = query == null ? BusinessHealth.Query.defaults() : query;
        if (!offers("GET", "/api/businesses/{}/health")) {
            segment("id", businessId);
            JsonNode answer = graphQl("businessHealth", vars("businessId", businessId, "limit", q.limit(),
                    "from", q.from(), "to", q.to()), "business health");
            return withProof(answer, answer.path("data").path("businessHealth"), BusinessHealth.class);
        }
        HttpUrl.Builder url = url("api/businesses").addPathSegment(segment("id", businessId))
                .addPathSegment("health");
        param(url, "limit", q.limit());
        param(url, "from", q.from());
        param(url, "to", q.to());
        return get(url, "a business health report", BusinessHealth.class, "businessId", "components");
    }

    @Override
    public AgentContext.Result agentContext(AgentContext.Query query) {
        return query("api/intelligence/agent-context", query, "an agent context", AgentContext.Result.class, "mode",
                "text");
    }

    @Override
    public Usage.Report usage(Usage.Query query) {
        Usage.Query q = query == null ? Usage.Query.defaults() : query;
        HttpUrl.Builder url = url("api/usage");
        param(url, "limit", q.limit());
        param(url, "from", q.from());
        param(url, "to", q.to());
        return get(url, "a usage report", Usage.Report.class, "records", "totals", "quota");
    }

    /** {@code result} as {@code type}, with the request's proof when it carries none of its own. */
    private <T> T withProof(JsonNode answer, JsonNode result, Class<T> type) {
        if (!result.isObject()) {
            throw new ApiException.Server(502, BAD_RESPONSE, config.baseUrl() + " answered GraphQL without the "
                    + type.getSimpleName() + " asked for", null);
        }
        ObjectNode copy = ((ObjectNode) result).deepCopy();
        Proof proof = proof(answer, result);
        if (proof != null) {
            copy.set("proof", json.valueToTree(proof));
        }
        return json.convertValue(copy, type);
    }

    /** A GET of {@code url}, its answer read as {@code type} with the {@code required} fields. */
    private <T> T get(HttpUrl.Builder url, String expected, Class<T> type, String... required) {
        return send(request(url.build()).get().build(), expected, reader(type, required), false);
    }

    /** A POST of {@code query} (not null) to {@code path}, its answer read as {@code get} reads one. */
    private <T> T query(String path, Object query, String expected, Class<T> type, String... required) {
        Objects.requireNonNull(query, "query");
        return send(post(path, query), expected, reader(type, required), false);
    }

    private <T> Reader<T> reader(Class<T> type, String... required) {
        return node -> read(node, type, required);
    }

    /** A POST of {@code body} as JSON; a body that cannot be written as JSON is the caller's 400. */
    private Request post(String path, Object body) {
        return post(url(path), body);
    }

    private Request post(HttpUrl.Builder url, Object body) {
        return request(url.build()).post(RequestBody.create(bytes(body), JSON)).build();
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("the request cannot be written as JSON: " + e.getOriginalMessage(), List.of());
        }
    }

    /**
     * A path parameter, named as the server names it. URLs cannot carry "." or ".." as a segment
     * (clients and proxies resolve them as dot segments), so such a value is refused here rather
     * than sent to another path.
     */
    private static String segment(String field, String value) {
        if (value == null) {
            throw ApiException.invalid("no " + field + " given", List.of(new FieldError(null, field, "required",
                    "is required")));
        }
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw ApiException.invalid("'" + value + "' cannot be sent as a URL path segment",
                    List.of(new FieldError(null, field, "invalid_value",
                            "must not be empty, '.' or '..' (it goes into the URL path)")));
        }
        return value;
    }

    // ---- Governance and proof trails (PRODUCT.md §5): an enforce or an approval must never happen twice ----

    @Override
    public Governance.Identity identity() {
        require(Feature.GOVERNANCE_SETUP, "GET", "/api/governance/principal");
        return get(url("api/governance/principal"), "a principal", Governance.Identity.class, "principal");
    }

    @Override
    public Governance.Contract createContract(Governance.NewContract contract) {
        require(Feature.GOVERNANCE_CHANGES, "POST", "/api/governance/contracts");
        return change(post("api/governance/contracts", body(contract, "contract")), "a contract",
                Governance.Contract.class, "id");
    }

    @Override
    public Governance.Contracts contracts() {
        require(Feature.GOVERNANCE_SETUP, "GET", "/api/governance/contracts");
        return get(url("api/governance/contracts"), "a list of contracts", Governance.Contracts.class, "contracts");
    }

    @Override
    public Governance.Contract revokeContract(String contractId, Governance.ReasonRequest reason) {
        require(Feature.GOVERNANCE_CHANGES, "POST", "/api/governance/contracts/{}/revoke");
        return change(post(url("api/governance/contracts").addPathSegment(segment("contractId", contractId))
                .addPathSegment("revoke"), body(reason, "reason")), "a contract", Governance.Contract.class, "id");
    }

    @Override
    public Governance.Grant createGrant(Governance.NewGrant grant) {
        require(Feature.GOVERNANCE_CHANGES, "POST", "/api/governance/grants");
        return change(post("api/governance/grants", body(grant, "grant")), "a grant", Governance.Grant.class, "id");
    }

    @Override
    public Governance.Grants grants() {
        require(Feature.GOVERNANCE_SETUP, "GET", "/api/governance/grants");
        return get(url("api/governance/grants"), "a list of grants", Governance.Grants.class, "grants");
    }

    @Override
    public Governance.Grant revokeGrant(String grantId, Governance.ReasonRequest reason) {
        require(Feature.GOVERNANCE_CHANGES, "POST", "/api/governance/grants/{}/revoke");
        return change(post(url("api/governance/grants").addPathSegment(segment("grantId", grantId))
                .addPathSegment("revoke"), body(reason, "reason")), "a grant", Governance.Grant.class, "id");
    }

    @Override
    public Governance.Decision proposeDecision(Governance.NewDecision decision) {
        require(Feature.GOVERNANCE_CHANGES, "POST", "/api/governance/decisions");
        return change(post("api/governance/decisions", body(decision, "decision")), "a decision",
                Governance.Decision.class, "id", "state");
    }

    @Override
    public Governance.Decisions decisions(String state) {
        if (!offers("GET", "/api/governance/decisions")) {
            JsonNode answer = graphQl("decisions", vars("state", state), "decisions");
            return new Governance.Decisions(list(answer.path("data").path("decisionObjects"), Governance.Decision.class),
                    proof(answer, null));
        }
        HttpUrl.Builder url = url("api/governance/decisions");
        param(url, "state", state);
        return get(url, "a list of decisions", Governance.Decisions.class, "decisions");
    }

    @Override
    public Governance.Decision decision(String decisionId) {
        if (!offers("GET", "/api/governance/decisions/{}")) {
            segment("decisionId", decisionId);
            JsonNode found = graphQl("decisions", vars("id", decisionId), "a decision").path("data")
                    .path("decisionObjects");
            if (found.isEmpty()) {
                throw ApiException.notFound("no decision '" + decisionId + "' in this workspace");
            }
            return json.convertValue(found.get(0), Governance.Decision.class);
        }
        return get(decisionUrl(decisionId), "a decision", Governance.Decision.class, "id", "state");
    }

    @Override
    public Governance.Decision submitDecision(String decisionId) {
        return decisionStep(decisionId, "submit", Map.of());
    }

    @Override
    public Governance.Decision approveDecision(String decisionId, Governance.ApproveRequest approval) {
        return decisionStep(decisionId, "approve", body(approval, "approval"));
    }

    @Override
    public Governance.Decision denyDecision(String decisionId, Governance.ReasonRequest reason) {
        return decisionStep(decisionId, "deny", body(reason, "reason"));
    }

    @Override
    public Governance.Decision revokeDecision(String decisionId, Governance.ReasonRequest reason) {
        return decisionStep(decisionId, "revoke", body(reason, "reason"));
    }

    @Override
    public Governance.Receipt enforce(Governance.EnforceRequest request) {
        return change(post("api/governance/enforce", body(request, "request")), "an enforcement receipt",
                Governance.Receipt.class, "id", "outcome");
    }

    @Override
    public Governance.Receipts receipts(String traceId, String decisionObjectId) {
        if (!offers("GET", "/api/governance/receipts")) {
            JsonNode answer = graphQl("receipts", vars("traceId", traceId, "decisionObjectId", decisionObjectId),
                    "enforcement receipts");
            return withProof(answer, answer.path("data").path("enforcementReceipts"), Governance.Receipts.class);
        }
        HttpUrl.Builder url = url("api/governance/receipts");
        param(url, "traceId", traceId);
        param(url, "decisionObjectId", decisionObjectId);
        return get(url, "a list of receipts", Governance.Receipts.class, "receipts");
    }

    @Override
    public Governance.PublicKey publicKey() {
        require(Feature.GOVERNANCE_SETUP, "GET", "/api/governance/public-key");
        return get(url("api/governance/public-key"), "a public key", Governance.PublicKey.class, "keyId", "pem");
    }

    @Override
    public ProofTrails.Preview previewProofTrail(ProofTrails.ExportRequest request) {
        require(Feature.PROOF_PREVIEW, "POST", "/api/proof-event-trails/preview");
        return query("api/proof-event-trails/preview", request, "a proof trail preview", ProofTrails.Preview.class,
                "counts");
    }

    @Override
    public ProofTrails.ExportResult exportProofTrail(ProofTrails.ExportRequest request) {
        return change(post("api/proof-event-trails/export", body(request, "request")), "an exported proof trail",
                ProofTrails.ExportResult.class, "proofId");
    }

    @Override
    public ProofTrails.Trails proofTrails() {
        if (!offers("GET", "/api/proof-event-trails")) {
            JsonNode answer = graphQl("proofTrails", vars(), "proof trails");
            return new ProofTrails.Trails(list(answer.path("data").path("proofTrails"), ProofTrails.Trail.class),
                    proof(answer, null));
        }
        return get(url("api/proof-event-trails"), "a list of proof trails", ProofTrails.Trails.class, "trails");
    }

    @Override
    public byte[] proofPacket(String proofId) {
        require(Feature.PROOF_PACKETS, "GET", "/api/proof-event-trails/{}/packet");
        HttpUrl url = url("api/proof-event-trails").addPathSegment(segment("proofId", proofId))
                .addPathSegment("packet").build();
        Request request = request(url).header("Accept", PACKET + ", application/json").get().build();
        return send(request, "a proof packet (" + PACKET + ")", (RawReader<byte[]>) RemoteApi::packet, false);
    }

    @Override
    public ProofTrails.PushSettings proofPushSettings() {
        require(Feature.PROOF_SETTINGS, "GET", "/api/proof-event-trails/settings");
        return get(url("api/proof-event-trails/settings"), "the proof push settings", ProofTrails.PushSettings.class,
                "proof");
    }

    @Override
    public ProofTrails.PushSettings saveProofPushSettings(ProofTrails.PushSettings settings) {
        require(Feature.PROOF_SETTINGS, "PUT", "/api/proof-event-trails/settings");
        Request request = request(url("api/proof-event-trails/settings").build())
                .put(RequestBody.create(bytes(body(settings, "settings")), JSON)).build();
        return send(request, "the proof push settings", reader(ProofTrails.PushSettings.class, "proof"), false);
    }

    private HttpUrl.Builder decisionUrl(String decisionId) {
        return url("api/governance/decisions").addPathSegment(segment("decisionId", decisionId));
    }

    private Governance.Decision decisionStep(String decisionId, String step, Object body) {
        require(Feature.GOVERNANCE_CHANGES, "POST", "/api/governance/decisions/{}/" + step);
        return change(post(decisionUrl(decisionId).addPathSegment(step), body), "a decision",
                Governance.Decision.class, "id", "state");
    }

    /** A request that changes something: sent again only when the server cannot have acted on it. */
    private <T> T change(Request request, String expected, Class<T> type, String... required) {
        return send(request, expected, reader(type, required), false, false);
    }

    private static <T> T body(T value, String field) {
        if (value == null) {
            throw ApiException.invalid("no " + field + " given", List.of(new FieldError(null, field, "required",
                    "is required")));
        }
        return value;
    }

    /** A packet's bytes: a zip (it starts with the local file header signature, "PK" 3 4). */
    private static byte[] packet(byte[] body, String contentType) throws IOException {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals(PACKET) && !type.equals("application/octet-stream")) {
            throw new IOException("the Content-Type is " + (contentType == null ? "missing" : contentType));
        }
        if (body.length < 4 || body[0] != 'P' || body[1] != 'K' || body[2] != 3 || body[3] != 4) {
            throw new IOException("the body is not a zip file");
        }
        return body;
    }

    // ---- Trackables (PRODUCT.md §6): a create draws a new code, so it is never sent twice ----

    @Override
    public Trackables.Trackable createTrackable(Trackables.NewTrackable trackable) {
        return change(post("api/trackables", body(trackable, "trackable")), "a trackable", Trackables.Trackable.class,
                "code", "kind", "payload");
    }

    @Override
    public Trackables.TrackableList trackables(Trackables.Query query) {
        Trackables.Query q = query == null ? Trackables.Query.all() : query;
        HttpUrl.Builder url = url("api/trackables");
        param(url, "code", q.code());
        param(url, "kind", q.kind());
        param(url, "q", q.q());
        param(url, "limit", q.limit());
        return get(url, "a list of trackables", Trackables.TrackableList.class, "trackables");
    }

    @Override
    public Trackables.Trackable trackable(String code) {
        if (!offers("GET", "/api/trackables/{}")) {
            String canonical = Trackables.lookupCode(code);
            Trackables.TrackableList list = trackables(new Trackables.Query(code, null, null, 1));
            if (list.trackables().isEmpty()) {
                throw ApiException.notFound("No trackable with code '" + canonical
                        + "' in this workspace");
            }
            Trackables.Trackable t = list.trackables().get(0);
            return new Trackables.Trackable(t.code(), t.kind(), t.name(), t.targetUrl(), t.eventName(), t.businessId(),
                    t.payload(), t.trackingUrl(), t.createdAt(), t.createdBy(), t.scans(), t.lastScanAt(), t.qrSvg(),
                    t.proof() == null ? list.proof() : t.proof());
        }
        return get(url("api/trackables").addPathSegment(segment("code", code)), "a trackable",
                Trackables.Trackable.class, "code", "kind", "payload");
    }

    // ---- The operating graph: our extension paths only ----

    @Override
    public Entities.Page entities(Entities.Query query) {
        Entities.Query q = query == null ? Entities.Query.all() : query;
        List<FieldError> problems = q.problems();
        if (!problems.isEmpty()) {
            throw ApiException.invalid("Invalid entity query", problems);
        }
        require(Feature.ENTITIES, "GET", "/api/entities");
        HttpUrl.Builder url = url("api/entities");
        param(url, "type", q.type());
        param(url, "q", q.q());
        param(url, "limit", q.limit());
        param(url, "cursor", q.cursor());
        return get(url, "a page of entities", Entities.Page.class, "entities");
    }

    @Override
    public Entities.Detail entity(String type, String id) {
        Entities.checkKey(type, id);
        require(Feature.ENTITIES, "GET", "/api/entities/{}/{}");
        return get(url("api/entities").addPathSegment(segment("type", type)).addPathSegment(segment("id", id)),
                "an entity", Entities.Detail.class, "entity", "relationships");
    }

    @Override
    public EventPage entityEvents(Entities.EventsQuery query) {
        Objects.requireNonNull(query, "query");
        query.check();
        require(Feature.ENTITIES, "GET", "/api/entities/{}/{}/events");
        HttpUrl.Builder url = url("api/entities").addPathSegment(segment("type", query.type()))
                .addPathSegment(segment("id", query.id())).addPathSegment("events");
        param(url, "limit", query.limit());
        param(url, "cursor", query.cursor());
        return get(url, "an entity's events", EventPage.class, "events");
    }

    // ---- Tracking plans: a PUT stores the whole plan, so it may be sent again; a DELETE may not ----

    @Override
    public TrackingPlans.Plans trackingPlans() {
        if (!offers("GET", "/api/tracking-plans")) {
            JsonNode answer = graphQl("trackingPlans", vars(), "tracking plans");
            return new TrackingPlans.Plans(list(answer.path("data").path("trackingPlans"), TrackingPlan.class),
                    proof(answer, null));
        }
        return get(url("api/tracking-plans"), "a list of tracking plans", TrackingPlans.Plans.class, "plans");
    }

    @Override
    public TrackingPlan saveTrackingPlan(TrackingPlan plan) {
        TrackingPlan p = body(plan, "plan");
        require(Feature.TRACKING_PLAN_CHANGES, "PUT", "/api/tracking-plans/{}");
        Request request = request(url("api/tracking-plans").addPathSegment(segment("id", p.id())).build())
                .put(RequestBody.create(bytes(p), JSON)).build();
        return send(request, "a tracking plan", reader(TrackingPlan.class, "id", "mode"), false);
    }

    @Override
    public void deleteTrackingPlan(String planId) {
        require(Feature.TRACKING_PLAN_CHANGES, "DELETE", "/api/tracking-plans/{}");
        HttpUrl url = url("api/tracking-plans").addPathSegment(segment("id", planId)).build();
        send(request(url).delete().build(), "a deletion", null, false, false);
    }

    @Override
    public TrackingPlans.Report trackingPlanViolations(String planId, Integer limit) {
        if (!offers("GET", "/api/tracking-plans/{}/violations")) {
            segment("id", planId);
            JsonNode answer = graphQl("trackingPlanViolations", vars("id", planId, "limit", limit),
                    "tracking plan violations");
            JsonNode found = answer.path("data").path("trackingPlans");
            if (found.isEmpty()) {
                throw ApiException.notFound("no tracking plan '" + planId + "' in this workspace");
            }
            return withProof(answer, found.get(0).path("violations"), TrackingPlans.Report.class);
        }
        HttpUrl.Builder url = url("api/tracking-plans").addPathSegment(segment("id", planId))
                .addPathSegment("violations");
        param(url, "limit", limit);
        return get(url, "a tracking plan report", TrackingPlans.Report.class, "planId", "breaches");
    }

    @Override
    public AgentPerformance.Result agentPerformance(AgentPerformance.Query query) {
        Objects.requireNonNull(query, "query");
        query.checks().throwIfAny("Invalid agent performance query");
        JsonNode answer = graphQl("agentPerformance", variables(query), "agent performance");
        return withProof(answer, answer.path("data").path("agentPerformance"), AgentPerformance.Result.class);
    }

    @Override
    public WorkflowStatus.Result workflowStatus(WorkflowStatus.Query query) {
        Objects.requireNonNull(query, "query");
        query.checks().throwIfAny("Invalid workflow status query");
        JsonNode answer = graphQl("workflowStatus", variables(query), "workflow status");
        return withProof(answer, answer.path("data").path("workflowStatus"), WorkflowStatus.Result.class);
    }

    // ---- Connectors and destination exports: an export uploads, so it is never sent twice ----

    /** Sent again after a failure: the event ids derive from the records, so a repeat stores nothing twice. */
    @Override
    public Connectors.Result connectorIngest(Connectors.Request request) {
        return query("api/connectors/ingest", body(request, "request"), "a connector ingest result",
                Connectors.Result.class, "provider", "records");
    }

    @Override
    public Connectors.Providers connectorProviders() {
        require(Feature.CONNECTOR_PROVIDERS, "GET", "/api/connectors/providers");
        return get(url("api/connectors/providers"), "a list of connector providers", Connectors.Providers.class,
                "providers");
    }

    /** A failed delivery comes back as the embedded engine raises it: 502 {@code destination_failed} naming the export. */
    @Override
    public Exports.Result exportToDestination(Exports.Request request) {
        return change(post("api/exports/destinations", body(request, "request")), "an export receipt",
                Exports.Result.class, "receipt");
    }

    @Override
    public Exports.Receipts exportReceipts(Integer limit) {
        require(Feature.EXPORT_RECEIPTS, "GET", "/api/exports/receipts");
        HttpUrl.Builder url = url("api/exports/receipts");
        param(url, "limit", limit);
        return get(url, "a list of export receipts", Exports.Receipts.class, "receipts");
    }

    @Override
    public Exports.Result retryExport(String exportId, Exports.RetryRequest request) {
        require(Feature.EXPORT_RECEIPTS, "POST", "/api/exports/receipts/{}/retry");
        HttpUrl.Builder url = url("api/exports/receipts").addPathSegment(segment("exportId", exportId))
                .addPathSegment("retry");
        return change(post(url, request == null ? new Exports.RetryRequest(null) : request), "an export receipt",
                Exports.Result.class, "receipt");
    }
}
