package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code compliance.json}: which records of a packet are evidence for which control of SOC 2,
 * ISO/IEC 27001:2022, the EU AI Act, PCI DSS v4.0 and HIPAA, by record kind, with counts and line
 * numbers. A map for the auditor, not a claim of compliance (docs/governance.md).
 */
public final class ComplianceMap {
    /** Every kind of chain record. */
    private static final List<String> ALL = List.of("");

    /**
     * One control and the records that evidence it: chain records whose kind starts with one of
     * {@code kinds} (in decisions.jsonl and receipts.jsonl), and, when set, every event and every
     * evidence item.
     */
    record Control(String framework, String control, String title, String evidencedBy, List<String> kinds,
                   boolean events, boolean evidence) {
    }

    static final List<Control> CONTROLS = List.of(
            new Control("SOC 2", "CC6", "Logical and physical access controls",
                    "who may act (contracts, grants and their revocation), each approval, denial or revocation,"
                            + " and every enforcement decision",
                    List.of("contract.", "grant.", "decision.approved", "decision.denied", "decision.revoked",
                            "receipt"), false, false),
            new Control("SOC 2", "CC7", "System operations: monitoring and anomalies",
                    "every enforcement outcome, escrow and expiry, and the event trail",
                    List.of("receipt", "decision.escrowed", "decision.expired"), true, false),
            new Control("SOC 2", "CC8", "Change management",
                    "each consequential action proposed, reviewed and approved before release, with its evidence",
                    List.of("decision.", "receipt"), false, true),
            new Control("ISO/IEC 27001:2022", "A.5.15", "Access control",
                    "the rules of who may do what (contracts, grants) and their enforcement",
                    List.of("contract.", "grant.", "receipt"), false, false),
            new Control("ISO/IEC 27001:2022", "A.8.15", "Logging",
                    "every governance record, hash-chained and signed, and the event trail", ALL, true, false),
            new Control("EU AI Act", "Art. 12", "Record-keeping",
                    "automatic records of every proposal, approval and enforcement, and the event trail", ALL, true,
                    false),
            new Control("EU AI Act", "Art. 14", "Human oversight",
                    "a person reviewed each proposed action (approved, denied, revoked or held it) with the evidence"
                            + " shown",
                    List.of("decision.proposed", "decision.submitted", "decision.approved", "decision.denied",
                            "decision.revoked", "decision.escrowed"), false, true),
            new Control("PCI DSS v4.0", "10.2", "Audit logs capture user and system actions",
                    "every governance record names its actor and time; the event trail", ALL, true, false),
            new Control("PCI DSS v4.0", "10.3", "Audit logs are protected from destruction and unauthorized"
                    + " modification", "the hash chain and the Ed25519 signature on every governance record", ALL,
                    false, false),
            new Control("HIPAA", "164.312(b)", "Audit controls",
                    "every governance record and the event trail, in a form that can be examined", ALL, true, false));

    private ComplianceMap() {
    }

    /** The map of a packet's records; {@code records} holds the parsed lines of each record file. */
    public static ObjectNode of(List<String> events, List<JsonNode> decisions, List<JsonNode> receipts,
                                List<String> evidence) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("schemaVersion", PacketFormat.SCHEMA_VERSION);
        root.put("note", "Which records of this packet are evidence for which control, by record kind. Lines are"
                + " 1-based line numbers in each file. This maps evidence; it is not a claim of compliance.");
        ObjectNode kinds = root.putObject("kinds");
        kinds.set(PacketFormat.DECISIONS, kindCounts(decisions));
        kinds.set(PacketFormat.RECEIPTS, kindCounts(receipts));
        ArrayNode controls = root.putArray("controls");
        for (Control c : CONTROLS) {
            ObjectNode node = controls.addObject();
            node.put("framework", c.framework());
            node.put("control", c.control());
            node.put("title", c.title());
            node.put("evidencedBy", c.evidencedBy());
            ArrayNode refs = node.putArray("evidence");
            long count = 0;
            count += chainRefs(refs, PacketFormat.DECISIONS, decisions, c.kinds());
            count += chainRefs(refs, PacketFormat.RECEIPTS, receipts, c.kinds());
            if (c.events() && !events.isEmpty()) {
                refs.add(ref(PacketFormat.EVENTS, List.of("event"), events.size(), "1-" + events.size()));
                count += events.size();
            }
            if (c.evidence() && !evidence.isEmpty()) {
                refs.add(ref(PacketFormat.EVIDENCE, List.of("evidence"), evidence.size(), "1-" + evidence.size()));
                count += evidence.size();
            }
            node.put("count", count);
        }
        return root;
    }

    private static long chainRefs(ArrayNode refs, String file, List<JsonNode> records, List<String> prefixes) {
        List<Integer> lines = new ArrayList<>();
        TreeSet<String> matched = new TreeSet<>();
        for (int i = 0; i < records.size(); i++) {
            String kind = records.get(i).path("kind").asText("");
            if (prefixes.stream().anyMatch(kind::startsWith)) {
                lines.add(i + 1);
                matched.add(kind);
            }
        }
        if (!lines.isEmpty()) {
            refs.add(ref(file, List.copyOf(matched), lines.size(), ranges(lines)));
        }
        return lines.size();
    }

    private static ObjectNode ref(String file, List<String> kinds, long count, String lines) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("file", file);
        ArrayNode k = ref.putArray("kinds");
        kinds.forEach(k::add);
        ref.put("count", count);
        ref.put("lines", lines);
        return ref;
    }

    private static ObjectNode kindCounts(List<JsonNode> records) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode r : records) {
            counts.merge(r.path("kind").asText(""), 1L, Long::sum);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        counts.forEach(node::put);
        return node;
    }

    /** Ascending line numbers as ranges: 1-3,5,7-8. */
    static String ranges(List<Integer> lines) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            int j = i;
            while (j + 1 < lines.size() && lines.get(j + 1) == lines.get(j) + 1) {
                j++;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(lines.get(i));
            if (j > i) {
                s.append('-').append(lines.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }
}
