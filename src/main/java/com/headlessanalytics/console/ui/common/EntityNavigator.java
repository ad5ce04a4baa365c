package com.headlessanalytics.console.ui.common;

/** Opens the Entities screen: on one entity, or on a search for an id other screens know only as text. */
public interface EntityNavigator {

    /** Shows the entity with this type and id. */
    void showEntity(String type, String id);

    /** Searches entities for {@code text} (name or id) and shows the match when there is exactly one. */
    void findEntity(String text);
}
