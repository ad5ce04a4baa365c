package com.headlessanalytics.console.ui.shell;

import com.headlessanalytics.console.ui.common.TestTasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.ui.common.Activatable;
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
