package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an open does with the files an interrupted migration (or its clean-up) left in the folder. */
class MigrationGuardTest {
    @TempDir
    Path folder;

    @Test
    void aMarkerWithABackupPutsTheBackupBackAndDeletesAStrayTemporaryBackup() throws Exception {
        migrateTo("5");
        sql("INSERT INTO workspace VALUES ('before', 'Before the upgrade', 'main', 1)");
        Files.copy(dataFile(), folder.resolve(MigrationGuard.BACKUP));
        sql("INSERT INTO workspace VALUES ('after', 'Written by the interrupted upgrade', 'main', 2)");
        Files.writeString(folder.resolve(MigrationGuard.MARKER), "upgrade from version 5, backup "
                + MigrationGuard.BACKUP + "\n");
        Files.writeString(folder.resolve(MigrationGuard.BACKUP_TMP), "half a copy");

        try (Database db = Database.open(folder)) {
            assertThat(db.schemaVersion()).isEqualTo(latestVersion());
        }
        assertThat(workspaceIds()).contains("before").doesNotContain("after");
        assertLeftNothing();
    }

    @Test
    void aNewMarkerDeletesTheHalfCreatedDatabase() throws Exception {
        Database.open(folder).close();
        sql("INSERT INTO workspace VALUES ('half', 'Created before the kill', 'main', 1)");
        Files.writeString(folder.resolve(MigrationGuard.MARKER), "new\n");

        try (Database db = Database.open(folder)) {
            assertThat(db.schemaVersion()).isEqualTo(latestVersion());
        }
        assertThat(workspaceIds()).doesNotContain("half");
        assertLeftNothing();
    }

    @Test
    void aBackupWithoutMarkerIsFromASuccessfulUpgradeAndOnlyDeleted() throws Exception {
        Database.open(folder).close();
        sql("INSERT INTO workspace VALUES ('kept', 'After the upgrade', 'main', 1)");
        Files.writeString(folder.resolve(MigrationGuard.BACKUP), "the copy taken before the upgrade");
        Files.writeString(folder.resolve(MigrationGuard.BACKUP_TMP), "half a copy");

        Database.open(folder).close();
        assertThat(workspaceIds()).contains("kept");
        assertLeftNothing();
    }

    @Test
    void aMarkerIsLeftAloneWhileAnotherOpenHoldsTheMigrationLock() throws Exception {
        Database.open(folder).close();
        Files.writeString(folder.resolve(MigrationGuard.MARKER), "new\n");
        try (MigrationGuard migrating = MigrationGuard.lock(folder)) {
            assertThatThrownBy(() -> Database.open(folder)).isInstanceOf(EngineException.class)
                    .hasMessageContaining("is in use by another HeadlessAnalytics process");
            assertThat(dataFile()).exists();
            assertThat(folder.resolve(MigrationGuard.MARKER)).exists();
        }
    }

    @Test
    void anUpToDateOpenWritesNoMigrationFiles() throws Exception {
        Database.open(folder).close();
        Files.deleteIfExists(folder.resolve(MigrationGuard.LOCK));
        try (Database db = Database.open(folder)) {
            assertThat(db.schemaVersion()).isEqualTo(latestVersion());
        }
        assertThat(folder.resolve(MigrationGuard.LOCK)).doesNotExist();
        assertLeftNothing();
    }

    private void assertLeftNothing() {
        assertThat(folder.resolve(MigrationGuard.MARKER)).doesNotExist();
        assertThat(folder.resolve(MigrationGuard.BACKUP)).doesNotExist();
        assertThat(folder.resolve(MigrationGuard.BACKUP_TMP)).doesNotExist();
    }

    private Path dataFile() {
        return folder.resolve(Database.FILE_NAME + ".mv.db");
    }

    private String url() {
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve(Database.FILE_NAME);
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(url(), "ha", "").locations("classpath:db/migration").target(version).load()
                .migrate();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "ha", "")) {
            c.createStatement().executeUpdate(statement);
        }
    }

    private List<String> workspaceIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(), "ha", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT id FROM workspace")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    static String latestVersion() {
        var all = Flyway.configure().dataSource("jdbc:h2:mem:versions", "ha", "")
                .locations("classpath:db/migration").load().info().all();
        return all[all.length - 1].getVersion().getVersion();
    }
}
