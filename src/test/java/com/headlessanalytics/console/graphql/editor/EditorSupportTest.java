package com.headlessanalytics.console.graphql.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.ExecutionResult;
import graphql.GraphQL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checking and completing documents against the console's schema, as the GraphQL screen's editor does. */
class EditorSupportTest {
    static EditorSchema schema;
    static Completion completion;

    @BeforeAll
    static void readSchema() {
        schema = EditorSchema.bundled();
        completion = new Completion(schema);
    }

    /** The labels suggested where {@code |} stands in {@code document}. */
    static List<String> labels(String document) {
        return complete(document).suggestions().stream().map(Suggestion::label).toList();
    }

    static Completions complete(String document) {
        int caret = document.indexOf('|');
        return completion.at(document.replace("|", ""), caret);
    }

    @Test
    void theReferenceExampleIsValid() {
        String ops = "query Ops($limit:Int){ events(limit:$limit){ event timestamp } businessHealth { healthScore"
                + " revenue nextActions } attribution { bySource byCampaign } }";
        assertThat(DocumentCheck.check(schema, ops)).isEmpty();
        assertThat(DocumentCheck.check(schema, "  ")).isEmpty();
    }

    @Test
    void aSyntaxErrorHasItsLineAndColumn() {
        String text = "query {\n  events(limit: 5) {\n    event\n  }}\n}";
        List<Problem> problems = DocumentCheck.check(schema, text);
        assertThat(problems).hasSize(1);
        Problem p = problems.get(0);
        assertThat(p.kind()).isEqualTo(Problem.Kind.SYNTAX);
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.column()).isEqualTo(1);
        assertThat(text.charAt(p.offset())).isEqualTo('}');
        assertThat(p.message()).contains("'}'").doesNotContain("line 5");
        assertThat(p.describe()).startsWith("5:1  ");
    }

    @Test
    void anUnclosedDocumentIsASyntaxError() {
        List<Problem> problems = DocumentCheck.check(schema, "{ events { event ");
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.SYNTAX));
    }

    @Test
    void unknownFieldsAndArgumentsAreFoundWhereTheyAre() {
        String text = "{\n  events(limitt: 5) {\n    event\n    colour\n  }\n}";
        List<Problem> problems = DocumentCheck.check(schema, text);
        assertThat(problems).extracting(Problem::kind).containsOnly(Problem.Kind.VALIDATION);
        assertThat(problems).extracting(Problem::line, Problem::column)
                .contains(org.assertj.core.groups.Tuple.tuple(2, 10), org.assertj.core.groups.Tuple.tuple(4, 5));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("colour").contains("Event"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("limitt"));
        Problem colour = problems.stream().filter(p -> p.message().contains("colour")).findFirst().orElseThrow();
        assertThat(text.substring(colour.offset())).startsWith("colour");
    }

    @Test
    void wrongArgumentTypesAndUndeclaredVariablesAreFound() {
        assertThat(DocumentCheck.check(schema, "{ events(limit: \"many\") { event } }"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("limit"));
        assertThat(DocumentCheck.check(schema, "{ events(limit: $n) { event } }"))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("n"));
        assertThat(DocumentCheck.check(schema, "{ events }")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("events"));
    }

    @Test
    void offsetsCountCharactersOnEachLine() {
        assertThat(Problem.offsetOf("ab\ncd\r\nef", 3, 2)).isEqualTo(8);
        assertThat(Problem.offsetOf("ab\ncd", 2, 9)).isEqualTo(5);
        assertThat(Problem.offsetOf("ab", 3, 1)).isEqualTo(-1);
        assertThat(DocumentCheck.at(Problem.Kind.SERVER, "x", 0, 0, "ab").located()).isFalse();
    }

    @Test
    void theTopLevelOffersKeywordsAndTheFirstSelectionTheRootFields() {
        assertThat(labels("|")).containsExactly("query", "fragment");
        assertThat(labels("qu|")).containsExactly("query");
        assertThat(labels("{ |")).contains("events", "trackingPlans", "businessHealth", "agentPerformance",
                "workflowStatus", "proofTrails", "entities").hasSize(14);
        assertThat(labels("query Ops($limit: Int) { bus|")).containsExactly("businessHealth");
        Suggestion events = complete("{ ev|").suggestions().get(0);
        assertThat(events.type()).isEqualTo("[Event!]!");
        assertThat(events.description()).startsWith("Recent event envelopes");
        assertThat(events.display()).isEqualTo("events: [Event!]!");
    }

    @Test
    void nestedSelectionsOfferTheFieldsOfTheTypeReached() {
        assertThat(labels("{ events(limit: 3) { |")).contains("event", "timestamp", "warnings", "properties")
                .doesNotContain("events");
        assertThat(labels("{ events { warnings { |")).contains("planId", "field", "code", "message");
        assertThat(labels("{ trackingPlans { violations(limit: 10) { breaches { event { tra|")).containsExactly(
                "traceId", "trackable");
        assertThat(labels("{ events { event }\n  businessHealth { proof { period { |"))
                .containsExactly("from", "to", "__typename");
        assertThat(labels("{ events { event } metrics { |")).contains("eventNames", "storedSnapshots");
    }

    @Test
    void aliasesAndFragmentsLeadToTheRightType() {
        assertThat(labels("{ recent: events(limit: 5) { id ev|")).containsExactly("event");
        assertThat(labels("{ h: businessHealth { recent: recentEvents { |")).contains("traceId", "actor");
        assertThat(labels("fragment E on Event { |")).contains("event", "timestamp");
        assertThat(labels("fragment E on |")).contains("Event", "Funnel").doesNotContain("FunnelStepInput");
        assertThat(labels("{ events { ...E ... on Event { dec|")).containsExactly("decisionId");
        assertThat(labels("{ events { ... { outc|")).containsExactly("outcome");
        assertThat(labels("{ events { ... |")).containsExactly("on");
    }

    @Test
    void argumentsOfferTheNamesNotYetGivenAndTheirTypes() {
        Completions c = complete("{ events(|");
        assertThat(c.suggestions()).extracting(Suggestion::label).startsWith("businessId", "event", "traceId")
                .contains("limit", "cursor", "order", "trackable");
        assertThat(c.suggestions()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(Suggestion.Kind.ARGUMENT));
        assertThat(labels("{ events(limit: 5, |")).doesNotContain("limit").contains("cursor");
        assertThat(labels("{ events(limit: 5 bus|")).containsExactly("businessId");
        assertThat(labels("{ agentPerformance(|")).contains("agentId", "from");
        Suggestion agent = complete("{ agentPerformance(ag|").suggestions().get(0);
        assertThat(agent.type()).isEqualTo("String!");
        assertThat(agent.insert()).isEqualTo("agentId: ");
        assertThat(labels("{ trackingPlans { violations(|")).containsExactly("limit");
        assertThat(labels("{ funnel(steps: [{event: \"a\"}], |")).doesNotContain("steps").contains("windowMs");
    }

    @Test
    void argumentValuesOfferVariablesEnumValuesAndInputFields() {
        assertThat(labels("query Q($n: Int!, $asc: Order) { events(limit: |")).containsExactly("$n", "$asc", "null");
        assertThat(labels("query Q($n: Int, $o: Order) { events(order: |")).contains("asc", "desc", "$o");
        assertThat(labels("query Q($n: Int, $o: Order) { events(order: $|")).containsExactly("$n", "$o");
        Suggestion n = complete("query Q($n: [String!]!) { events(limit: $|").suggestions().get(0);
        assertThat(n.type()).isEqualTo("[String!]!");
        assertThat(n.insert()).isEqualTo("$n");
        assertThat(labels("{ funnel(steps: [{ |")).containsExactly("name", "event", "filter");
        assertThat(labels("{ funnel(steps: [{ event: \"a\", |")).containsExactly("name", "filter");
        assertThat(labels("{ events(limit: 5) { event @|")).contains("@include", "@skip");
    }

    @Test
    void stringsCommentsAndVariableDefinitionsAreReadAsSuch() {
        assertThat(labels("{ events(event: \"order.{created\") { |")).contains("timestamp");
        assertThat(labels("# a { comment\n{ events { |")).contains("timestamp");
        assertThat(labels("{ events(event: \"ab|")).isEmpty();
        assertThat(labels("# ab|")).isEmpty();
        assertThat(labels("query Q($n: |")).contains("Int", "String", "Order", "FunnelStepInput")
                .doesNotContain("Event");
        assertThat(labels("query Q($a: [String!] = [\"x\"], $b: Long) { events(from: $|"))
                .containsExactly("$a", "$b");
    }

    @Test
    void choosingASuggestionReplacesTheWholeWord() {
        String text = "{ evenXX { event } }";
        Completions c = completion.at(text, 6);
        assertThat(c.suggestions()).extracting(Suggestion::label).containsExactly("events");
        assertThat(c.apply(text, c.suggestions().get(0))).isEqualTo("{ events { event } }");
        assertThat(c.caretAfter(c.suggestions().get(0))).isEqualTo(8);
        Completions args = complete("{ events(li|) { event } }");
        assertThat(args.apply("{ events(li) { event } }", args.suggestions().get(0)))
                .isEqualTo("{ events(limit: ) { event } }");
    }

    @Test
    void aSchemaReadFromIntrospectionCompletesAlike() {
        ExecutionResult answer = GraphQL.newGraphQL(schema.schema()).build().execute(EditorSchema.introspectionQuery());
        assertThat(answer.getErrors()).isEmpty();
        Map<String, Object> data = answer.getData();
        EditorSchema remote = EditorSchema.fromIntrospection(data, "https://api.example.com");
        assertThat(remote.origin()).isEqualTo("https://api.example.com");
        Completion c = new Completion(remote);
        assertThat(c.at("{ workflowStatus(workflowId: \"w\") { runs { st", 44).suggestions())
                .extracting(Suggestion::label).containsExactly("state", "startedAt", "step");
        assertThat(DocumentCheck.check(remote, "{ proofTrails { proofId nope } }")).hasSize(1);
        assertThatThrownBy(() -> EditorSchema.fromIntrospection(Map.of("x", 1), "server"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a schema");
        assertThatThrownBy(() -> EditorSchema.fromSdl("type {", "broken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken");
    }
}
