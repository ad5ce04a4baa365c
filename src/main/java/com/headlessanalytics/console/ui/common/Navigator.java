package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.api.EventQuery;

/** Moves between screens: how a number on one screen drills down to its events on another. */
public interface Navigator {

    /** Opens the Events screen showing exactly the events this query selects. */
    void showEvents(EventQuery query);
}
