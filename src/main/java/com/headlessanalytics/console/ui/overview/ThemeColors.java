package com.headlessanalytics.console.ui.overview;

import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The AtlantaFX theme's colours as Java {@link Color}s, for controls that take colours in code
 * rather than from CSS (TilesFX tiles). Each colour is read from a hidden label styled with the
 * theme's looked-up colour; when the theme changes, CSS restyles the labels and the new palette is
 * handed on once, after the CSS pass, and only when it differs from the last one.
 */
final class ThemeColors {

    /** The colours a tile needs. */
    record Palette(Color background, Color foreground, Color muted, Color border, Color accent, Color track,
                   Color success, Color warning, Color danger) {
    }

    private static final String[] LOOKUPS = {"-color-bg-subtle", "-color-fg-default", "-color-fg-muted",
        "-color-border-default", "-color-accent-emphasis", "-color-neutral-muted", "-color-success-emphasis",
        "-color-warning-emphasis", "-color-danger-emphasis"};

    private final Label[] probes = new Label[LOOKUPS.length];
    private final Consumer<Palette> onChange;
    private Palette current;
    private boolean pending;

    /** Adds the hidden probes to {@code host} (they take no space) and reports each new palette. */
    ThemeColors(Pane host, Consumer<Palette> onChange) {
        this.onChange = onChange;
        for (int i = 0; i < LOOKUPS.length; i++) {
            Label probe = new Label();
            probe.setStyle("-fx-text-fill: " + LOOKUPS[i] + ";");
            probe.setManaged(false);
            probe.setMouseTransparent(true);
            probe.setOpacity(0);
            probe.resize(0, 0);
            probe.textFillProperty().addListener((obs, old, fill) -> schedule());
            probes[i] = probe;
        }
        host.getChildren().addAll(probes);
    }

    /** The palette read last; null until CSS has styled the probes. */
    Palette current() {
        return current;
    }

    /** One CSS pass restyles every probe: read them once, after the pass. */
    private void schedule() {
        if (!pending) {
            pending = true;
            Platform.runLater(this::update);
        }
    }

    private void update() {
        pending = false;
        Palette p = new Palette(color(0), color(1), color(2), color(3), color(4), color(5), color(6), color(7), color(8));
        if (!p.equals(current)) {
            current = p;
            onChange.accept(p);
        }
    }

    private Color color(int i) {
        Paint fill = probes[i].getTextFill();
        return fill instanceof Color c ? c : Color.GRAY;
    }
}
