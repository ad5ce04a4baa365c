package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs governance work as one write through the engine's single writer: the rows, chain records and
 * events of a transition commit together.
 */
final class GovernanceWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GovernanceWriter.class);

    final Database db;
    final Clock clock;
    private final EventStore events;
    private final GovernanceChain chain;

    GovernanceWriter(Database db, EventStore events, GovernanceChain chain, Clock clock) {
        this.db = db;
        this.events = events;
        this.chain = chain;
        this.clock = clock;
    }

    /** What a transaction answers, or the refusal to throw once what it did (an expiry) is committed. */
    private record Done<T>(T value, ApiException refusal, EventStore.Pending events) {
    }

    /**
     * Runs {@code work} as one write: its records, rows and events commit together. An
     * {@link ApiException} thrown by the work is thrown after the commit, so what the work did first
     * (expiring a decision) stays; work refuses before it changes anything else.
     */
    <T> T write(String workspaceId, GovernanceTx.Work<T> work) {
        Done<T> done = db.write(c -> {
            GovernanceTx tx = new GovernanceTx(chain, c, workspaceId, clock.millis());
            T value = null;
            ApiException refusal = null;
            try {
                value = work.run(tx);
            } catch (ApiException e) {
                refusal = e;
            }
            return new Done<>(value, refusal, events.storeWithin(c, workspaceId, tx.events));
        }, committed -> {
            try {
                events.committed(workspaceId, committed.events());
            } catch (RuntimeException e) {
                LOG.warn("Governance events of {} were committed but not indexed", workspaceId, e);
            }
        });
        if (done.refusal() != null) {
            throw done.refusal();
        }
        return done.value();
    }
}
