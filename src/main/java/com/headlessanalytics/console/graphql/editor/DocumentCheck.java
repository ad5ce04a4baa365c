package com.headlessanalytics.console.graphql.editor;

import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a document as a server would before running it: its syntax with graphql-java's parser,
 * then against the schema (unknown fields and arguments, wrong argument types, undeclared
 * variables, missing selections). Problems come with their line, column and offset.
 */
public final class DocumentCheck {
    private DocumentCheck() {
    }

    /** The document's problems, in document order; none for an empty or valid document. */
    public static List<Problem> check(EditorSchema schema, String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Document document;
        try {
            document = Parser.parse(text);
        } catch (InvalidSyntaxException e) {
            return List.of(located(Problem.Kind.SYNTAX, syntaxMessage(e), e.getLocation(), text));
        }
        if (schema == null) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        for (ValidationError error : ParseAndValidate.validate(schema.schema(), document, Locale.ENGLISH)) {
            String message = error.getDescription() == null ? error.getMessage() : error.getDescription();
            List<SourceLocation> at = error.getLocations();
            problems.add(located(Problem.Kind.VALIDATION, message, at == null || at.isEmpty() ? null : at.get(0),
                    text));
        }
        problems.sort((a, b) -> Integer.compare(a.offset() < 0 ? Integer.MAX_VALUE : a.offset(),
                b.offset() < 0 ? Integer.MAX_VALUE : b.offset()));
        return List.copyOf(problems);
    }

    /** A problem at a server's or parser's location (1-based line and column), placed in {@code text}. */
    public static Problem located(Problem.Kind kind, String message, SourceLocation at, String text) {
        if (at == null || at.getLine() < 1) {
            return new Problem(kind, message, 0, 0, -1);
        }
        return at(kind, message, at.getLine(), at.getColumn(), text);
    }

    /** A problem at a 1-based line and column of {@code text}. */
    public static Problem at(Problem.Kind kind, String message, int line, int column, String text) {
        int offset = Problem.offsetOf(text, line, column);
        return offset < 0 ? new Problem(kind, message, 0, 0, -1) : new Problem(kind, message, line, column, offset);
    }

    /** The parser's message without the location it repeats (the problem carries it). */
    private static String syntaxMessage(InvalidSyntaxException e) {
        String message = e.getMessage() == null ? "Invalid syntax" : e.getMessage();
        message = message.replaceFirst("^Invalid syntax with offending token '([^']*)' at line \\d+ column \\d+",
                "Unexpected '$1'");
        message = message.replaceFirst(" at line \\d+ column \\d+", "");
        return message.isBlank() ? "Invalid syntax" : message;
    }
}
