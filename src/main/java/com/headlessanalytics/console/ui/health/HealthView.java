package com.headlessanalytics.console.ui.health;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.RuntimeHealth;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Runtime health: a summary, one card per check with what to do about it, and the settings. */
public final class HealthView extends BorderPane {
    private final VBox cards = new VBox(8);
    private final VBox settingsBox = new VBox(4);

    public HealthView(HealthViewModel model) {
        getStyleClass().add("screen");
        Label title = new Label("Runtime health");
        title.getStyleClass().add(Styles.TITLE_2);
        Label checkedAt = new Label();
        checkedAt.textProperty().bind(model.checkedAtProperty());
        checkedAt.getStyleClass().add(Styles.TEXT_MUTED);
        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.disableProperty().bind(model.refreshingProperty());
        refresh.setOnAction(e -> model.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(12, title, grow, checkedAt, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TITLE_4);
        model.overallProperty().addListener((obs, old, status) -> {
            summary.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            summary.getStyleClass().add(RuntimeHealth.OK.equals(status) ? Styles.SUCCESS
                    : RuntimeHealth.FAIL.equals(status) ? Styles.DANGER : Styles.WARNING);
        });
        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label settingsTitle = new Label("Settings (names only, never values)");
        settingsTitle.getStyleClass().add(Styles.TITLE_4);
        VBox body = new VBox(16, summary, error, cards, settingsTitle, settingsBox);
        body.setPadding(new Insets(0, 4, 12, 0));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        setTop(header);
        BorderPane.setMargin(header, new Insets(0, 0, 16, 0));
        setCenter(scroll);

        model.checks().addListener((ListChangeListener<HealthViewModel.Row>) c ->
                cards.getChildren().setAll(model.checks().stream().map(HealthView::card).toList()));
        model.settings().addListener((ListChangeListener<String>) c ->
                settingsBox.getChildren().setAll(model.settings().stream().map(s -> {
                    Label l = new Label(s);
                    l.setWrapText(true);
                    return (Node) l;
                }).toList()));
    }

    private static Node card(HealthViewModel.Row row) {
        FontIcon icon = new FontIcon(switch (row.state()) {
            case RuntimeHealth.OK -> Feather.CHECK_CIRCLE;
            case RuntimeHealth.WARN -> Feather.ALERT_TRIANGLE;
            default -> Feather.X_CIRCLE;
        });
        icon.getStyleClass().add(switch (row.state()) {
            case RuntimeHealth.OK -> Styles.SUCCESS;
            case RuntimeHealth.WARN -> Styles.WARNING;
            default -> Styles.DANGER;
        });
        icon.setIconSize(20);
        Label name = new Label(row.name() + (row.required() ? "" : "  ·  optional"));
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label message = new Label(row.message());
        message.setWrapText(true);
        VBox text = new VBox(2, name, message);
        if (!row.todo().isEmpty()) {
            Label todo = new Label("What to do: " + row.todo());
            todo.setWrapText(true);
            todo.getStyleClass().add(Styles.TEXT_MUTED);
            text.getChildren().add(todo);
        }
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox card = new HBox(12, icon, text);
        card.setAlignment(Pos.TOP_LEFT);
        card.getStyleClass().add("health-card");
        card.setPadding(new Insets(10, 12, 10, 12));
        return card;
    }
}
