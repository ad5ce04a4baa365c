package com.headlessanalytics.console.graphql;

import java.time.Duration;

/**
 * What one GraphQL request may ask for (docs/api.md, GraphQL limits). Checked before execution:
 * document size and tokens (by the parser), depth, complexity, root fields and aliases; while it
 * runs: the time budget and the number of result nodes (every field value and list item).
 *
 * @param maxDocumentChars characters of the document
 * @param maxTokens        grammar tokens of the document
 * @param maxRuleDepth     nesting of the parser's rules (brackets inside brackets)
 * @param maxDepth         field nesting; the standard introspection query needs 13
 * @param maxComplexity    cost of the selection: 1 per field, a list field's selection counted once
 *                         per item it may return (its {@code limit} or its default page)
 * @param maxRootFields    root field selections, aliases included
 * @param maxAliases       aliased fields anywhere in the document
 * @param budget           run time of one request; past it the request is cancelled
 * @param maxResultNodes   field values and list items in the answer
 */
public record GraphQlLimits(int maxDocumentChars, int maxTokens, int maxRuleDepth, int maxDepth, int maxComplexity,
                            int maxRootFields, int maxAliases, Duration budget, int maxResultNodes) {

    public static final GraphQlLimits DEFAULTS = new GraphQlLimits(100_000, 15_000, 100, 15, 100_000, 30, 100,
            Duration.ofSeconds(10), 250_000);

    public GraphQlLimits withBudget(Duration newBudget) {
        return new GraphQlLimits(maxDocumentChars, maxTokens, maxRuleDepth, maxDepth, maxComplexity, maxRootFields,
                maxAliases, newBudget, maxResultNodes);
    }

    public GraphQlLimits withMaxResultNodes(int nodes) {
        return new GraphQlLimits(maxDocumentChars, maxTokens, maxRuleDepth, maxDepth, maxComplexity, maxRootFields,
                maxAliases, budget, nodes);
    }
}
