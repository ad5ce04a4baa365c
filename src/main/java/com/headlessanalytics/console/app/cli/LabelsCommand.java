package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.labels.LabelExport;
import com.headlessanalytics.console.hardware.labels.LabelFormat;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code labels export}: trackables' labels as PDF, PNG, SVG or ZPL files, read through the port
 * ({@code --data-dir} or {@code --url}). {@code labels print} is its own class ({@code LabelsPrintCommand}).
 */
@Command(name = "labels", mixinStandardHelpOptions = true,
        description = "Export or print trackables' labels on a label stock (docs/labels-and-scanners.md).",
        subcommands = {LabelsCommand.Export.class, LabelsPrintCommand.class})
final class LabelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a labels command: " + spec.subcommands().keySet()
                .stream().filter(n -> !n.equals("help")).collect(Collectors.joining(", ")));
    }

    /** Which trackables, on which stock, from which position, at which error correction: shared by export and print. */
    static final class Selection {
        @Option(names = "--template", required = true, paramLabel = "ID",
                description = "The stock: avery-5160, avery-l7160, dymo-30252, dymo-30334, zebra-2x1-203, zebra-2x1-300.")
        String template;

        @Option(names = "--code", paramLabel = "CODE", description = "A trackable's code (repeat it); in this order.")
        List<String> codes;

        @Option(names = "--all", description = "Every trackable (of --kind) in the order they were created: the newest "
                + Trackables.MAX_LIMIT + " at most.")
        boolean all;

        @Option(names = "--kind", paramLabel = "KIND", description = "Only trackables of this kind (qr_code, barcode, …).")
        String kind;

        @Option(names = "--start", defaultValue = "1", paramLabel = "N",
                description = "First position on the first sheet, 1-based row by row, to finish a partly used sheet"
                        + " (default: ${DEFAULT-VALUE}).")
        int start;

        @Option(names = "--ec", defaultValue = "M", paramLabel = "M|H",
                description = "QR error correction: M (15%%, default) or H (30%%, for rough surfaces).")
        String ec;

        @Option(names = "--barcode", defaultValue = "code128", paramLabel = "code128|datamatrix",
                description = "The symbol of barcode-kind trackables (default: ${DEFAULT-VALUE}).")
        String barcode;

        LabelTemplate template() {
            return LabelTemplates.byId(template).orElseThrow(() -> new IllegalArgumentException("unknown template '"
                    + template + "'; use one of " + LabelTemplates.all().stream().map(LabelTemplate::id)
                    .collect(Collectors.joining(", "))));
        }

        ErrorCorrection correction() {
            return switch (ec.strip().toUpperCase(Locale.ROOT)) {
                case "M" -> ErrorCorrection.M;
                case "H" -> ErrorCorrection.H;
                default -> throw new IllegalArgumentException("--ec must be M or H, not '" + ec + "'");
            };
        }

        Symbology barcodeSymbology() {
            return switch (barcode.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
                case "code128" -> Symbology.CODE_128;
                case "datamatrix" -> Symbology.DATA_MATRIX;
                default -> throw new IllegalArgumentException("--barcode must be code128 or datamatrix, not '"
                        + barcode + "'");
            };
        }

        /** Checks the options before anything is opened; a wrong one is a usage error. */
        void check() {
            template();
            correction();
            barcodeSymbology();
            if ((codes == null || codes.isEmpty()) && !all && kind == null) {
                throw new IllegalArgumentException("Name the trackables: --code CODE (repeat it), --all or --kind KIND");
            }
            if (codes != null && !codes.isEmpty() && (all || kind != null)) {
                throw new IllegalArgumentException("Give either --code or --all/--kind, not both");
            }
            if (start < 1 || start > template().perPage()) {
                throw new IllegalArgumentException("--start must be 1 to " + template().perPage() + " on "
                        + template().id());
            }
        }

        /**
         * The trackables, through the port: each --code looked up (404 for an unknown one), or the
         * list (newest first) turned round so labels follow the order they were created in.
         */
        List<Trackables.Trackable> trackables(HeadlessApi api) {
            if (codes != null && !codes.isEmpty()) {
                List<Trackables.Trackable> out = new ArrayList<>();
                for (String code : codes) {
                    out.add(api.trackable(code));
                }
                return out;
            }
            List<Trackables.Trackable> listed = new ArrayList<>(api.trackables(
                    new Trackables.Query(null, kind, null, Trackables.MAX_LIMIT)).trackables());
            Collections.reverse(listed);
            return listed;
        }

        LabelJob job(HeadlessApi api) {
            Symbology forBarcodes = barcodeSymbology();
            List<LabelItem> items = trackables(api).stream().map(t -> {
                LabelItem item = LabelItem.of(t);
                return item.symbology() == Symbology.CODE_128
                        ? new LabelItem(item.code(), item.name(), item.payload(), forBarcodes) : item;
            }).toList();
            if (items.isEmpty()) {
                throw new IllegalArgumentException("no trackables" + (kind == null ? "" : " of kind " + kind)
                        + " to label");
            }
            return new LabelJob(template(), items, start, correction());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the labels as PDF (one file), PNG or SVG (one file per page: NAME.png, NAME-2.png…)"
                + " or ZPL (Zebra templates only). Files are written atomically; prints what was written."})
    static final class Export extends ApiQueryCommand {
        @Mixin
        Selection selection;

        @Option(names = "--format", required = true, paramLabel = "pdf|png|svg|zpl", description = "The file format.")
        String format;

        @Option(names = "--out", required = true, paramLabel = "PATH",
                description = "The file to write (the format's extension is added when it has none).")
        Path out;

        @Option(names = "--dpi", defaultValue = "300", paramLabel = "N",
                description = "PNG resolution, " + LabelExport.MIN_DPI + "-" + LabelExport.MAX_DPI
                        + " (default: ${DEFAULT-VALUE}).")
        int dpi;

        @Override
        Request request() {
            selection.check();
            LabelFormat f = LabelExport.format(format);
            if (f == LabelFormat.ZPL && selection.template().stock() != LabelTemplate.Stock.ZPL) {
                throw new IllegalArgumentException("ZPL needs a Zebra template (zebra-2x1-203 or zebra-2x1-300)");
            }
            if (f == LabelFormat.PNG && (dpi < LabelExport.MIN_DPI || dpi > LabelExport.MAX_DPI)) {
                throw new IllegalArgumentException("--dpi must be " + LabelExport.MIN_DPI + " to " + LabelExport.MAX_DPI);
            }
            return api -> {
                LabelJob job = selection.job(api);
                List<Path> files;
                try {
                    files = LabelExport.write(job, f, out, dpi);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + out.toAbsolutePath() + ": " + e.getMessage(), e);
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("template", job.template().id());
                answer.put("format", f.extension());
                answer.put("labels", job.items().size());
                answer.put("pages", job.pageCount());
                answer.put("startPosition", job.startPosition());
                answer.put("errorCorrection", job.correction().name());
                answer.put("files", files.stream().map(Path::toString).toList());
                return answer;
            };
        }
    }
}
