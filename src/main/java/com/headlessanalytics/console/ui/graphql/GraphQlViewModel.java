package com.headlessanalytics.console.ui.graphql;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.graphql.editor.Completion;
import com.headlessanalytics.console.graphql.editor.Completions;
import com.headlessanalytics.console.graphql.editor.DocumentCheck;
import com.headlessanalytics.console.graphql.editor.EditorSchema;
import com.headlessanalytics.console.graphql.editor.Problem;
import com.headlessanalytics.console.graphql.editor.Suggestion;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The GraphQL screen: a document with its variables (a JSON object) and operation name, checked as
 * it is typed against the schema (the server's, read by introspection, else the console's own)
 * and completed at the caret; Run sends it through the endpoint off the FX thread (a new run or
 * Cancel drops the one in flight) and shows the answer as a tree and as JSON with its errors where
 * they are; the last {@value GraphQlStore#HISTORY_LIMIT} runs and the saved queries are kept in the
 * {@link GraphQlStore}; Copy as curl writes the request for the connection's address without its secret.
 */
public final class GraphQlViewModel implements Activatable {
    /** The reference's example query, the screen's starting document. */
    static final String STARTER_QUERY = """
            query Ops($limit: Int) {
              events(limit: $limit) {
                event
                timestamp
              }
              businessHealth {
                healthScore
                revenue
                nextActions
              }
              attribution {
                bySource
                byCampaign
              }
            }
            """;
    static final String STARTER_VARIABLES = "{\n  \"limit\": 100\n}";
    /** The path of the GraphQL endpoint under an API's base URL. */
    static final String PATH = "/api/graphql";

    private static final java.util.regex.Pattern NAMED_OPERATION = java.util.regex.Pattern.compile(
            "(query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)");

    /** A request that the editor's caret moves to {@code offset}; each request is a new object. */
    public record CaretMove(int offset, long sequence) {
    }

    /** What a run gave, built off the FX thread. */
    private record Answer(GraphQl.Response response, long millis, String json, ResultNode tree, List<Problem> errors) {
    }

    private final Supplier<GraphQl.Endpoint> endpoint;
    private final Supplier<CurlTarget> target;
    private final GraphQlStore store;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final TextClipboard clipboard;
    private final Clock clock;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final StringProperty document = new SimpleStringProperty(STARTER_QUERY);
    private final StringProperty variables = new SimpleStringProperty(STARTER_VARIABLES);
    private final StringProperty operationName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper variablesError = new ReadOnlyStringWrapper("");
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableList<Problem> resultErrors = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper resultJson = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ResultNode> resultTree = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper resultSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper schemaStatus = new ReadOnlyStringWrapper("Reading the schema…");
    private final ReadOnlyObjectWrapper<EditorSchema> schema = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Completions> completions = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<CaretMove> caretMove = new ReadOnlyObjectWrapper<>();
    private final ObservableList<GraphQlRun> history = FXCollections.observableArrayList();
    private final ObservableList<SavedQuery> saved = FXCollections.observableArrayList();
    private final Command runCommand;
    private final Command copyCurlCommand;
    private final Command saveCommand;
    private Completion completion;
    private long schemaReads;
    private boolean storeRead;
    private long moves;

    public GraphQlViewModel(Supplier<GraphQl.Endpoint> endpoint, Supplier<CurlTarget> target, GraphQlStore store,
                            TaskRunner tasks, DialogService dialogs, TextClipboard clipboard, Clock clock,
                            ZoneId zone) {
        this.endpoint = endpoint;
        this.target = target;
        this.store = store;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks, "Cancelled: the answer before stays shown");
        BooleanBinding hasDocument = Bindings.createBooleanBinding(() -> document.get() != null
                && !document.get().isBlank(), document);
        runCommand = new Command(this::run, hasDocument.and(query.runningProperty().not()));
        copyCurlCommand = new Command(this::copyAsCurl, hasDocument);
        saveCommand = new Command(this::saveCurrent, hasDocument);
        document.addListener(o -> check());
        variables.addListener(o -> variablesError.set(variablesProblem(variables.get())));
        schema.addListener((obs, old, now) -> {
            completion = now == null ? null : new Completion(now);
            check();
        });
    }

    @Override
    public void activate() {
        readSchema();
        if (!storeRead) {
            storeRead = true;
            tasks.submit("Reading the GraphQL history", p -> new Object[] {store.history(), store.saved()}, read -> {
                @SuppressWarnings("unchecked")
                List<GraphQlRun> runs = (List<GraphQlRun>) read[0];
                @SuppressWarnings("unchecked")
                List<SavedQuery> queries = (List<SavedQuery>) read[1];
                history.setAll(runs);
                saved.setAll(queries);
            }, query::fail);
        }
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /**
     * The schema for checking and completion, read again each time the screen shows (the connection
     * may have changed): the server's, through the introspection query; the console's own when the
     * endpoint does not answer it. The schema before stays in use while it is read.
     */
    private void readSchema() {
        if (schema.get() == null) {
            schemaStatus.set("Reading the schema…");
        }
        long reading = ++schemaReads;
        tasks.submit("Reading the GraphQL schema", p -> introspect(endpoint), read -> {
            if (reading == schemaReads) {
                schema.set(read.schema());
                schemaStatus.set(read.note());
            }
        }, failure -> schemaStatus.set("The schema could not be read: " + ErrorText.describe(failure)
                + ". Completion and checks are off."));
    }

    private record ReadSchema(EditorSchema schema, String note) {
    }

    private static ReadSchema introspect(Supplier<GraphQl.Endpoint> from) {
        String why;
        try {
            GraphQl.Response answer = from.get().execute(new GraphQl.Request(EditorSchema.introspectionQuery(), Map.of(),
                    null));
            Object data = answer.body() == null ? null : answer.body().get("data");
            if (answer.status() == 200 && data instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> described = (Map<String, Object>) map;
                return new ReadSchema(EditorSchema.fromIntrospection(described, "the server"),
                        "Checked against the server's schema");
            }
            why = "it answered HTTP " + answer.status();
        } catch (RuntimeException e) {
            why = ErrorText.describe(e);
        }
        return new ReadSchema(EditorSchema.bundled(), "Checked against the console's schema (the server's could not be"
                + " read: " + why + ")");
    }

    private void check() {
        problems.setAll(DocumentCheck.check(schema.get(), document.get()));
    }

    /** "" for an empty or valid variables object, else what is wrong with it. */
    static String variablesProblem(String text) {
        try {
            parseVariables(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The variables as a JSON object (none for empty text). */
    static Map<String, Object> parseVariables(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Object value;
        try {
            value = ApiJson.read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The variables are not valid JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("The variables must be a JSON object, e.g. {\"limit\": 100}");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private GraphQl.Request request() {
        String op = operationName.get() == null || operationName.get().isBlank() ? null
                : operationName.get().strip();
        return new GraphQl.Request(document.get(), parseVariables(variables.get()), op);
    }

    /** Sends the document; bad variables are shown at the variables and nothing is sent. */
    public void run() {
        if (document.get() == null || document.get().isBlank()) {
            return;
        }
        GraphQl.Request request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            variablesError.set(e.getMessage());
            query.fail(e.getMessage());
            return;
        }
        String sentVariables = variables.get();
        long ranAt = clock.millis();
        query.run("Running a GraphQL query", "Running…", p -> {
            long started = System.nanoTime();
            GraphQl.Response response = endpoint.get().execute(request);
            long millis = (System.nanoTime() - started) / 1_000_000;
            Map<String, Object> body = response.body() == null ? Map.of() : response.body();
            return new Answer(response, millis, ApiJson.pretty(body), ResultNode.of("answer", ordered(body)),
                    errors(body, request.query()));
        }, answer -> show(answer, new GraphQlRun(request.query(), sentVariables, request.operationName(), ranAt,
                answer.response().status(), answer.millis(), answer.errors().size())));
    }

    /** The answer's parts as the spec lists them: data, errors, extensions, then anything else. */
    static Map<String, Object> ordered(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : List.of("data", "errors", "extensions")) {
            if (body.containsKey(key)) {
                out.put(key, body.get(key));
            }
        }
        body.forEach(out::putIfAbsent);
        return out;
    }

    private void show(Answer answer, GraphQlRun run) {
        resultJson.set(answer.json());
        resultTree.set(answer.tree());
        resultErrors.setAll(answer.errors());
        int n = answer.errors().size();
        String summary = "HTTP " + answer.response().status() + " · " + elapsed(answer.millis())
                + (n == 0 ? "" : " · " + n + (n == 1 ? " error" : " errors"));
        resultSummary.set(summary);
        query.status(summary);
        history.add(0, run);
        if (history.size() > GraphQlStore.HISTORY_LIMIT) {
            history.remove(GraphQlStore.HISTORY_LIMIT, history.size());
        }
        tasks.submit("Keeping the GraphQL history", p -> {
            store.record(run);
            return null;
        }, done -> { }, query::fail);
    }

    /** The answer's {@code errors}, placed in the document that was sent. */
    static List<Problem> errors(Map<String, Object> body, String sent) {
        List<Problem> out = new ArrayList<>();
        if (!(body.get("errors") instanceof List<?> list)) {
            return out;
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> error)) {
                continue;
            }
            String message = error.get("message") == null ? "Error" : String.valueOf(error.get("message"));
            if (error.get("path") instanceof List<?> path && !path.isEmpty()) {
                message += " (at " + String.join(".", path.stream().map(String::valueOf).toList()) + ")";
            }
            int line = 0;
            int column = 0;
            if (error.get("locations") instanceof List<?> at && !at.isEmpty() && at.get(0) instanceof Map<?, ?> first
                    && first.get("line") instanceof Number l && first.get("column") instanceof Number c) {
                line = l.intValue();
                column = c.intValue();
            }
            out.add(DocumentCheck.at(Problem.Kind.SERVER, message, line, column, sent));
        }
        return out;
    }

    /** Moves the editor's caret to where the problem is (when it has a place). */
    public void goTo(Problem problem) {
        if (problem != null && problem.located()) {
            moveCaret(Math.min(problem.offset(), document.get().length()));
        }
    }

    private void moveCaret(int offset) {
        caretMove.set(new CaretMove(offset, ++moves));
    }

    /** The completions at the caret (none until the schema is read); also kept in {@link #completionsProperty()}. */
    public Completions complete(int caret) {
        Completions found = completion == null ? Completions.none(caret) : completion.at(document.get(), caret);
        completions.set(found);
        return found;
    }

    /** Puts the chosen suggestion in place of the word it completes and moves the caret after it. */
    public void accept(Suggestion chosen) {
        Completions c = completions.get();
        if (c == null || chosen == null) {
            return;
        }
        String text = document.get();
        if (c.to() > text.length()) {
            return;
        }
        document.set(c.apply(text, chosen));
        completions.set(null);
        moveCaret(c.caretAfter(chosen));
    }

    public void dismissCompletions() {
        completions.set(null);
    }

    /** Opens a run of the history in the editor. */
    public void open(GraphQlRun run) {
        if (run != null) {
            load(run.query(), run.variables(), run.operationName());
        }
    }

    /** Opens a saved query in the editor. */
    public void open(SavedQuery q) {
        if (q != null) {
            load(q.query(), q.variables(), q.operationName());
        }
    }

    private void load(String text, String vars, String op) {
        document.set(text);
        variables.set(vars);
        operationName.set(op == null ? "" : op);
        moveCaret(0);
    }

    /** Asks for a name and saves the document, variables and operation under it. */
    public void saveCurrent() {
        String suggested = operationName.get() == null || operationName.get().isBlank()
                ? title(document.get(), null) : operationName.get().strip();
        Optional<String> name = dialogs.askText("Save query", "A name for this query:", suggested)
                .map(String::strip).filter(s -> !s.isEmpty());
        if (name.isEmpty()) {
            return;
        }
        SavedQuery q = new SavedQuery(name.get(), document.get(), variables.get(),
                operationName.get() == null || operationName.get().isBlank() ? null : operationName.get().strip(),
                clock.millis());
        if (saved.stream().anyMatch(s -> s.name().equals(q.name()))
                && !dialogs.confirm("Replace \"" + q.name() + "\"?", "A saved query of that name exists; it is"
                        + " replaced by this one.", "Replace")) {
            return;
        }
        change("Saving a GraphQL query", () -> store.save(q), "Saved \"" + q.name() + "\"");
    }

    /** Asks for a new name for a saved query. */
    public void rename(SavedQuery q) {
        if (q == null) {
            return;
        }
        Optional<String> name = dialogs.askText("Rename query", "A new name for \"" + q.name() + "\":", q.name())
                .map(String::strip).filter(s -> !s.isEmpty() && !s.equals(q.name()));
        name.ifPresent(n -> change("Renaming a GraphQL query", () -> store.rename(q.name(), n),
                "Renamed \"" + q.name() + "\" to \"" + n + "\""));
    }

    /** Deletes a saved query once confirmed. */
    public void delete(SavedQuery q) {
        if (q != null && dialogs.confirm("Delete \"" + q.name() + "\"?", "The saved query is removed; the"
                + " history keeps its runs.", "Delete")) {
            change("Deleting a GraphQL query", () -> store.delete(q.name()), "Deleted \"" + q.name() + "\"");
        }
    }

    /** Changes the saved queries in the background, then lists them again. */
    private void change(String title, Runnable work, String notice) {
        tasks.submit(title, p -> {
            work.run();
            return store.saved();
        }, list -> {
            saved.setAll(list);
            dialogs.notify(notice);
        }, failure -> dialogs.showError(title + " failed", failure));
    }

    /** Puts the request on the clipboard as a curl command for the connection's address. */
    public void copyAsCurl() {
        CurlTarget to = target.get();
        if (to == null || !to.available()) {
            query.fail(to == null || to.unavailable() == null ? "There is no address to send the query to."
                    : to.unavailable());
            return;
        }
        GraphQl.Request request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            variablesError.set(e.getMessage());
            query.fail(e.getMessage());
            return;
        }
        clipboard.copy(curl(to, request));
        query.clearError();
        dialogs.notify("Copied the query as a curl command");
    }

    /** The request as a curl command: POST to the base URL's {@value #PATH}, headers in double quotes so $VARIABLES expand. */
    static String curl(CurlTarget to, GraphQl.Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        if (request.variables() != null && !request.variables().isEmpty()) {
            body.put("variables", request.variables());
        }
        if (request.operationName() != null) {
            body.put("operationName", request.operationName());
        }
        String base = to.baseUrl().endsWith("/") ? to.baseUrl().substring(0, to.baseUrl().length() - 1)
                : to.baseUrl();
        StringBuilder out = new StringBuilder("curl -sS -X POST '").append(base).append(PATH).append("' \\\n")
                .append("  -H 'Content-Type: application/json' \\\n");
        for (String header : to.headers()) {
            out.append("  -H \"").append(header.replace("\"", "\\\"")).append("\" \\\n");
        }
        out.append("  --data-binary '").append(ApiJson.write(body).replace("'", "'\\''")).append("'");
        return out.toString();
    }

    /** The operation's name, else the document's first line that is not a comment, shortened. */
    static String title(String text, String operationName) {
        if (operationName != null && !operationName.isBlank()) {
            return operationName.strip();
        }
        if (text != null) {
            for (String line : text.split("\\R")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    java.util.regex.Matcher named = NAMED_OPERATION.matcher(s);
                    if (named.lookingAt()) {
                        return named.group(1) + " " + named.group(2);
                    }
                    return s.length() > 60 ? s.substring(0, 59) + "…" : s;
                }
            }
        }
        return "Untitled query";
    }

    /** How long an answer took: milliseconds under a second. */
    static String elapsed(long millis) {
        return millis < 1000 ? millis + " ms" : Formats.duration(millis);
    }

    /** A history row: when, what, and how it answered. */
    public String describe(GraphQlRun run) {
        return Formats.time(run.ranAt(), zone) + " · HTTP " + run.status() + " · " + elapsed(run.millis())
                + (run.errors() == 0 ? "" : " · " + run.errors() + (run.errors() == 1 ? " error" : " errors"));
    }

    public QueryLifecycle query() {
        return query;
    }

    public StringProperty documentProperty() {
        return document;
    }

    public StringProperty variablesProperty() {
        return variables;
    }

    public StringProperty operationNameProperty() {
        return operationName;
    }

    public ReadOnlyStringProperty variablesErrorProperty() {
        return variablesError.getReadOnlyProperty();
    }

    /** The document's syntax and validation problems, updated as it is typed. */
    public ObservableList<Problem> problems() {
        return problems;
    }

    /** The errors of the last answer, placed in the document that was sent. */
    public ObservableList<Problem> resultErrors() {
        return resultErrors;
    }

    public ReadOnlyStringProperty resultJsonProperty() {
        return resultJson.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ResultNode> resultTreeProperty() {
        return resultTree.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultSummaryProperty() {
        return resultSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty schemaStatusProperty() {
        return schemaStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EditorSchema> schemaProperty() {
        return schema.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Completions> completionsProperty() {
        return completions.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CaretMove> caretMoveProperty() {
        return caretMove.getReadOnlyProperty();
    }

    /** The last {@value GraphQlStore#HISTORY_LIMIT} runs, newest first. */
    public ObservableList<GraphQlRun> history() {
        return history;
    }

    public ObservableList<SavedQuery> saved() {
        return saved;
    }

    public Command runCommand() {
        return runCommand;
    }

    public Command copyCurlCommand() {
        return copyCurlCommand;
    }

    public Command saveCommand() {
        return saveCommand;
    }
}
