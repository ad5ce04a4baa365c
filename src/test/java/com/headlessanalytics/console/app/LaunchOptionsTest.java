package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.ui.shell.Area;
import org.junit.jupiter.api.Test;

/** {@code --screen NAME}: the window opens on that screen; a wrong name lists the valid ones. */
class LaunchOptionsTest {
    @Test
    void screenNamesTheAreaToOpen() {
        assertThat(LaunchOptions.parse().screen()).isNull();
        assertThat(LaunchOptions.parse("--screen", "scanner").screen()).isEqualTo(Area.SCANNER);
        assertThat(LaunchOptions.parse("--screen=runtime-health").screen()).isEqualTo(Area.RUNTIME_HEALTH);
        assertThat(LaunchOptions.parse("--screen", "Agent-Context").screen()).isEqualTo(Area.AGENT_CONTEXT);
        assertThat(LaunchOptions.opensWindow(new String[] {"--screen", "scanner"})).isTrue();
        assertThat(LaunchOptions.opensWindow(new String[] {})).isTrue();
        assertThat(LaunchOptions.opensWindow(new String[] {"serve"})).isFalse();
    }

    @Test
    void anUnknownOrMissingNameSaysWhichAreValid() {
        assertThatThrownBy(() -> LaunchOptions.parse("--screen", "scaner"))
                .hasMessage("Unknown screen \"scaner\"; the screens are overview, connection, events, metrics,"
                        + " funnels, attribution, agent-context, approvals, grants, receipts, proof-trails,"
                        + " trackables, labels, tracking-plans, connectors, exports, scanner, graphql, usage, runtime-health, settings");
        assertThatThrownBy(() -> LaunchOptions.parse("--screen")).hasMessageStartingWith("--screen needs a screen name");
        assertThatThrownBy(() -> LaunchOptions.parse("--screen", "scanner", "--fast"))
                .hasMessageStartingWith("Unknown option --fast");
    }
}
