package com.headlessanalytics.console.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.domain.Ids;
import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultNodesInfo;
import graphql.parser.ParserOptions;
import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/graphql} over a port (docs/api.md, GraphQL): the schema of
 * {@code schema.graphqls}, built once, with resolvers that turn each field's arguments into the
 * port's query record and its answer into the plain JSON values of the REST answer (through
 * {@link ApiJson}'s mapper), so both forms of an answer read into the same record. Thread-safe;
 * one instance serves every request.
 *
 * <p>The answer: {@code data} (absent when the document did not parse, validate or pass the
 * limits: then the status is 400), {@code errors} (message, locations, path and
 * {@code extensions: {code, status, details}}), and {@code extensions} with {@code proof} and,
 * when an {@code events} page has more, {@code cursors.<response key>}.
 */
public final class GraphQlService {
    private static final Logger log = LoggerFactory.getLogger(GraphQlService.class);
    private static final String SCHEMA_RESOURCE = "/com/headlessanalytics/console/graphql/schema.graphqls";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> MAPS = new TypeReference<>() {
    };
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graphql-budget");
        t.setDaemon(true);
        return t;
    });
    private static final String SDL = readSchema();
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;
    /** Fields of {@code Metrics} answered by a port call of their own (or by none). */
    private static final Set<String> OWN_CALLS = Set.of("eventNames", "storedSnapshots",
            "__typename");

    private final GraphQlLimits limits;
    private final GraphQL graphQl;

    public GraphQlService() {
        this(GraphQlLimits.DEFAULTS);
    }

    public GraphQlService(GraphQlLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring());
        this.graphQl = GraphQL.newGraphQL(schema)
                .instrumentation(new ShapeInstrumentation(limits))
                .preparsedDocumentProvider(new DocumentCache())
                .defaultDataFetcherExceptionHandler(new FieldErrors())
                .build();
    }

    /** The schema's text (the resource {@code schema.graphqls}). */
    public static String schemaSdl() {
        return SDL;
    }

    public GraphQlLimits limits() {
        return limits;
    }

    /** An endpoint that runs documents against {@code port}, each answer with a proof of its own. */
    public GraphQl.Endpoint over(HeadlessApi port) {
        Objects.requireNonNull(port, "port");
        return request -> execute(port, request);
    }

    /** Runs {@code request} against {@code port}; the proof in {@code extensions} is made here. */
    public GraphQl.Response execute(HeadlessApi port, GraphQl.Request request) {
        long now = System.currentTimeMillis();
        return execute(port, request, new Proof(Ids.newId("q", now), null, null, new Period(null, null), now,
                Proof.SCHEMA_VERSION));
    }

    /** Runs {@code request} against {@code port}, answering with {@code proof} in {@code extensions}. */
    public GraphQl.Response execute(HeadlessApi port, GraphQl.Request request, Proof proof) {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(request, "request");
        Run run = new Run(port);
        if (request.query() == null || request.query().isBlank()) {
            return requestError(run, proof, "the request has no query: send {\"query\": \"{ ... }\"}",
                    ErrorCodes.INVALID_INPUT, 400);
        }
        ParserOptions parser = ParserOptions.getDefaultOperationParserOptions().transform(b -> b
                .maxCharacters(limits.maxDocumentChars()).maxTokens(limits.maxTokens())
                .maxRuleDepth(limits.maxRuleDepth()).captureSourceLocation(true));
        AtomicInteger state = new AtomicInteger(RUNNING);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(request.query())
                .operationName(request.operationName())
                .variables(request.variables() == null ? Map.of() : request.variables())
                .graphQLContext(Map.of(Run.class, run, ParserOptions.class, parser,
                        ResultNodesInfo.MAX_RESULT_NODES, limits.maxResultNodes()))
                .build();
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            if (state.compareAndSet(RUNNING, TIMED_OUT)) {
                input.cancel();
            }
        }, limits.budget().toNanos(), TimeUnit.NANOSECONDS);
        ExecutionResult result;
        try {
            result = graphQl.execute(input);
        } finally {
            timer.cancel(false);
        }
        boolean timedOut = !state.compareAndSet(RUNNING, DONE);
        ResultNodesInfo nodes = run.nodes;
        return answer(run, proof, result, timedOut, nodes != null && nodes.isMaxResultNodesExceeded());
    }

    /**
     * The body and status. A run stopped by the time budget or the result-node cap has no usable
     * data (graphql-java leaves nulls where it stopped), so it is answered like a refused
     * document: 400 with the one limit error.
     */
    private GraphQl.Response answer(Run run, Proof proof, ExecutionResult result, boolean timedOut,
                                    boolean tooMany) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        if (timedOut) {
            errors.add(limitError("the query ran past its budget of " + limits.budget().toMillis()
                    + " ms and was stopped; ask for less (fewer fields or aliases, smaller limits, a shorter period)"));
        } else if (tooMany) {
            errors.add(limitError("the answer would hold more than " + limits.maxResultNodes()
                    + " values (fields and list items); ask for fewer fields, smaller limits or fewer aliases"));
        } else {
            result.getErrors().forEach(error -> errors.add(errorMap(error)));
        }
        boolean data = result.isDataPresent() && !timedOut && !tooMany;
        if (data) {
            body.put("data", result.getData());
        }
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.put("extensions", extensions(run, proof));
        return new GraphQl.Response(data ? 200 : 400, body);
    }

    private GraphQl.Response requestError(Run run, Proof proof, String message, String code, int status) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", extension(code, status, List.of()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(error));
        body.put("extensions", extensions(run, proof));
        return new GraphQl.Response(status, body);
    }

    private static Map<String, Object> extensions(Run run, Proof proof) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        synchronized (run.cursors) {
            if (!run.cursors.isEmpty()) {
                extensions.put("cursors", new LinkedHashMap<>(run.cursors));
            }
        }
        extensions.put("proof", toMap(proof));
        return extensions;
    }

    private static Map<String, Object> limitError(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", extension(ErrorCodes.TOO_LARGE, 400, List.of()));
        return error;
    }

    /** A graphql-java error as the spec writes it, with our {@code code} and {@code status} when it has none. */
    private static Map<String, Object> errorMap(GraphQLError error) {
        Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
        Object ext = spec.get("extensions");
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (ext instanceof Map<?, ?> m) {
            m.forEach((k, v) -> extensions.put(String.valueOf(k), v));
        }
        if (!extensions.containsKey("code")) {
            extensions.putAll(extension(ErrorCodes.INVALID_INPUT, 400, List.of()));
        }
        spec.put("extensions", extensions);
        return spec;
    }

    static Map<String, Object> extension(String code, int status, Object details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.put("status", status);
        extensions.put("details", details);
        return extensions;
    }

    private static Map<String, Object> toMap(Object value) {
        return value == null ? null : ApiJson.mapper().convertValue(value, MAP);
    }

    private static List<Map<String, Object>> toMaps(List<?> values) {
        return values == null ? null : ApiJson.mapper().convertValue(values, MAPS);
    }

    // ---- resolvers: each one port call ----

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .scalar(ExtendedScalars.Json)
                .scalar(ExtendedScalars.GraphQLLong)
                .scalar(ExtendedScalars.GraphQLBigDecimal)
                .type("Query", t -> t
                        .dataFetcher("events", GraphQlService::events)
                        .dataFetcher("trackingPlans", env -> {
                            String id = env.getArgument("id");
                            return toMaps(port(env).trackingPlans().plans().stream()
                                    .filter(p -> id == null || id.equals(p.id())).toList());
                        })
                        .dataFetcher("metricDefinitions", env -> {
                            String name = env.getArgument("name");
                            return toMaps(port(env).metricDefinitions().definitions().stream()
                                    .filter(d -> name == null || name.equals(d.name())).toList());
                        })
                        .dataFetcher("metrics", GraphQlService::metrics)
                        .dataFetcher("funnel", GraphQlService::funnel)
                        .dataFetcher("attribution", env -> toMap(port(env).attribution(new Attribution.Query(
                                env.getArgument("from"), env.getArgument("to"), env.getArgument("businessId"),
                                env.getArgument("conversionEvent"), env.getArgument("model"),
                                env.getArgument("groupBy"), env.getArgument("lookbackMs")))))
                        .dataFetcher("businessHealth", env -> toMap(port(env).businessHealth(
                                env.getArgument("businessId"), new BusinessHealth.Query(env.getArgument("limit"),
                                        env.getArgument("from"), env.getArgument("to")))))
                        .dataFetcher("agentPerformance", env -> toMap(port(env).agentPerformance(
                                new AgentPerformance.Query(env.getArgument("agentId"), env.getArgument("businessId"),
                                        env.getArgument("from"), env.getArgument("to")))))
                        .dataFetcher("workflowStatus", env -> toMap(port(env).workflowStatus(
                                new WorkflowStatus.Query(env.getArgument("workflowId"), env.getArgument("businessId"),
                                        env.getArgument("from"), env.getArgument("to"), env.getArgument("limit")))))
                        .dataFetcher("decisionObjects", env -> {
                            String id = env.getArgument("id");
                            return id != null ? List.of(toMap(port(env).decision(id)))
                                    : toMaps(port(env).decisions(env.getArgument("state")).decisions());
                        })
                        .dataFetcher("enforcementReceipts", env -> toMap(port(env).receipts(
                                env.getArgument("traceId"), env.getArgument("decisionObjectId"))))
                        .dataFetcher("proofTrails", env -> toMaps(port(env).proofTrails().trails()))
                        .dataFetcher("entities", env -> toMap(port(env).entities(new Entities.Query(
                                env.getArgument("type"), env.getArgument("q"), env.getArgument("limit"),
                                env.getArgument("cursor"))))))
                .type("Metrics", t -> t
                        .defaultDataFetcher(env -> env.<LazyMetrics>getSource().result().get(env.getField().getName()))
                        .dataFetcher("eventNames", env -> {
                            LazyMetrics m = env.getSource();
                            return toMaps(m.port.eventNames(m.query.businessId()).names());
                        })
                        .dataFetcher("storedSnapshots", env -> toMaps(env.<LazyMetrics>getSource().port
                                .metricSnapshots(env.getArgument("metric"), env.getArgument("limit")).snapshots())))
                .type("Funnel", t -> t.dataFetcher("actors", GraphQlService::funnelActors))
                .type("TrackingPlan", t -> t.dataFetcher("violations", env -> {
                    Map<String, Object> plan = env.getSource();
                    return toMap(port(env).trackingPlanViolations((String) plan.get("id"), env.getArgument("limit")));
                }))
                .build();
    }

    private static Object events(DataFetchingEnvironment env) {
        String order = env.getArgument("order");
        EventQuery query = new EventQuery(env.getArgument("businessId"), env.getArgument("event"),
                env.getArgument("traceId"), env.getArgument("actor"), env.getArgument("from"), env.getArgument("to"),
                env.getArgument("limit"), env.getArgument("cursor"),
                order == null ? null : "desc".equals(order) ? EventQuery.Order.DESC : EventQuery.Order.ASC,
                env.getArgument("source"), env.getArgument("channel"), env.getArgument("campaign"),
                env.getArgument("medium"), env.getArgument("trackable"));
        Run run = env.getGraphQlContext().get(Run.class);
        EventPage page = run.port.events(query);
        if (page.nextCursor() != null) {
            synchronized (run.cursors) {
                run.cursors.put(env.getField().getResultKey(), page.nextCursor());
            }
        }
        return toMaps(page.events());
    }

    /**
     * The metrics query runs here, so its error is the {@code metrics} field's, when a field of its
     * answer is selected; for {@code eventNames} and {@code storedSnapshots} alone it never runs.
     */
    private static Object metrics(DataFetchingEnvironment env) {
        LazyMetrics metrics = new LazyMetrics(port(env), new Metrics.Query(env.getArgument("eventName"),
                env.getArgument("from"), env.getArgument("to"), env.getArgument("businessId"),
                env.getArgument("interval"), env.getArgument("groupBy"), null, env.getArgument("metrics")));
        if (env.getSelectionSet().getImmediateFields().stream().anyMatch(f -> !OWN_CALLS.contains(f.getName()))) {
            metrics.result();
        }
        return metrics;
    }

    private static Object funnel(DataFetchingEnvironment env) {
        List<Map<String, Object>> steps = env.getArgument("steps");
        List<Funnels.Step> parsed = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            @SuppressWarnings("unchecked")
            Map<String, Object> filter = (Map<String, Object>) step.get("filter");
            parsed.add(new Funnels.Step((String) step.get("name"), (String) step.get("event"), filter));
        }
        Funnels.Query query = new Funnels.Query(parsed, env.getArgument("from"), env.getArgument("to"),
                env.getArgument("windowMs"), env.getArgument("mode"), env.getArgument("businessId"),
                env.getArgument("breakdown"));
        return DataFetcherResult.newResult().data(toMap(port(env).funnel(query))).localContext(query).build();
    }

    private static Object funnelActors(DataFetchingEnvironment env) {
        Funnels.Query funnel = env.getLocalContext();
        Integer step = env.getArgument("step");
        return toMap(port(env).funnelActors(new Funnels.ActorsQuery(funnel, step, env.getArgument("outcome"),
                env.getArgument("breakdownValue"), env.getArgument("limit"), env.getArgument("cursor"))));
    }

    private static HeadlessApi port(DataFetchingEnvironment env) {
        return env.getGraphQlContext().<Run>get(Run.class).port;
    }

    /** One request's port and the cursors its event pages left. */
    static final class Run {
        final HeadlessApi port;
        final Map<String, Object> cursors = new LinkedHashMap<>();
        /** The execution's count of result nodes, kept by {@link ShapeInstrumentation}. */
        volatile ResultNodesInfo nodes;

        Run(HeadlessApi port) {
            this.port = port;
        }
    }

    /** The {@code metrics} field: its query, and its answer once asked for. */
    private static final class LazyMetrics {
        final HeadlessApi port;
        final Metrics.Query query;
        private Map<String, Object> result;

        LazyMetrics(HeadlessApi port, Metrics.Query query) {
            this.port = port;
            this.query = query;
        }

        synchronized Map<String, Object> result() {
            if (result == null) {
                result = toMap(port.metrics(query));
            }
            return result;
        }
    }

    /** A resolver's failure as a field error: an {@link ApiException}'s code, status and details; else 500. */
    private static final class FieldErrors implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                DataFetcherExceptionHandlerParameters p) {
            Throwable t = p.getException();
            while (t instanceof CompletionException && t.getCause() != null) {
                t = t.getCause();
            }
            String message;
            Map<String, Object> extensions;
            if (t instanceof ApiException e) {
                message = e.getMessage();
                String fallback = e instanceof ApiException.Client ? ErrorCodes.INVALID_INPUT : ErrorCodes.INTERNAL;
                extensions = extension(Objects.requireNonNullElse(e.code(), fallback), e.status(),
                        ApiJson.mapper().convertValue(e.details() == null ? List.of() : e.details(), MAPS));
            } else {
                String queryId = Ids.newId("q", System.currentTimeMillis());
                log.error("GraphQL field {} failed with an internal error (queryId {})", p.getPath(), queryId, t);
                message = "internal server error; quote query id " + queryId + " when reporting it";
                extensions = extension(ErrorCodes.INTERNAL, 500, List.of());
            }
            GraphQLError error = GraphqlErrorBuilder.newError().message(message).path(p.getPath())
                    .location(p.getSourceLocation()).errorType(ErrorType.DataFetchingException)
                    .extensions(extensions).build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        }
    }

    private static String readSchema() {
        try (InputStream in = GraphQlService.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the GraphQL schema " + SCHEMA_RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
