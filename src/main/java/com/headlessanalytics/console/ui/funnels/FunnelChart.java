package com.headlessanalytics.console.ui.funnels;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.Funnels;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A funnel drawn as one bar per step, its height the step's share of step 1, with the count and the
 * conversions under it and the drop-off between bars. Clicking a bar lists who reached the step;
 * clicking a drop-off lists who dropped there.
 */
final class FunnelChart extends HBox {
    private final BiConsumer<Integer, Funnels.Outcome> onPick;

    FunnelChart(BiConsumer<Integer, Funnels.Outcome> onPick) {
        super(0);
        this.onPick = onPick;
        setAlignment(Pos.BOTTOM_LEFT);
        setPadding(new Insets(8, 4, 4, 4));
        setMinHeight(220);
    }

    /** @param picked whether a step's bar (REACHED) or drop-off (DROPPED) is the one whose actors are listed */
    void show(List<FunnelBuilder.StepRow> steps, BiPredicate<Integer, Funnels.Outcome> picked) {
        getChildren().clear();
        if (steps.isEmpty()) {
            Label empty = new Label("Run a funnel to see how many actors reach each step.");
            empty.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(empty);
            setAlignment(Pos.CENTER);
            return;
        }
        setAlignment(Pos.BOTTOM_LEFT);
        long first = steps.get(0).count();
        for (int i = 0; i < steps.size(); i++) {
            FunnelBuilder.StepRow s = steps.get(i);
            if (i > 0) {
                getChildren().add(dropOff(s, picked.test(s.step(), Funnels.Outcome.DROPPED)));
            }
            Node column = column(s, first, picked.test(s.step(), Funnels.Outcome.REACHED));
            HBox.setHgrow(column, Priority.ALWAYS);
            getChildren().add(column);
        }
    }

    private Node column(FunnelBuilder.StepRow s, long first, boolean selected) {
        double share = s.barShare(first);
        Label count = new Label(s.countText());
        count.getStyleClass().addAll(Styles.TITLE_4);
        Region track = new Region();
        track.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 6 6 0 0;");
        Region bar = new Region();
        bar.setStyle("-fx-background-color: " + (selected ? "-color-accent-fg" : "-color-accent-emphasis")
                + "; -fx-background-radius: 6 6 0 0;");
        StackPane area = new StackPane(track, bar);
        area.setAlignment(Pos.BOTTOM_CENTER);
        area.setMinHeight(60);
        area.setPrefHeight(150);
        VBox.setVgrow(area, Priority.ALWAYS);
        bar.setMinHeight(2);
        bar.maxHeightProperty().bind(area.heightProperty().multiply(share));
        bar.prefHeightProperty().bind(bar.maxHeightProperty());
        track.setMaxHeight(Double.MAX_VALUE);
        Label name = new Label(s.step() + ". " + breakable(s.label()));
        name.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL);
        name.setWrapText(true);
        name.setMinHeight(32);
        name.setPrefHeight(32);
        name.setMaxHeight(32);
        name.setAlignment(Pos.TOP_CENTER);
        name.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Tooltip.install(name, new Tooltip(s.label() + " (" + s.event() + ")"));
        Label fromStart = new Label(s.chartFromStart());
        Label fromPrevious = new Label(s.chartFromPrevious());
        Label median = new Label(s.chartMedian());
        for (Label l : List.of(fromStart, fromPrevious, median)) {
            l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        }
        VBox column = new VBox(4, count, area, name, fromStart, fromPrevious, median);
        column.setAlignment(Pos.BOTTOM_CENTER);
        column.setMinWidth(80);
        column.setPrefWidth(150);
        column.setMaxWidth(Double.MAX_VALUE);
        column.setPadding(new Insets(4, 6, 4, 6));
        column.setCursor(Cursor.HAND);
        Tooltip.install(column, new Tooltip("Click to list the actors who reached step " + s.step()));
        column.setOnMouseClicked(e -> onPick.accept(s.step(), Funnels.Outcome.REACHED));
        return column;
    }

    /** Lets a dotted event name wrap after its dots, underscores and dashes. */
    static String breakable(String text) {
        return text.replaceAll("([._-])", "$1\u200B");
    }

    private Node dropOff(FunnelBuilder.StepRow s, boolean selected) {
        FontIcon arrow = new FontIcon(Feather.CHEVRONS_RIGHT);
        arrow.getStyleClass().add(Styles.DANGER);
        Label lost = new Label("−" + s.dropOffText());
        lost.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_BOLD);
        Label share = new Label(s.dropOffShareText());
        share.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_SMALL);
        Label dropped = new Label("dropped");
        dropped.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox box = new VBox(2, arrow, lost, share, dropped);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(6, 2, 6, 2));
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.setCursor(Cursor.HAND);
        box.setStyle(selected ? "-fx-background-color: -color-danger-subtle; -fx-background-radius: 6;" : "");
        Tooltip.install(box, new Tooltip("Click to list the actors who reached step " + (s.step() - 1)
                + " but not step " + s.step()));
        box.setOnMouseClicked(e -> onPick.accept(s.step(), Funnels.Outcome.DROPPED));
        VBox wrapper = new VBox(box);
        wrapper.setAlignment(Pos.CENTER);
        return wrapper;
    }
}
