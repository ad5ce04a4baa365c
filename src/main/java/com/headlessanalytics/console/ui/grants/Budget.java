package com.headlessanalytics.console.ui.grants;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.ui.common.Formats;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A budget as the screen shows it: the limit, what released actions spent, what is left (limit −
 * spent, as the API answers it or computed when it does not), the share used for the bar, and
 * whether it is running out.
 *
 * @param share   the part used, 0 to 1 (an overspent budget shows a full bar)
 * @param text    e.g. "250.00 of 1,000.00 EUR spent · 750.00 left", or "No limit"
 * @param caption beside the bar: "250.00 / 1,000.00 EUR" (spent / limit), or "No limit"
 */
public record Budget(Level level, double share, String limit, String spent, String remaining, String text,
                     String caption) {
    /** The share used from which a budget counts as running low. */
    static final double LOW_FROM = 0.9;

    /** How full a budget is: none set, room left, running low (90 % used), or used up. */
    public enum Level { NONE, OK, LOW, USED_UP }

    /** The budget of {@code limit} with {@code spent} used and {@code remaining} left (either may be null). */
    public static Budget of(Governance.Money limit, BigDecimal spent, BigDecimal remaining) {
        if (limit == null || limit.amount() == null) {
            return new Budget(Level.NONE, 0, "", spent == null ? "" : Formats.money(spent), "", "No limit",
                    "No limit");
        }
        BigDecimal used = spent == null ? BigDecimal.ZERO : spent;
        BigDecimal left = remaining != null ? remaining : limit.amount().subtract(used);
        double share = limit.amount().signum() <= 0 ? 1
                : Math.min(1, Math.max(0, used.divide(limit.amount(), MathContext.DECIMAL64).doubleValue()));
        Level level = left.signum() <= 0 ? Level.USED_UP : share >= LOW_FROM ? Level.LOW : Level.OK;
        String currency = limit.currency() == null ? "" : " " + limit.currency();
        String text = Formats.money(used) + " of " + Formats.money(limit.amount()) + currency + " spent · "
                + (left.signum() < 0 ? Formats.money(left.negate()) + " over" : Formats.money(left) + " left");
        return new Budget(level, share, Formats.money(limit.amount()) + currency, Formats.money(used) + currency,
                Formats.money(left) + currency, text, Formats.money(used) + " / " + Formats.money(limit.amount())
                + currency);
    }

    /** "1,000.00 EUR", or "" for none. */
    public static String money(Governance.Money money) {
        if (money == null || money.amount() == null) {
            return "";
        }
        return Formats.money(money.amount()) + (money.currency() == null ? "" : " " + money.currency());
    }
}
