package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.proof.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code proof …}: export {@code .haproof} packets of governance records and events, list them, and
 * fetch one, against a data folder or a URL. Checking a packet is {@code verify PACKET}.
 */
@Command(name = "proof", mixinStandardHelpOptions = true,
        description = "Export, list and fetch .haproof proof packets (check one with 'verify PACKET').",
        subcommands = {ProofCommand.Export.class, ProofCommand.Preview.class, ProofCommand.ListTrails.class,
            ProofCommand.Fetch.class, ProofCommand.PushEndpoint.class})
final class ProofCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Name a proof command: export, preview, list, fetch or push-endpoint");
    }

    /** What a packet holds: receipts, decisions, a trace, a time window (with none, every record of the window). */
    static final class Selection {
        @Option(names = "--title", required = true, paramLabel = "TEXT", description = "The packet's title.")
        String title;

        @Option(names = "--receipt", paramLabel = "RECEIPT_ID", description = "A receipt to include (repeat it).")
        List<String> receipts;

        @Option(names = "--decision", paramLabel = "DECISION_ID", description = "A decision to include (repeat it).")
        List<String> decisions;

        @Option(names = "--trace", paramLabel = "TRACE_ID", description = "Everything of this trace.")
        String traceId;

        @Option(names = "--from", paramLabel = "TIME", description = "From this time: ms since epoch or ISO-8601.")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Up to this time: ms since epoch or ISO-8601.")
        String to;

        ProofTrails.ExportRequest request(Boolean push) {
            return new ProofTrails.ExportRequest(title, receipts, decisions, traceId, EventsCommand.time(from, "--from"),
                    EventsCommand.time(to, "--to"), null, push);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Export a proof packet: the selected decisions, receipts and events, signed (PRODUCT.md §5).",
                "Prints the proof id, the manifest and where the server wrote it; --out also saves a copy here."})
    static final class Export extends GovernanceCommand.Governed {
        @Mixin
        Selection selection;

        @Option(names = "--push", description = "Also push it to the configured SovereignProof endpoint.")
        boolean push;

        @Option(names = "--out", paramLabel = "FILE", description = "Save the packet here (written atomically).")
        Path out;

        @Override
        Request request() {
            ProofTrails.ExportRequest request = selection.request(push ? Boolean.TRUE : null);
            return api -> {
                ProofTrails.ExportResult result = api.exportProofTrail(request);
                if (out == null) {
                    return result;
                }
                byte[] packet = api.proofPacket(result.proofId());
                ObjectNode answer = ApiJson.mapper().valueToTree(result);
                answer.put("savedTo", save(packet, out).toString());
                return answer;
            };
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "How many events, decisions, receipts and evidence items an export would hold; writes"
                    + " nothing.")
    static final class Preview extends GovernanceCommand.Governed {
        @Mixin
        Selection selection;

        @Override
        Request request() {
            ProofTrails.ExportRequest request = selection.request(null);
            return api -> api.previewProofTrail(request);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The packets exported, newest first.")
    static final class ListTrails extends GovernanceCommand.Governed {
        @Override
        Request request() {
            return HeadlessApi::proofTrails;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a packet (GET …/{proofId}/packet) into a file, written atomically.")
    static final class Fetch extends GovernanceCommand.Governed {
        @Parameters(paramLabel = "PROOF_ID")
        String proofId;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to save it.")
        Path out;

        @Override
        Request request() {
            return api -> {
                byte[] packet = api.proofPacket(proofId);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("proofId", proofId);
                answer.put("savedTo", save(packet, out).toString());
                answer.put("bytes", packet.length);
                answer.put("sha256", Hashes.sha256Hex(packet));
                return answer;
            };
        }
    }

    @Command(name = "push-endpoint", mixinStandardHelpOptions = true,
            description = "Show, set (--set, an https URL) or clear (--clear) the SovereignProof endpoint packets are"
                    + " pushed to.")
    static final class PushEndpoint extends GovernanceCommand.Governed {
        @Option(names = "--set", paramLabel = "URL", description = "An https URL.")
        String set;

        @Option(names = "--clear", description = "Stop pushing.")
        boolean clear;

        @Override
        Request request() {
            if (set != null && clear) {
                throw new IllegalArgumentException("Give either --set or --clear, not both");
            }
            if (set == null && !clear) {
                return HeadlessApi::proofPushSettings;
            }
            ProofTrails.PushSettings settings = new ProofTrails.PushSettings(set, null);
            return api -> api.saveProofPushSettings(settings);
        }
    }

    /** Writes {@code bytes} to {@code file} through a temporary file beside it; the absolute path written. */
    static Path save(byte[] bytes, Path file) {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".part");
            try {
                Files.write(temporary, bytes);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }
}
