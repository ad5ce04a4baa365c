package com.headlessanalytics.console.connectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.TrustTier;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every provider's mapping, read once from the resources {@code connectors/mappings/<id>.json}
 * listed in {@code connectors/mappings/index.json} and checked as it is read: a mapping file that
 * breaks a rule of docs/connectors.md (Mapping files) stops the load with a {@link MappingException}
 * naming the file, the place in it and the rule.
 */
public final class ConnectorRegistry {
    static final String FOLDER = "/com/headlessanalytics/console/connectors/mappings/";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** Envelope fields a mapping may write, in envelope order; the first three are single values. */
    static final List<String> TARGETS = List.of("timestamp", "traceId", "trustTier", "actor", "object", "entity",
            "source", "attribution", "context", "trackable", "outcome", "properties");
    private static final Set<String> SCALARS = Set.of("timestamp", "traceId", "trustTier");
    private static final Set<Transform.Kind> TIME = Set.of(Transform.Kind.TIME, Transform.Kind.SECONDS,
            Transform.Kind.MILLIS);
    private static final Set<Transform.Kind> AMOUNT = Set.of(Transform.Kind.DECIMAL, Transform.Kind.MINOR,
            Transform.Kind.MICROS, Transform.Kind.NEGATE);

    private final Map<String, ProviderMapping> providers;

    private ConnectorRegistry(Map<String, ProviderMapping> providers) {
        this.providers = providers;
    }

    private static final class Standard {
        static final ConnectorRegistry INSTANCE = loadResources();
    }

    /** The providers shipped in the resources, loaded on first use. */
    public static ConnectorRegistry standard() {
        return Standard.INSTANCE;
    }

    /** A registry of these compiled mappings, in this order. */
    public static ConnectorRegistry of(List<ProviderMapping> mappings) {
        Map<String, ProviderMapping> byId = new LinkedHashMap<>();
        for (ProviderMapping m : mappings) {
            if (byId.put(m.id(), m) != null) {
                throw new MappingException("connector mappings: provider '" + m.id() + "' is defined twice");
            }
        }
        return new ConnectorRegistry(byId);
    }

    private static ConnectorRegistry loadResources() {
        JsonNode index = read("index.json", open("index.json"));
        if (!index.isArray() || index.isEmpty()) {
            throw new MappingException("connector mapping index.json: must be a non-empty array of provider ids");
        }
        List<ProviderMapping> all = new ArrayList<>();
        for (JsonNode id : index) {
            String file = id.asText() + ".json";
            all.add(compile(file, read(file, open(file))));
        }
        return of(all);
    }

    private static InputStream open(String file) {
        InputStream in = ConnectorRegistry.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new MappingException("connector mapping " + file + ": not found in the resources (" + FOLDER + ")");
        }
        return in;
    }

    private static JsonNode read(String file, InputStream in) {
        try (in) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new MappingException("connector mapping " + file + ": not valid JSON: " + e.getMessage());
        }
    }

    /** Compiles one mapping file's text; {@code fileName} is {@code <id>.json}. */
    public static ProviderMapping parse(String fileName, String json) {
        try {
            return compile(fileName, JSON.readTree(json));
        } catch (IOException e) {
            throw new MappingException("connector mapping " + fileName + ": not valid JSON: " + e.getMessage());
        }
    }

    public List<ProviderMapping> all() {
        return List.copyOf(providers.values());
    }

    public List<String> ids() {
        return List.copyOf(providers.keySet());
    }

    /** The provider of this id, or null. */
    public ProviderMapping provider(String id) {
        return id == null ? null : providers.get(id);
    }

    public List<Connectors.Provider> describe() {
        return providers.values().stream().map(ProviderMapping::describe).toList();
    }

    // ---- compiling and checking one file ----

    private static ProviderMapping compile(String file, JsonNode root) {
        Checker c = new Checker(file);
        c.object(root, "");
        c.keys(root, "", Set.of("id", "title", "category", "docs", "recordTypes"));
        String id = c.name(root.get("id"), "id");
        if (!file.equals(id + ".json")) {
            throw c.fail("id", "is '" + id + "' but the file is " + file + " (name the file <id>.json)");
        }
        String title = c.text(root.get("title"), "title");
        String category = c.name(root.get("category"), "category");
        String docs = c.text(root.get("docs"), "docs");
        if (!docs.startsWith("https://")) {
            throw c.fail("docs", "must be the https:// link to the provider's own documentation");
        }
        JsonNode types = root.get("recordTypes");
        if (types == null || !types.isArray() || types.isEmpty()) {
            throw c.fail("recordTypes", "must be a non-empty array");
        }
        List<RecordTypeMapping> compiled = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            RecordTypeMapping t = recordType(c, id, types.get(i), "recordTypes[" + i + "]");
            if (!names.add(t.type())) {
                throw c.fail("recordTypes[" + i + "].type", "'" + t.type() + "' is defined twice");
            }
            if (!compiled.isEmpty() && compiled.get(compiled.size() - 1).match().isEmpty()) {
                throw c.fail("recordTypes[" + (i - 1) + "].match", "matches every record, so the record types after it"
                        + " are never recognised; give it a match or move it last");
            }
            compiled.add(t);
        }
        return new ProviderMapping(id, title, category, docs, compiled);
    }

    private static RecordTypeMapping recordType(Checker c, String provider, JsonNode node, String at) {
        c.object(node, at);
        c.keys(node, at, Set.of("type", "description", "match", "id", "event", "fields"));
        String type = c.name(node.get("type"), at + ".type");
        String description = c.text(node.get("description"), at + ".description");
        RecordTypeMapping.Match match = match(c, node.get("match"), at + ".match");
        JsonNode idNode = node.get("id");
        boolean idJoined = idNode != null && idNode.isObject();
        if (idJoined) {
            c.keys(idNode, at + ".id", Set.of("join"));
        }
        List<RecordPath> idPaths = idNode == null ? List.of()
                : idJoined ? c.paths(idNode.get("join") == null ? idNode : idNode.get("join"), at + ".id.join")
                : c.paths(idNode, at + ".id");
        Set<String> consumed = new LinkedHashSet<>();
        idPaths.forEach(p -> consumed.add(p.top()));

        JsonNode eventNode = node.get("event");
        if (eventNode == null) {
            throw c.fail(at + ".event", "is required: an event name, or {from, map, default}");
        }
        FieldSpec event = eventNode.isTextual()
                ? new FieldSpec("event", new String[0], List.of(), c.eventName(eventNode, at + ".event"), List.of(),
                        null, null, null, true, null)
                : spec(c, "event", new String[0], eventNode, at + ".event", true);
        if (event.lookup != null) {
            for (Map.Entry<String, Object> e : event.lookup.entrySet()) {
                c.eventName(e.getValue(), at + ".event.map." + e.getKey());
            }
        }
        if (event.fallback != null) {
            c.eventName(event.fallback, at + ".event.default");
        }
        addConsumed(consumed, event);

        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isObject()) {
            throw c.fail(at + ".fields", "must be an object of envelope field → record path");
        }
        Map<String, List<FieldSpec>> byGroup = new LinkedHashMap<>();
        for (String t : TARGETS) {
            byGroup.put(t, new ArrayList<>());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String target = f.getKey();
            String where = at + ".fields." + target;
            String[] parts = target.split("\\.", -1);
            List<FieldSpec> group = byGroup.get(parts[0]);
            if (group == null) {
                throw c.fail(where, "'" + parts[0] + "' is not an envelope field a mapping may write; one of: "
                        + String.join(", ", TARGETS) + " (id, event and businessId are set by the connector)");
            }
            String[] sub = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            for (String s : sub) {
                if (s.isEmpty()) {
                    throw c.fail(where, "has an empty key");
                }
            }
            if (SCALARS.contains(parts[0]) && sub.length > 0) {
                throw c.fail(where, parts[0] + " is a single value; it has no sub-fields");
            }
            if (target.equals("source.connector")) {
                throw c.fail(where, "source.connector is set to the provider id by the connector");
            }
            if (parts[0].equals("properties") && sub.length == 1 && RecordTypeMapping.REVENUE_KEYS.contains(sub[0])) {
                throw c.fail(where, "the revenue rule reads properties." + sub[0]
                        + "; write revenue to outcome.revenue (with outcome.currency), other amounts under another name");
            }
            FieldSpec spec = spec(c, target, sub, f.getValue(), where, false);
            checkTarget(c, target, spec, where);
            addConsumed(consumed, spec);
            if (sub.length == 0) {
                group.add(0, spec);
            } else {
                group.add(spec);
            }
        }
        List<RecordTypeMapping.Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<FieldSpec>> g : byGroup.entrySet()) {
            if (!g.getValue().isEmpty() || g.getKey().equals("source")) {
                groups.add(new RecordTypeMapping.Group(g.getKey(), SCALARS.contains(g.getKey()), List.copyOf(g.getValue())));
            }
        }
        return new RecordTypeMapping(provider, type, description, match, idPaths, idJoined, event, groups, Set.copyOf(consumed));
    }

    private static void addConsumed(Set<String> consumed, FieldSpec spec) {
        spec.from.forEach(p -> consumed.add(p.top()));
        if (spec.currencyFrom != null) {
            consumed.add(spec.currencyFrom.top());
        }
    }

    private static void checkTarget(Checker c, String target, FieldSpec spec, String where) {
        Transform.Kind last = spec.transforms.isEmpty() ? null : spec.transforms.get(spec.transforms.size() - 1).kind();
        if (target.equals("timestamp") && (spec.constant != null || last == null || !TIME.contains(last))) {
            throw c.fail(where, "must read the record and end with a time transform (time, seconds or millis)");
        }
        if (target.equals("outcome.revenue") && spec.constant == null && (last == null || !AMOUNT.contains(last))) {
            throw c.fail(where, "revenue must end with an amount transform (decimal, minor, micros or negate), so it is exact");
        }
        if (target.equals("trustTier") && spec.constant != null
                && !(spec.constant instanceof String s && TrustTier.parse(s) != null)) {
            throw c.fail(where, "must be one of T0, T1, T2, T3, T4");
        }
        if (spec.currencyFrom != null && last != Transform.Kind.MINOR
                && spec.transforms.stream().noneMatch(t -> t.kind() == Transform.Kind.MINOR)) {
            throw c.fail(where + ".currencyFrom", "is only read by the minor transform");
        }
    }

    private static RecordTypeMapping.Match match(Checker c, JsonNode node, String at) {
        if (node == null) {
            return new RecordTypeMapping.Match(List.of(), List.of(), Map.of(), Map.of());
        }
        c.object(node, at);
        c.keys(node, at, Set.of("present", "absent", "equals", "notEquals"));
        List<RecordPath> present = node.has("present") ? c.paths(node.get("present"), at + ".present") : List.of();
        List<RecordPath> absent = node.has("absent") ? c.paths(node.get("absent"), at + ".absent") : List.of();
        Map<RecordPath, Object> equals = values(c, node.get("equals"), at + ".equals");
        Map<RecordPath, Object> notEquals = values(c, node.get("notEquals"), at + ".notEquals");
        RecordTypeMapping.Match m = new RecordTypeMapping.Match(present, absent, equals, notEquals);
        if (node.size() > 0 && m.isEmpty()) {
            throw c.fail(at, "has no condition; leave match out to match every record");
        }
        return m;
    }

    private static Map<RecordPath, Object> values(Checker c, JsonNode node, String at) {
        Map<RecordPath, Object> out = new LinkedHashMap<>();
        if (node != null) {
            c.object(node, at);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(c.path(e.getKey(), at), c.scalar(e.getValue(), at + "." + e.getKey()));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static FieldSpec spec(Checker c, String target, String[] sub, JsonNode node, String at, boolean required) {
        if (node.isTextual() || node.isArray()) {
            return new FieldSpec(target, sub, c.paths(node, at), null, List.of(), null, null, null, required, null);
        }
        c.object(node, at);
        c.keys(node, at, Set.of("from", "value", "transform", "map", "default", "currencyFrom", "required", "when"));
        boolean hasFrom = node.has("from");
        boolean hasValue = node.has("value");
        if (hasFrom == hasValue) {
            throw c.fail(at, "needs exactly one of from (record paths) and value (a constant)");
        }
        if (hasValue && node.size() > (node.has("when") ? 2 : 1)) {
            throw c.fail(at, "a constant (value) takes no other keys but when");
        }
        RecordTypeMapping.Match when = node.has("when") ? match(c, node.get("when"), at + ".when") : null;
        if (when != null && when.isEmpty()) {
            throw c.fail(at + ".when", "has no condition");
        }
        List<RecordPath> from = hasFrom ? c.paths(node.get("from"), at + ".from") : List.of();
        Object constant = hasValue ? c.scalar(node.get("value"), at + ".value") : null;
        List<Transform> transforms = new ArrayList<>();
        JsonNode t = node.get("transform");
        if (t != null) {
            List<JsonNode> names = new ArrayList<>();
            if (t.isArray()) {
                t.forEach(names::add);
            } else {
                names.add(t);
            }
            for (JsonNode n : names) {
                Transform parsed = n.isTextual() ? Transform.parse(n.asText()) : null;
                if (parsed == null) {
                    throw c.fail(at + ".transform", "'" + n.asText() + "' is not a transform; one of: " + Transform.names());
                }
                transforms.add(parsed);
            }
        }
        Map<String, Object> lookup = null;
        JsonNode map = node.get("map");
        if (map != null) {
            c.object(map, at + ".map");
            lookup = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                lookup.put(e.getKey(), c.scalar(e.getValue(), at + ".map." + e.getKey()));
            }
        }
        Object fallback = node.has("default") ? c.scalar(node.get("default"), at + ".default") : null;
        RecordPath currencyFrom = node.has("currencyFrom") ? c.path(c.text(node.get("currencyFrom"), at + ".currencyFrom"),
                at + ".currencyFrom") : null;
        boolean req = required;
        if (node.has("required")) {
            if (!node.get("required").isBoolean()) {
                throw c.fail(at + ".required", "must be true or false");
            }
            req = req || node.get("required").asBoolean();
        }
        return new FieldSpec(target, sub, List.copyOf(from), constant, List.copyOf(transforms), lookup, fallback,
                currencyFrom, req, when);
    }

    /** Reads parts of one file, failing with the file and place named. */
    private record Checker(String file) {
        MappingException fail(String at, String problem) {
            return new MappingException("connector mapping " + file + ": " + (at.isEmpty() ? "" : at + ": ") + problem);
        }

        void object(JsonNode n, String at) {
            if (n == null || !n.isObject()) {
                throw fail(at, "must be a JSON object");
            }
        }

        void keys(JsonNode n, String at, Set<String> allowed) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw fail(at.isEmpty() ? k : at + "." + k, "unknown key; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
            }
        }

        String text(JsonNode n, String at) {
            if (n == null || !n.isTextual() || n.asText().isBlank()) {
                throw fail(at, "is required text");
            }
            return n.asText();
        }

        String name(JsonNode n, String at) {
            String s = text(n, at);
            if (!NAME.matcher(s).matches()) {
                throw fail(at, "'" + s + "' must be lower-case letters, digits and '_' (starting with a letter)");
            }
            return s;
        }

        String eventName(Object v, String at) {
            String name = v instanceof JsonNode n ? (n.isTextual() ? n.asText() : null) : v instanceof String s ? s : null;
            String problem = name == null ? "must be text" : EventValidator.eventNameProblem(name);
            if (problem != null) {
                throw fail(at, "is not an event name: " + problem);
            }
            return name;
        }

        RecordPath path(String text, String at) {
            RecordPath p = RecordPath.parse(text);
            if (p == null) {
                throw fail(at, "'" + text + "' is not a record path (dotted keys or array indexes, at most "
                        + RecordPath.MAX_SEGMENTS + ")");
            }
            return p;
        }

        List<RecordPath> paths(JsonNode n, String at) {
            List<RecordPath> out = new ArrayList<>();
            if (n.isTextual()) {
                out.add(path(n.asText(), at));
            } else if (n.isArray() && !n.isEmpty()) {
                for (JsonNode e : n) {
                    if (!e.isTextual()) {
                        throw fail(at, "must list record paths as text");
                    }
                    out.add(path(e.asText(), at));
                }
            } else {
                throw fail(at, "must be a record path or a non-empty array of them");
            }
            return List.copyOf(out);
        }

        Object scalar(JsonNode n, String at) {
            if (n.isTextual()) {
                return n.asText();
            }
            if (n.isBoolean()) {
                return n.asBoolean();
            }
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.asLong();
            }
            if (n.isNumber()) {
                return new BigDecimal(n.asText());
            }
            throw fail(at, "must be text, a number or a boolean");
        }
    }
}
