package com.headlessanalytics.console.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every screen's frame: a header with the title, the status line, a spinner and Cancel while work
 * runs, and the screen's own header actions; rows of controls; the error banner; summary rows; and
 * the body in the centre. A screen without a {@link ScreenState} gets the title alone.
 */
public class ScreenScaffold extends BorderPane {
    private final HBox header;
    private final HBox actions = new HBox(8);
    private final VBox controls = new VBox(10);
    private final VBox summary = new VBox(8);

    public ScreenScaffold(String title, ScreenState state) {
        getStyleClass().add("screen");
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_2);
        heading.setId("screen-title");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        actions.setAlignment(Pos.CENTER_LEFT);
        header = new HBox(12, heading, grow);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(12, header, controls);
        if (state != null) {
            Label status = new Label();
            status.setId("screen-status");
            status.textProperty().bind(state.statusProperty());
            status.getStyleClass().add(Styles.TEXT_MUTED);
            status.setMinWidth(0);
            ProgressIndicator spinner = new ProgressIndicator(-1);
            spinner.setPrefSize(16, 16);
            spinner.setMinSize(16, 16);
            spinner.visibleProperty().bind(state.runningProperty());
            spinner.managedProperty().bind(spinner.visibleProperty());
            Button cancel = new Button("Cancel", new FontIcon(Feather.X));
            cancel.setId("screen-cancel");
            cancel.getStyleClass().add(Styles.FLAT);
            cancel.visibleProperty().bind(state.runningProperty());
            cancel.managedProperty().bind(cancel.visibleProperty());
            cancel.setOnAction(e -> state.cancel());
            header.getChildren().addAll(status, spinner, cancel, actions);
            Label error = ViewParts.error(state.errorProperty());
            error.setId("screen-error");
            Label notice = ViewParts.notice(state.noticeProperty());
            notice.setId("screen-notice");
            top.getChildren().addAll(error, notice);
        } else {
            header.getChildren().add(actions);
        }
        top.getChildren().add(summary);
        controls.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(controls.getChildren()));
        summary.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(summary.getChildren()));
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
    }

    /** Actions at the right of the header, after the status line. */
    protected final void headerActions(Node... nodes) {
        actions.getChildren().setAll(nodes);
    }

    /** Rows under the header and above the error banner: filters, query fields. */
    protected final void controls(Node... rows) {
        controls.getChildren().setAll(rows);
    }

    /** Rows under the error banner: totals, summaries. */
    protected final void summary(Node... rows) {
        summary.getChildren().setAll(rows);
    }

    /** The screen's main content. */
    protected final void body(Node content) {
        setCenter(content);
    }
}
