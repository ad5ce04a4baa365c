package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.hardware.print.PageNodes;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Group;
import javafx.scene.effect.DropShadow;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A page drawing scaled to fit, centred: the very node that is printed ({@link PageNodes}), built
 * again at the fitting scale when the size changes, so text and modules stay sharp vectors.
 */
public final class PagePreview extends Region {
    private final ObjectProperty<PageDrawing> drawing = new SimpleObjectProperty<>();
    private final double padding;
    private Group node;
    private double builtScale;

    /** @param padding space kept around the page, in pixels */
    public PagePreview(double padding) {
        this.padding = padding;
        getStyleClass().add("label-preview");
        drawing.addListener((obs, old, d) -> {
            builtScale = 0;
            requestLayout();
        });
        setMinSize(40, 40);
    }

    public ObjectProperty<PageDrawing> drawingProperty() {
        return drawing;
    }

    @Override
    protected void layoutChildren() {
        PageDrawing d = drawing.get();
        if (d == null || d.widthMm() <= 0 || d.heightMm() <= 0) {
            getChildren().clear();
            node = null;
            return;
        }
        double w = getWidth() - 2 * padding;
        double h = getHeight() - 2 * padding;
        double scale = Math.max(0.05, Math.min(w / d.widthMm(), h / d.heightMm()));
        if (node == null || Math.abs(scale - builtScale) > builtScale * 0.02) {
            node = PageNodes.node(d, scale);
            node.setEffect(new DropShadow(6, Color.gray(0, 0.35)));
            builtScale = scale;
            getChildren().setAll(node);
        }
        node.relocate(Math.round((getWidth() - d.widthMm() * builtScale) / 2),
                Math.round((getHeight() - d.heightMm() * builtScale) / 2));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 320;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 320;
    }
}
