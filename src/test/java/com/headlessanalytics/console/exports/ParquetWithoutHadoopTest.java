package com.headlessanalytics.console.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet writer runs without Hadoop: it is loaded in a class loader holding the test class
 * path minus hadoop-client-api (on the class path only for javac and for parquet's reader), writes
 * a file there, and DuckDB reads it back.
 */
class ParquetWithoutHadoopTest {
    private static final String PKG = "com.headlessanalytics.console.exports.";

    @TempDir
    Path dir;

    @Test
    void writesParquetWithNoHadoopClassAvailable() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath()) {
            if (!entry.replace(File.separatorChar, '/').contains("/org/apache/hadoop/")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.apache.hadoop.conf.Configuration"));
            Class<?> layoutType = loader.loadClass(PKG + "Layout");
            Class<?> columnsType = loader.loadClass(PKG + "Columns");
            Class<?> writerType = loader.loadClass(PKG + "StagingWriter");
            Object layout = layoutType.getMethod("objects", boolean.class, int.class).invoke(null, true, 1000);
            Object columns = columnsType.getField("EVENTS").get(null);
            Object writer = writerType.getConstructor(Path.class, layoutType, columnsType).newInstance(dir, layout,
                    columns);
            for (int i = 0; i < 3; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", "evt_" + i);
                row.put("event", "order.created");
                row.put("business_id", "default");
                row.put("timestamp", 1_700_000_000_000L + i);
                row.put("received_at", 1_700_000_000_000L + i);
                row.put("properties", Map.of("i", i));
                writerType.getMethod("record", Map.class).invoke(writer, row);
            }
            writerType.getMethod("finish").invoke(writer);
            writerType.getMethod("close").invoke(writer);
        }
        Path file = dir.resolve("events-00000.parquet");
        assertTrue(Files.size(file) > 0);
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), max(id),"
                     + " sum(CAST(json_extract(properties, '$.i') AS INTEGER)) FROM read_parquet('" + file + "')")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getLong(1));
            assertEquals("evt_2", rs.getString(2));
            assertEquals(3, rs.getLong(3));
        }
    }

    /** The test class path, read through surefire's manifest-only booter jar when it uses one. */
    private static List<String> classPath() throws Exception {
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            try (JarFile booter = new JarFile(entries.get(0))) {
                String manifest = booter.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifest != null) {
                    List<String> out = new ArrayList<>();
                    for (String url : manifest.trim().split("\\s+")) {
                        out.add(Path.of(URI.create(url)).toString());
                    }
                    return out;
                }
            }
        }
        return entries;
    }
}
