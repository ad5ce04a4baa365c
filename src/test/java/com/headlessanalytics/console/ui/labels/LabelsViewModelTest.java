package com.headlessanalytics.console.ui.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.labels.LabelFormat;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import com.headlessanalytics.console.hardware.print.PrintMargins;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.trackables.FakeTrackablesApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Labels screen's logic against a small port and printer, without a toolkit. */
class LabelsViewModelTest {
    final FakeTrackablesApi api = new FakeTrackablesApi();
    final FakePrinter printer = new FakePrinter();
    final TestTasks tasks = TestTasks.direct();
    final TestDialogs dialogs = new TestDialogs();
    final List<PrintChoice> remembered = new ArrayList<>();
    final List<Trackables.Trackable> made = new ArrayList<>();

    @BeforeEach
    void fill() {
        for (int i = 0; i < 7; i++) {
            made.add(api.add("qr_code", "Bottle " + i, "https://shop.example.com/b/" + i, i));
        }
        made.add(api.add("barcode", "Crate", null, 0));
    }

    LabelsViewModel model(PrintChoice saved) {
        LabelsViewModel model = new LabelsViewModel(() -> api, tasks, dialogs, printer, saved, remembered::add);
        model.activate();
        return model;
    }

    @Test
    void picksFromTheSearchedListWithoutDuplicatesAndRemoves() {
        LabelsViewModel model = model(PrintChoice.none());
        assertThat(model.available()).hasSize(8);
        model.searchProperty().set("crate");
        assertThat(model.available()).extracting(LabelsViewModel.Pick::name).containsExactly("Crate");
        model.availableSelection().setAll(model.available());
        model.addCommand().execute();
        model.addCommand().execute();
        model.searchProperty().set("bottle");
        model.addAllCommand().execute();
        assertThat(model.picked()).hasSize(8).first().extracting(LabelsViewModel.Pick::name).isEqualTo("Crate");
        model.pickedSelection().setAll(model.picked().get(0));
        model.removeCommand().execute();
        assertThat(model.picked()).hasSize(7);
        model.clearCommand().execute();
        assertThat(model.picked()).isEmpty();
        assertThat(model.pageTextProperty().get()).isEqualTo("Pick trackables to see their labels");
        assertThat(model.printCommand().isExecutable()).isFalse();
    }

    @Test
    void previewsThePagesOfTheJobFromTheStartPosition() {
        LabelsViewModel model = model(PrintChoice.none());
        model.show(made.subList(0, 7));
        model.startPositionProperty().set(28);
        assertThat(model.job().orElseThrow().startPosition()).isEqualTo(28);
        assertThat(model.pageCountProperty().get()).isEqualTo(2);
        assertThat(model.pageTextProperty().get()).isEqualTo("Page 1 of 2");
        assertThat(model.jobTextProperty().get())
                .isEqualTo("7 labels on 2 pages of Avery 5160 (US Letter, 30-up), from position 28");
        assertThat(model.drawingProperty().get().widthMm()).isEqualTo(LabelTemplates.AVERY_5160.pageWidthMm());
        assertThat(model.previousCommand().isExecutable()).isFalse();
        model.nextCommand().execute();
        assertThat(model.pageTextProperty().get()).isEqualTo("Page 2 of 2");
        assertThat(model.nextCommand().isExecutable()).isFalse();
        model.correctionProperty().set(ErrorCorrection.H);
        assertThat(model.job().orElseThrow().correction()).isEqualTo(ErrorCorrection.H);
        model.show(made.subList(5, 8));
        assertThat(model.job().orElseThrow().items()).extracting(LabelItem::symbology)
                .containsExactly(Symbology.QR, Symbology.QR, Symbology.CODE_128);
        model.barcodeProperty().set(Symbology.DATA_MATRIX);
        assertThat(model.job().orElseThrow().items()).extracting(LabelItem::symbology)
                .containsExactly(Symbology.QR, Symbology.QR, Symbology.DATA_MATRIX);
        model.show(made.subList(0, 7));
        model.startPositionProperty().set(28);

        model.templateProperty().set(LabelTemplates.AVERY_L7160);
        assertThat(model.startPositionProperty().get()).as("past the 21 positions of L7160").isEqualTo(1);
        model.startPositionProperty().set(5);
        model.templateProperty().set(LabelTemplates.DYMO_30252);
        assertThat(model.sheetProperty().get()).isFalse();
        assertThat(model.startPositionProperty().get()).isEqualTo(1);
        assertThat(model.pageCountProperty().get()).as("one roll label per page").isEqualTo(7);
        assertThat(model.drawingProperty().get().widthMm()).isEqualTo(89);
    }

    @Test
    void choosesTheDefaultPrinterAndTheMatchingPaperAndRemembersChanges() {
        LabelsViewModel model = model(PrintChoice.none());
        assertThat(model.printers()).containsExactly("Office", "PDF");
        assertThat(model.printerProperty().get()).isEqualTo("PDF");
        assertThat(model.papers()).extracting(LabelsViewModel.Paper::label)
                .containsExactly("Match the labels (Letter)", "A4", "Letter");
        assertThat(model.paperProperty().get().name()).isNull();
        model.templateProperty().set(LabelTemplates.AVERY_L7160);
        assertThat(model.papers().get(0).label()).isEqualTo("Match the labels (A4)");
        remembered.clear();
        model.marginsProperty().set(PrintMargins.HARDWARE_MINIMUM);
        model.printerProperty().set("Office");
        assertThat(remembered).last().isEqualTo(new PrintChoice("Office", null, PrintMargins.HARDWARE_MINIMUM));
    }

    @Test
    void restoresTheRememberedChoice() {
        LabelsViewModel model = model(new PrintChoice("Office", "A4", PrintMargins.HARDWARE_MINIMUM));
        assertThat(model.printerProperty().get()).isEqualTo("Office");
        assertThat(model.paperProperty().get().name()).isEqualTo("A4");
        assertThat(model.marginsProperty().get()).isEqualTo(PrintMargins.HARDWARE_MINIMUM);
        assertThat(remembered).as("restoring is not a change").isEmpty();
        LabelsViewModel gone = model(new PrintChoice("Basement", null, PrintMargins.NONE));
        assertThat(gone.printerProperty().get()).as("a printer that is gone falls back to the default")
                .isEqualTo("PDF");
    }

    @Test
    void printsThroughTheTaskRunnerWithTheChoiceAndSaysWhatWasPrinted() {
        LabelsViewModel model = model(PrintChoice.none());
        model.show(made.subList(0, 3));
        model.startPositionProperty().set(29);
        model.printCommand().execute();
        assertThat(tasks.titles).contains("Printing labels");
        assertThat(printer.sent).singleElement().satisfies(s -> {
            assertThat(s.choice()).isEqualTo(new PrintChoice("PDF", null, PrintMargins.NONE));
            assertThat(s.job().items()).extracting(i -> i.code()).containsExactly(made.get(0).code(),
                    made.get(1).code(), made.get(2).code());
            assertThat(s.job().startPosition()).isEqualTo(29);
        });
        assertThat(tasks.updates).extracting(TestTasks.Update::message).containsExactly("Page 1 of 2 sent",
                "Page 2 of 2 sent");
        assertThat(dialogs.notices).containsExactly("Printed 3 labels on 2 pages to PDF (Letter)");
        assertThat(model.printingProperty().get()).isFalse();
    }

    @Test
    void aRefusedPrintIsShownAndTheJobStays() {
        LabelsViewModel model = model(PrintChoice.none());
        model.show(made.subList(0, 2));
        printer.refusal = new IOException("printer \"PDF\" refused page 1");
        model.printCommand().execute();
        assertThat(dialogs.errors).singleElement().satisfies(e ->
                assertThat(e.title()).isEqualTo("The labels could not be printed"));
        assertThat(model.picked()).hasSize(2);
        assertThat(model.printCommand().isExecutable()).isTrue();
    }

    @Test
    void exportsThePickedLabelsWhereTheUserSaid(@TempDir Path dir) throws Exception {
        LabelsViewModel model = model(PrintChoice.none());
        model.show(made.subList(0, 3));
        dialogs.saveFile = dir.resolve("shelf.pdf");
        model.export(LabelFormat.PDF);
        assertThat(tasks.titles).contains("Exporting labels");
        assertThat(dialogs.errors).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("shelf.pdf"))).startsWith("%PDF".getBytes());
        assertThat(dialogs.notices).containsExactly("Exported 3 labels to " + dir.resolve("shelf.pdf"));
        dialogs.saveFile = dir.resolve("shelf.png");
        model.export(LabelFormat.PNG);
        assertThat(Files.exists(dir.resolve("shelf.png"))).isTrue();
    }

    @Test
    void exportAsksWhereAndDoesNothingWhenCancelled() {
        LabelsViewModel model = model(PrintChoice.none());
        model.show(made.subList(0, 2));
        model.export(LabelFormat.PDF);
        assertThat(dialogs.fileQuestions).singleElement().satisfies(q -> {
            assertThat(q.title()).isEqualTo("Export labels as PDF");
            assertThat(q.suggestedName()).isEqualTo("labels-avery-5160.pdf");
        });
        assertThat(tasks.titles).doesNotContain("Exporting labels");
        model.export(LabelFormat.ZPL);
        assertThat(dialogs.information).singleElement().asString().startsWith("Not exported: ZPL");
        assertThat(dialogs.fileQuestions).hasSize(1);
    }
}
