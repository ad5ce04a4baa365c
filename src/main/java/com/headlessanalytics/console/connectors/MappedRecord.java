package com.headlessanalytics.console.connectors;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.domain.EventValidator;
import java.util.List;
import java.util.Map;

/**
 * One record mapped: the record type it was read as, its id at the provider (null when it has
 * none), the event id, the envelope (without {@code businessId}; null when there are errors), and
 * the warnings and errors, each naming a record path.
 * {@code sources} pairs each envelope path the mapping wrote with the record path it came from,
 * so that a problem found later in the envelope can name the record's field.
 */
public record MappedRecord(String recordType, String recordId, String eventId, Map<String, Object> envelope,
                           List<Connectors.Note> warnings, List<Connectors.Note> errors, List<String[]> sources) {

    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * The event connector ingest stores for this valid record: the envelope given {@code business}
     * and validated as event {@code index} of its request, received at {@code now}, with the mapped id.
     */
    public EventValidator.Outcome validate(int index, String business, long now) {
        envelope.put("businessId", business);
        return EventValidator.validate(index, envelope, 0, now, business, eventId);
    }

    /**
     * The record path behind an envelope path ({@code outcome.revenue} → {@code total_price};
     * {@code properties.note.text} → {@code note.text} for a kept field); the envelope path
     * itself when the mapping wrote nothing there from the record.
     */
    public String recordField(String envelopeField) {
        if (envelopeField == null) {
            return null;
        }
        String[] best = null;
        for (String[] s : sources) {
            String target = s[0];
            boolean prefix = envelopeField.equals(target) || (envelopeField.startsWith(target)
                    && (envelopeField.charAt(target.length()) == '.' || envelopeField.charAt(target.length()) == '['));
            if (prefix && (best == null || target.length() > best[0].length())) {
                best = s;
            }
        }
        return best == null ? envelopeField : best[1] + envelopeField.substring(best[0].length());
    }
}
