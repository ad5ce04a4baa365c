package com.headlessanalytics.console.graphql.editor;

/**
 * One completion: the text to insert and what to show beside it.
 *
 * @param label       what the list shows (a field's or argument's name, {@code $name} of a variable)
 * @param insert      the text that replaces the word at the caret
 * @param type        the field's, argument's or variable's type, e.g. {@code [Event!]!}; empty for a keyword
 * @param description the schema's description, or empty
 */
public record Suggestion(Kind kind, String label, String insert, String type, String description) {

    public enum Kind {
        FIELD, ARGUMENT, INPUT_FIELD, VARIABLE, VALUE, TYPE, KEYWORD
    }

    /** "label: type", as the list shows it. */
    public String display() {
        return type.isEmpty() ? label : label + ": " + type;
    }
}
