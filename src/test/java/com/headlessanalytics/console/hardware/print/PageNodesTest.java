package com.headlessanalytics.console.hardware.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.hardware.labels.LabelDrawing;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The node every preview and print draws: its size is the page's at the scale, its boxes form one
 * path, its texts keep the widths the layout gave them, and a snapshot of it decodes (always runs,
 * no printer needed).
 */
class PageNodesTest {

    @BeforeAll
    static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
    }

    @Test
    void aLabelSnapshotDecodesToItsPayloadAtTheScaleAsked() throws Exception {
        LabelItem item = new LabelItem("7K3M9Q01", "Riesling 0.75 l, batch 12",
                "https://shop.example.com/p/100?ha_code=7K3M9Q01", Symbology.QR);
        PageDrawing page = LabelDrawing.page(new LabelJob(LabelTemplates.DYMO_30334, List.of(item), 1,
                ErrorCorrection.H), 0);
        double scale = 12;
        BufferedImage image = WaitForAsyncUtils.asyncFx(() -> {
            Group node = PageNodes.node(page, scale);
            new Scene(new Group(node));
            assertThat(node.getLayoutBounds().getWidth()).isCloseTo(57 * scale, org.assertj.core.data.Offset.offset(0.5));
            assertThat(node.getLayoutBounds().getHeight()).isCloseTo(32 * scale, org.assertj.core.data.Offset.offset(0.5));
            for (PageDrawing.Mark m : page.marks()) {
                if (m instanceof PageDrawing.Text t) {
                    Text text = (Text) node.getChildren().stream().filter(n -> n instanceof Text x
                            && x.getText().equals(t.text())).findFirst().orElseThrow();
                    assertThat(text.getBoundsInParent().getWidth()).as("width of \"%s\"", t.text())
                            .isCloseTo(t.widthMm() * scale, org.assertj.core.data.Offset.offset(1.0));
                }
            }
            WritableImage shot = node.snapshot(null, null);
            return SwingFXUtils.fromFXImage(shot, null);
        }).get(10, TimeUnit.SECONDS);
        assertThat(DrawingDecoder.decode(image)).isEqualTo(item.payload());
    }
}
