package com.headlessanalytics.console.ui.funnels;

import java.util.List;

/** The funnels saved between runs of the console. Blocking: call it through the task runner. */
public interface SavedFunnelStore {

    /** The saved funnels, by name. */
    List<SavedFunnel> list();

    /** Saves the funnel, replacing one of the same name. */
    void save(SavedFunnel funnel);

    /** Forgets the funnel of that name; nothing happens when there is none. */
    void delete(String name);
}
