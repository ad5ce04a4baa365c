package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.headlessanalytics.console.ui.common.ConnectionProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles round-trip without their secrets; secrets live in a file only the owner can read. */
class ConnectionProfilesTest {
    @TempDir
    Path dir;

    @Test
    void withoutAFileTheOnlyProfileIsTheEmbeddedDefault() {
        ConnectionProfiles profiles = new ConnectionProfiles(dir, dir.resolve("data"));
        assertThat(profiles.list()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ConnectionProfile.Kind.EMBEDDED);
            assertThat(p.dataFolder()).isEqualTo(dir.resolve("data").toString());
        });
        assertThat(profiles.lastUsed()).isEmpty();
    }

    @Test
    void roundTripsProfilesAndTheLastUsedOneButNeverASecret() throws Exception {
        ConnectionProfiles profiles = new ConnectionProfiles(dir, dir.resolve("data"));
        FileSecretStore secrets = new FileSecretStore(dir);
        ConnectionProfile embedded = new ConnectionProfile("p1", "Laptop", ConnectionProfile.Kind.EMBEDDED,
                dir.resolve("other").toString(), null, null);
        ConnectionProfile key = new ConnectionProfile("p2", "Production", ConnectionProfile.Kind.REMOTE_KEY, null,
                "https://analytics.example.com", null);
        ConnectionProfile jwt = new ConnectionProfile("p3", "Enterprise", ConnectionProfile.Kind.REMOTE_JWT, null,
                "https://ha.example.org/api-root", "ws_42");
        profiles.saveAll(List.of(embedded, key, jwt));
        secrets.put("p2", "ha_live_TopSecretKey123");
        secrets.put("p3", "eyJhbGciOi.TopSecretJwt.sig");
        profiles.setLastUsed("p3");

        ConnectionProfiles reread = new ConnectionProfiles(dir, dir.resolve("data"));
        assertThat(reread.list()).containsExactly(embedded, key, jwt);
        assertThat(reread.lastUsed()).contains("p3");
        assertThat(new FileSecretStore(dir).get("p2")).contains("ha_live_TopSecretKey123");
        assertThat(new FileSecretStore(dir).get("p3")).contains("eyJhbGciOi.TopSecretJwt.sig");

        String profilesText = Files.readString(dir.resolve(ConnectionProfiles.FILE_NAME));
        assertThat(profilesText).contains("Production", "ws_42").doesNotContain("TopSecret");
        assertThat(dir.resolve(FileSecretStore.FILE_NAME)).exists();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));

        reread.saveAll(List.of(embedded));
        assertThat(reread.lastUsed()).isEmpty();
        secrets.put("p2", " ");
        assertThat(secrets.get("p2")).isEmpty();
    }

    @Test
    void theSecretsFileIsReadableByItsOwnerOnly() throws Exception {
        assumeTrue(AtomicFiles.posix(dir), "POSIX permissions");
        FileSecretStore secrets = new FileSecretStore(dir);
        secrets.put("p1", "ha_live_a");
        assertThat(Files.getPosixFilePermissions(secrets.file())).isEqualTo(AtomicFiles.OWNER_ONLY);
        secrets.put("p2", "ha_live_b");
        assertThat(Files.getPosixFilePermissions(secrets.file())).isEqualTo(AtomicFiles.OWNER_ONLY);
        assertThat(secrets.whereStored()).isEqualTo("Keys and tokens are stored in " + secrets.file()
                + ", readable only by your user account.");
    }
}
