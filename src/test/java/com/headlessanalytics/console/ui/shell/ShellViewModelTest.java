package com.headlessanalytics.console.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellViewModelTest {
    @Test
    void switchingAreasDeactivatesTheOldScreenAndActivatesTheNew() {
        List<String> calls = new ArrayList<>();
        ShellViewModel model = new ShellViewModel(Map.of(Area.EVENTS, screen("events", calls),
                Area.RUNTIME_HEALTH, screen("health", calls)), TestTasks.direct());
        model.select(Area.EVENTS);
        model.select(Area.EVENTS);
        model.select(Area.RUNTIME_HEALTH);
        model.select(Area.FUNNELS);
        assertThat(calls).containsExactly("events on", "events off", "health on");
        assertThat(model.selectedProperty().get()).isEqualTo(Area.RUNTIME_HEALTH);
        assertThat(model.canSelect(Area.FUNNELS)).isFalse();
    }

    @Test
    void onlyAreasWithAScreenOpenAndTheFirstNineHaveShortcuts() {
        List<String> calls = new ArrayList<>();
        ShellViewModel model = new ShellViewModel(Map.of(Area.CONNECTION, screen("connection", calls),
                Area.SETTINGS, screen("settings", calls)), TestTasks.direct());
        assertThat(model.open(Area.APPROVALS).isExecutable()).isFalse();
        assertThat(model.tooltip(Area.APPROVALS)).isEqualTo("Approvals is not available in this version yet");
        assertThat(model.shortcut(Area.CONNECTION)).isEqualTo(1);
        assertThat(model.shortcut(Area.SETTINGS)).isEqualTo(2);
        assertThat(model.tooltip(Area.SETTINGS)).isEqualTo("Settings  (Ctrl+2)");
        model.open(Area.APPROVALS).execute();
        model.open(Area.SETTINGS).execute();
        assertThat(model.selectedProperty().get()).isEqualTo(Area.SETTINGS);
        assertThat(calls).containsExactly("settings on");
        assertThat(Area.TRACKABLES.title()).isEqualTo("Trackables");
        assertThat(Area.OVERVIEW.title()).isEqualTo("Overview");
        assertThat(Area.GRAPHQL.title()).isEqualTo("GraphQL");
    }

    @Test
    void theStatusBarShowsTheNewestTaskAndHowManyMoreRun() {
        TestTasks tasks = TestTasks.held();
        ShellViewModel model = new ShellViewModel(Map.of(), tasks);
        tasks.submit("Reading API keys", p -> 1, r -> { }, f -> { });
        assertThat(model.taskTitleProperty().get()).isEqualTo("Reading API keys");
        tasks.submit("Testing the connection", p -> {
            p.update(0.5, "half");
            return 1;
        }, r -> { }, f -> { });
        assertThat(model.taskTitleProperty().get()).isEqualTo("Testing the connection  (+1 more)");
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(model.taskProgressProperty().get()).as("unknown yet").isNegative();
        double[] seen = {0};
        tasks.onUpdate = u -> seen[0] = model.taskProgressProperty().get();
        tasks.runLast();
        assertThat(seen[0]).as("the progress follows the newest task").isEqualTo(0.5);
        assertThat(model.taskTitleProperty().get()).isEqualTo("Reading API keys");
        tasks.runAll();
        assertThat(model.taskTitleProperty().get()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
    }

    @Test
    void aBadgeFollowsItsCountAndADesktopNoticeIsPublished() {
        ShellViewModel model = new ShellViewModel(Map.of(), TestTasks.direct());
        javafx.beans.property.SimpleIntegerProperty count = new javafx.beans.property.SimpleIntegerProperty();
        model.showBadge(Area.APPROVALS, count);
        assertThat(model.badgeProperty(Area.APPROVALS).get()).as("nothing at 0").isEmpty();
        count.set(3);
        assertThat(model.badgeProperty(Area.APPROVALS).get()).isEqualTo("3");
        count.set(120);
        assertThat(model.badgeProperty(Area.APPROVALS).get()).isEqualTo("99+");
        assertThat(model.badgeProperty(Area.EVENTS).get()).isEmpty();

        List<String> opened = new ArrayList<>();
        model.notifyDesktop(new ShellViewModel.DesktopNotice("A decision awaits your approval", "text",
                () -> opened.add("dec_1")));
        model.desktopNoticeProperty().get().open().run();
        assertThat(opened).containsExactly("dec_1");
    }

    private static Activatable screen(String name, List<String> calls) {
        return new Activatable() {
            @Override
            public void activate() {
                calls.add(name + " on");
            }

            @Override
            public void deactivate() {
                calls.add(name + " off");
            }
        };
    }
}
