package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.ui.common.SecretStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keychain where one answers, else the owner-only file; either way a secret round-trips and
 * the console can say where it is kept. (CI machines have no keychain: there the file is checked.)
 */
class KeyringSecretStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesReadsAndRemovesWhereverItKeepsSecrets() {
        FileSecretStore file = new FileSecretStore(dir);
        SecretStore store = KeyringSecretStore.open(file);
        String profile = "test-" + System.nanoTime();
        try {
            store.put(profile, "ha_live_secret");
            assertThat(store.get(profile)).contains("ha_live_secret");
            assertThat(store.whereStored()).isNotBlank();
            if (store == file) {
                assertThat(store.whereStored()).contains(dir.toString());
            } else {
                assertThat(store.whereStored()).contains("HeadlessAnalytics Console");
            }
        } finally {
            store.remove(profile);
        }
        assertThat(store.get(profile)).isEmpty();
    }
}
