package com.headlessanalytics.console.graphql.editor;

import java.util.List;

/**
 * The completions at a caret: choosing one replaces the text from {@code from} to {@code to} (the
 * word being typed) with its {@link Suggestion#insert()}.
 */
public record Completions(int from, int to, List<Suggestion> suggestions) {

    public Completions {
        suggestions = List.copyOf(suggestions);
    }

    public static Completions none(int caret) {
        return new Completions(caret, caret, List.of());
    }

    public boolean isEmpty() {
        return suggestions.isEmpty();
    }

    /** {@code text} with {@code chosen} in place of the word. */
    public String apply(String text, Suggestion chosen) {
        return text.substring(0, from) + chosen.insert() + text.substring(to);
    }

    /** Where the caret goes after {@link #apply}: just after the inserted text. */
    public int caretAfter(Suggestion chosen) {
        return from + chosen.insert().length();
    }
}
