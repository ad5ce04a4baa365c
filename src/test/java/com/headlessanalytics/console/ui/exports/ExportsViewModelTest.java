package com.headlessanalytics.console.ui.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.app.FileSecretStore;
import com.headlessanalytics.console.app.SavedDestinations;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Exports screen over a real engine (export calls faked per the contract), the real file of
 * saved destinations and the owner-only secret file, without a toolkit.
 */
class ExportsViewModelTest {
    @TempDir
    Path dir;
    Engine engine;
    FakeExportPort exports;
    FileSecretStore secrets;
    SavedDestinations store;
    final TestTasks tasks = TestTasks.direct();
    final TestDialogs dialogs = new TestDialogs();
    final List<String> copied = new ArrayList<>();
    ExportsViewModel model;

    @BeforeEach
    void open() {
        engine = Engine.open(dir.resolve("data"));
        exports = new FakeExportPort(engine.defaultWorkspace());
        secrets = new FileSecretStore(dir);
        store = new SavedDestinations(dir);
        model = newModel();
    }

    private ExportsViewModel newModel() {
        var port = exports.port();
        return new ExportsViewModel(() -> port, tasks, dialogs, secrets, store, copied::add,
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private void type(String key, String value) {
        model.input(key).valueProperty().set(value);
    }

    private void fillS3() {
        model.destinationProperty().set("s3");
        type("bucket", "acme-events");
        type("prefix", "headless/");
        type("region", "eu-central-1");
        type("accessKeyId", "AKIAEXAMPLE123");
        type("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    @Test
    void eachDestinationHasItsFieldsAndTheRequiredOnesMustBeFilled() {
        model.activate();
        assertThat(model.inputs()).extracting(i -> i.field().key()).containsExactly("projectId", "datasetId", "tableId",
                "stage", "accessKeyId", "secretAccessKey");
        assertThat(model.exportCommand().isExecutable()).isFalse();
        assertThat(model.formErrorProperty().get()).isEqualTo("Fill in project, dataset, table.");
        model.destinationProperty().set("redshift");
        assertThat(model.inputs()).extracting(i -> i.field().key()).containsExactly("schema", "table", "stage",
                "iamRole", "region", "accessKeyId", "secretAccessKey");
        model.destinationProperty().set("https");
        assertThat(model.inputs()).extracting(i -> i.field().key(), i -> i.field().secret()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("url", false), org.assertj.core.groups.Tuple.tuple("batchSize", false),
                org.assertj.core.groups.Tuple.tuple("headers", false),
                org.assertj.core.groups.Tuple.tuple("Authorization", true));
        type("url", "https://collector.example.com/events");
        type("headers", "Authorization: Bearer x");
        assertThat(model.formErrorProperty().get()).startsWith("Put Authorization in the Authorization field");
        type("headers", "X-Team: data");
        type("batchSize", "many");
        assertThat(model.formErrorProperty().get()).isEqualTo("The batch size must be a whole number.");
        type("batchSize", "250");
        model.limitProperty().set("0");
        assertThat(model.formErrorProperty().get()).startsWith("The limit must be a whole number from 1");
        model.limitProperty().set("5000");
        assertThat(model.exportCommand().isExecutable()).isTrue();
    }

    @Test
    void exportSendsTheFormAsTheRequestAndListsTheReceiptWithItsLoadCommand() {
        model.activate();
        type("projectId", "acme-analytics");
        type("datasetId", "events");
        type("tableId", "headless");
        model.eventProperty().set("order.created");
        model.limitProperty().set("500");
        model.rangeProperty().set(DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));
        model.exportCommand().execute();

        Exports.Request sent = exports.requests.get(0);
        assertThat(sent.destination()).isEqualTo("bigquery");
        assertThat(sent.limit()).isEqualTo(500);
        assertThat(sent.filter()).isEqualTo(new Exports.Filter("order.created", null, null, null));
        assertThat(sent.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(sent.to()).as("exclusive end").isEqualTo(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        assertThat(sent.config()).isEqualTo(Map.of("projectId", "acme-analytics", "datasetId", "events",
                "tableId", "headless"));
        assertThat(model.receipts()).hasSize(1);
        ExportsViewModel.ReceiptRow row = model.receipts().get(0);
        assertThat(row.status()).isEqualTo("succeeded");
        assertThat(row.sha()).isEqualTo("9f2c41d7b3a8");
        assertThat(model.selectedReceiptProperty().get()).isEqualTo(row);
        assertThat(model.loadCommandProperty().get()).startsWith("bq load --source_format=NEWLINE_DELIMITED_JSON"
                + " acme-analytics:events.headless");
        assertThat(model.files()).hasSize(2);
        assertThat(model.detail()).extracting(DetailField::name).contains("Export", "Status", "SHA-256", "Config");
        assertThat(model.lastResultProperty().get()).startsWith("Exported 412 events to bigquery");
        model.copyLoadCommandCommand().execute();
        model.copyShaCommand().execute();
        assertThat(copied).containsExactly(model.loadCommandProperty().get(),
                "9f2c41d7b3a8e6f01c5d2b7a9e4f8c3d1a6b0e7f2c9d4a8b3e1f6c0d7a2b5e9f");
    }

    @Test
    void savingKeepsSecretsInTheSecretStoreNeverInTheSettingsFileAndNeverShowsThemAgain() throws Exception {
        model.activate();
        fillS3();
        model.nameProperty().set("Warehouse nightly");
        model.saveCommand().execute();

        String settings = Files.readString(store.file());
        assertThat(settings).contains("Warehouse nightly", "acme-events", "eu-central-1")
                .doesNotContain("AKIAEXAMPLE123", "wJalrXUtnFEMI", "accessKeyId", "secretAccessKey");
        assertThat(secrets.get("export-destination:Warehouse nightly")).hasValueSatisfying(json ->
                assertThat(json).contains("AKIAEXAMPLE123", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assertThat(model.input("secretAccessKey").valueProperty().get()).as("not shown after saving").isEmpty();
        assertThat(model.input("secretAccessKey").storedProperty().get()).isTrue();
        assertThat(model.input("bucket").valueProperty().get()).isEqualTo("acme-events");
        assertThat(model.saved()).extracting(SavedDestination::name).containsExactly("Warehouse nightly");

        ExportsViewModel again = newModel();
        again.activate();
        again.selectedSavedProperty().set(again.saved().get(0));
        assertThat(again.destinationProperty().get()).isEqualTo("s3");
        assertThat(again.input("accessKeyId").valueProperty().get()).isEmpty();
        again.exportCommand().execute();
        assertThat(exports.requests).singleElement().satisfies(r -> assertThat(r.config()).containsEntry(
                "accessKeyId", "AKIAEXAMPLE123").containsEntry("secretAccessKey",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").containsEntry("bucket", "acme-events"));
        assertThat(exports.receipts().get(0).config()).doesNotContainKeys("accessKeyId", "secretAccessKey");

        again.deleteSavedCommand().execute();
        assertThat(again.saved()).isEmpty();
        assertThat(secrets.get("export-destination:Warehouse nightly")).isEmpty();
    }

    @Test
    void aFailedDeliveryIsListedAndRetrySendsTheSavedDestinationsSecrets() {
        model.activate();
        fillS3();
        model.nameProperty().set("Lake");
        model.saveCommand().execute();
        exports.failDeliveries = true;
        model.exportCommand().execute();

        assertThat(model.query().errorProperty().get()).startsWith("The export could not be delivered");
        assertThat(model.receipts()).hasSize(1);
        ExportsViewModel.ReceiptRow failed = model.selectedReceiptProperty().get();
        assertThat(failed.failed()).isTrue();
        assertThat(model.receiptErrorProperty().get()).contains("connection refused");
        assertThat(model.retryCommand().isExecutable()).isTrue();

        exports.failDeliveries = false;
        model.retryCommand().execute();
        assertThat(exports.retries).singleElement().satisfies(r -> {
            assertThat(r.exportId()).isEqualTo(failed.receipt().exportId());
            assertThat(r.request().config()).containsEntry("accessKeyId", "AKIAEXAMPLE123")
                    .containsEntry("secretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                    .containsEntry("bucket", "acme-events").containsEntry("prefix", "headless/");
        });
        assertThat(model.receipts()).extracting(ExportsViewModel.ReceiptRow::status)
                .containsExactly("succeeded", "failed");
        assertThat(model.selectedReceiptProperty().get().receipt().retryOf()).isEqualTo(failed.receipt().exportId());
        assertThat(model.lastResultProperty().get()).endsWith("with the saved destination Lake");
    }

    @Test
    void withoutReceiptListingTheReceiptsPartSaysSoAndExportingStillWorks() {
        exports.listsReceipts = false;
        model.activate();
        assertThat(model.receiptsGate().isOffered()).isFalse();
        assertThat(model.receiptsGate().unavailableProperty().get())
                .isEqualTo(Capabilities.Feature.EXPORT_RECEIPTS.unavailable());
        assertThat(model.receiptsQuery().errorProperty().get()).isEmpty();
        assertThat(exports.receiptReads).isZero();
        type("projectId", "p");
        type("datasetId", "d");
        type("tableId", "t");
        model.exportCommand().execute();
        assertThat(model.receipts()).as("this session's export is shown").hasSize(1);
        assertThat(exports.receiptReads).isZero();
        assertThat(model.query().errorProperty().get()).isEmpty();
    }
}
