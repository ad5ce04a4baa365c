package com.headlessanalytics.console.domain.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.domain.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one event says about the graph, including events stored before the graph's rules existed. */
class GraphRulesTest {

    private static Event event(Object actor, Object object, Map<String, Object> entity) {
        return new Event("e1", "order.created", "shop", 1000L, 1000L, actor, object, entity, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    @Test
    void anEventNamesItsActorObjectEntityAndTargetsAndLinksThem() {
        GraphFacts f = GraphRules.of(event(Map.of("type", "customer", "id", 7, "name", "Ana"),
                Map.of("type", "product", "id", "p1"), Map.of("type", "product", "id", "p1", "name", "Oil",
                        "relationships", List.of(Map.of("type", "location", "id", "l1", "relation", "stocked_at"),
                                Map.of("type", "location", "id", "l1", "relation", "stocked_at")))));
        assertThat(f.mentions()).extracting(m -> m.key().toString() + ":" + m.name())
                .containsExactly("customer/7:Ana", "product/p1:Oil", "location/l1:null", "business/shop:null");
        assertThat(f.edges()).extracting(e -> e.from() + " " + e.relation() + " " + e.to()).containsExactly(
                "customer/7 order.created product/p1", "product/p1 stocked_at location/l1",
                "customer/7 in_business business/shop", "product/p1 in_business business/shop",
                "location/l1 in_business business/shop");
    }

    @Test
    void aStringActorOrAnObjectWithoutTypeAndIdNamesNothing() {
        assertThat(GraphRules.of(event("anon_1", Map.of("id", "p1"), null))).isEqualTo(GraphFacts.NONE);
        assertThat(GraphRules.of(event(Map.of("type", "agent", "id", 1.5), null, null))).isEqualTo(GraphFacts.NONE);
    }

    @Test
    void eventsStoredBeforeTheRulesAreReadWithoutFailing() {
        assertThat(GraphRules.of(event(null, null, Map.of("a", 1)))).isEqualTo(GraphFacts.NONE);
        GraphFacts f = GraphRules.of(event(null, null, Map.of("type", "product", "id", "p1",
                "relationships", List.of("x", Map.of("type", "t"), Map.of("type", "product", "id", "p1"), 3))));
        assertThat(f.mentions()).extracting(m -> m.key().toString()).containsExactly("product/p1", "business/shop");
        assertThat(f.edges()).extracting(GraphFacts.Edge::relation).containsExactly("in_business");
    }
}
