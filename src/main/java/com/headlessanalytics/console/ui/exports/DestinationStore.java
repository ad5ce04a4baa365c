package com.headlessanalytics.console.ui.exports;

import java.util.List;

/** The export destinations saved between runs of the console, without their secrets. Blocking: call it through the task runner. */
public interface DestinationStore {

    /** The saved destinations, by name. */
    List<SavedDestination> list();

    /** Saves the destination, replacing one of the same name. */
    void save(SavedDestination destination);

    /** Forgets the destination of that name; nothing happens when there is none. */
    void delete(String name);
}
