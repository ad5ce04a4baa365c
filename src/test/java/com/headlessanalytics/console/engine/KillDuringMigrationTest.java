package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while Flyway migrates a data folder (H2 runs DDL outside
 * transactions, so half a migration stays applied) leaves a folder the next open undoes and
 * migrates again: for a new folder and for an upgrade from an older version.
 */
class KillDuringMigrationTest {
    /**
     * Where each child is killed: when the marker appears, or when Flyway logs that it starts a
     * migration that breaks when re-run after a partial apply (V2 adds columns; V6 creates tables,
     * V6.2 starts by dropping an index), then that many milliseconds later.
     */
    private record KillPoint(String logLine, long delayMs) {
        static final KillPoint MARKER = new KillPoint(null, 0);
    }

    private static final List<KillPoint> NEW_FOLDER = List.of(KillPoint.MARKER, migrating("2", 0), migrating("2", 40),
            migrating("2", 150), migrating("6", 30));
    private static final List<KillPoint> UPGRADE = List.of(KillPoint.MARKER, migrating("6", 30), migrating("6", 60),
            migrating("6.1", 0), migrating("6.2", 0));

    private static KillPoint migrating(String version, long delayMs) {
        return new KillPoint("Migrating schema \"PUBLIC\" to version \"" + version + " - ", delayMs);
    }

    @TempDir
    Path dir;

    /** The child logs Flyway's progress (the test configuration keeps Flyway at WARN). */
    @BeforeEach
    void childLogging() throws Exception {
        Files.writeString(dir.resolve("child-logback.xml"), """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.flywaydb" level="INFO"/>
                  <root level="INFO"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
    }

    @Test
    void aNewFolderKilledWhileBeingCreatedOpensAndStoresEvents() throws Exception {
        int landed = 0;
        for (int i = 0; i < NEW_FOLDER.size(); i++) {
            Path folder = dir.resolve("new-" + i);
            Files.createDirectories(folder);
            if (killWhileMigrating(folder, NEW_FOLDER.get(i))) {
                landed++;
            }
            try (Engine engine = Engine.open(folder)) {
                var api = engine.defaultWorkspace();
                assertThat(api.ingest(List.of(EngineTest.event("order.created", "o-" + i, 1000))).accepted())
                        .isEqualTo(1);
                List<Event> events = api.events(EventQuery.all()).events();
                assertThat(events).extracting(Event::id).containsExactly("o-" + i);
            }
            assertThat(MigrationGuard.leftovers(folder)).as("left over after the open of %s", folder).isFalse();
        }
        assertThat(landed).as("kills that landed while the migration marker existed").isPositive();
    }

    @Test
    void anUpgradeKilledMidwayIsUndoneAndDoneAgainKeepingTheData() throws Exception {
        int landed = 0;
        for (int i = 0; i < UPGRADE.size(); i++) {
            Path folder = dir.resolve("upgrade-" + i);
            Files.createDirectories(folder);
            Flyway.configure().dataSource(url(folder), "ha", "").locations("classpath:db/migration")
                    .target("5").load().migrate();
            try (Connection c = DriverManager.getConnection(url(folder), "ha", "");
                    PreparedStatement s = c.prepareStatement("INSERT INTO workspace (id, name, default_business_id,"
                            + " created_at) VALUES ('ws-before-upgrade', 'Kept across the upgrade', 'main', 42)")) {
                s.executeUpdate();
            }
            if (killWhileMigrating(folder, UPGRADE.get(i))) {
                landed++;
            }
            Engine.open(folder).close();
            assertThat(MigrationGuard.leftovers(folder)).isFalse();
            try (Connection c = DriverManager.getConnection(url(folder), "ha", "");
                    ResultSet rs = c.createStatement().executeQuery(
                            "SELECT name, created_at FROM workspace WHERE id = 'ws-before-upgrade'")) {
                assertThat(rs.next()).as("the row stored at version 5").isTrue();
                assertThat(rs.getString(1)).isEqualTo("Kept across the upgrade");
                assertThat(rs.getLong(2)).isEqualTo(42);
            }
            var info = Flyway.configure().dataSource(url(folder), "ha", "").locations("classpath:db/migration")
                    .load().info();
            assertThat(info.pending()).isEmpty();
            assertThat(info.current().getVersion().getVersion()).isEqualTo(MigrationGuardTest.latestVersion());
            assertThat(info.applied()).allMatch(m -> m.getState().isApplied() && !m.getState().isFailed());
        }
        assertThat(landed).as("kills that landed while the migration marker existed").isPositive();
    }

    /**
     * Starts a child JVM that opens the folder, waits for the kill point, and kills it with SIGKILL.
     * True when the kill landed mid-migration: the marker (written and synced just before Flyway
     * starts, deleted just after it ends) was still there, complete, once the child was dead.
     */
    private boolean killWhileMigrating(Path folder, KillPoint at) throws Exception {
        Path marker = folder.resolve(MigrationGuard.MARKER);
        Path log = dir.resolve(folder.getFileName() + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Dlogback.configurationFile=" + dir.resolve("child-logback.xml"),
                "-cp", System.getProperty("java.class.path"), MigrateChild.class.getName(), folder.toString())
                .redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (child.isAlive() && System.nanoTime() < deadline && !reached(at, marker, log)) {
                Thread.sleep(1);
            }
            Thread.sleep(at.delayMs());
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        boolean landed = Files.exists(marker) && !Files.readString(marker).isBlank();
        System.out.printf("%s: killed %d ms after %s; mid-migration: %s%n", folder.getFileName(), at.delayMs(),
                at.logLine() == null ? "the marker appeared" : "'" + at.logLine() + "'", landed);
        return landed;
    }

    private static boolean reached(KillPoint at, Path marker, Path log) throws java.io.IOException {
        if (at.logLine() == null) {
            return Files.exists(marker) && Files.size(marker) > 0;
        }
        return Files.exists(log) && Files.readString(log).contains(at.logLine());
    }

    private static String url(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve(Database.FILE_NAME);
    }
}
