package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.symbols.ErrorCorrection;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of labels on one stock, starting at {@code startPosition} (1-based, row by row) of the
 * first sheet so a partly used sheet can be finished; later pages start at position 1.
 */
public record LabelJob(LabelTemplate template, List<LabelItem> items, int startPosition, ErrorCorrection correction) {

    public LabelJob {
        items = List.copyOf(items);
        if (startPosition < 1 || startPosition > template.perPage()) {
            throw new IllegalArgumentException("the start position must be 1 to " + template.perPage());
        }
    }

    /** Where one item goes: page (0-based), position on that page (0-based) and top-left corner in mm. */
    public record Placement(int page, int slot, double xMm, double yMm, LabelItem item) {
    }

    public int pageCount() {
        return items.isEmpty() ? 0 : (startPosition - 1 + items.size() - 1) / template.perPage() + 1;
    }

    public List<Placement> placements() {
        List<Placement> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int position = startPosition - 1 + i;
            int slot = position % template.perPage();
            out.add(new Placement(position / template.perPage(), slot, template.slotXMm(slot), template.slotYMm(slot),
                    items.get(i)));
        }
        return out;
    }

    public List<Placement> placements(int page) {
        return placements().stream().filter(p -> p.page() == page).toList();
    }
}
