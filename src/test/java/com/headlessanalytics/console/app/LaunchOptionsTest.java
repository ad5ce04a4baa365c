package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.ui.shell.Area;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code --screen NAME}: the window opens on that screen; a wrong name lists the valid ones. A
 * {@code .haproof} file, as a file manager passes it, opens the window on its verdict.
 */
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
                        + " entities, trackables, labels, tracking-plans, connectors, exports, scanner, graphql, usage, runtime-health, settings");
        assertThatThrownBy(() -> LaunchOptions.parse("--screen")).hasMessageStartingWith("--screen needs a screen name");
        assertThatThrownBy(() -> LaunchOptions.parse("--screen", "scanner", "--fast"))
                .hasMessageStartingWith("Unknown option --fast");
    }

    @Test
    void aPacketFileOpensTheWindowOnItResolvedAgainstTheLaunchFolder() {
        Path cwd = Path.of("/home/ann/Downloads");
        assertThat(LaunchOptions.opensWindow(new String[] {"/home/ann/q3.haproof"})).isTrue();
        assertThat(LaunchOptions.opensWindow(new String[] {"Q3 AUDIT.HAPROOF"})).isTrue();
        assertThat(LaunchOptions.opensWindow(new String[] {"verify", "q3.haproof"})).as("the CLI command").isFalse();
        assertThat(LaunchOptions.opensWindow(new String[] {"events.ndjson"})).isFalse();

        assertThat(LaunchOptions.parse(cwd, "/tmp/q3.haproof")).isEqualTo(new LaunchOptions(null,
                Path.of("/tmp/q3.haproof")));
        assertThat(LaunchOptions.parse(cwd, "audits/../q3 audit.haproof").packet())
                .isEqualTo(Path.of("/home/ann/Downloads/q3 audit.haproof"));
        assertThat(LaunchOptions.parse(cwd, "--screen", "overview", "q3.haproof"))
                .isEqualTo(new LaunchOptions(Area.OVERVIEW, Path.of("/home/ann/Downloads/q3.haproof")));
        assertThat(LaunchOptions.parse("q3.haproof").packet()).isEqualTo(Path.of("q3.haproof").toAbsolutePath());
        assertThatThrownBy(() -> LaunchOptions.parse(cwd, "a.haproof", "b.haproof"))
                .hasMessage("Open one .haproof packet at a time; got /home/ann/Downloads/a.haproof and b.haproof");
        assertThatThrownBy(() -> LaunchOptions.parse(cwd, "notes.txt"))
                .hasMessage("Unknown option notes.txt for the console window; use --screen NAME, a .haproof file to"
                        + " verify, or a command (ha --help)");
    }
}
