package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The stored event names that an event-name field suggests while typing (the analytics screens
 * share it): names starting with the typed text first, then those containing it.
 */
public final class EventNameSuggestions {
    private List<String> names = List.of();

    /** Reads the workspace's event names in the background; a failure goes to {@code onFailure}. */
    public void load(Supplier<HeadlessApi> api, TaskRunner tasks, Consumer<Throwable> onFailure) {
        tasks.submit("Reading event names", p -> api.get().eventNames(null),
                this::set, onFailure);
    }

    /** Takes the names of an answer already read. */
    public void set(EventNames result) {
        names = result.names().stream().map(EventNames.Name::event).toList();
    }

    /** The known names, most frequent first. */
    public List<String> names() {
        return names;
    }

    /** Up to {@code max} known names containing the text (ignoring case), those starting with it first. */
    public List<String> suggest(String text, int max) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return List.of();
        }
        List<String> starting = new ArrayList<>();
        List<String> containing = new ArrayList<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(needle)) {
                continue;
            }
            if (lower.startsWith(needle)) {
                starting.add(name);
            } else if (lower.contains(needle)) {
                containing.add(name);
            }
        }
        starting.addAll(containing);
        return List.copyOf(starting.subList(0, Math.min(max, starting.size())));
    }
}
