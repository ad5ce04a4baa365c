package com.headlessanalytics.console.domain;

/**
 * The one home of the quota warning levels: how close a workspace is to its monthly call quota.
 * Under 90% used is {@link #OK}; from 90% it is {@link #WARNING}; at or over the limit (or with no
 * limit to use) it is {@link #USED_UP}.
 */
public enum QuotaLevel {
    OK, WARNING, USED_UP;

    /** The share of the quota used from which a warning shows. */
    public static final double WARNING_FROM = 0.9;

    /** The level of {@code used} calls against {@code limit}. */
    public static QuotaLevel of(long used, long limit) {
        double share = usedShare(used, limit);
        return share >= 1 ? USED_UP : share >= WARNING_FROM ? WARNING : OK;
    }

    /** The share of the quota used, from 0 to 1 (1 once the limit is reached, or when there is no limit). */
    public static double usedShare(long used, long limit) {
        if (limit <= 0) {
            return 1;
        }
        return Math.max(0, Math.min(1, (double) used / limit));
    }
}
