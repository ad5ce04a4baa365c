package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.graphql.CurlTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo workspace lives in its own folder, is filled once, and never mixes into the user's. */
class ConsoleWorkspacesTest {
    @TempDir
    Path dir;

    @Test
    void demoIsSeparateFilledOnceAndSwitchesBothWays() throws Exception {
        Path own = dir.resolve("headless-analytics");
        ConsoleWorkspaces workspaces = new ConsoleWorkspaces(own, 3000);
        List<Double> progress = new ArrayList<>();
        TaskRunner.Progress p = new TaskRunner.Progress() {
            @Override
            public void update(double fraction, String message) {
                progress.add(fraction);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        try {
            assertThat(workspaces.openOwn(p).demo()).isFalse();
            assertThat(workspaces.empty()).isTrue();

            assertThat(workspaces.profileInUse()).contains(ConnectionProfiles.DEFAULT_ID);
            var demo = workspaces.openDemo(p);
            assertThat(demo.demo()).isTrue();
            assertThat(workspaces.profileInUse()).as("no profile is in use while the demo is open").isEmpty();
            assertThat(demo.description()).contains("headless-analytics-demo");
            assertThat(Files.isDirectory(dir.resolve("headless-analytics-demo"))).isTrue();
            assertThat(progress).isNotEmpty().last().isEqualTo(1.0);
            var page = workspaces.api().events(EventQuery.all().withLimit(1000));
            assertThat(page.events()).hasSize(1000).allMatch(DemoGenerator::isDemo);

            workspaces.openOwn(p);
            assertThat(workspaces.empty()).isTrue();
            assertThat(workspaces.profileInUse()).contains(ConnectionProfiles.DEFAULT_ID);
            progress.clear();
            workspaces.openDemo(p);
            assertThat(progress).as("filled only once").isEmpty();
        } finally {
            workspaces.close();
        }
    }

    @Test
    void copyAsCurlTargetsServeModeWhileItRunsAndARemoteApiWithoutItsSecret() throws Exception {
        ConsoleWorkspaces workspaces = new ConsoleWorkspaces(dir.resolve("own"), 0);
        try {
            workspaces.openOwn(null);
            CurlTarget none = workspaces.curlTarget();
            assertThat(none.available()).isFalse();
            assertThat(none.unavailable()).contains("serve mode");

            String base = workspaces.serve().start("127.0.0.1", 0).baseUrl();
            String key = workspaces.serve().createKey("curl").secret();
            CurlTarget served = workspaces.curlTarget();
            assertThat(served.baseUrl()).isEqualTo(base);
            assertThat(served.headers()).containsExactly("Authorization: Bearer $HA_API_KEY");

            workspaces.use(new ConnectionProfile("prf_remote", "Remote", ConnectionProfile.Kind.REMOTE_KEY, null,
                    base, null), key);
            CurlTarget remote = workspaces.curlTarget();
            assertThat(remote.baseUrl()).isEqualTo(base);
            assertThat(remote.headers()).containsExactly("Authorization: Bearer $HA_API_KEY")
                    .noneMatch(h -> h.contains(key));
        } finally {
            workspaces.close();
        }
    }
}
