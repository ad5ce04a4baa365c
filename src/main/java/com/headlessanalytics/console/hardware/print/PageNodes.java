package com.headlessanalytics.console.hardware.print;

import com.headlessanalytics.console.hardware.labels.PageDrawing;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.HLineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.VLineTo;
import javafx.scene.transform.Scale;
import javafx.scene.text.Font;
import javafx.scene.text.FontSmoothingType;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * A {@link PageDrawing} as a JavaFX node: a white page, every box as one filled vector path (no
 * seams between abutting modules, never a bitmap) and every text at its baseline, stretched or
 * narrowed to the width the drawing gives it (Helvetica metrics) so it stays where the layout put
 * it whatever font the system has. The same node
 * is the on-screen preview and what is printed, so the two always agree.
 */
public final class PageNodes {
    /** JavaFX printing measures nodes in points: 1 mm is 72 / 25.4 of them. */
    public static final double POINTS_PER_MM = 72 / 25.4;
    /** The font every label text is set in (the JavaFX logical sans-serif). */
    public static final String FONT_FAMILY = "SansSerif";

    private PageNodes() {
    }

    /** The page with {@code scale} node units per millimetre; its top-left corner at (0, 0). */
    public static Group node(PageDrawing drawing, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("the scale must be positive");
        }
        Rectangle paper = new Rectangle(drawing.widthMm() * scale, drawing.heightMm() * scale, Color.WHITE);
        paper.setId("page-paper");
        Path boxes = new Path();
        boxes.setId("page-boxes");
        boxes.setFill(Color.BLACK);
        boxes.setStroke(null);
        Group group = new Group(paper, boxes);
        for (PageDrawing.Mark mark : drawing.marks()) {
            if (mark instanceof PageDrawing.Box b) {
                double x = b.xMm() * scale;
                double y = b.yMm() * scale;
                boxes.getElements().addAll(new MoveTo(x, y), new HLineTo(x + b.widthMm() * scale),
                        new VLineTo(y + b.heightMm() * scale), new HLineTo(x), new ClosePath());
            } else if (mark instanceof PageDrawing.Text t) {
                Text text = new Text(t.xMm() * scale, t.yMm() * scale, t.text());
                text.setTextOrigin(VPos.BASELINE);
                text.setFont(Font.font(FONT_FAMILY, t.bold() ? FontWeight.BOLD : FontWeight.NORMAL,
                        t.sizeMm() * scale));
                text.setFontSmoothingType(FontSmoothingType.GRAY);
                text.setFill(Color.BLACK);
                double have = text.getLayoutBounds().getWidth();
                double want = t.widthMm() * scale;
                if (have > 0 && want > 0) {
                    text.getTransforms().add(new Scale(want / have, 1, t.xMm() * scale, t.yMm() * scale));
                }
                group.getChildren().add(text);
            }
        }
        return group;
    }
}
