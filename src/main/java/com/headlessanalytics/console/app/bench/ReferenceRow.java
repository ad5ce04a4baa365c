package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.domain.Touchpoints;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * One event as the DuckDB reference stores it: the columns the analytics read, derived from the
 * stored envelope by the rules of docs/analytics.md (actor identity, touchpoint fields, revenue);
 * everything the queries do with them is the reference's own SQL.
 * {@code seq} is the event's position in the dataset, which orders ties the way the engine's
 * storage sequence does.
 */
record ReferenceRow(long seq, String id, String business, String name, long ts, String actor, String source,
                    String channel, String campaign, String medium, BigDecimal revenue, String tier,
                    String decisionId, String proofId, boolean trackable) {

    /** The DuckDB table the CSV rows are copied into; {@link DuckDbReference#load} then builds {@code ev} from it. */
    static final String TABLE = """
            CREATE TABLE ev_csv (seq BIGINT NOT NULL, id VARCHAR NOT NULL, business VARCHAR NOT NULL,
                name VARCHAR NOT NULL, ts BIGINT NOT NULL, actor VARCHAR, source VARCHAR, channel VARCHAR,
                campaign VARCHAR, medium VARCHAR, revenue DECIMAL(38, 6), tier VARCHAR, decision_id VARCHAR,
                proof_id VARCHAR, trackable BOOLEAN NOT NULL)""";

    /** The row of an event; the touchpoint and revenue rules are the domain's, as the engine applies them. */
    static ReferenceRow of(long seq, Event e) {
        Touchpoints t = Touchpoints.of(e);
        return new ReferenceRow(seq, e.id(), e.businessId(), e.event(), e.timestamp(), e.actorKey(), t.source(),
                t.channel(), t.campaign(), t.medium(), Revenue.of(e), e.trustTier() == null ? null : e.trustTier().name(),
                e.decisionId(), e.proofId(), e.trackable() != null);
    }

    /** Appends this row as one CSV line: strings quoted, absent values as empty unquoted fields (NULL). */
    void writeCsv(Writer out) throws IOException {
        out.write(Long.toString(seq));
        quoted(out, id);
        quoted(out, business);
        quoted(out, name);
        out.write(',');
        out.write(Long.toString(ts));
        quoted(out, actor);
        quoted(out, source);
        quoted(out, channel);
        quoted(out, campaign);
        quoted(out, medium);
        out.write(',');
        if (revenue != null) {
            out.write(revenue.toPlainString());
        }
        quoted(out, tier);
        quoted(out, decisionId);
        quoted(out, proofId);
        out.write(trackable ? ",true\n" : ",false\n");
    }

    private static void quoted(Writer out, String value) throws IOException {
        out.write(',');
        if (value == null) {
            return;
        }
        out.write('"');
        out.write(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\""));
        out.write('"');
    }
}
