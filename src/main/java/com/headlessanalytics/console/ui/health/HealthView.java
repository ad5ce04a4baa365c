package com.headlessanalytics.console.ui.health;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Runtime health: a summary, one card per check with what to do about it, and the settings. */
public final class HealthView extends ScreenScaffold {
    private final VBox cards = new VBox(8);
    private final VBox settingsBox = new VBox(4);

    public HealthView(HealthViewModel model) {
        super("Runtime health", model.query());
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("health-refresh");
        headerActions(refresh);

        Label summary = new Label();
        summary.setId("health-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TITLE_4);
        model.overallProperty().addListener((obs, old, status) -> {
            summary.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING, Styles.DANGER);
            String style = style(status);
            if (!style.isEmpty()) {
                summary.getStyleClass().add(style);
            }
        });
        summary(summary);

        cards.setId("health-checks");
        Label settingsTitle = new Label("Settings (names only, never values)");
        settingsTitle.getStyleClass().add(Styles.TITLE_4);
        VBox content = new VBox(16, cards, settingsTitle, settingsBox);
        content.setPadding(new Insets(8, 4, 12, 0));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        body(scroll);

        model.checks().addListener((ListChangeListener<HealthViewModel.Row>) c ->
                cards.getChildren().setAll(model.checks().stream().map(HealthView::card).toList()));
        model.settings().addListener((ListChangeListener<String>) c ->
                settingsBox.getChildren().setAll(model.settings().stream().map(s -> {
                    Label l = new Label(s);
                    l.setWrapText(true);
                    return (Node) l;
                }).toList()));
    }

    /** A status's style: ok success, warn or degraded warning, fail danger. */
    private static String style(String status) {
        return switch (status) {
            case "ok" -> Styles.SUCCESS;
            case "warn", "degraded" -> Styles.WARNING;
            case "fail" -> Styles.DANGER;
            default -> "";
        };
    }

    private static Node card(HealthViewModel.Row row) {
        FontIcon icon = new FontIcon(switch (row.state()) {
            case "ok" -> Feather.CHECK_CIRCLE;
            case "warn" -> Feather.ALERT_TRIANGLE;
            default -> Feather.X_CIRCLE;
        });
        String style = style(row.state());
        icon.getStyleClass().add(style.isEmpty() ? Styles.DANGER : style);
        icon.setIconSize(20);
        Label name = new Label(row.title());
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
