package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.proof.Ed25519;
import com.headlessanalytics.console.proof.PacketVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify PACKET [--key PEM] [--json]}: checks a {@code .haproof} proof packet offline. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a .haproof proof packet: the signed manifest, every file's SHA-256, the record counts,"
            + " the Merkle root, and every governance record's hash, signature, order and links.",
            "Without --key the packet's own public-key.pem is used, which proves the packet intact but not who"
                + " made it: compare the fingerprint printed with the workspace's key."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  valid", "  1  invalid (the packet was changed, or signed by another key)",
            "  2  indeterminate (a check could not run: not a zip, no manifest, no key, unknown format)"})
final class VerifyCommand implements Callable<Integer> {
    private static final int SHOWN_PROBLEMS = 5;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PACKET", description = "The .haproof file.")
    Path packet;

    @Option(names = "--key", paramLabel = "PEM_FILE",
            description = "The workspace's Ed25519 public key (PEM) to trust, obtained from its owner.")
    Path key;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PacketVerifier.Result result = check();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ApiJson.pretty(asMap(result)));
        } else {
            print(out, result);
        }
        out.flush();
        return result.outcome().exitCode();
    }

    private PacketVerifier.Result check() {
        PublicKey trusted = null;
        if (key != null) {
            try {
                trusted = Ed25519.publicFromPem(Files.readString(key, StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return cannot("cannot read the key file " + key + ": " + describe(e));
            } catch (IllegalArgumentException e) {
                return cannot("the key file " + key + " is not an Ed25519 public key in PEM: " + e.getMessage());
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(packet);
        } catch (IOException e) {
            return cannot("cannot read " + packet + ": " + describe(e));
        }
        return PacketVerifier.verify(bytes, trusted);
    }

    private static PacketVerifier.Result cannot(String reason) {
        return new PacketVerifier.Result(PacketVerifier.Outcome.INDETERMINATE, reason, List.of(reason), null, null, null,
                null);
    }

    private void print(PrintWriter out, PacketVerifier.Result r) {
        out.println(r.outcome() + ": " + r.reason());
        List<String> more = r.problems().size() > 1 ? r.problems().subList(1, r.problems().size()) : List.of();
        for (int i = 0; i < Math.min(SHOWN_PROBLEMS, more.size()); i++) {
            out.println("  also: " + more.get(i));
        }
        if (more.size() > SHOWN_PROBLEMS) {
            out.println("  and " + (more.size() - SHOWN_PROBLEMS) + " more (--json lists them)");
        }
        ObjectNode m = r.manifest();
        if (m != null) {
            out.println("  packet: " + m.path("proofId").asText() + " \"" + m.path("title").asText() + "\", created "
                    + Instant.ofEpochMilli(m.path("createdAt").asLong()) + " by " + m.path("createdBy").asText()
                    + " in workspace " + m.path("workspaceId").asText());
        }
        if (r.keyId() != null) {
            out.println("  key: " + r.keyId() + (r.keySource() == PacketVerifier.KeySource.TRUSTED
                    ? " (the trusted key, " + key + ")" : " (the packet's own public-key.pem)"));
        }
        if (r.keyNote() != null) {
            out.println("NOTE: " + r.keyNote());
        }
    }

    private Map<String, Object> asMap(PacketVerifier.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packet", packet.toString());
        m.put("outcome", r.outcome().name());
        m.put("reason", r.reason());
        m.put("problems", r.problems());
        m.put("keyId", r.keyId());
        m.put("keySource", r.keySource() == null ? null : r.keySource().name().toLowerCase(Locale.ROOT));
        m.put("keyNote", r.keyNote());
        m.put("manifest", r.manifest());
        return m;
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    }
}
