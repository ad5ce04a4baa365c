package com.headlessanalytics.console.ui.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Entities screen over a real engine filled by the demo generator, saved as PNG under the
 * build folder's screenshots for a person to look at: the list, a product with the customers who
 * viewed it and the shops that stock it, and a shop reached through that link.
 */
class EntitiesScreenshotTest extends EngineScreenTest {

    @ParameterizedTest(name = "dark={0}")
    @ValueSource(booleans = {false, true})
    void demoEntitiesRender(boolean dark) {
        String theme = dark ? "-dark" : "";
        DemoGenerator demo = DemoGenerator.builder(System.currentTimeMillis()).events(5_000).seed(7).days(28).build();
        demo.forEachBatch(1000, batch -> engine.defaultWorkspace().ingest(batch));
        EntitiesViewModel model = ScreenRobot.onFx(() -> new EntitiesViewModel(engine::defaultWorkspace, tasks,
                ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new EntitiesView(model), dark)) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> !model.rows().isEmpty(), () -> "rows " + model.rows().size());
            robot.screenshot("entities-demo-list" + theme);
            robot.read(() -> {
                model.showEntity("product", "olive-oil-500ml");
                return null;
            });
            robot.waitUntil(() -> !model.events().isEmpty() && !model.links().isEmpty(),
                    () -> "detail " + model.detailStatusProperty().get());
            assertThat(model.detailTitleProperty().get()).isEqualTo("Olive oil 500 ml");
            assertThat(model.properties()).extracting(EntitiesViewModel.PropertyRow::key)
                    .contains("price", "category");
            robot.screenshot("entities-demo-product" + theme);
            robot.clickOn("Linked entities");
            EntitiesViewModel.LinkRow shop = robot.read(() -> model.links().stream()
                    .filter(l -> l.type().equals("location")).findFirst().orElseThrow());
            assertThat(shop.relation()).isEqualTo("← stocks");
            robot.screenshot("entities-demo-product-links" + theme);
            robot.read(() -> {
                model.openLink(shop);
                return null;
            });
            robot.waitUntil(() -> model.detailTitleProperty().get().equals(shop.name()) && !model.links().isEmpty(),
                    () -> "title " + model.detailTitleProperty().get());
            robot.clickOn("Properties");
            robot.screenshot("entities-demo-location" + theme);
        }
    }
}
