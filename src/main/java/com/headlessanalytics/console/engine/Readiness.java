package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.RuntimeHealth.Check;
import com.headlessanalytics.console.api.RuntimeHealth.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's readiness checks: database, schema, data folder, disk, keys, metering, the
 * analytics projection (where it came from, and why it was rebuilt), settings.
 */
final class Readiness {
    static final long DISK_FAIL_BYTES = 100L * 1024 * 1024;
    static final long DISK_WARN_BYTES = 1024L * 1024 * 1024;

    private final Database db;
    private final ApiKeys keys;
    private final UsageMeter usage;
    private final AnalyticsLoader analytics;

    Readiness(Database db, ApiKeys keys, UsageMeter usage, AnalyticsLoader analytics) {
        this.db = db;
        this.keys = keys;
        this.usage = usage;
        this.analytics = analytics;
    }

    RuntimeHealth check(Proof proof) {
        List<Check> checks = new ArrayList<>();
        checks.add(database());
        checks.add(new Check("schema", RuntimeHealth.OK, true, "schema version " + db.schemaVersion()
                + ", all migrations applied", null));
        checks.add(dataFolder());
        checks.add(disk());
        checks.add(apiKeys());
        checks.add(metering());
        AnalyticsLoader.Status projection = analytics.status();
        checks.add(new Check("analytics_projection", projection.status(), false, projection.message(),
                projection.remedy()));
        List<Setting> settings = List.of(
                new Setting("HA_DATA_DIR", false, System.getenv("HA_DATA_DIR") != null,
                        "overrides the per-user data folder"));
        return RuntimeHealth.of(checks, settings, proof);
    }

    private Check database() {
        long start = System.nanoTime();
        try {
            db.read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM workspace")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new Check("database", RuntimeHealth.OK, true, "H2 file database answers in " + ms + " ms", null);
        } catch (RuntimeException e) {
            return new Check("database", RuntimeHealth.FAIL, true, "the database does not answer: " + e.getMessage(),
                    "Restart the server; if it persists, check the data folder's disk and permissions.");
        }
    }

    private Check dataFolder() {
        Path folder = db.folder();
        if (Files.isDirectory(folder) && Files.isWritable(folder)) {
            return new Check("data_folder", RuntimeHealth.OK, true, "the data folder is writable", null);
        }
        return new Check("data_folder", RuntimeHealth.FAIL, true, "the data folder is missing or not writable",
                "Give this user write access to the data folder, or start with another --data-dir.");
    }

    private Check disk() {
        try {
            long free = Files.getFileStore(db.folder()).getUsableSpace();
            String amount = (free / (1024 * 1024)) + " MB free";
            if (free < DISK_FAIL_BYTES) {
                return new Check("disk", RuntimeHealth.FAIL, true, amount,
                        "Free disk space: below 100 MB new events could not be stored safely.");
            }
            if (free < DISK_WARN_BYTES) {
                return new Check("disk", RuntimeHealth.WARN, true, amount, "Free disk space soon: below 1 GB.");
            }
            return new Check("disk", RuntimeHealth.OK, true, amount, null);
        } catch (IOException e) {
            return new Check("disk", RuntimeHealth.FAIL, true, "free space unknown: " + e.getMessage(),
                    "Check that the data folder's disk is mounted.");
        }
    }

    private Check apiKeys() {
        int active = keys.activeCount();
        if (active == 0) {
            return new Check("api_keys", RuntimeHealth.WARN, false, "no active API key",
                    "Create one with 'ha-console keys create' before calling the API over HTTP.");
        }
        return new Check("api_keys", RuntimeHealth.OK, false, active + " active API key" + (active == 1 ? "" : "s"),
                null);
    }

    private Check metering() {
        String error = usage.lastError();
        String counts = usage.written() + " calls recorded, " + usage.pending() + " pending";
        if (error != null) {
            return new Check("usage_metering", RuntimeHealth.WARN, false, counts + "; last write failed: " + error,
                    "Usage records are kept in memory and retried; check disk space.");
        }
        if (usage.dropped() > 0) {
            return new Check("usage_metering", RuntimeHealth.WARN, false, counts + ", " + usage.dropped()
                    + " dropped under overload", "Reduce the request rate or raise the writer's capacity.");
        }
        return new Check("usage_metering", RuntimeHealth.OK, false, counts, null);
    }
}
