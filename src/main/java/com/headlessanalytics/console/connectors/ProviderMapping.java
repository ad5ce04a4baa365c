package com.headlessanalytics.console.connectors;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.EventValidator;
import java.util.List;
import java.util.Map;

/** A provider's compiled mapping file: its description and its record types in file order. */
public final class ProviderMapping {
    /** The deepest a record may nest, so that any of its fields still fits inside {@code properties}. */
    public static final int MAX_RECORD_DEPTH = EventLimits.MAX_EVENT_DEPTH - 1;

    private final String id;
    private final String title;
    private final String category;
    private final String docs;
    private final List<RecordTypeMapping> recordTypes;

    ProviderMapping(String id, String title, String category, String docs, List<RecordTypeMapping> recordTypes) {
        this.id = id;
        this.title = title;
        this.category = category;
        this.docs = docs;
        this.recordTypes = List.copyOf(recordTypes);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String category() {
        return category;
    }

    public String docs() {
        return docs;
    }

    public List<RecordTypeMapping> recordTypes() {
        return recordTypes;
    }

    /** The record type of this name, or null. */
    public RecordTypeMapping recordType(String type) {
        for (RecordTypeMapping t : recordTypes) {
            if (t.type().equals(type)) {
                return t;
            }
        }
        return null;
    }

    public List<String> typeNames() {
        return recordTypes.stream().map(RecordTypeMapping::type).toList();
    }

    public Connectors.Provider describe() {
        return new Connectors.Provider(id, title, category, docs, recordTypes.stream()
                .map(t -> new Connectors.RecordType(t.type(), t.eventSummary(), t.description())).toList());
    }

    /**
     * Maps one record: refused when it is not an object, larger than {@link Connectors#MAX_RECORD_BYTES}
     * or nested deeper than {@link #MAX_RECORD_DEPTH}; read as {@code recordType} (a type of this
     * provider) or, when null, as the first record type that recognises it. Never throws for any
     * JSON value.
     */
    public MappedRecord map(String recordType, Object record) {
        if (!(record instanceof Map<?, ?> fields)) {
            return refused(recordType, null, "invalid_type", "a record must be a JSON object, got " + EventValidator.jsonType(record));
        }
        RecordSize.Measure size = RecordSize.of(fields, Connectors.MAX_RECORD_BYTES, MAX_RECORD_DEPTH);
        if (size.tooDeep()) {
            return refused(recordType, null, "invalid_value", "the record nests objects and arrays deeper than "
                    + MAX_RECORD_DEPTH + " levels");
        }
        if (size.bytes() > Connectors.MAX_RECORD_BYTES) {
            return refused(recordType, null, "too_large", "the record is larger than " + Connectors.MAX_RECORD_BYTES
                    + " bytes as compact JSON");
        }
        RecordTypeMapping type = recordType == null ? recognise(fields) : recordType(recordType);
        if (type == null) {
            return refused(recordType, null, "unrecognised_record", recordType == null
                    ? "is none of the " + id + " record types (" + String.join(", ", typeNames())
                      + ") by its fields; name one with recordType"
                    : "unknown record type '" + recordType + "'; one of: " + String.join(", ", typeNames()));
        }
        return type.map(fields);
    }

    private RecordTypeMapping recognise(Map<?, ?> record) {
        for (RecordTypeMapping t : recordTypes) {
            if (t.recognises(record)) {
                return t;
            }
        }
        return null;
    }

    private static MappedRecord refused(String type, String field, String code, String message) {
        return new MappedRecord(type, null, null, null, List.of(), List.of(new Connectors.Note(field, code, message)),
                List.of());
    }
}
