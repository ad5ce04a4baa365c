package com.headlessanalytics.console.ui.entities;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import java.time.ZoneOffset;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;

/**
 * The Entities screen in a real window, driven by the robot: type filter and search, a click shows
 * the entity, a double-click on a linked entity opens it and Back returns, Enter on a link opens
 * it too, Load more events pages the timeline, and an entity that cannot be read says why.
 */
class EntitiesInteractionTest {

    @Test
    void searchSelectFollowALinkGoBackAndPageTheTimeline() {
        FakeEntitiesApi api = FakeEntitiesApi.shop(30);
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        try {
            EntitiesViewModel model = ScreenRobot.onFx(() -> new EntitiesViewModel(() -> api, tasks, ZoneOffset.UTC));
            try (ScreenRobot robot = ScreenRobot.show(() -> new EntitiesView(model))) {
                robot.read(() -> {
                    model.activate();
                    return null;
                });
                robot.waitUntil(() -> model.rows().size() == 4, () -> "rows " + model.rows());
                robot.typeInto("#entities-type .text-field", "product").type(KeyCode.ENTER);
                robot.waitUntil(() -> model.rows().size() == 2, () -> "rows " + model.rows());
                robot.typeInto("#entities-search", "olive").type(KeyCode.ENTER);
                robot.waitUntil(() -> model.rows().size() == 1, () -> "rows " + model.rows());

                robot.clickOn("Olive oil 500 ml");
                robot.waitUntil(() -> model.events().size() == EntitiesViewModel.EVENTS_PAGE,
                        () -> "events " + model.events().size());
                assertThat(title(robot)).isEqualTo("Olive oil 500 ml");
                assertThat(robot.read(() -> robot.<TableView<?>>find("#entities-properties").getItems().size()))
                        .isEqualTo(2);
                robot.screenshot("interaction-entities-timeline");
                robot.clickOn("#entities-more-events");
                robot.waitUntil(() -> model.events().size() == 30, () -> "events " + model.events().size());
                assertThat(robot.read(() -> robot.<Button>find("#entities-more-events").isVisible())).isFalse();

                robot.clickOn("Properties");
                assertThat(robot.read(() -> robot.<TableView<?>>find("#entities-properties").isVisible())).isTrue();
                robot.clickOn("Linked entities");
                robot.doubleClickOn("Porto market stall", MouseButton.PRIMARY);
                robot.waitUntil(() -> title(robot).equals("Porto market stall") && model.links().size() == 1,
                        () -> "title " + title(robot));
                assertThat(robot.read(() -> robot.<Button>find("#entities-back").getText()))
                        .isEqualTo("Back to product olive-oil-500ml");
                robot.clickOn("#entities-back");
                robot.waitUntil(() -> title(robot).equals("Olive oil 500 ml") && model.links().size() == 2,
                        () -> "title " + title(robot));
                assertThat(robot.read(() -> robot.<Button>find("#entities-back").isVisible())).isFalse();
                robot.screenshot("interaction-entities-links");

                TableView<?> links = robot.find("#entities-links");
                robot.read(() -> {
                    links.requestFocus();
                    links.getSelectionModel().select(0);
                    return null;
                });
                robot.type(KeyCode.ENTER);
                robot.waitUntil(() -> title(robot).equals("Ada Silva"), () -> "title " + title(robot));

                api.failure = new ApiException.Unreachable("connection refused", null);
                robot.clickOn("#entities-back");
                robot.waitUntil(() -> robot.<Label>find("#entities-detail-status").isVisible(),
                        () -> "status " + model.detailStatusProperty().get());
                assertThat(robot.read(() -> robot.<Label>find("#entities-detail-status").getText()))
                        .isEqualTo("The API could not be reached: connection refused");
            }
        } finally {
            tasks.close();
        }
    }

    private static String title(ScreenRobot robot) {
        return robot.read(() -> robot.<Label>find("#entities-detail-title").getText());
    }
}
