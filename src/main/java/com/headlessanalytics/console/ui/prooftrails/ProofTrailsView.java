package com.headlessanalytics.console.ui.prooftrails;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Proof trails: three tabs — New export (what goes in, preview, export and push), Exported
 * (the packets with their counts, Merkle root and push status, Save packet…, the push endpoint) and
 * Verify (open any packet file and read the verdict).
 */
public final class ProofTrailsView extends ScreenScaffold {
    private final ProofTrailsViewModel model;
    private final TabPane tabs;

    public ProofTrailsView(ProofTrailsViewModel model) {
        super("Proof trails", model.query());
        this.model = model;
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("proof-refresh");
        headerActions(refresh);
        Tab build = new Tab("New export", exportPane());
        build.setId("proof-tab-export");
        Tab exported = new Tab("Exported", trailsPane());
        exported.setId("proof-tab-trails");
        Tab verify = new Tab("Verify a packet", verifyPane());
        verify.setId("proof-tab-verify");
        tabs = new TabPane(build, exported, verify);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        tabs.getSelectionModel().select(model.tabProperty().get().ordinal());
        tabs.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (index.intValue() >= 0) {
                model.tabProperty().set(ProofTrailsViewModel.Tab.values()[index.intValue()]);
            }
        });
        model.tabProperty().addListener((obs, old, tab) -> tabs.getSelectionModel().select(tab.ordinal()));
        body(tabs);
    }

    /** Shows the tab at {@code index} (0 New export, 1 Exported, 2 Verify). */
    public void showTab(int index) {
        model.tabProperty().set(ProofTrailsViewModel.Tab.values()[index]);
    }

    // ---- New export ----

    private Node exportPane() {
        ProofExportBuilder b = model.builder();
        TextField title = new TextField();
        title.setId("proof-title");
        title.setPromptText("e.g. Q3 ads spend for the SOC 2 audit");
        title.textProperty().bindBidirectional(b.titleProperty());
        ComboBox<ProofExportBuilder.Scope> scope = new ComboBox<>();
        scope.setId("proof-scope");
        scope.getItems().setAll(b.scopes());
        scope.valueProperty().bindBidirectional(b.scopeProperty());
        scope.setConverter(ViewParts.converter(ProofExportBuilder.Scope::label));

        DateRangeBar range = new DateRangeBar(b.rangeProperty());
        shownFor(range, b.scopeProperty().isEqualTo(ProofExportBuilder.Scope.WINDOW));
        TextField trace = new TextField();
        trace.setId("proof-trace");
        trace.setPromptText("The trace ID whose decisions, receipts and events go in");
        trace.textProperty().bindBidirectional(b.traceIdProperty());
        trace.setPrefColumnCount(30);
        shownFor(trace, b.scopeProperty().isEqualTo(ProofExportBuilder.Scope.TRACE));
        ListView<ProofExportBuilder.Choice> choices = new ListView<>();
        choices.setId("proof-choices");
        choices.setCellFactory(CheckBoxListCell.forListView(ProofExportBuilder.Choice::chosen,
                ViewParts.converter(ProofExportBuilder.Choice::label)));
        choices.setPrefHeight(220);
        b.scopeProperty().addListener((obs, old, s) -> showChoices(choices));
        showChoices(choices);
        Label choicesEmpty = new Label();
        choicesEmpty.textProperty().bind(b.choicesPlaceholderProperty());
        choicesEmpty.getStyleClass().add(Styles.TEXT_MUTED);
        choicesEmpty.setWrapText(true);
        choices.setPlaceholder(choicesEmpty);
        Button all = ViewParts.button("All", Feather.CHECK_SQUARE, b.chooseAllCommand());
        all.getStyleClass().add(Styles.SMALL);
        Button none = ViewParts.button("None", Feather.SQUARE, b.chooseNoneCommand());
        none.getStyleClass().add(Styles.SMALL);
        VBox choiceBox = new VBox(6, new HBox(6, all, none), choices, ViewParts.error(b.choicesQuery().errorProperty()));
        shownFor(choiceBox, b.choicesShownProperty());
        Label problem = new Label();
        problem.setId("proof-selection-problem");
        problem.textProperty().bind(b.selectionProblemProperty());
        problem.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hiddenWhenEmpty(problem);

        CheckBox push = new CheckBox("Push to SovereignProof after writing");
        push.setId("proof-push");
        push.selectedProperty().bindBidirectional(b.pushProperty());
        Label pushWhere = ViewParts.muted(model.pushStatusProperty());

        Button preview = ViewParts.button("Preview counts", Feather.EYE, b.previewCommand());
        preview.setId("proof-preview");
        Button export = ViewParts.button("Export packet", Feather.PACKAGE, b.exportCommand());
        export.setId("proof-export");
        export.getStyleClass().add(Styles.ACCENT);
        ProgressIndicator working = new ProgressIndicator(-1);
        working.setPrefSize(16, 16);
        working.visibleProperty().bind(b.previewQuery().runningProperty().or(b.exportingProperty()));
        working.managedProperty().bind(working.visibleProperty());
        Label previewUnavailable = ViewParts.notice(b.previewGate().unavailableProperty());
        previewUnavailable.setId("proof-preview-unavailable");
        HBox actions = new HBox(10, preview, export, working, ViewParts.muted(b.previewQuery().statusProperty()),
                previewUnavailable);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label previewText = new Label();
        previewText.setId("proof-preview-text");
        previewText.textProperty().bind(b.previewTextProperty());
        previewText.getStyleClass().add(Styles.TEXT_BOLD);
        previewText.setWrapText(true);
        Label exportText = new Label();
        exportText.setId("proof-export-text");
        exportText.textProperty().bind(b.exportTextProperty());
        exportText.setWrapText(true);
        exportText.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
        exportText.getGraphic().getStyleClass().add(Styles.SUCCESS);
        hiddenWhenEmpty(exportText);
        Label pushText = new Label();
        pushText.setId("proof-push-text");
        pushText.textProperty().bind(b.pushTextProperty());
        pushText.setWrapText(true);
        pushText.setGraphic(new FontIcon(Feather.UPLOAD_CLOUD));
        hiddenWhenEmpty(pushText);

        VBox form = new VBox(12,
                labelled("Title", title, ViewParts.error(b.titleErrorProperty())),
                labelled("What goes in", new HBox(10, scope, range, trace), problem),
                choiceBox,
                labelled("Push", push, pushWhere),
                new Separator(),
                actions,
                ViewParts.error(b.previewQuery().errorProperty()),
                previewText,
                ViewParts.error(b.exportErrorProperty()),
                exportText,
                pushText);
        form.setPadding(new Insets(12, 4, 12, 4));
        form.setMaxWidth(900);
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }

    private void showChoices(ListView<ProofExportBuilder.Choice> list) {
        ProofExportBuilder b = model.builder();
        ObservableList<ProofExportBuilder.Choice> items = b.scopeProperty().get() == ProofExportBuilder.Scope.DECISIONS
                ? b.decisions() : b.receipts();
        list.setItems(items);
    }

    // ---- Exported ----

    private Node trailsPane() {
        TableView<ProofTrailsViewModel.TrailRow> table = ViewParts.table("");
        table.setId("proof-trails");
        table.setItems(model.trails());
        Label empty = ViewParts.muted(model.trailsPlaceholderProperty());
        empty.setMaxWidth(520);
        empty.setPadding(new Insets(12));
        table.setPlaceholder(empty);
        table.getColumns().setAll(List.of(
                ViewParts.column("Exported", ProofTrailsViewModel.TrailRow::created, 140),
                ViewParts.column("Title", ProofTrailsViewModel.TrailRow::title, 200),
                ViewParts.number("Events", r -> count(r.events()), 70),
                ViewParts.number("Decisions", r -> count(r.decisions()), 80),
                ViewParts.number("Receipts", r -> count(r.receipts()), 75),
                ViewParts.number("Evidence", r -> count(r.evidence()), 75),
                ViewParts.column("Merkle root", ProofTrailsViewModel.TrailRow::merkleRoot, 150),
                ViewParts.column("Push", ProofTrailsViewModel.TrailRow::push, 150),
                ViewParts.number("Size", ProofTrailsViewModel.TrailRow::size, 70)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedProperty()
                .set(row));
        model.selectedProperty().addListener((obs, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(row);
            }
        });

        Label selected = new Label();
        selected.setId("proof-selected");
        selected.textProperty().bind(model.selectedTextProperty());
        selected.getStyleClass().add("mono");
        selected.setWrapText(true);
        Button save = ViewParts.button("Save packet…", Feather.DOWNLOAD, model.savePacketCommand());
        save.setId("proof-save");
        save.setTooltip(new Tooltip("Save the selected packet as a .haproof file, to hand to an auditor"));
        Label packetsUnavailable = ViewParts.notice(model.packets().unavailableProperty());
        packetsUnavailable.setId("proof-save-unavailable");
        VBox detail = new VBox(8, save, packetsUnavailable, selected);
        detail.setPadding(new Insets(8, 0, 8, 0));

        TextField endpoint = new TextField();
        endpoint.setId("proof-endpoint");
        endpoint.setPromptText("https://sovereignproof.example/api/packets");
        endpoint.textProperty().bindBidirectional(model.endpointProperty());
        endpoint.setOnAction(e -> model.saveEndpointCommand().execute());
        HBox.setHgrow(endpoint, Priority.ALWAYS);
        Button saveEndpoint = ViewParts.button("Save", Feather.SAVE, model.saveEndpointCommand());
        saveEndpoint.setId("proof-endpoint-save");
        Button clear = ViewParts.button("Clear", Feather.X, model.clearEndpointCommand());
        clear.setId("proof-endpoint-clear");
        HBox endpointLine = new HBox(8, endpoint, saveEndpoint, clear);
        endpointLine.setAlignment(Pos.CENTER_LEFT);
        Label pushStatus = ViewParts.muted(model.pushStatusProperty());
        pushStatus.setId("proof-push-status");
        Label settingsUnavailable = ViewParts.notice(model.settings().unavailableProperty());
        settingsUnavailable.setId("proof-endpoint-unavailable");
        VBox pushBox = new VBox(6, heading("Push to SovereignProof"), settingsUnavailable, endpointLine,
                ViewParts.error(model.endpointErrorProperty()), pushStatus);
        pushBox.setPadding(new Insets(10, 0, 0, 0));

        Label key = ViewParts.muted(model.keyTextProperty());
        key.setId("proof-key");
        Button saveKey = ViewParts.button("Save public key…", Feather.KEY, model.saveKeyCommand());
        saveKey.setId("proof-key-save");
        Label keyUnavailable = ViewParts.notice(model.key().unavailableProperty());
        keyUnavailable.setId("proof-key-unavailable");
        VBox keyBox = new VBox(6, heading("Signing key"), keyUnavailable, key, saveKey);
        keyBox.setPadding(new Insets(10, 0, 0, 0));

        VBox lower = new VBox(8, detail, new Separator(), pushBox, new Separator(), keyBox);
        ScrollPane lowerScroll = new ScrollPane(lower);
        lowerScroll.setFitToWidth(true);
        lowerScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        SplitPane split = new SplitPane(table, lowerScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        return split;
    }

    // ---- Verify ----

    private Node verifyPane() {
        Label intro = new Label("Open any .haproof packet — exported here, by another workspace, or handed over by"
                + " someone else — and it is checked on this computer: every file against the signed manifest, the"
                + " Merkle root, the signature, and the hash chain of its records. Nothing is sent anywhere.");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        Button open = ViewParts.button("Open packet…", Feather.FOLDER, model.verifyCommand());
        open.setId("proof-verify");
        open.getStyleClass().add(Styles.ACCENT);
        ProgressIndicator working = new ProgressIndicator(-1);
        working.setPrefSize(16, 16);
        working.visibleProperty().bind(model.verifyQuery().runningProperty());
        working.managedProperty().bind(working.visibleProperty());
        HBox line = new HBox(10, open, working, ViewParts.muted(model.verifyQuery().statusProperty()));
        line.setAlignment(Pos.CENTER_LEFT);

        Label verdict = new Label();
        verdict.setId("proof-verdict");
        verdict.getStyleClass().addAll(Styles.TITLE_1, "verdict");
        verdict.textProperty().bind(Bindings.createStringBinding(() -> model.verdictProperty().get() == null ? ""
                : model.verdictProperty().get().name(), model.verdictProperty()));
        Label meaning = new Label();
        meaning.setId("proof-verdict-meaning");
        meaning.textProperty().bind(model.verdictMeaningProperty());
        meaning.setWrapText(true);
        meaning.getStyleClass().add(Styles.TEXT_BOLD);
        Label reason = new Label();
        reason.setId("proof-verdict-reason");
        reason.textProperty().bind(model.verdictReasonProperty());
        reason.setWrapText(true);
        Label signer = new Label();
        signer.setId("proof-verdict-signer");
        signer.textProperty().bind(model.verdictSignerProperty());
        signer.getStyleClass().add("mono");
        signer.setWrapText(true);
        Label problems = new Label();
        problems.setId("proof-verdict-problems");
        problems.textProperty().bind(model.verdictProblemsProperty());
        problems.setWrapText(true);
        hiddenWhenEmpty(problems);
        Label keyNote = ViewParts.muted(model.verdictKeyNoteProperty());
        keyNote.setId("proof-verdict-key-note");
        hiddenWhenEmpty(keyNote);
        Label file = ViewParts.muted(model.verdictFileProperty());
        file.setId("proof-verdict-file");
        FontIcon icon = new FontIcon(Feather.HELP_CIRCLE);
        icon.setIconSize(40);
        HBox head = new HBox(14, icon, verdict);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(10, head, meaning, reason, problems, signer, keyNote, file);
        card.setId("proof-verdict-card");
        card.getStyleClass().add("verdict-card");
        card.setPadding(new Insets(16, 18, 16, 18));
        card.visibleProperty().bind(model.verdictProperty().isNotNull());
        card.managedProperty().bind(card.visibleProperty());
        model.verdictProperty().addListener((obs, old, outcome) -> verdictStyle(card, icon, outcome));

        VBox pane = new VBox(14, intro, line, ViewParts.error(model.verifyQuery().errorProperty()), card);
        pane.setPadding(new Insets(12, 4, 12, 4));
        pane.setMaxWidth(900);
        ScrollPane scroll = new ScrollPane(new StackPane(pane));
        ((StackPane) scroll.getContent()).setAlignment(Pos.TOP_LEFT);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }

    private static void verdictStyle(VBox card, FontIcon icon, PacketVerification.Outcome outcome) {
        card.getStyleClass().removeAll("verdict-valid", "verdict-invalid", "verdict-indeterminate");
        icon.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
        if (outcome == null) {
            return;
        }
        switch (outcome) {
            case VALID -> {
                card.getStyleClass().add("verdict-valid");
                icon.setIconCode(Feather.CHECK_CIRCLE);
                icon.getStyleClass().add(Styles.SUCCESS);
            }
            case INVALID -> {
                card.getStyleClass().add("verdict-invalid");
                icon.setIconCode(Feather.X_OCTAGON);
                icon.getStyleClass().add(Styles.DANGER);
            }
            case INDETERMINATE -> {
                card.getStyleClass().add("verdict-indeterminate");
                icon.setIconCode(Feather.ALERT_TRIANGLE);
                icon.getStyleClass().add(Styles.WARNING);
            }
        }
    }

    // ---- shared bits ----

    private static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }


    private static void hiddenWhenEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    private static void shownFor(Node node, ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(node.visibleProperty());
    }

    private static Node labelled(String caption, Node field, Node under) {
        Label label = new Label(caption);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        label.setMinWidth(110);
        label.setPrefWidth(110);
        HBox.setHgrow(field, Priority.ALWAYS);
        if (field instanceof Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        HBox line = new HBox(10, label, field);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, line);
        if (under != null) {
            VBox.setMargin(under, new Insets(0, 0, 0, 120));
            box.getChildren().add(under);
        }
        return box;
    }
}
