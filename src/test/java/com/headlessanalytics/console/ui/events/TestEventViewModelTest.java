package com.headlessanalytics.console.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.TrustTier;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Send test event" form against a real engine, without a toolkit. */
class TestEventViewModelTest {
    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;
    TestDialogs dialogs = new TestDialogs();
    TestTasks tasks = TestTasks.direct();
    EventsViewModel events;
    TestEventViewModel form;

    @BeforeEach
    void setUp() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        events = new EventsViewModel(() -> api, tasks, new ManualScheduler(), java.time.Clock.systemUTC(), ZoneOffset.UTC,
                dialogs, text -> { });
        form = events.newTestEvent();
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void startsValidWithItsDefaults() {
        assertThat(form.eventNameProperty().get()).isEqualTo("test.event_sent");
        assertThat(form.propertiesJsonProperty().get()).isEqualTo("{\"source\": \"console test\"}");
        assertThat(form.trustTierProperty().get()).isNull();
        assertThat(form.canSendProperty().get()).isTrue();
        assertThat(List.of(form.eventErrorProperty(), form.actorErrorProperty(), form.traceErrorProperty(),
                form.trustTierErrorProperty(), form.businessErrorProperty(), form.propertiesErrorProperty(),
                form.formErrorProperty(), form.sendErrorProperty())).allMatch(p -> p.get().isEmpty());
    }

    @Test
    void showsEachProblemUnderTheFieldItNamesAsTheUserTypes() {
        form.eventNameProperty().set("  ");
        assertThat(form.eventErrorProperty().get()).isEqualTo("The event name is required");
        assertThat(form.canSendProperty().get()).isFalse();
        form.eventNameProperty().set("order\tcreated");
        assertThat(form.eventErrorProperty().get()).isEqualTo("The event name must not contain control characters");
        form.eventNameProperty().set("Order Completed");
        assertThat(form.eventErrorProperty().get()).isEmpty();
        form.eventNameProperty().set("order.created");
        assertThat(form.eventErrorProperty().get()).isEmpty();
        assertThat(form.canSendProperty().get()).isTrue();

        form.actorIdProperty().set("a".repeat(257));
        assertThat(form.actorErrorProperty().get()).isEqualTo("The actor id is longer than 256 characters");
        form.traceIdProperty().set("t".repeat(300));
        assertThat(form.traceErrorProperty().get()).isEqualTo("The trace ID is longer than 256 characters");
        form.businessProperty().set("my shop");
        assertThat(form.businessErrorProperty().get()).isEqualTo(
                "The business must be 1-128 letters, digits, '.', '_', ':' or '-'");
        assertThat(form.eventErrorProperty().get()).isEmpty();
        assertThat(form.propertiesErrorProperty().get()).isEmpty();
        assertThat(form.canSendProperty().get()).isFalse();

        form.actorIdProperty().set("cust_42");
        form.traceIdProperty().set("tr_1");
        form.businessProperty().set("shop-1");
        form.trustTierProperty().set(TrustTier.T4);
        assertThat(form.canSendProperty().get()).isTrue();
    }

    @Test
    void badPropertiesJsonDisablesSend() {
        form.propertiesJsonProperty().set("{\"source\": ");
        assertThat(form.propertiesErrorProperty().get()).startsWith("Not valid JSON: ").contains("line 1");
        assertThat(form.canSendProperty().get()).isFalse();

        form.propertiesJsonProperty().set("{\"a\": 1, \"a\": 2}");
        assertThat(form.propertiesErrorProperty().get()).startsWith("Not valid JSON: Duplicate field 'a'");
        assertThat(form.canSendProperty().get()).isFalse();

        form.propertiesJsonProperty().set("[1, 2]");
        assertThat(form.propertiesErrorProperty().get()).isEqualTo("Properties must be an object, got an array");
        assertThat(form.canSendProperty().get()).isFalse();

        form.propertiesJsonProperty().set("{\"city\": \"Zürich\", \"n\": 1.50}");
        assertThat(form.propertiesErrorProperty().get()).isEmpty();
        assertThat(form.canSendProperty().get()).isTrue();
        form.propertiesJsonProperty().set("");
        assertThat(form.canSendProperty().get()).isTrue();
    }

    @Test
    void refusesAnEventOverTheSizeLimit() {
        form.propertiesJsonProperty().set("{\"blob\": \"" + "x".repeat(33_000) + "\"}");
        assertThat(form.formErrorProperty().get()).matches("Event is \\d+ bytes; the limit is 32768 bytes");
        assertThat(form.canSendProperty().get()).isFalse();
    }

    @Test
    void sendingStoresTheEventNotifiesAndRefreshesTheTable() {
        events.activate();
        assertThat(events.rows()).isEmpty();
        form.actorIdProperty().set(" cust_42 ");
        form.traceIdProperty().set("tr_test");
        form.trustTierProperty().set(TrustTier.T3);
        form.businessProperty().set("shop-1");

        form.send();

        assertThat(form.sentProperty().get()).isTrue();
        assertThat(form.canSendProperty().get()).isFalse();
        List<Event> stored = api.events(EventQuery.all()).events();
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.id()).startsWith("evt_");
            assertThat(e.event()).isEqualTo("test.event_sent");
            assertThat(e.actorKey()).isEqualTo("cust_42");
            assertThat(e.traceId()).isEqualTo("tr_test");
            assertThat(e.trustTier()).isEqualTo(TrustTier.T3);
            assertThat(e.businessId()).isEqualTo("shop-1");
            assertThat(e.properties()).isEqualTo(Map.of("source", "console test"));
        });
        assertThat(dialogs.notices).containsExactly("Sent test event " + stored.get(0).id());
        assertThat(events.rows()).extracting(EventsViewModel.Row::id).containsExactly(stored.get(0).id());
    }

    @Test
    void anApiRefusalIsShownInTheFormWhichStaysOpen() {
        ApiException refusal = ApiException.invalid("1 of 1 event is invalid; nothing was stored",
                List.of(new FieldError(0, "businessId", "invalid_value", "is not a business of this workspace")));
        TestEventViewModel refused = new TestEventViewModel(() -> new Refusing(refusal), tasks, dialogs, () -> { });

        refused.send();

        assertThat(refused.sendErrorProperty().get()).isEqualTo("1 of 1 event is invalid; nothing was stored\n"
                + "• [0] businessId: is not a business of this workspace");
        assertThat(refused.sentProperty().get()).isFalse();
        assertThat(refused.canSendProperty().get()).isTrue();
        assertThat(dialogs.notices).isEmpty();
        refused.businessProperty().set("shop-2");
        assertThat(refused.sendErrorProperty().get()).isEmpty();
    }

    /** An API that refuses every ingest with the given error. */
    record Refusing(ApiException error) implements EventsOnlyApi {
        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            throw error;
        }

        @Override
        public EventPage events(EventQuery query) {
            throw error;
        }

        @Override
        public EventNames eventNames(String businessId) {
            throw error;
        }

        @Override
        public RuntimeHealth health() {
            throw error;
        }
    }
}
