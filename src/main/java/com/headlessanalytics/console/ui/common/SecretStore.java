package com.headlessanalytics.console.ui.common;

import java.util.Optional;

/** Keeps the API key or JWT of each connection profile, apart from the profiles themselves. Blocking. */
public interface SecretStore {

    Optional<String> get(String profileId);

    /** Stores the secret of a profile; a blank secret removes it. */
    void put(String profileId, String secret);

    void remove(String profileId);

    /** A plain sentence saying where secrets are kept and who can read them. */
    String whereStored();
}
