package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.proof.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any change to an approved proposedAction (a field added, removed, or given another value) is a
 * deny whose action_digest check failed; the unchanged action then allows. One engine serves the
 * class; each try has its own decision under a budget no try can exhaust.
 */
class GovernancePropertyTest {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static Path dir;
    static GovernanceFixture f;
    static GovernanceFixture.Setup s;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("governance-property");
        f = new GovernanceFixture(dir);
        s = f.setup("1000000", "1000000000", "1000000000");
    }

    @AfterContainer
    static void close() throws IOException {
        f.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** How an approved action is changed before it is enforced. */
    enum Kind { ADD, REMOVE, ALTER }

    record Change(ObjectNode approved, Kind kind, int field, String name, JsonNode value) {
        ObjectNode apply() {
            ObjectNode changed = approved.deepCopy();
            List<String> names = new ArrayList<>();
            changed.fieldNames().forEachRemaining(names::add);
            String target = names.get(field % names.size());
            switch (kind) {
                case ADD -> changed.set(name, value);
                case REMOVE -> changed.remove(target);
                case ALTER -> changed.set(target, value);
            }
            return changed;
        }
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.integers().between(-1000, 1_000_000).map(NODES::numberNode),
                Arbitraries.bigDecimals().between(java.math.BigDecimal.ZERO, new java.math.BigDecimal("99999"))
                        .ofScale(2).map(b -> NODES.textNode(b.toPlainString())),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)
                        .map(v -> (JsonNode) NODES.objectNode().put("id", v)));
    }

    @Provide
    Arbitrary<ObjectNode> actions() {
        Arbitrary<String> amount = Arbitraries.bigDecimals().between(new java.math.BigDecimal("0.01"),
                new java.math.BigDecimal("999.99")).ofScale(2).map(java.math.BigDecimal::toPlainString);
        Arbitrary<Map<String, String>> targets = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1)
                .ofMaxLength(8).filter(k -> !List.of("action", "amount", "currency", "surface").contains(k)),
                Arbitraries.strings().ofMaxLength(10)).ofMaxSize(4);
        return Combinators.combine(amount, targets, Arbitraries.of(true, false)).as((a, t, asNumber) -> {
            ObjectNode action = GovernanceFixture.action(a);
            if (asNumber) {
                action.put("amount", new java.math.BigDecimal(a).intValue());
            }
            t.forEach(action::put);
            return action;
        });
    }

    @Provide
    Arbitrary<Change> changes() {
        return Combinators.combine(actions(), Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 20),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10), values()).as(Change::new);
    }

    @Property(tries = 150)
    void anyChangeToAnApprovedActionIsADeny(@ForAll("changes") Change change) {
        ObjectNode changed = change.apply();
        Assume.that(!CanonicalJson.of(changed).equals(CanonicalJson.of(change.approved())));
        Governance.Decision d = f.approved(s, change.approved(), null);
        Governance.Receipt denied = f.enforce(s, d, changed);
        assertThat(denied.outcome()).as(ApiJson.write(changed)).isEqualTo("deny");
        assertThat(GovernanceFixture.failed(denied)).contains("action_digest");
        assertThat(f.as(GovernanceFixture.ALICE).decision(d.id()).state()).isEqualTo("approved");
        assertThat(f.enforce(s, d, change.approved()).outcome()).isEqualTo("allow");
    }
}
