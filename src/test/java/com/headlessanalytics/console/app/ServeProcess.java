package com.headlessanalytics.console.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ha-console serve} in a child JVM, as a user would run it. */
final class ServeProcess implements AutoCloseable {
    final Process process;
    final String baseUrl;

    private ServeProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static ServeProcess start(Path dataDir, int port, Path log, String... options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--data-dir", dataDir.toString(), "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening on ")) {
            p.destroyForcibly();
            throw new IOException("serve did not start: " + line + "\n" + Files.readString(log));
        }
        return new ServeProcess(p, line.substring("listening on ".length()).strip());
    }

    int port() {
        return Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
