package com.headlessanalytics.console.graphql;

import com.headlessanalytics.console.api.ErrorCodes;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Definition;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The limits checked before a document runs ({@link GraphQlLimits}): root fields and aliases here;
 * depth and complexity through graphql-java's own instrumentations, with our messages. Each one
 * that fails aborts the request with one error ({@code too_large}, status 400) and no data.
 */
final class ShapeInstrumentation extends SimplePerformantInstrumentation {
    /** Items a list field is expected to return when no {@code limit} says: its default page. */
    private static final Map<String, Integer> DEFAULT_ITEMS = Map.of("events", 100, "recentEvents", 20, "runs", 50,
            "actors", 100, "storedSnapshots", 100);
    /** Lists whose length the {@code limit} of the field holding them sets. */
    private static final Set<String> PARENT_LIMITED = Set.of("recentEvents", "runs", "actors", "breaches");
    private static final int OTHER_LIST_ITEMS = 10;

    private final GraphQlLimits limits;

    ShapeInstrumentation(GraphQlLimits limits) {
        this.limits = limits;
    }

    /**
     * A failing field is answered as null where it stands, even when the schema marks it non-null,
     * so the other fields keep their data (the "null" error behaviour of the GraphQL spec's
     * error-behaviour proposal; graphql-java's switch for it).
     */
    @Override
    public ExecutionContext instrumentExecutionContext(ExecutionContext context, InstrumentationExecutionParameters p,
                                                       InstrumentationState state) {
        return context.transform(b -> b.propagapropagateErrorsOnNonNullContractFailureeErrors(false));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters p,
                                                                         InstrumentationState state) {
        ExecutionContext context = p.getExecutionContext();
        OperationDefinition operation = context.getOperationDefinition();
        int roots = countRoots(operation.getSelectionSet(), context.getFragmentsByName(), new HashSet<>());
        if (roots > limits.maxRootFields()) {
            throw abort("the query selects " + roots + " root fields; at most " + limits.maxRootFields()
                    + " are allowed (aliases count)");
        }
        int aliases = 0;
        for (Definition<?> definition : context.getDocument().getDefinitions()) {
            if (definition instanceof OperationDefinition o) {
                aliases += countAliases(o.getSelectionSet());
            } else if (definition instanceof FragmentDefinition f) {
                aliases += countAliases(f.getSelectionSet());
            }
        }
        if (aliases > limits.maxAliases()) {
            throw abort("the document has " + aliases + " aliased fields; at most " + limits.maxAliases()
                    + " are allowed");
        }
        return super.beginExecuteOperation(p, state);
    }

    private static int countRoots(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        int n = 0;
        if (set == null) {
            return 0;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field) {
                n++;
            } else if (selection instanceof InlineFragment inline) {
                n += countRoots(inline.getSelectionSet(), fragments, seen);
            } else if (selection instanceof FragmentSpread spread && seen.add(spread.getName())) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                n += fragment == null ? 0 : countRoots(fragment.getSelectionSet(), fragments, seen);
            }
        }
        return n;
    }

    private static int countAliases(SelectionSet set) {
        int n = 0;
        if (set == null) {
            return 0;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                n += (field.getAlias() != null ? 1 : 0) + countAliases(field.getSelectionSet());
            } else if (selection instanceof InlineFragment inline) {
                n += countAliases(inline.getSelectionSet());
            }
        }
        return n;
    }

    static MaxQueryDepthInstrumentation depth(GraphQlLimits limits) {
        return new MaxQueryDepthInstrumentation(limits.maxDepth()) {
            @Override
            protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
                return abort("the query nests " + depth + " fields deep; at most " + maxDepth + " are allowed");
            }
        };
    }

    static MaxQueryComplexityInstrumentation complexity(GraphQlLimits limits) {
        return new MaxQueryComplexityInstrumentation(limits.maxComplexity(), ShapeInstrumentation::cost) {
            @Override
            protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
                return abort("the query's complexity is " + complexity + "; at most " + maxComplexity
                        + " is allowed (1 per field; a list field's selection counts once per item its limit"
                        + " allows, so aliases and large limits multiply); ask for fewer fields, aliases or items");
            }
        };
    }

    /**
     * 1 for the field plus its selection's cost, once per item for a list: its {@code limit} (or,
     * for the pages inside an answer, the limit of the field that holds it), else its default page,
     * else 10. Introspection counts each
     * field once.
     */
    static int cost(FieldComplexityEnvironment env, int childComplexity) {
        if (env.getFieldDefinition().getName().startsWith("__") || env.getParentType().getName().startsWith("__")) {
            return 1 + childComplexity;
        }
        if (!(GraphQLTypeUtil.unwrapNonNull(env.getFieldDefinition().getType()) instanceof GraphQLList)) {
            return saturated(1L + childComplexity);
        }
        long items = items(env.getArguments().get("limit"));
        if (items < 0 && env.getParentEnvironment() != null
                && PARENT_LIMITED.contains(env.getFieldDefinition().getName())) {
            items = items(env.getParentEnvironment().getArguments().get("limit"));
        }
        if (items < 0) {
            items = DEFAULT_ITEMS.getOrDefault(env.getFieldDefinition().getName(), OTHER_LIST_ITEMS);
        }
        return saturated(1L + items * Math.max(1, childComplexity));
    }

    private static long items(Object limit) {
        return limit instanceof Number n ? Math.max(1, n.longValue()) : -1;
    }

    private static int saturated(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    static AbortExecutionException abort(String message) {
        GraphQLError error = GraphqlErrorBuilder.newError().message(message).errorType(ErrorType.ExecutionAborted)
                .extensions(GraphQlService.extension(ErrorCodes.TOO_LARGE, 400, List.of())).build();
        return new AbortExecutionException(List.of(error));
    }

}
