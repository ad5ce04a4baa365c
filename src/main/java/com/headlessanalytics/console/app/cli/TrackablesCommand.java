package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.engine.Engine;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trackables …}: create, list and show trackables (PRODUCT.md §6, docs/labels-and-scanners.md)
 * against a data folder or a URL.
 */
@Command(name = "trackables", mixinStandardHelpOptions = true,
        description = "Create, list and show trackables: QR codes, barcodes, RFID tags, sensors, agents…",
        subcommands = {TrackablesCommand.Create.class, TrackablesCommand.ListTrackables.class,
            TrackablesCommand.Show.class})
final class TrackablesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a trackables command: create, list or show");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create a trackable with a new code; prints it as JSON (its code, payload and links).",
                "--svg FILE also saves its symbol (QR, or Code 128 for a barcode) as a vector SVG."})
    static final class Create extends ApiQueryCommand {
        @Option(names = "--kind", required = true, paramLabel = "KIND",
                description = "qr_code, barcode, rfid, sensor, robot, ai_agent, mcp_server, cli_workflow or other.")
        String kind;

        @Option(names = "--name", required = true, paramLabel = "TEXT", description = "A name to recognise it by.")
        String name;

        @Option(names = "--target-url", paramLabel = "URL",
                description = "Where a scan of its link goes (http or https); the QR encodes it with ha_code added.")
        String targetUrl;

        @Option(names = "--event", paramLabel = "NAME",
                description = "The event a scan records (default: " + Trackables.DEFAULT_EVENT + ").")
        String event;

        @Option(names = "--business-id", paramLabel = "ID", description = "Its business (default: the default one).")
        String businessId;

        @Option(names = "--svg", paramLabel = "FILE", description = "Save the symbol as SVG here (written atomically).")
        Path svg;

        @Option(names = "--public-url", paramLabel = "URL",
                description = "In a data folder: the base of its /t/ link, e.g. https://scan.example.com (default:"
                        + " http://localhost:8080, serve mode's default). Against --url the server's applies.")
        String publicUrl;

        @Override
        TargetOptions.Opened open() {
            TargetOptions.Opened opened = target.open();
            if (publicUrl != null) {
                if (!(opened.resource() instanceof Engine engine)) {
                    closeQuietly(opened);
                    throw new ParameterException(spec.commandLine(),
                            "--public-url applies to a data folder; against --url the server's public URL applies");
                }
                engine.setPublicUrl(publicUrl);
            }
            return opened;
        }

        @Override
        Request request() {
            if (publicUrl != null && Engine.publicUrlProblem(publicUrl) != null) {
                throw new ParameterException(spec.commandLine(), "--public-url " + Engine.publicUrlProblem(publicUrl));
            }
            Trackables.NewTrackable request = new Trackables.NewTrackable(kind, name, targetUrl, event,
                    svg != null ? Boolean.TRUE : null, businessId);
            return api -> {
                Trackables.Trackable created = api.createTrackable(request);
                if (svg == null) {
                    return created;
                }
                Path saved = ProofCommand.save(created.qrSvg().getBytes(StandardCharsets.UTF_8), svg);
                ObjectNode answer = ApiJson.mapper().valueToTree(created.withQrSvg(null));
                answer.put("svgSavedTo", saved.toString());
                return answer;
            };
        }

        private static void closeQuietly(TargetOptions.Opened opened) {
            try {
                opened.close();
            } catch (Exception ignored) {
                // the usage error is the one to report
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The trackables, newest first, with their scans: a table, or JSON with --json.")
    static final class ListTrackables extends ApiQueryCommand {
        @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind.")
        String kind;

        @Option(names = "--search", paramLabel = "TEXT", description = "Name or code containing this (any case).")
        String search;

        @Option(names = "--code", paramLabel = "CODE", description = "Only the trackable of this code.")
        String code;

        @Option(names = "--limit", paramLabel = "N",
                description = "At most N (1-" + Trackables.MAX_LIMIT + ", default " + Trackables.DEFAULT_LIMIT + ").")
        Integer limit;

        @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
        boolean json;

        @Override
        Request request() {
            Trackables.Query query = new Trackables.Query(code, kind, search, limit);
            return api -> api.trackables(query);
        }

        @Override
        void print(Object answer) throws Exception {
            if (json) {
                super.print(answer);
                return;
            }
            Trackables.TrackableList list = (Trackables.TrackableList) answer;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-8s  %-12s  %6s  %-30s  %s%n", "CODE", "KIND", "SCANS", "NAME", "PAYLOAD");
            for (Trackables.Trackable t : list.trackables()) {
                out.printf("%-8s  %-12s  %6d  %-30s  %s%n", t.code(), t.kind(), t.scans(), clip(t.name(), 30),
                        t.payload());
            }
            out.println(list.trackables().size() + (list.trackables().size() == 1 ? " trackable" : " trackables"));
            out.flush();
        }
    }

    /** {@code text} cut to {@code width} characters for a table column, with "…" when cut. */
    static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One trackable by its code (read forgivingly: lower case, O for 0), with its scans, as JSON.")
    static final class Show extends ApiQueryCommand {
        @Parameters(paramLabel = "CODE")
        String code;

        @Override
        Request request() {
            return api -> api.trackable(code);
        }
    }
}
