package com.headlessanalytics.console.app;

import com.headlessanalytics.console.ui.shell.Area;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The console window's launch options: {@code --screen NAME} (or {@code --screen=NAME}) opens the
 * console straight on that screen, e.g. {@code --screen scanner} on a scanner station PC. Names are
 * the areas' in lower case with hyphens ({@code overview}, {@code agent-context},
 * {@code runtime-health}, …). A {@code .haproof} file (what a file manager passes) opens the Proof
 * trails screen's verifier on it; a relative path is taken from the folder the launch ran in.
 *
 * @param screen the screen to show, or null
 * @param packet the absolute path of the packet to verify, or null
 */
public record LaunchOptions(Area screen, Path packet) {
    public static final String SCREEN = "--screen";
    /** The proof packet files' extension. */
    public static final String PACKET_EXTENSION = ".haproof";

    /** Whether these arguments open the window (none, or only launch options) rather than run a command. */
    public static boolean opensWindow(String[] args) {
        return args.length == 0 || args[0].equals(SCREEN) || args[0].startsWith(SCREEN + "=") || isPacket(args[0]);
    }

    /** A {@code .haproof} file name (any case), not an option. */
    static boolean isPacket(String arg) {
        return !arg.startsWith("-") && arg.toLowerCase(Locale.ROOT).endsWith(PACKET_EXTENSION);
    }

    /**
     * Reads the window's arguments, resolving a relative packet path against the current folder.
     *
     * @throws IllegalArgumentException naming the problem and the valid screen names
     */
    public static LaunchOptions parse(String... args) {
        return parse(Path.of("").toAbsolutePath(), args);
    }

    /**
     * Reads the window's arguments as given in {@code cwd} (a later launch's folder).
     *
     * @throws IllegalArgumentException naming the problem and the valid screen names
     */
    public static LaunchOptions parse(Path cwd, String... args) {
        Area screen = null;
        Path packet = null;
        for (int i = 0; i < args.length; i++) {
            String name;
            if (args[i].equals(SCREEN)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(SCREEN + " needs a screen name: one of " + names());
                }
                name = args[++i];
            } else if (args[i].startsWith(SCREEN + "=")) {
                name = args[i].substring(SCREEN.length() + 1);
            } else if (isPacket(args[i])) {
                if (packet != null) {
                    throw new IllegalArgumentException("Open one " + PACKET_EXTENSION + " packet at a time; got "
                            + packet + " and " + args[i]);
                }
                packet = packet(cwd, args[i]);
                continue;
            } else {
                throw new IllegalArgumentException("Unknown option " + args[i] + " for the console window; use "
                        + SCREEN + " NAME, a " + PACKET_EXTENSION + " file to verify, or a command (ha --help)");
            }
            screen = area(name);
        }
        return new LaunchOptions(screen, packet);
    }

    private static Path packet(Path cwd, String arg) {
        try {
            return cwd.resolve(arg).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Not a file path: " + arg + " (" + e.getReason() + ")");
        }
    }

    /** The area a screen name names. */
    static Area area(String name) {
        for (Area a : Area.values()) {
            if (name(a).equals(name.strip().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown screen \"" + name + "\"; the screens are " + names());
    }

    /** A screen's name on the command line. */
    public static String name(Area area) {
        return area.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String names() {
        return Arrays.stream(Area.values()).map(LaunchOptions::name).collect(Collectors.joining(", "));
    }
}
