package com.headlessanalytics.console.graphql.editor;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Completion at a caret in a document that may be half written. The text before the word at the
 * caret is read token by token (strings, comments and commas skipped) to learn where the caret is:
 * at the top level (keywords), in a selection set (the fields of the type the selection path
 * reaches, through aliases and inline fragments), between a field's or directive's parentheses
 * (argument names not yet given, or the values an argument takes), in an input object, or after
 * {@code $} (the variables the operation declares).
 */
public final class Completion {
    private final GraphQLSchema schema;

    public Completion(EditorSchema schema) {
        this.schema = schema.schema();
    }

    /** The suggestions for the word at {@code caret} in {@code text}, those starting with what is typed. */
    public Completions at(String text, int caret) {
        int end = Math.max(0, Math.min(caret, text.length()));
        int from = end;
        while (from > 0 && nameChar(text.charAt(from - 1))) {
            from--;
        }
        int to = end;
        while (to < text.length() && nameChar(text.charAt(to))) {
            to++;
        }
        String typed = text.substring(from, end);
        boolean variable = from > 0 && text.charAt(from - 1) == '$';
        boolean directive = from > 0 && text.charAt(from - 1) == '@';
        if (variable || directive) {
            from--;
        }
        Reader reader = new Reader();
        if (!reader.read(text, from)) {
            return Completions.none(end);
        }
        List<Suggestion> all;
        if (variable) {
            all = reader.variables();
        } else if (directive) {
            all = directives();
        } else {
            all = reader.suggestions();
        }
        String prefix = (variable ? "$" : directive ? "@" : "") + typed.toLowerCase(Locale.ROOT);
        List<Suggestion> matching = all.stream()
                .filter(s -> s.label().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
        return new Completions(from, to, matching);
    }

    private List<Suggestion> directives() {
        List<Suggestion> out = new ArrayList<>();
        for (GraphQLDirective d : schema.getDirectives()) {
            if (d.validLocations().stream().anyMatch(l -> l.name().equals("FIELD"))) {
                out.add(new Suggestion(Suggestion.Kind.KEYWORD, "@" + d.getName(), "@" + d.getName(), "",
                        text(d.getDescription())));
            }
        }
        return out;
    }

    static boolean nameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    // ---- reading the text before the caret ----

    private enum Kind {
        DOCUMENT, SELECTION, PAIRS, LIST, VARIABLES, OTHER
    }

    /** A name with its input type and description: an argument or an input object's field. */
    private record Input(String name, GraphQLInputType type, String description) {
    }

    /** One open bracket's context, with what was read inside it so far. */
    private static final class Frame {
        final Kind kind;
        /** SELECTION: the type whose fields are selected (null when unknown). */
        GraphQLType type;
        /** PAIRS: the names that may be given; LIST: the element type in {@code type}. */
        Map<String, Input> inputs = Map.of();
        Suggestion.Kind inputKind = Suggestion.Kind.ARGUMENT;
        final Set<String> given = new HashSet<>();
        String currentName;
        boolean awaitingValue;
        GraphQLInputType valueType;
        GraphQLFieldDefinition lastField;
        boolean afterSpread;
        boolean expectTypeCondition;
        GraphQLType condition;
        GraphQLType pendingRoot;
        boolean expectFragmentName;
        boolean operationStarted;
        boolean collectingType;
        String variable;

        Frame(Kind kind) {
            this.kind = kind;
        }
    }

    private final class Reader {
        private final Deque<Frame> frames = new ArrayDeque<>();
        private final Map<String, String> declared = new LinkedHashMap<>();
        private final Map<String, StringBuilder> declaredTypes = new LinkedHashMap<>();
        private boolean expectDirective;
        private GraphQLDirective directive;
        private boolean dollar;

        /** Reads {@code text} up to {@code end}; false when that ends inside a string or comment. */
        boolean read(String text, int end) {
            frames.push(new Frame(Kind.DOCUMENT));
            int i = 0;
            while (i < end) {
                char c = text.charAt(i);
                if (c == '#') {
                    while (i < end && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        i++;
                    }
                    if (i >= end) {
                        return false;
                    }
                } else if (c == '"') {
                    int close = skipString(text, i, end);
                    if (close < 0) {
                        return false;
                    }
                    i = close;
                    value();
                } else if (nameChar(c)) {
                    int start = i;
                    while (i < end && nameChar(text.charAt(i))) {
                        i++;
                    }
                    String word = text.substring(start, i);
                    if (Character.isDigit(c) || c == '-') {
                        value();
                    } else {
                        name(word);
                    }
                } else if (c == '-' && i + 1 < end && Character.isDigit(text.charAt(i + 1))) {
                    i++;
                    while (i < end && (nameChar(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                    value();
                } else if (c == '.' && text.startsWith("...", i) && i + 3 <= end) {
                    punct("...");
                    i += 3;
                } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                    i++;
                } else {
                    punct(String.valueOf(c));
                    i++;
                }
            }
            finishVariableTypes();
            return true;
        }

        /** The index after the string starting at {@code i}, or -1 when it is still open at {@code end}. */
        private int skipString(String text, int i, int end) {
            if (text.startsWith("\"\"\"", i)) {
                int close = text.indexOf("\"\"\"", i + 3);
                while (close > 0 && text.charAt(close - 1) == '\\') {
                    close = text.indexOf("\"\"\"", close + 3);
                }
                return close < 0 || close + 3 > end ? -1 : close + 3;
            }
            int j = i + 1;
            while (j < end) {
                char c = text.charAt(j);
                if (c == '\\') {
                    j += 2;
                } else if (c == '"') {
                    return j + 1;
                } else if (c == '\n' || c == '\r') {
                    return j;
                } else {
                    j++;
                }
            }
            return -1;
        }

        private Frame top() {
            return frames.peek();
        }

        private void value() {
            directive = null;
            expectDirective = false;
            Frame f = top();
            if (f.kind == Kind.PAIRS) {
                f.awaitingValue = false;
            }
        }

        private void name(String word) {
            Frame f = top();
            if (expectDirective) {
                expectDirective = false;
                directive = schema.getDirective(word);
                return;
            }
            directive = null;
            if (dollar) {
                dollar = false;
                if (f.kind == Kind.VARIABLES) {
                    f.variable = word;
                    f.collectingType = false;
                    declared.putIfAbsent(word, "");
                    declaredTypes.put(word, new StringBuilder());
                } else if (f.kind == Kind.PAIRS) {
                    f.awaitingValue = false;
                }
                return;
            }
            switch (f.kind) {
                case DOCUMENT -> {
                    if (f.expectTypeCondition) {
                        f.pendingRoot = schema.getType(word);
                        f.expectTypeCondition = false;
                    } else if (f.expectFragmentName) {
                        f.expectFragmentName = false;
                    } else if (word.equals("on")) {
                        f.expectTypeCondition = true;
                    } else if (word.equals("fragment")) {
                        f.expectFragmentName = true;
                        f.operationStarted = false;
                    } else if (word.equals("query") || word.equals("mutation") || word.equals("subscription")) {
                        f.pendingRoot = switch (word) {
                            case "mutation" -> schema.getMutationType();
                            case "subscription" -> schema.getSubscriptionType();
                            default -> schema.getQueryType();
                        };
                        f.operationStarted = true;
                    }
                }
                case SELECTION -> {
                    if (f.expectTypeCondition) {
                        f.condition = schema.getType(word);
                        f.expectTypeCondition = false;
                    } else if (f.afterSpread) {
                        if (word.equals("on")) {
                            f.expectTypeCondition = true;
                        } else {
                            f.afterSpread = false;
                        }
                        f.lastField = null;
                    } else {
                        f.lastField = field(f.type, word);
                        f.condition = null;
                    }
                }
                case PAIRS -> {
                    if (f.awaitingValue) {
                        f.awaitingValue = false;
                    } else {
                        f.currentName = word;
                        f.given.add(word);
                    }
                }
                case VARIABLES -> {
                    if (f.collectingType && f.variable != null) {
                        declaredTypes.get(f.variable).append(word);
                    }
                }
                default -> {
                }
            }
        }

        private void punct(String p) {
            Frame f = top();
            if (p.equals("@")) {
                expectDirective = true;
                return;
            }
            if (p.equals("$")) {
                dollar = true;
                return;
            }
            GraphQLDirective args = directive;
            directive = null;
            expectDirective = false;
            dollar = false;
            if (p.equals("(") && args != null) {
                frames.push(pairs(args.getArguments().stream()
                        .map(a -> new Input(a.getName(), a.getType(), text(a.getDescription()))).toList(),
                        Suggestion.Kind.ARGUMENT));
                return;
            }
            switch (f.kind) {
                case DOCUMENT -> {
                    if (p.equals("(") && f.operationStarted) {
                        frames.push(new Frame(Kind.VARIABLES));
                    } else if (p.equals("{")) {
                        Frame s = new Frame(Kind.SELECTION);
                        s.type = f.pendingRoot == null ? schema.getQueryType() : f.pendingRoot;
                        f.pendingRoot = null;
                        f.operationStarted = false;
                        frames.push(s);
                    } else {
                        opener(p);
                    }
                }
                case SELECTION -> {
                    switch (p) {
                        case ":" -> f.lastField = null;
                        case "..." -> {
                            f.afterSpread = true;
                            f.condition = null;
                            f.lastField = null;
                        }
                        case "(" -> {
                            if (f.lastField != null) {
                                frames.push(pairs(f.lastField.getArguments().stream().map(Completion::input).toList(),
                                        Suggestion.Kind.ARGUMENT));
                            } else {
                                frames.push(new Frame(Kind.OTHER));
                            }
                        }
                        case "{" -> {
                            Frame s = new Frame(Kind.SELECTION);
                            if (f.condition != null) {
                                s.type = f.condition;
                            } else if (f.afterSpread) {
                                s.type = f.type;
                            } else if (f.lastField != null) {
                                s.type = GraphQLTypeUtil.unwrapAll(f.lastField.getType());
                            }
                            f.condition = null;
                            f.afterSpread = false;
                            f.lastField = null;
                            frames.push(s);
                        }
                        default -> closer(p);
                    }
                }
                case PAIRS -> {
                    switch (p) {
                        case ":" -> {
                            f.awaitingValue = true;
                            Input in = f.currentName == null ? null : f.inputs.get(f.currentName);
                            f.valueType = in == null ? null : in.type();
                        }
                        case "[", "{" -> {
                            GraphQLInputType type = f.awaitingValue ? f.valueType : null;
                            f.awaitingValue = false;
                            frames.push(p.equals("[") ? list(type) : inputObject(type));
                        }
                        default -> opener(p);
                    }
                }
                case LIST -> {
                    GraphQLInputType element = (GraphQLInputType) f.type;
                    switch (p) {
                        case "[" -> frames.push(list(element));
                        case "{" -> frames.push(inputObject(element));
                        default -> opener(p);
                    }
                }
                case VARIABLES -> {
                    switch (p) {
                        case ":" -> f.collectingType = f.variable != null;
                        case "[", "]", "!" -> {
                            if (f.collectingType) {
                                declaredTypes.get(f.variable).append(p);
                            } else {
                                opener(p);
                            }
                        }
                        case "=" -> f.collectingType = false;
                        default -> opener(p);
                    }
                }
                default -> opener(p);
            }
        }

        /** Opens a bracket whose inside gives no suggestions, or closes the innermost one. */
        private void opener(String p) {
            if (p.equals("(") || p.equals("[") || p.equals("{")) {
                frames.push(new Frame(Kind.OTHER));
            } else {
                closer(p);
            }
        }

        private void closer(String p) {
            if ((p.equals(")") || p.equals("]") || p.equals("}")) && frames.size() > 1) {
                frames.pop();
                Frame f = top();
                if (f.kind == Kind.PAIRS) {
                    f.awaitingValue = false;
                }
            }
        }

        private Frame pairs(List<Input> inputs, Suggestion.Kind kind) {
            Frame f = new Frame(Kind.PAIRS);
            Map<String, Input> byName = new LinkedHashMap<>();
            inputs.forEach(in -> byName.put(in.name(), in));
            f.inputs = byName;
            f.inputKind = kind;
            return f;
        }

        private Frame list(GraphQLInputType type) {
            Frame f = new Frame(Kind.LIST);
            GraphQLType t = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
            f.type = t instanceof GraphQLList l ? l.getWrappedType() : t;
            return f;
        }

        private Frame inputObject(GraphQLInputType type) {
            GraphQLType t = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
            if (t instanceof GraphQLInputObjectType object) {
                return pairs(object.getFieldDefinitions().stream().map(Completion::input).toList(),
                        Suggestion.Kind.INPUT_FIELD);
            }
            return new Frame(Kind.OTHER);
        }

        private void finishVariableTypes() {
            declaredTypes.forEach((name, type) -> declared.put(name, type.toString()));
        }

        List<Suggestion> variables() {
            List<Suggestion> out = new ArrayList<>();
            declared.forEach((name, type) -> out.add(new Suggestion(Suggestion.Kind.VARIABLE, "$" + name, "$" + name,
                    type, "declared by the operation")));
            return out;
        }

        List<Suggestion> suggestions() {
            Frame f = top();
            return switch (f.kind) {
                case DOCUMENT -> f.expectTypeCondition ? typeNames(false) : keywords();
                case SELECTION -> f.expectTypeCondition ? typeNames(false) : f.afterSpread ? List.of(
                        new Suggestion(Suggestion.Kind.KEYWORD, "on", "on ", "", "an inline fragment on a type"))
                        : fields(f.type);
                case PAIRS -> f.awaitingValue ? values(f.valueType) : f.inputs.values().stream()
                        .filter(in -> !f.given.contains(in.name()))
                        .map(in -> new Suggestion(f.inputKind, in.name(), in.name() + ": ",
                                GraphQLTypeUtil.simplePrint(in.type()), in.description())).toList();
                case LIST -> values((GraphQLInputType) f.type);
                case VARIABLES -> f.collectingType ? typeNames(true) : List.of();
                case OTHER -> List.of();
            };
        }

        private List<Suggestion> keywords() {
            List<Suggestion> out = new ArrayList<>();
            out.add(new Suggestion(Suggestion.Kind.KEYWORD, "query", "query ", "", "an operation reading data"));
            if (schema.getMutationType() != null) {
                out.add(new Suggestion(Suggestion.Kind.KEYWORD, "mutation", "mutation ", "", "an operation changing data"));
            }
            out.add(new Suggestion(Suggestion.Kind.KEYWORD, "fragment", "fragment ", "",
                    "a named selection to reuse with ...Name"));
            return out;
        }

        private List<Suggestion> values(GraphQLInputType type) {
            List<Suggestion> out = new ArrayList<>(variables());
            GraphQLType t = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
            if (t instanceof GraphQLEnumType e) {
                for (GraphQLEnumValueDefinition v : e.getValues()) {
                    out.add(new Suggestion(Suggestion.Kind.VALUE, v.getName(), v.getName(), e.getName(),
                            text(v.getDescription())));
                }
            } else if (t instanceof GraphQLScalarType s && s.getName().equals("Boolean")) {
                out.add(new Suggestion(Suggestion.Kind.VALUE, "true", "true", "Boolean", ""));
                out.add(new Suggestion(Suggestion.Kind.VALUE, "false", "false", "Boolean", ""));
            }
            if (type != null && !(type instanceof GraphQLNonNull)) {
                out.add(new Suggestion(Suggestion.Kind.VALUE, "null", "null", "", ""));
            }
            return out;
        }

        private List<Suggestion> typeNames(boolean input) {
            List<Suggestion> out = new ArrayList<>();
            for (GraphQLNamedType t : schema.getAllTypesAsList()) {
                if (t.getName().startsWith("__")) {
                    continue;
                }
                boolean fits = input ? GraphQLTypeUtil.isInput(t) : t instanceof GraphQLFieldsContainer;
                if (fits) {
                    out.add(new Suggestion(Suggestion.Kind.TYPE, t.getName(), t.getName(), "",
                            text(t.getDescription())));
                }
            }
            return out;
        }

        private List<Suggestion> fields(GraphQLType type) {
            List<Suggestion> out = new ArrayList<>();
            if (type instanceof GraphQLFieldsContainer container) {
                for (GraphQLFieldDefinition d : container.getFieldDefinitions()) {
                    out.add(new Suggestion(Suggestion.Kind.FIELD, d.getName(), d.getName(),
                            GraphQLTypeUtil.simplePrint(d.getType()), text(d.getDescription())));
                }
            }
            if (type != null && GraphQLTypeUtil.isInterfaceOrUnion(type) || type instanceof GraphQLFieldsContainer) {
                out.add(new Suggestion(Suggestion.Kind.FIELD, "__typename", "__typename", "String!",
                        "The name of the object's type"));
            }
            return out;
        }
    }

    private GraphQLFieldDefinition field(GraphQLType type, String name) {
        return type instanceof GraphQLFieldsContainer container ? container.getFieldDefinition(name) : null;
    }

    private static Input input(GraphQLArgument a) {
        return new Input(a.getName(), a.getType(), text(a.getDescription()));
    }

    private static Input input(GraphQLInputObjectField f) {
        return new Input(f.getName(), f.getType(), text(f.getDescription()));
    }
}
