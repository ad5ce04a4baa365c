package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code POST /api/attribution/query} (PRODUCT.md §3–4). */
public final class Attribution {
    public static final long DEFAULT_LOOKBACK_MS = 30L * 24 * 60 * 60 * 1000;
    public static final long MAX_LOOKBACK_MS = 366L * 24 * 60 * 60 * 1000;
    public static final long HALF_LIFE_MS = 7L * 24 * 60 * 60 * 1000;
    /** Where a conversion without touchpoints is credited. */
    public static final String DIRECT = "(direct)";

    private Attribution() {
    }

    public enum Model { FIRST_TOUCH, LAST_TOUCH, LINEAR, POSITION_BASED, TIME_DECAY }

    /** The touchpoint fields of PRODUCT.md §4. */
    public enum Field { SOURCE, CAMPAIGN, CHANNEL, MEDIUM }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Query(Long from, Long to, String businessId, String conversionEvent, String model, String groupBy,
                        Long lookbackMs) {

        public static Query counts(Long from, Long to) {
            return new Query(from, to, null, null, null, null, null);
        }

        @JsonIgnore
        public Model effectiveModel() {
            return model == null ? Model.FIRST_TOUCH : Checks.Wire.parse(Model.class, model);
        }

        @JsonIgnore
        public Field effectiveGroupBy() {
            return groupBy == null ? Field.SOURCE : Checks.Wire.parse(Field.class, groupBy);
        }

        @JsonIgnore
        public long effectiveLookbackMs() {
            return lookbackMs == null ? DEFAULT_LOOKBACK_MS : lookbackMs;
        }

        public Checks checks() {
            return new Checks().period(from, to).id("businessId", businessId)
                    .eventName("conversionEvent", conversionEvent).oneOf("model", model, Model.class)
                    .oneOf("groupBy", groupBy, Field.class).range("lookbackMs", lookbackMs, 0, MAX_LOOKBACK_MS);
        }
    }

    /**
     * Touchpoint counts per field value (largest first), and with a conversion event the credit
     * per value of {@code groupBy} under {@code model}, largest first.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(Map<String, Long> bySource, Map<String, Long> byCampaign, Map<String, Long> byChannel,
                         Map<String, Long> byMedium, String conversionEvent, String model, String groupBy,
                         Long conversions, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue,
                         List<Credit> credit, Proof proof) {
    }

    /** Credited conversions (fractional, 4 decimals) and revenue (2 decimals) for one value. */
    public record Credit(String key, BigDecimal conversions,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue) {
    }
}
