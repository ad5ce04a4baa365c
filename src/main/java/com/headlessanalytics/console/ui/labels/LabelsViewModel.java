package com.headlessanalytics.console.ui.labels;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.labels.LabelDrawing;
import com.headlessanalytics.console.hardware.labels.LabelExport;
import com.headlessanalytics.console.hardware.labels.LabelFormat;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.hardware.print.LabelPrinter;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import com.headlessanalytics.console.hardware.print.PrintMargins;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Labels: trackables picked from a searchable list, a template, the start position on a partly
 * used sheet and the QR error correction make a {@link LabelJob}; its pages are previewed one at
 * a time as the drawing every renderer uses; Print sends it through the {@link LabelPrinter} with
 * the printer, paper and margins chosen (remembered between runs), Export writes PNG, SVG, PDF or
 * ZPL. Every read, drawing, print and export runs through the task runner.
 */
public final class LabelsViewModel implements Activatable {
    /** PNG export resolution for sheet and roll templates (ZPL templates use their printer's). */
    static final int EXPORT_DPI = 300;

    /** A trackable that can go on a label. */
    public record Pick(String code, String name, String kind, Trackables.Trackable trackable) {
        static Pick of(Trackables.Trackable t) {
            return new Pick(t.code(), t.name(), t.kind(), t);
        }
    }

    /** A paper choice: a printer's paper by name, or (name null) the one that matches the template. */
    public record Paper(String name, String label) {
    }

    /** Printers or papers as listed, with the default printer or the matching paper (null for none). */
    private record Listed(List<String> names, String preferred) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final LabelPrinter printer;
    private final Consumer<PrintChoice> remember;
    private final QueryLifecycle query;
    private final QueryLifecycle preview;
    private final List<Pick> all = new ArrayList<>();
    private final ObservableList<Pick> available = FXCollections.observableArrayList();
    private final ObservableList<Pick> availableSelection = FXCollections.observableArrayList();
    private final ObservableList<Pick> picked = FXCollections.observableArrayList();
    private final ObservableList<Pick> pickedSelection = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<LabelTemplate> template = new SimpleObjectProperty<>(LabelTemplates.AVERY_5160);
    private final IntegerProperty startPosition = new SimpleIntegerProperty(1);
    private final ObjectProperty<ErrorCorrection> correction = new SimpleObjectProperty<>(ErrorCorrection.DEFAULT);
    private final ObjectProperty<Symbology> barcode = new SimpleObjectProperty<>(Symbology.CODE_128);
    private final ReadOnlyBooleanWrapper sheet = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper zpl = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper pageCount = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jobText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PageDrawing> drawing = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> printers = FXCollections.observableArrayList();
    private final ObjectProperty<String> printerName = new SimpleObjectProperty<>();
    private final ObservableList<Paper> papers = FXCollections.observableArrayList();
    private final ObjectProperty<Paper> paper = new SimpleObjectProperty<>();
    private final ObjectProperty<PrintMargins> margins = new SimpleObjectProperty<>(PrintMargins.NONE);
    private final ReadOnlyStringWrapper printerStatus = new ReadOnlyStringWrapper("Looking for printers…");
    private final ReadOnlyBooleanWrapper printing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final Command addCommand;
    private final Command addAllCommand;
    private final Command removeCommand;
    private final Command clearCommand;
    private final Command previousCommand;
    private final Command nextCommand;
    private final Command printCommand;
    private final Command refreshCommand;
    private PrintChoice choice;
    private boolean restoring;
    private boolean printersRead;

    /**
     * @param saved the print choice remembered from the last run
     * @param remember keeps the print choice when the user changes it
     */
    public LabelsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, LabelPrinter printer,
                           PrintChoice saved, Consumer<PrintChoice> remember) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.printer = printer;
        this.remember = remember;
        this.choice = saved == null ? PrintChoice.none() : saved;
        this.query = new QueryLifecycle(tasks);
        this.preview = new QueryLifecycle(tasks);
        margins.set(choice.margins());
        addCommand = new Command(() -> add(List.copyOf(availableSelection)), Bindings.isNotEmpty(availableSelection));
        addAllCommand = new Command(() -> add(List.copyOf(available)), Bindings.isNotEmpty(available));
        removeCommand = new Command(() -> picked.removeAll(List.copyOf(pickedSelection)),
                Bindings.isNotEmpty(pickedSelection));
        clearCommand = new Command(picked::clear, Bindings.isNotEmpty(picked));
        previousCommand = new Command(() -> page.set(page.get() - 1), page.greaterThan(0));
        nextCommand = new Command(() -> page.set(page.get() + 1), page.lessThan(pageCount.subtract(1)));
        printCommand = new Command(this::print, Bindings.isNotEmpty(picked).and(printerName.isNotNull())
                .and(printing.not()));
        refreshCommand = new Command(() -> {
            refresh();
            readPrinters();
        }, query.runningProperty().not());
        search.addListener(o -> filter());
        template.addListener((obs, old, t) -> templateChanged(t));
        picked.addListener((ListChangeListener<Pick>) c -> redraw());
        startPosition.addListener(o -> redraw());
        correction.addListener(o -> redraw());
        barcode.addListener(o -> redraw());
        page.addListener(o -> redraw());
        printerName.addListener((obs, old, name) -> printerChanged(name));
        paper.addListener(o -> choiceChanged());
        margins.addListener(o -> choiceChanged());
        redraw();
    }

    @Override
    public void activate() {
        refresh();
        if (!printersRead) {
            readPrinters();
        }
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /** Reads the trackables that can be picked (Refresh also lists the printers again). */
    public void refresh() {
        query.run("Reading trackables", "Reading trackables…", p -> api.get().trackables(
                new Trackables.Query(null, null, null, Trackables.MAX_LIMIT)).trackables(), list -> {
                    all.clear();
                    list.forEach(t -> all.add(Pick.of(t)));
                    filter();
                    query.status(all.size() + (all.size() == 1 ? " trackable" : " trackables"));
                });
    }

    /** Opens with these trackables picked, e.g. from the Trackables screen's Print labels. */
    public void show(List<Trackables.Trackable> trackables) {
        page.set(0);
        picked.setAll(trackables.stream().map(Pick::of).toList());
    }

    private void add(List<Pick> picks) {
        List<Pick> fresh = picks.stream().filter(p -> picked.stream().noneMatch(x -> x.code().equals(p.code())))
                .toList();
        picked.addAll(fresh);
    }

    private void filter() {
        String[] words = search.get() == null ? new String[0]
                : search.get().strip().toLowerCase(Locale.ROOT).split("\\s+");
        available.setAll(all.stream().filter(p -> {
            String text = (p.code() + " " + p.name() + " " + p.kind()).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!w.isEmpty() && !text.contains(w)) {
                    return false;
                }
            }
            return true;
        }).toList());
    }

    private void templateChanged(LabelTemplate t) {
        sheet.set(t.stock() == LabelTemplate.Stock.SHEET);
        zpl.set(t.stock() == LabelTemplate.Stock.ZPL);
        if (startPosition.get() > t.perPage() || !sheet.get()) {
            startPosition.set(1);
        }
        page.set(0);
        redraw();
        readPapers(printerName.get());
    }

    /** The job the screen describes now, or empty while nothing is picked. */
    public Optional<LabelJob> job() {
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        LabelTemplate t = template.get();
        int start = Math.max(1, Math.min(startPosition.get(), t.perPage()));
        return Optional.of(new LabelJob(t, picked.stream().map(p -> item(p.trackable())).toList(), start,
                correction.get()));
    }

    /** A trackable's label: QR, or for the barcode kind the barcode symbol chosen. */
    private LabelItem item(Trackables.Trackable t) {
        LabelItem item = LabelItem.of(t);
        return item.symbology() == Symbology.CODE_128 && barcode.get() != Symbology.CODE_128
                ? new LabelItem(item.code(), item.name(), item.payload(), barcode.get()) : item;
    }

    /** Draws the page shown, in the background; a newer change replaces a drawing in flight. */
    private void redraw() {
        Optional<LabelJob> job = job();
        if (job.isEmpty()) {
            preview.stop();
            pageCount.set(0);
            page.set(0);
            drawing.set(null);
            pageText.set("Pick trackables to see their labels");
            jobText.set("");
            return;
        }
        LabelJob j = job.get();
        pageCount.set(j.pageCount());
        if (page.get() >= j.pageCount()) {
            page.set(j.pageCount() - 1);
            return;
        }
        int shown = page.get();
        pageText.set("Page " + (shown + 1) + " of " + j.pageCount());
        jobText.set(j.items().size() + (j.items().size() == 1 ? " label" : " labels") + " on "
                + j.pageCount() + (j.pageCount() == 1 ? " page" : " pages") + " of " + j.template().name()
                + (j.startPosition() > 1 ? ", from position " + j.startPosition() : ""));
        preview.run("Drawing labels", "", p -> LabelDrawing.page(j, shown), drawing::set,
                failure -> drawing.set(null));
    }

    private void readPrinters() {
        printersRead = true;
        tasks.submit("Looking for printers", p -> new Listed(printer.printers(),
                printer.defaultPrinter().orElse(null)), found -> {
            List<String> names = found.names();
            String fallback = found.preferred();
            printers.setAll(names);
            if (names.isEmpty()) {
                printerStatus.set("No printer found. Install one (on Linux: CUPS), or export PDF and print that.");
                return;
            }
            printerStatus.set("");
            String pick = choice.printer() != null && names.contains(choice.printer()) ? choice.printer()
                    : fallback != null && names.contains(fallback) ? fallback : names.get(0);
            printerName.set(pick);
        }, failure -> printerStatus.set("Printers could not be listed: " + failure.getMessage()));
    }

    private void printerChanged(String name) {
        choiceChanged();
        readPapers(name);
    }

    /** Lists the printer's papers, the template's match first; keeps the remembered paper when it has it. */
    private void readPapers(String name) {
        if (name == null) {
            papers.clear();
            return;
        }
        LabelTemplate t = template.get();
        tasks.submit("Reading " + name + "'s papers", p -> new Listed(printer.papers(name),
                printer.paperFor(name, t).orElse(null)), found -> {
                    if (!name.equals(printerName.get())) {
                        return;
                    }
                    List<String> names = found.names();
                    String match = found.preferred();
                    List<Paper> options = new ArrayList<>();
                    options.add(new Paper(null, match == null ? "Match the labels" : "Match the labels (" + match
                            + ")"));
                    names.forEach(n -> options.add(new Paper(n, n)));
                    restoring = true;
                    papers.setAll(options);
                    String wanted = choice.paper();
                    paper.set(options.stream().filter(o -> wanted != null && wanted.equals(o.name())).findFirst()
                            .orElse(options.get(0)));
                    restoring = false;
                }, failure -> printerStatus.set("The papers of " + name + " could not be read: "
                        + failure.getMessage()));
    }

    /** Remembers printer, paper and margins as the user changes them. */
    private void choiceChanged() {
        if (restoring || printerName.get() == null) {
            return;
        }
        PrintChoice now = new PrintChoice(printerName.get(), paper.get() == null ? choice.paper() : paper.get().name(),
                margins.get());
        if (!now.equals(choice)) {
            choice = now;
            remember.accept(now);
        }
    }

    /** The choice a print uses now. */
    public PrintChoice choice() {
        return new PrintChoice(printerName.get(), paper.get() == null ? null : paper.get().name(), margins.get());
    }

    private void print() {
        LabelJob job = job().orElseThrow();
        PrintChoice now = choice();
        printing.set(true);
        tasks.submit("Printing labels", p -> printer.print(job, now,
                n -> p.update((double) n / job.pageCount(), "Page " + n + " of " + job.pageCount() + " sent"),
                p::cancelled), printed -> {
                    printing.set(false);
                    dialogs.notify("Printed " + job.items().size() + (job.items().size() == 1 ? " label" : " labels")
                            + " on " + printed.pages() + (printed.pages() == 1 ? " page" : " pages") + " to "
                            + printed.printer() + " (" + printed.paper() + (printed.landscape() ? ", landscape" : "")
                            + ")");
                }, failure -> {
                    printing.set(false);
                    dialogs.showError("The labels could not be printed", failure);
                });
    }

    /** Exports the job as {@code format}, asking where. */
    public void export(LabelFormat format) {
        Optional<LabelJob> job = job();
        if (job.isEmpty() || exporting.get()) {
            return;
        }
        if (format == LabelFormat.ZPL && !zpl.get()) {
            dialogs.showInformation("Not exported", "ZPL is the language of Zebra printers: choose a Zebra template"
                    + " to export ZPL, or export PDF for this stock.");
            return;
        }
        String ext = format.extension();
        Optional<Path> target = dialogs.chooseSaveFile("Export labels as " + format.name(),
                "labels-" + job.get().template().id() + "." + ext,
                new DialogService.FileType(format.name() + " files", List.of("*." + ext)));
        if (target.isEmpty()) {
            return;
        }
        int dpi = job.get().template().dpi() > 0 ? job.get().template().dpi() : EXPORT_DPI;
        exporting.set(true);
        tasks.submit("Exporting labels", p -> LabelExport.write(job.get(), format, target.get(), dpi), files -> {
            exporting.set(false);
            dialogs.notify("Exported " + job.get().items().size() + " labels to " + (files.size() == 1
                    ? files.get(0).toString() : files.size() + " files from " + files.get(0)));
        }, failure -> {
            exporting.set(false);
            dialogs.showError("The labels could not be exported", failure);
        });
    }

    public List<LabelTemplate> templates() {
        return LabelTemplates.all();
    }

    public List<ErrorCorrection> corrections() {
        return List.of(ErrorCorrection.M, ErrorCorrection.H);
    }

    public static String correctionLabel(ErrorCorrection c) {
        return switch (c) {
            case L -> "L (7%)";
            case M -> "M (15%, default)";
            case Q -> "Q (25%)";
            case H -> "H (30%, scuffed or dirty labels)";
        };
    }

    public List<Symbology> barcodes() {
        return List.of(Symbology.CODE_128, Symbology.DATA_MATRIX);
    }

    public static String barcodeLabel(Symbology s) {
        return s == Symbology.DATA_MATRIX ? "DataMatrix" : "Code 128";
    }

    /** The symbol of barcode-kind trackables: Code 128 (default) or DataMatrix. */
    public ObjectProperty<Symbology> barcodeProperty() {
        return barcode;
    }

    public List<PrintMargins> marginChoices() {
        return List.of(PrintMargins.values());
    }

    public List<LabelFormat> formats() {
        return List.of(LabelFormat.values());
    }

    public QueryLifecycle query() {
        return query;
    }

    public ObservableList<Pick> available() {
        return available;
    }

    /** The rows selected in the list to pick from (the View keeps it). */
    public ObservableList<Pick> availableSelection() {
        return availableSelection;
    }

    public ObservableList<Pick> picked() {
        return picked;
    }

    /** The rows selected among the picked (the View keeps it). */
    public ObservableList<Pick> pickedSelection() {
        return pickedSelection;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<LabelTemplate> templateProperty() {
        return template;
    }

    public IntegerProperty startPositionProperty() {
        return startPosition;
    }

    public ObjectProperty<ErrorCorrection> correctionProperty() {
        return correction;
    }

    /** Whether the template is a sheet, whose start position can be chosen. */
    public ReadOnlyBooleanProperty sheetProperty() {
        return sheet.getReadOnlyProperty();
    }

    /** Whether the template is a Zebra stock, the only one ZPL can be exported for. */
    public ReadOnlyBooleanProperty zplProperty() {
        return zpl.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageCountProperty() {
        return pageCount.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty jobTextProperty() {
        return jobText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PageDrawing> drawingProperty() {
        return drawing.getReadOnlyProperty();
    }

    /** The preview's state: its error shows when a page cannot be drawn. */
    public QueryLifecycle previewState() {
        return preview;
    }

    public ObservableList<String> printers() {
        return printers;
    }

    public ObjectProperty<String> printerProperty() {
        return printerName;
    }

    public ObservableList<Paper> papers() {
        return papers;
    }

    public ObjectProperty<Paper> paperProperty() {
        return paper;
    }

    public ObjectProperty<PrintMargins> marginsProperty() {
        return margins;
    }

    public ReadOnlyStringProperty printerStatusProperty() {
        return printerStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty printingProperty() {
        return printing.getReadOnlyProperty();
    }

    public Command addCommand() {
        return addCommand;
    }

    public Command addAllCommand() {
        return addAllCommand;
    }

    public Command removeCommand() {
        return removeCommand;
    }

    public Command clearCommand() {
        return clearCommand;
    }

    public Command previousCommand() {
        return previousCommand;
    }

    public Command nextCommand() {
        return nextCommand;
    }

    public Command printCommand() {
        return printCommand;
    }

    public Command refreshCommand() {
        return refreshCommand;
    }
}
