package com.headlessanalytics.console.ui.scanner;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import com.headlessanalytics.console.ui.common.StationSettingsView;
import com.headlessanalytics.console.ui.common.ViewParts;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The scanner station: a large feedback panel coloured by the last scan's outcome, the queue and
 * connection state, the recent scans and the unknown codes, and the station's settings. While it
 * is shown it filters the window's keystrokes through its ViewModel, which takes scans out and
 * hands typing back to the focused field.
 */
public final class ScannerStationView extends ScreenScaffold {
    private final EventHandler<KeyEvent> filter;

    public ScannerStationView(ScannerStationViewModel model) {
        super("Scanner station", model.query());
        setId("scanner-station");
        filter = e -> {
            if (e.getEventType() == KeyEvent.KEY_TYPED) {
                if (model.keyTyped(e.getCharacter(), e.isControlDown(), e.isAltDown(), e.isMetaDown())) {
                    e.consume();
                }
            } else if (e.getEventType() == KeyEvent.KEY_PRESSED && (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.TAB)
                    && !e.isShiftDown() && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                if (model.terminator(e.getCode() == KeyCode.TAB)) {
                    e.consume();
                }
            }
        };
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.ANY, filter);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.ANY, filter);
            }
        });
        model.onRelease(text -> {
            Scene scene = getScene();
            if (scene != null && scene.getFocusOwner() instanceof TextInputControl field && field.isEditable()) {
                field.replaceSelection(text);
            }
        });
        model.cueProperty().addListener((obs, old, cue) -> {
            if (cue != null) {
                try {
                    java.awt.Toolkit.getDefaultToolkit().beep();
                } catch (RuntimeException | Error noSound) {
                    // a machine without a sound device shows the colour alone
                }
            }
        });

        Label queued = new Label();
        queued.setId("scanner-queued");
        queued.textProperty().bind(model.queuedTextProperty());
        queued.getStyleClass().addAll(Styles.WARNING, Styles.TITLE_4);
        Label status = new Label();
        status.setId("scanner-status");
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        headerActions(queued);
        summary(status);

        Label headline = new Label();
        headline.setId("scanner-feedback-name");
        headline.setWrapText(true);
        headline.setStyle("-fx-font-size: 34px; -fx-font-weight: bold;");
        Label detail = new Label();
        detail.setId("scanner-feedback-detail");
        detail.setWrapText(true);
        detail.setStyle("-fx-font-size: 16px;");
        Label count = new Label();
        count.setId("scanner-feedback-count");
        count.setStyle("-fx-font-size: 22px;");
        VBox panel = new VBox(8, headline, count, detail);
        panel.setId("scanner-feedback");
        panel.setPadding(new Insets(24));
        panel.setMinHeight(180);
        panel.setAlignment(Pos.CENTER_LEFT);
        model.feedbackProperty().addListener((obs, old, f) -> show(panel, headline, detail, count, f));
        show(panel, headline, detail, count, model.feedbackProperty().get());

        TableView<ScannerStationViewModel.ScanRow> recent = rows("No scans yet: scan a label");
        recent.setId("scanner-recent");
        recent.setItems(model.recent());
        TableView<ScannerStationViewModel.ScanRow> unknown = rows("No unknown codes");
        unknown.setId("scanner-unknown");
        unknown.setItems(model.unknown());
        Tab recentTab = new Tab("Recent scans", recent);
        Tab unknownTab = new Tab("Unknown codes", unknown);
        unknownTab.textProperty().bind(javafx.beans.binding.Bindings.size(model.unknown())
                .asString("Unknown codes (%d)"));
        TabPane lists = new TabPane(recentTab, unknownTab);
        lists.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(lists, Priority.ALWAYS);

        HBox content = new HBox(16, new VBox(12, panel, lists), settings(model.settingsForm()));
        HBox.setHgrow(content.getChildren().get(0), Priority.ALWAYS);
        body(content);
    }

    private static TableView<ScannerStationViewModel.ScanRow> rows(String placeholder) {
        TableView<ScannerStationViewModel.ScanRow> table = ViewParts.table(placeholder);
        table.getColumns().add(ViewParts.column("Time", ScannerStationViewModel.ScanRow::time, 175));
        table.getColumns().add(ViewParts.column("Code", ScannerStationViewModel.ScanRow::code, 105));
        table.getColumns().add(ViewParts.column("Trackable", ScannerStationViewModel.ScanRow::name, 140));
        table.getColumns().add(ViewParts.column("State", ScannerStationViewModel.ScanRow::stateText, 115));
        table.getColumns().add(ViewParts.column("Scanned text", ScannerStationViewModel.ScanRow::text, 200));
        table.getColumns().add(ViewParts.column("Note", ScannerStationViewModel.ScanRow::note, 240));
        return table;
    }

    private static void show(VBox panel, Label headline, Label detail, Label count,
                             ScannerStationViewModel.Feedback f) {
        headline.setText(f.headline());
        detail.setText(f.detail());
        count.setText(f.count());
        String colour = switch (f.tone()) {
            case READY -> "-color-bg-subtle";
            case RECORDED -> "-color-success-muted";
            case QUEUED -> "-color-warning-muted";
            case UNKNOWN, ERROR -> "-color-danger-muted";
        };
        if (panel.getProperties().put("tone", f.tone()) != f.tone()) {
            panel.setStyle("-fx-background-color: " + colour + "; -fx-background-radius: 8;");
        }
    }

    private static Node settings(StationSettingsForm form) {
        TitledPane pane = new TitledPane("Station settings", new StationSettingsView(form));
        pane.setCollapsible(false);
        pane.setMinWidth(360);
        pane.setMaxWidth(360);
        return pane;
    }
}
