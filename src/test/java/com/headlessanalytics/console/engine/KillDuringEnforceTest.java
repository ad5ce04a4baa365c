package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL during enforce bursts never answered an allow whose receipt is not
 * on disk, and leaves a chain that verifies and budgets that match the allow receipts.
 */
class KillDuringEnforceTest {
    static final int ALLOWS_BEFORE_KILL = 40;

    @TempDir
    Path dir;

    @Test
    void everyAnsweredAllowHasItsReceiptAndTheChainVerifies() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EnforceChild.class.getName(), dir.toString())
                .redirectError(dir.resolve("child.log").toFile())
                .start();
        Map<String, String> answered = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String ready = out.readLine();
            assertThat(ready).as("child failed to start: %s", ready == null
                    ? Files.readString(dir.resolve("child.log")) : "").isEqualTo("READY");
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                answered.put(parts[1], parts[2]);
                if (answered.size() == ALLOWS_BEFORE_KILL) {
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(answered).hasSize(ALLOWS_BEFORE_KILL);

        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = engine.defaultWorkspace();
            for (Map.Entry<String, String> allow : answered.entrySet()) {
                assertThat(api.receipts(null, allow.getKey()).receipts()).as("receipt of %s", allow.getKey())
                        .extracting(Governance.Receipt::id, Governance.Receipt::outcome)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(allow.getValue(), "allow"));
                assertThat(api.decision(allow.getKey()).state()).isEqualTo("released");
            }
            Governance.Receipts all = api.receipts(null, null);
            assertThat(all.chain().intact()).as(all.chain().problem()).isTrue();
            BigDecimal allowed = all.receipts().stream().filter(r -> r.outcome().equals("allow"))
                    .map(r -> new BigDecimal(api.decision(r.decisionObjectId()).proposedAction().get("amount").asText()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(all.receipts().stream().filter(r -> r.outcome().equals("allow")).count())
                    .isGreaterThanOrEqualTo(ALLOWS_BEFORE_KILL);
            assertThat(api.grants().grants().get(0).spent()).as("spent is the sum of the allow receipts")
                    .isEqualByComparingTo(allowed);
            assertThat(api.decisions("released").decisions()).hasSize((int) all.receipts().stream()
                    .filter(r -> r.outcome().equals("allow")).count());
        }
    }
}
