package com.headlessanalytics.console.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.app.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary commands print no INFO log lines; {@code --verbose}, before or after the command, shows
 * them. Run as a user runs them: {@code ha-console …} in a child JVM, reading its two streams.
 */
class QuietCliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ha-console " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static List<String> infoLines(String text) {
        return text.lines().filter(l -> l.matches(".*\\bINFO\\b.*")).toList();
    }

    @Test
    void ordinaryCommandsPrintNoInfoLinesAndVerboseShowsThem() throws Exception {
        String data = dir.resolve("data").toString();
        Run created = run("keys", "create", "--data-dir", data, "--name", "quiet");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(infoLines(created.out() + created.err())).isEmpty();

        Run listed = run("keys", "list", "--data-dir", data);
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("quiet");
        assertThat(infoLines(listed.out() + listed.err())).isEmpty();
        assertThat(listed.err()).isEmpty();

        Run verbose = run("keys", "list", "--data-dir", data, "--verbose");
        assertThat(verbose.exit()).as(verbose.err()).isZero();
        assertThat(verbose.out()).as("the same output").isEqualTo(listed.out());
        assertThat(infoLines(verbose.err())).anyMatch(l -> l.contains("Analytics index loaded"));
        assertThat(infoLines(verbose.out())).as("logs never go to standard output").isEmpty();

        Run globalVerbose = run("--verbose", "keys", "list", "--data-dir", data);
        assertThat(globalVerbose.exit()).as(globalVerbose.err()).isZero();
        assertThat(infoLines(globalVerbose.err())).anyMatch(l -> l.contains("Analytics index loaded"));
    }
}
