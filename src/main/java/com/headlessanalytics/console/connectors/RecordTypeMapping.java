package com.headlessanalytics.console.connectors;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.domain.EventValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One record type of a provider, compiled from its mapping file: how it is recognised and how it maps. */
public final class RecordTypeMapping {
    /** Unmapped fields with these names are kept as {@code properties.raw_<name>}: the revenue rule reads these keys. */
    static final Set<String> REVENUE_KEYS = Set.of("revenue", "amount", "total");
    static final String RAW_PREFIX = "raw_";

    private final String provider;
    private final String type;
    private final String description;
    private final Match match;
    private final List<RecordPath> idPaths;
    /** True: the id is all of {@link #idPaths} joined with ':'; false: the first present of them. */
    private final boolean idJoined;
    private final FieldSpec event;
    /** Envelope fields in order, each with its specs (a whole-field spec first). */
    private final List<Group> groups;
    private final Set<String> consumed;

    /** Field-present, field-absent, field-equals and field-not-equals conditions, all of which must hold. */
    record Match(List<RecordPath> present, List<RecordPath> absent, Map<RecordPath, Object> equals,
                 Map<RecordPath, Object> notEquals) {
        boolean isEmpty() {
            return present.isEmpty() && absent.isEmpty() && equals.isEmpty() && notEquals.isEmpty();
        }

        boolean test(Map<?, ?> record) {
            for (RecordPath p : present) {
                if (p.resolve(record) == null) {
                    return false;
                }
            }
            for (RecordPath p : absent) {
                if (p.resolve(record) != null) {
                    return false;
                }
            }
            for (Map.Entry<RecordPath, Object> e : equals.entrySet()) {
                Object v = e.getKey().resolve(record);
                if (v == null || !same(v, e.getValue())) {
                    return false;
                }
            }
            for (Map.Entry<RecordPath, Object> e : notEquals.entrySet()) {
                Object v = e.getKey().resolve(record);
                if (v != null && same(v, e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean same(Object actual, Object wanted) {
            if (wanted instanceof String) {
                return wanted.equals(actual);
            }
            if (wanted instanceof Boolean) {
                return wanted.equals(actual);
            }
            return actual instanceof Number && new java.math.BigDecimal(actual.toString())
                    .compareTo(new java.math.BigDecimal(wanted.toString())) == 0;
        }
    }

    /** An envelope field and the specs that write it. */
    record Group(String field, boolean scalar, List<FieldSpec> specs) {
    }

    RecordTypeMapping(String provider, String type, String description, Match match, List<RecordPath> idPaths,
                      boolean idJoined, FieldSpec event, List<Group> groups, Set<String> consumed) {
        this.provider = provider;
        this.type = type;
        this.description = description;
        this.match = match;
        this.idPaths = idPaths;
        this.idJoined = idJoined;
        this.event = event;
        this.groups = groups;
        this.consumed = consumed;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    Match match() {
        return match;
    }

    List<RecordPath> idPaths() {
        return idPaths;
    }

    boolean idJoined() {
        return idJoined;
    }

    FieldSpec eventSpec() {
        return event;
    }

    List<Group> groups() {
        return groups;
    }

    /** The event name when the mapping gives a constant one, else null. */
    public String constantEvent() {
        return event.constant instanceof String s ? s : null;
    }

    boolean recognises(Map<?, ?> record) {
        return match.test(record);
    }

    /** Envelope fields and sub-fields written from the record, for the documentation: target, then specs. */
    List<FieldSpec> specs() {
        List<FieldSpec> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(g.specs());
        }
        return all;
    }

    /** What the event name is: the constant, or the names the lookup gives, or the record path it is read from. */
    public String eventSummary() {
        if (event.constant != null) {
            return String.valueOf(event.constant);
        }
        if (event.lookup != null) {
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            event.lookup.values().forEach(v -> names.add(String.valueOf(v)));
            if (event.fallback != null) {
                names.add(String.valueOf(event.fallback));
            }
            return String.join(" | ", names);
        }
        return "from " + String.join(" or ", event.from.stream().map(RecordPath::toString).toList());
    }

    /** Maps a record already checked for shape, size and depth. */
    MappedRecord map(Map<?, ?> record) {
        List<Connectors.Note> warnings = new ArrayList<>(2);
        List<Connectors.Note> errors = new ArrayList<>(0);
        List<String[]> sources = new ArrayList<>(24);

        String recordId = idJoined ? joinedId(record, sources) : null;
        for (RecordPath p : idJoined ? List.<RecordPath>of() : idPaths) {
            Object v = p.resolve(record);
            String id = idText(v);
            if (id != null) {
                recordId = id;
                sources.add(new String[] {"id", p.toString()});
                break;
            }
            if (v != null) {
                warnings.add(new Connectors.Note(p.toString(), "invalid_id", "is " + EventValidator.jsonType(v)
                        + ", not a string or number; the id is derived from the record's content"));
            }
        }
        String eventId;
        if (recordId == null) {
            eventId = EventIds.contentId(provider, type, record);
            warnings.add(new Connectors.Note("id", "missing_id", "the record has no id"
                    + (idPaths.isEmpty() ? "" : " (" + String.join(idJoined ? " + " : ", ", idPaths.stream().map(RecordPath::toString).toList()) + ")")
                    + "; the event id is derived from its content: " + eventId));
        } else {
            eventId = EventIds.eventId(provider, type, recordId);
        }

        Map<String, Object> envelope = new LinkedHashMap<>(16);
        envelope.put("id", eventId);
        FieldSpec.Value name = event.evaluate(record, errors);
        if (name == null && errors.isEmpty()) {
            errors.add(new Connectors.Note(event.from.isEmpty() ? "event" : event.from.get(0).toString(), "required",
                    "gives no event name"));
        } else if (name != null) {
            if (!(name.value() instanceof String)) {
                errors.add(new Connectors.Note(name.path(), "invalid_type", "must be text (the event name), got "
                        + EventValidator.jsonType(name.value())));
            } else {
                envelope.put("event", name.value());
                if (name.path() != null) {
                    sources.add(new String[] {"event", name.path()});
                }
            }
        }
        Map<String, Object> properties = null;
        for (Group g : groups) {
            Object built = g.scalar() ? scalar(g, record, errors, warnings, sources) : object(g, record, errors, sources);
            if (built != null) {
                envelope.put(g.field(), built);
                if (g.field().equals("properties")) {
                    properties = castMap(built);
                }
            }
        }
        properties = keepUnmapped(record, properties, warnings, sources);
        if (properties != null && !properties.isEmpty()) {
            envelope.put("properties", properties);
        }
        if (!errors.isEmpty()) {
            return new MappedRecord(type, recordId, eventId, null, warnings, errors, sources);
        }
        return new MappedRecord(type, recordId, eventId, envelope, warnings, errors, sources);
    }

    private String joinedId(Map<?, ?> record, List<String[]> sources) {
        StringBuilder b = new StringBuilder();
        for (RecordPath p : idPaths) {
            String part = idText(p.resolve(record));
            if (part == null) {
                return null;
            }
            b.append(b.isEmpty() ? "" : ":").append(part);
            sources.add(new String[] {"id", p.toString()});
        }
        return b.toString();
    }

    private Object scalar(Group g, Map<?, ?> record, List<Connectors.Note> errors, List<Connectors.Note> warnings,
                          List<String[]> sources) {
        FieldSpec spec = g.specs().get(0);
        FieldSpec.Value v = spec.evaluate(record, errors);
        if (v == null) {
            if (g.field().equals("timestamp") && !spec.from.isEmpty() && errors.isEmpty()) {
                warnings.add(new Connectors.Note(spec.from.get(0).toString(), "missing_timestamp",
                        "the record has no time; the receive time is used"));
            }
            return null;
        }
        if (v.path() != null) {
            sources.add(new String[] {g.field(), v.path()});
        }
        return v.value();
    }

    private Object object(Group g, Map<?, ?> record, List<Connectors.Note> errors, List<String[]> sources) {
        Map<String, Object> out = null;
        boolean fromRecord = false;
        if (g.field().equals("source")) {
            out = new LinkedHashMap<>();
            out.put("connector", provider);
            fromRecord = true;
        }
        for (FieldSpec spec : g.specs()) {
            FieldSpec.Value v = spec.evaluate(record, errors);
            if (v == null) {
                continue;
            }
            if (spec.subKeys.length == 0) {
                if (v.value() instanceof Map<?, ?> whole) {
                    out = out == null ? new LinkedHashMap<>() : out;
                    for (Map.Entry<?, ?> e : whole.entrySet()) {
                        out.put(String.valueOf(e.getKey()), e.getValue());
                    }
                } else if ((g.field().equals("actor") || g.field().equals("object")) && g.specs().size() == 1) {
                    if (v.path() != null) {
                        sources.add(new String[] {g.field(), v.path()});
                    }
                    return v.value() instanceof String ? v.value() : numberId(v.value());
                } else {
                    errors.add(new Connectors.Note(v.path(), "invalid_type", "must be an object (it becomes "
                            + g.field() + "), got " + EventValidator.jsonType(v.value())));
                    continue;
                }
            } else {
                out = out == null ? new LinkedHashMap<>() : out;
                put(out, spec.subKeys, v.value());
            }
            if (v.path() != null) {
                fromRecord = true;
                sources.add(new String[] {spec.target, v.path()});
            }
        }
        return fromRecord ? out : null;
    }

    private Map<String, Object> keepUnmapped(Map<?, ?> record, Map<String, Object> properties,
                                             List<Connectors.Note> warnings, List<String[]> sources) {
        for (Map.Entry<?, ?> e : record.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (e.getValue() == null || consumed.contains(key)) {
                continue;
            }
            if (properties == null) {
                properties = new LinkedHashMap<>();
            }
            String name = REVENUE_KEYS.contains(key) || properties.containsKey(key) ? RAW_PREFIX + key : key;
            if (properties.containsKey(name)) {
                warnings.add(new Connectors.Note(key, "dropped_field", "is not mapped and properties." + key
                        + " and properties." + name + " are both taken; it is not kept"));
                continue;
            }
            properties.put(name, e.getValue());
            sources.add(new String[] {"properties." + name, key});
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> map, String[] keys, Object value) {
        Map<String, Object> current = map;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = current.get(keys[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                current.put(keys[i], next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(keys[keys.length - 1], value);
    }

    /** A record id as text: a non-blank string, or a number's digits; null otherwise. */
    static String idText(Object v) {
        if (v instanceof String s) {
            return s.isBlank() ? null : s;
        }
        return numberId(v);
    }

    /** A JSON number as id text (integers as their digits, decimals in plain notation); null for other values. */
    private static String numberId(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return null;
    }
}
