package com.headlessanalytics.console.app;

import com.headlessanalytics.console.ui.shell.Area;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The console window's launch options: {@code --screen NAME} (or {@code --screen=NAME}) opens the
 * console straight on that screen, e.g. {@code --screen scanner} on a scanner station PC. Names are
 * the areas' in lower case with hyphens ({@code overview}, {@code agent-context},
 * {@code runtime-health}, …).
 */
public record LaunchOptions(Area screen) {
    public static final String SCREEN = "--screen";

    /** Whether these arguments open the window (none, or only launch options) rather than run a command. */
    public static boolean opensWindow(String[] args) {
        return args.length == 0 || args[0].equals(SCREEN) || args[0].startsWith(SCREEN + "=");
    }

    /**
     * Reads the window's arguments.
     *
     * @throws IllegalArgumentException naming the problem and the valid screen names
     */
    public static LaunchOptions parse(String... args) {
        Area screen = null;
        for (int i = 0; i < args.length; i++) {
            String name;
            if (args[i].equals(SCREEN)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(SCREEN + " needs a screen name: one of " + names());
                }
                name = args[++i];
            } else if (args[i].startsWith(SCREEN + "=")) {
                name = args[i].substring(SCREEN.length() + 1);
            } else {
                throw new IllegalArgumentException("Unknown option " + args[i] + " for the console window; use "
                        + SCREEN + " NAME, or a command (ha --help)");
            }
            screen = area(name);
        }
        return new LaunchOptions(screen);
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
