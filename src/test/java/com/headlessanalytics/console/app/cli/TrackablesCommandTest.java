package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.symbols.Symbols;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code trackables …} end to end through picocli, on a real data folder and against a real serve-mode server. */
class TrackablesCommandTest {
    @TempDir
    Path dir;

    private static JsonNode json(CliTest.Run run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return ApiJson.mapper().readTree(run.out());
    }

    @Test
    void createsListsAndShowsTrackablesInADataFolder() throws Exception {
        String data = dir.resolve("data").toString();
        Path svg = dir.resolve("labels/oil.svg");
        JsonNode oil = json(run("trackables", "create", "--kind", "qr_code", "--name", "Olive Oil Bottle QR",
                "--target-url", "https://roastandorigin.com/ethiopia", "--event", "qr.bottle_scanned", "--svg",
                svg.toString(), "--data-dir", data));
        String code = oil.get("code").asText();
        assertThat(oil.get("payload").asText()).isEqualTo("https://roastandorigin.com/ethiopia?ha_code=" + code);
        assertThat(oil.has("qrSvg")).isFalse();
        assertThat(oil.get("svgSavedTo").asText()).isEqualTo(svg.toAbsolutePath().toString());
        assertThat(Files.readString(svg)).isEqualTo(Symbols.svg(Symbols.encode(oil.get("payload").asText(),
                Symbology.QR, ErrorCorrection.DEFAULT)));

        JsonNode pallet = json(run("trackables", "create", "--kind", "barcode", "--name", "Pallet 7",
                "--public-url", "https://scan.example.com", "--data-dir", data));
        assertThat(pallet.get("payload").asText()).isEqualTo(pallet.get("code").asText());
        assertThat(pallet.get("trackingUrl").asText()).isEqualTo("https://scan.example.com/t/"
                + pallet.get("code").asText());

        CliTest.Run table = run("trackables", "list", "--data-dir", data);
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out().lines().toList()).hasSize(4);
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow()).startsWith(pallet.get("code").asText());
        assertThat(table.out()).contains("Olive Oil Bottle QR", "2 trackables");

        JsonNode filtered = json(run("trackables", "list", "--kind", "qr_code", "--search", "olive", "--json",
                "--data-dir", data));
        assertThat(filtered.get("trackables")).hasSize(1);
        assertThat(filtered.get("trackables").get(0).get("code").asText()).isEqualTo(code);

        JsonNode shown = json(run("trackables", "show", code.toLowerCase(java.util.Locale.ROOT), "--data-dir", data));
        assertThat(shown.get("name").asText()).isEqualTo("Olive Oil Bottle QR");
        assertThat(shown.get("scans").asLong()).isZero();
    }

    @Test
    void badInputIsRejectedWithTheApiErrorAndUsageErrorsAreUsageErrors() {
        String data = dir.resolve("data").toString();
        CliTest.Run badKind = run("trackables", "create", "--kind", "qr", "--name", "x", "--data-dir", data);
        assertThat(badKind.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(badKind.err()).contains("kind");
        CliTest.Run badUrl = run("trackables", "create", "--kind", "qr_code", "--name", "x", "--target-url",
                "javascript:alert(1)", "--data-dir", data);
        assertThat(badUrl.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(badUrl.err()).contains("targetUrl");
        assertThat(run("trackables", "show", "ZZZZZZZZ", "--data-dir", data).exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(run("trackables", "create", "--name", "x", "--data-dir", data).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("trackables", "create", "--kind", "other", "--name", "x", "--public-url", "ftp://x",
                "--data-dir", data).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("trackables", "list", "--limit", "0", "--data-dir", data).exit()).isEqualTo(HaCommand.REJECTED);
        CliTest.Run badServe = run("serve", "--data-dir", data, "--port", "0", "--public-url", "https://x/?q=1");
        assertThat(badServe.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badServe.err()).contains("--public-url", "query");
    }

    @Test
    void worksAgainstAServeModeServer() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("served"))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "cli").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                String[] target = {"--url", server.baseUrl(), "--api-key", key};
                JsonNode created = json(run(concat(new String[] {"trackables", "create", "--kind", "sensor", "--name",
                    "Cold room 2", "--event", "sensor.read"}, target)));
                String code = created.get("code").asText();
                JsonNode listed = json(run(concat(new String[] {"trackables", "list", "--json"}, target)));
                assertThat(listed.get("trackables").get(0).get("code").asText()).isEqualTo(code);
                assertThat(engine.defaultWorkspace().trackable(code).name()).isEqualTo("Cold room 2");
                assertThat(run(concat(new String[] {"trackables", "create", "--kind", "other", "--name", "x",
                    "--public-url", "https://x.example"}, target)).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
            } finally {
                server.stop();
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
