package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs, as an auditor would, the bash script written in a packet's own VERIFY.md (its one
 * {@code ```bash} block) on the packet, with bash, unzip, openssl, jq and sha256sum: no Java in
 * the loop but reading VERIFY.md out of the zip.
 */
public final class AuditorScript {
    private static final List<String> TOOLS = List.of("bash", "unzip", "openssl", "jq", "sha256sum", "base64");

    private AuditorScript() {
    }

    /** The exit code and everything printed. */
    public record Run(int exitCode, String output) {
    }

    /** Skips the calling test (an assumption, not a failure) when a tool is missing, naming it. */
    public static void assumeToolsInstalled() {
        for (String tool : TOOLS) {
            assumeThat(installed(tool)).as(tool + " is needed to run VERIFY.md's steps (.ci/run installs it)").isTrue();
        }
    }

    /** The script of the VERIFY.md inside {@code packet}. */
    public static String scriptOf(byte[] packet) {
        String guide = null;
        for (PacketReader.Entry e : PacketReader.read(packet).entries()) {
            if (e.name().equals(PacketFormat.VERIFY)) {
                guide = new String(e.bytes(), StandardCharsets.UTF_8);
            }
        }
        if (guide == null) {
            throw new IllegalStateException("the packet has no VERIFY.md");
        }
        int start = guide.indexOf("```bash\n");
        int end = guide.indexOf("\n```", start);
        if (start < 0 || end < 0 || guide.indexOf("```bash\n", end) >= 0) {
            throw new IllegalStateException("VERIFY.md must hold exactly one ```bash block");
        }
        return guide.substring(start + "```bash\n".length(), end + 1);
    }

    /** Runs {@code script} as {@code bash verify-packet.sh PACKET [KEY]} in a scratch folder. */
    public static Run run(String script, Path packet, Path key, Path scratch) throws IOException, InterruptedException {
        Path file = scratch.resolve("verify-packet.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("bash", file.toString(), packet.toString()));
        if (key != null) {
            command.add(key.toString());
        }
        Process p = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the script did not finish: " + output);
        }
        return new Run(p.exitValue(), output);
    }

    private static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
