package com.headlessanalytics.console.hardware.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A serial scanner through jSerialComm on a real pseudo-terminal pair made by socat: one end is
 * the "COM port" the reader opens, the test writes scans, CR LF framed and in pieces, to the other.
 */
class SerialScanReaderTest {
    static boolean socatPresent() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void linesWrittenToTheOtherEndArriveAsScansInOrder() throws Exception {
        Assumptions.assumeTrue(socatPresent(), "socat is not installed (apt-get install socat); .ci/run installs it");
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8));
            List<String> ptys = new ArrayList<>();
            Pattern pty = Pattern.compile("PTY is (\\S+)");
            long deadline = System.currentTimeMillis() + 10_000;
            while (ptys.size() < 2 && System.currentTimeMillis() < deadline) {
                String line = log.readLine();
                if (line == null) {
                    break;
                }
                Matcher m = pty.matcher(line);
                if (m.find()) {
                    ptys.add(m.group(1));
                }
            }
            assertThat(ptys).as("socat's two pseudo-terminals").hasSize(2);
            List<String> scans = new CopyOnWriteArrayList<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            try (SerialScanReader reader = SerialScanReader.open(ptys.get(0), scans::add, failures::add);
                 OutputStream out = Files.newOutputStream(Path.of(ptys.get(1)))) {
                out.write("ABCD2345\r\n]Q1https://x.example/t/EFGH".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
                out.write("2345\r\n\r\n(01)04012345678901(21)JKMN2345\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                long until = System.currentTimeMillis() + 10_000;
                while (scans.size() < 3 && System.currentTimeMillis() < until) {
                    Thread.sleep(20);
                }
                assertThat(scans).containsExactly("ABCD2345", "]Q1https://x.example/t/EFGH2345",
                        "(01)04012345678901(21)JKMN2345");
                assertThat(scans.stream().map(s -> ScanText.parse(s).code()))
                        .containsExactly("ABCD2345", "EFGH2345", "JKMN2345");
                assertThat(failures).isEmpty();
            }
        } finally {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortThatCannotBeOpenedSaysWhich() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SerialScanReader.open("/dev/no-such-scanner",
                        s -> { }, s -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/dev/no-such-scanner");
    }
}
