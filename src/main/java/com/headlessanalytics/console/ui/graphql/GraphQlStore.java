package com.headlessanalytics.console.ui.graphql;

import java.util.List;

/** The GraphQL screen's history and saved queries, kept between runs of the console. Blocking: call it through the task runner. */
public interface GraphQlStore {
    /** How many runs the history keeps. */
    int HISTORY_LIMIT = 50;

    /** The last {@value #HISTORY_LIMIT} runs, newest first. */
    List<GraphQlRun> history();

    /** Adds a run as the newest; the oldest beyond {@value #HISTORY_LIMIT} are dropped. */
    void record(GraphQlRun run);

    /** The saved queries, by name. */
    List<SavedQuery> saved();

    /** Saves the query, replacing one of the same name. */
    void save(SavedQuery query);

    /**
     * Gives a saved query another name.
     *
     * @throws IllegalArgumentException when another query has the new name, or the new name is blank
     */
    void rename(String from, String to);

    /** Forgets the saved query of that name; nothing happens when there is none. */
    void delete(String name);
}
