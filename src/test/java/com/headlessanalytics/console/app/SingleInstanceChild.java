package com.headlessanalytics.console.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A second JVM for {@link SingleInstanceTest}: {@code hold FOLDER} claims the folder, prints
 * "PRIMARY" and then one "GOT args|cwd" line per message received, until killed; {@code send FOLDER
 * ARGS…} hands its arguments over and prints "HANDED", or prints "PRIMARY" when nothing holds the folder.
 */
public final class SingleInstanceChild {
    private SingleInstanceChild() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[1]);
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        Optional<SingleInstance> claimed = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(rest),
                Duration.ofSeconds(10));
        if (claimed.isEmpty()) {
            System.out.println("HANDED");
            return;
        }
        claimed.get().receiveWith(m -> {
            System.out.println("GOT " + String.join(" ", m.args()) + "|" + m.cwd());
            System.out.flush();
        });
        System.out.println("PRIMARY");
        System.out.flush();
        if (args[0].equals("hold")) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
