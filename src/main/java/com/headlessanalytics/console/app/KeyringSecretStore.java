package com.headlessanalytics.console.app;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import com.headlessanalytics.console.ui.common.SecretStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection secrets in the operating system's keychain (macOS Keychain, Windows Credential
 * Manager, the Secret Service of GNOME or KDE). Where none answers, {@link #open} gives the
 * owner-only file store instead, which says so plainly.
 */
public final class KeyringSecretStore implements SecretStore {
    private static final Logger LOG = LoggerFactory.getLogger(KeyringSecretStore.class);
    static final String SERVICE = "HeadlessAnalytics Console";

    private final Keyring keyring;
    private final String where;

    private KeyringSecretStore(Keyring keyring, String where) {
        this.keyring = keyring;
        this.where = where;
    }

    /** The keychain when it works here (checked with a write, read and delete), else the file store. */
    public static SecretStore open(FileSecretStore fallback) {
        try {
            Keyring keyring = Keyring.create();
            String probe = "probe-" + ProcessHandle.current().pid();
            keyring.setPassword(SERVICE, probe, "ok");
            boolean works = "ok".equals(keyring.getPassword(SERVICE, probe));
            keyring.deletePassword(SERVICE, probe);
            if (works) {
                return new KeyringSecretStore(keyring, describe(keyring));
            }
        } catch (BackendNotSupportedException | PasswordAccessException | RuntimeException | LinkageError e) {
            LOG.info("No usable OS keychain ({}); keeping connection secrets in {}", e.getMessage(), fallback.file());
        }
        return fallback;
    }

    @Override
    public synchronized Optional<String> get(String profileId) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, profileId));
        } catch (PasswordAccessException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void put(String profileId, String secret) {
        if (secret == null || secret.isBlank()) {
            remove(profileId);
            return;
        }
        try {
            keyring.setPassword(SERVICE, profileId, secret);
        } catch (PasswordAccessException e) {
            throw new IllegalStateException("The keychain refused to store the secret: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void remove(String profileId) {
        try {
            keyring.deletePassword(SERVICE, profileId);
        } catch (PasswordAccessException e) {
            LOG.debug("No secret to remove for {}", profileId);
        }
    }

    @Override
    public String whereStored() {
        return where;
    }

    private static String describe(Keyring keyring) {
        String os = System.getProperty("os.name", "");
        String store = os.startsWith("Mac") ? "the macOS Keychain" : os.startsWith("Windows")
                ? "the Windows Credential Manager" : "your desktop's keyring (Secret Service)";
        return "Keys and tokens are stored in " + store + ", under \"" + SERVICE + "\".";
    }
}
