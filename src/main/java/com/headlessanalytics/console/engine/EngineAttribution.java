package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.engine.analytics.ActorIndex;
import com.headlessanalytics.console.engine.analytics.AttributionKernel;
import com.headlessanalytics.console.engine.analytics.Cancel;
import com.headlessanalytics.console.engine.analytics.Columns;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/attribution/query}: touchpoint counts and credit under the five models. */
final class EngineAttribution {
    private final EngineAnalytics analytics;

    EngineAttribution(EngineAnalytics analytics) {
        this.analytics = analytics;
    }

    Attribution.Result attribution(String ws, String business, Attribution.Query q, Proof proof) {
        Columns c = analytics.columns(ws);
        int n = c.size();
        int b = c.businesses.id(business);
        long from = q.from() == null ? Long.MIN_VALUE : q.from();
        long to = q.to() == null ? Long.MAX_VALUE : q.to();
        long[][] counts = AttributionKernel.touchCounts(c, n, b, from, to, Cancel.THREAD);
        List<Attribution.Credit> credit = null;
        Long conversions = null;
        BigDecimal revenue = null;
        if (q.conversionEvent() != null) {
            int field = switch (q.effectiveGroupBy()) {
                case SOURCE -> 0;
                case CHANNEL -> 1;
                case CAMPAIGN -> 2;
                case MEDIUM -> 3;
            };
            int conversion = EngineAnalytics.nameOrNone(c, q.conversionEvent());
            ActorIndex actors = analytics.actors(ws, c);
            AttributionKernel.Credit k = AttributionKernel.credit(c, actors, b, conversion, from, to, field,
                    q.effectiveModel(), q.effectiveLookbackMs(), Cancel.THREAD);
            if (k.revenueOverflow()) {
                throw new ApiException.Client(422, ErrorCodes.RULE_VIOLATION,
                        "The revenue total is too large to add up", List.of());
            }
            credit = new ArrayList<>();
            for (int v = 0; v < k.conversions().length; v++) {
                if (k.conversions()[v] <= 0) {
                    continue;
                }
                String key = v == k.conversions().length - 1 ? Attribution.DIRECT : c.touchValues.value(v);
                credit.add(new Attribution.Credit(key,
                        BigDecimal.valueOf(k.conversions()[v]).setScale(4, RoundingMode.HALF_EVEN),
                        BigDecimal.valueOf(k.revenueMicros()[v]).movePointLeft(Revenue.SCALE)
                                .setScale(2, RoundingMode.HALF_EVEN)));
            }
            credit.sort((x, y) -> {
                int byConversions = y.conversions().compareTo(x.conversions());
                return byConversions != 0 ? byConversions : x.key().compareTo(y.key());
            });
            conversions = k.conversionCount();
            revenue = Revenue.fromMicros(k.revenueTotalMicros(), 2);
        }
        return new Attribution.Result(EngineAnalytics.countMap(c, counts[0]), EngineAnalytics.countMap(c, counts[2]), EngineAnalytics.countMap(c, counts[1]),
                EngineAnalytics.countMap(c, counts[3]), q.conversionEvent(),
                q.conversionEvent() == null ? null : q.effectiveModel().name().toLowerCase(),
                q.conversionEvent() == null ? null : q.effectiveGroupBy().name().toLowerCase(), conversions, revenue,
                credit, proof);
    }
}
