package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.funnels.SavedFunnel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved funnels survive a restart, replace by name, and an unreadable file is set aside, never lost. */
class SavedFunnelsTest {
    @TempDir
    Path dir;

    private static SavedFunnel funnel(String name, String... events) {
        return new SavedFunnel(name, java.util.Arrays.stream(events).map(Funnels.Step::of).toList(), "strict",
                3_600_000L, "campaign", "CUSTOM", "2026-11-01", "2026-11-27", 1L);
    }

    @Test
    void withoutAFileThereAreNone() {
        assertThat(new SavedFunnels(dir).list()).isEmpty();
    }

    @Test
    void roundTripsEveryFieldSortedByName() {
        SavedFunnels store = new SavedFunnels(dir);
        SavedFunnel checkout = new SavedFunnel("checkout", List.of(new Funnels.Step("Viewed", "page.product_viewed",
                Map.of("properties.sku", "OIL-1")), Funnels.Step.of("order.created")), "any_order", 86_400_000L,
                "properties.plan", "CUSTOM", "2026-11-01", "2026-11-27", 42L);
        store.save(checkout);
        store.save(funnel("Activation", "lead.created", "order.created"));

        List<SavedFunnel> reread = new SavedFunnels(dir).list();
        assertThat(reread).extracting(SavedFunnel::name).containsExactly("Activation", "checkout");
        assertThat(reread.get(1)).isEqualTo(checkout);
        assertThat(reread.get(1).dateRange()).isEqualTo(DateRange.custom(LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 27)));
        assertThat(reread.get(1).steps().get(0).filter()).containsEntry("properties.sku", "OIL-1");
    }

    @Test
    void savingUnderAnExistingNameReplacesIt() {
        SavedFunnels store = new SavedFunnels(dir);
        store.save(funnel("f", "a", "b"));
        store.save(funnel("f", "a", "b", "c"));
        assertThat(store.list()).singleElement().satisfies(f -> assertThat(f.steps()).hasSize(3));
    }

    @Test
    void deleteRemovesOnlyThatName() {
        SavedFunnels store = new SavedFunnels(dir);
        store.save(funnel("one", "a"));
        store.save(funnel("two", "b"));
        store.delete("one");
        store.delete("missing");
        assertThat(new SavedFunnels(dir).list()).extracting(SavedFunnel::name).containsExactly("two");
    }

    @Test
    void anUnreadableFileIsSetAsideBeforeTheNextSave() throws Exception {
        Files.writeString(dir.resolve(SavedFunnels.FILE_NAME), "{not json");
        SavedFunnels store = new SavedFunnels(dir);
        assertThat(store.list()).isEmpty();
        store.save(funnel("fresh", "a"));
        assertThat(store.list()).extracting(SavedFunnel::name).containsExactly("fresh");
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith(SavedFunnels.FILE_NAME
                    + ".unreadable-")).toList();
            assertThat(aside).singleElement().satisfies(p -> assertThat(Files.readString(p)).isEqualTo("{not json"));
        }
    }

    @Test
    void aFunnelNeedsAName() {
        assertThatThrownBy(() -> new SavedFunnels(dir).save(funnel(" ", "a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownRangeReadsAsTheLastSevenDays() {
        SavedFunnel odd = new SavedFunnel("x", List.of(), null, null, null, "LAST_YEAR", null, null, null);
        assertThat(odd.dateRange()).isEqualTo(DateRange.last7Days());
    }
}
