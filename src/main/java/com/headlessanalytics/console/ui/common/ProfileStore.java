package com.headlessanalytics.console.ui.common;

import java.util.List;
import java.util.Optional;

/** The saved connection profiles and which one was used last. Blocking. */
public interface ProfileStore {

    List<ConnectionProfile> list();

    /** Replaces the saved profiles; the last used one is kept if it is still among them. */
    void saveAll(List<ConnectionProfile> profiles);

    Optional<String> lastUsed();

    void setLastUsed(String profileId);
}
