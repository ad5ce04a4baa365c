package com.headlessanalytics.console.launch;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jar's entry point. Compiled for Java 17 so that {@code java -jar ha-console.jar} starts on
 * any Java 17+: on Java 21+ it runs the app in this JVM; on an older one it finds an installed
 * JDK 21+ and runs the app there as a child process, passing arguments, standard streams,
 * SIGTERM/SIGINT and the exit code through.
 */
public final class Launcher {
    static final int REQUIRED_FEATURE = 21;
    static final String MAIN = "com.headlessanalytics.console.app.Main";
    static final String PARENT_PID = "ha.launcher.pid";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() >= REQUIRED_FEATURE) {
            watchParent();
            Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        Path java = findJava();
        if (java == null) {
            System.err.println("HeadlessAnalytics needs Java " + REQUIRED_FEATURE + " or newer; this is Java "
                    + Runtime.version().feature() + ". Install a JDK " + REQUIRED_FEATURE
                    + "+ or set JAVA_HOME to one.");
            System.exit(1);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        System.exit(child.waitFor());
    }

    /** In a child started by this launcher: stop at once if the launcher was killed (e.g. SIGKILL). */
    private static void watchParent() {
        String pid = System.getProperty(PARENT_PID);
        if (pid == null) {
            return;
        }
        ProcessHandle parent = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
        Thread watcher = new Thread(() -> {
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(137);
        }, "ha-launcher-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The newest installed JDK 21+ : JAVA_HOME first, then the usual install folders. */
    static Path findJava() {
        List<Path> homes = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) {
            homes.add(Path.of(javaHome));
        }
        String home = System.getProperty("user.home");
        addChildren(homes, Path.of("/usr/lib/jvm"), "");
        addChildren(homes, Path.of("/usr/local/lib/jvm"), "");
        addChildren(homes, Path.of("/opt/java"), "");
        addChildren(homes, Path.of("/Library/Java/JavaVirtualMachines"), "Contents/Home");
        addChildren(homes, Path.of(home, "Library/Java/JavaVirtualMachines"), "Contents/Home");
        addChildren(homes, Path.of(home, ".sdkman/candidates/java"), "");
        addChildren(homes, Path.of("C:\\Program Files\\Eclipse Adoptium"), "");
        addChildren(homes, Path.of("C:\\Program Files\\Java"), "");
        addChildren(homes, Path.of("C:\\Program Files\\Microsoft"), "");
        Path best = null;
        int bestFeature = REQUIRED_FEATURE - 1;
        for (Path h : homes) {
            int feature = feature(h);
            Path java = h.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
            if (feature > bestFeature && Files.isExecutable(java)) {
                best = java;
                bestFeature = feature;
            }
        }
        return best;
    }

    private static void addChildren(List<Path> homes, Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                homes.add(suffix.isEmpty() ? child : child.resolve(suffix));
            }
        } catch (IOException | RuntimeException ignored) {
            // an unreadable folder holds no usable JDK
        }
    }

    /** The feature version from a JDK's {@code release} file, or 0. */
    static int feature(Path javaHome) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(1\\.)?(\\d+)").matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(2)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().contains("win");
    }
}
