package com.headlessanalytics.console.ui.trackables;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.hardware.print.DrawingDecoder;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Trackables screen's logic against a small port, without a toolkit. */
class TrackablesViewModelTest {
    final FakeTrackablesApi api = new FakeTrackablesApi();
    final TestTasks tasks = TestTasks.direct();
    final TestDialogs dialogs = new TestDialogs();
    final List<String> copied = new ArrayList<>();
    final List<EventQuery> drilled = new ArrayList<>();
    final List<List<Trackables.Trackable>> printed = new ArrayList<>();
    TrackablesViewModel model;
    Trackables.Trackable bottle;
    Trackables.Trackable crate;
    Trackables.Trackable agent;

    @BeforeEach
    void fill() {
        bottle = api.add("qr_code", "Bottle 0.75 l", "https://shop.example.com/bottle", 3);
        crate = api.add("barcode", "Crate 12", null, 0);
        agent = api.add("ai_agent", "Pricing agent", null, 1);
        model = new TrackablesViewModel(() -> api, tasks, dialogs, copied::add, drilled::add, ZoneOffset.UTC,
                printed::add);
        model.activate();
    }

    @Test
    void listsTheTrackablesWithTheirScansNewestFirst() {
        assertThat(model.rows()).extracting(TrackablesViewModel.Row::name)
                .containsExactly("Pricing agent", "Crate 12", "Bottle 0.75 l");
        TrackablesViewModel.Row row = model.rows().get(2);
        assertThat(row.kind()).isEqualTo("QR code");
        assertThat(row.scans()).isEqualTo(3);
        assertThat(row.payload()).isEqualTo("https://shop.example.com/bottle?ha_code=" + bottle.code());
        assertThat(model.rows().get(1).lastScan()).isEqualTo("never");
        assertThat(model.query().statusProperty().get()).isEqualTo("3 trackables · 4 scans");
    }

    @Test
    void searchMatchesCodeNameKindAndPayloadAndTheKindFilterNarrows() {
        model.searchProperty().set("shop.example");
        assertThat(model.rows()).extracting(TrackablesViewModel.Row::code).containsExactly(bottle.code());
        model.searchProperty().set(crate.code().toLowerCase());
        assertThat(model.rows()).extracting(TrackablesViewModel.Row::code).containsExactly(crate.code());
        model.searchProperty().set("agent pricing");
        assertThat(model.rows()).extracting(TrackablesViewModel.Row::code).containsExactly(agent.code());
        assertThat(model.summaryProperty().get()).isEqualTo("1 of 3 shown");
        model.searchProperty().set("");
        model.kindProperty().set(TrackableKind.BARCODE);
        assertThat(model.rows()).extracting(TrackablesViewModel.Row::code).containsExactly(crate.code());
    }

    @Test
    void theDetailDrawsTheSymbolAsVectorsThatDecodeToThePayload() throws Exception {
        model.selectedProperty().set(model.rows().get(2));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Bottle 0.75 l");
        assertThat(model.payloadProperty().get()).isEqualTo(bottle.payload());
        assertThat(DrawingDecoder.decode(DrawingDecoder.paint(model.symbolProperty().get(), 6)))
                .isEqualTo(bottle.payload());
        assertThat(model.detail()).extracting(TrackablesViewModel.Field::value)
                .contains(bottle.code(), "QR code · QR symbol", "https://shop.example.com/bottle");

        model.selectedProperty().set(model.rows().get(1));
        assertThat(DrawingDecoder.decode(DrawingDecoder.paint(model.symbolProperty().get(), 6)))
                .as("a barcode's Code 128 carries the bare code").isEqualTo(crate.code());
    }

    @Test
    void theDetailListsOnlyThisTrackablesEventsAndDrillsDownToThem() {
        api.scan(bottle, "evt_1", 1_764_600_000_000L);
        api.scan(crate, "evt_2", 1_764_600_001_000L);
        api.scan(bottle, "evt_3", 1_764_600_002_000L);
        model.selectedProperty().set(model.rows().get(2));
        assertThat(model.events()).hasSize(2).allMatch(e -> e.channel().equals("scan") && e.actor().equals("dock-1"));
        assertThat(model.events().get(0).time()).contains("2025");
        model.showEventsCommand().execute();
        assertThat(drilled).singleElement().satisfies(q -> {
            assertThat(q.trackable()).isEqualTo(bottle.code());
            assertThat(q.effectiveOrder()).isEqualTo(EventQuery.Order.DESC);
        });

        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.events()).isEmpty();
        assertThat(model.eventsStatusProperty().get()).isEqualTo("No scans recorded yet.");
    }

    @Test
    void copiesThePayloadAndHandsTheSelectionToTheLabelsScreen() {
        assertThat(model.printCommand().isExecutable()).isFalse();
        model.selectedProperty().set(model.rows().get(2));
        model.copyPayloadCommand().execute();
        assertThat(copied).containsExactly(bottle.payload());
        model.selection().setAll(model.rows().get(0), model.rows().get(2));
        model.printCommand().execute();
        assertThat(printed).singleElement().satisfies(list -> assertThat(list)
                .extracting(Trackables.Trackable::code).containsExactly(agent.code(), bottle.code()));
    }

    @Test
    void theFormChecksAsTheUserTypesCreatesAndTheListShowsTheNewOneSelected() {
        TrackableFormViewModel form = model.newTrackable();
        assertThat(dialogs.forms).containsExactly(form);
        assertThat(form.canSaveProperty().get()).isFalse();
        assertThat(form.nameErrorProperty().get()).startsWith("Name the trackable");
        form.nameProperty().set("Flyer A5");
        form.targetUrlProperty().set("ftp://example.com/x");
        assertThat(form.targetUrlErrorProperty().get()).startsWith("An http:// or https://");
        form.targetUrlProperty().set("https://example.com/flyer");
        form.eventNameProperty().set("flyer\u0007scanned");
        assertThat(form.eventNameErrorProperty().get()).startsWith("Event name");
        form.eventNameProperty().set("flyer.scanned");
        assertThat(form.canSaveProperty().get()).isTrue();
        form.save();
        assertThat(api.created).singleElement().isEqualTo(new Trackables.NewTrackable("qr_code", "Flyer A5",
                "https://example.com/flyer", "flyer.scanned", false));
        assertThat(form.savedProperty().get()).isTrue();
        assertThat(model.rows()).hasSize(4);
        assertThat(model.selectedProperty().get().name()).isEqualTo("Flyer A5");
        assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Created trackable"));
    }

    @Test
    void aRefusedCreateKeepsTheFormOpenWithTheAnswerAndWhatWasTyped() {
        api.createFailure = new IllegalArgumentException("name: too long");
        TrackableFormViewModel form = model.newTrackable();
        form.kindProperty().set(TrackableKind.SENSOR);
        form.nameProperty().set("Cold room 2");
        form.save();
        assertThat(form.savedProperty().get()).isFalse();
        assertThat(form.saveErrorProperty().get()).contains("too long");
        assertThat(form.nameProperty().get()).isEqualTo("Cold room 2");
        assertThat(form.body().kind()).isEqualTo("sensor");
        assertThat(form.body().targetUrl()).isNull();
        assertThat(form.body().eventName()).isNull();
    }
}
