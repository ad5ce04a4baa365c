package com.headlessanalytics.console.domain.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The traffic curve of a demo dataset over [from, to]: an intensity per UTC hour (time of day,
 * day of week, campaigns, newsletter mornings, spikes, a little noise) and its inverse, which
 * turns "this fraction of all events has happened" into a time.
 */
final class Timeline {
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** Relative traffic per UTC hour of the day: quiet at night, a peak in the evening. */
    private static final double[] HOUR_OF_DAY = {0.25, 0.18, 0.14, 0.12, 0.12, 0.16, 0.30, 0.50, 0.70, 0.85,
        0.95, 1.00, 1.05, 1.00, 0.95, 0.95, 1.00, 1.15, 1.40, 1.65, 1.75, 1.60, 1.20, 0.60};
    /** Relative traffic Monday to Sunday: weekends are quieter. */
    private static final double[] DAY_OF_WEEK = {1.00, 1.02, 1.00, 1.00, 0.95, 0.70, 0.66};

    /** A date-bound campaign: its channels carry its name while it runs. */
    record Campaign(String name, long from, long to, double boost) {
        boolean runs(long t) {
            return t >= from && t < to;
        }
    }

    /** A burst of traffic from one channel and source, for anomaly detection to find. */
    record Spike(long from, long to, double factor, String channel, String source) {
        boolean runs(long t) {
            return t >= from && t < to;
        }
    }

    private static final String[][] SPIKE_SOURCES = {{"referral", "foodmagazine.example"},
        {"referral", "tiktok.com"}, {"organic", "google"}};

    final long from;
    final long to;
    final Campaign springLaunch;
    final Campaign flashSale;
    final List<Spike> spikes;
    private final long firstHour;
    /** cumulative[b] is the intensity of all buckets before bucket b; weight[b] that of bucket b. */
    private final double[] cumulative;
    private final double[] weight;

    Timeline(long from, long to, SplittableRandom random) {
        this.from = from;
        this.to = to;
        long range = to - from;
        springLaunch = new Campaign("spring-launch", from + range * 15 / 100, from + range * 55 / 100, 1.2);
        flashSale = new Campaign("flash-sale", from + range * 70 / 100, from + range * 78 / 100, 1.5);
        spikes = spikes(random);
        firstHour = Math.floorDiv(from, HOUR) * HOUR;
        int buckets = (int) ((to - firstHour + HOUR - 1) / HOUR);
        cumulative = new double[buckets + 1];
        weight = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            long start = Math.max(from, firstHour + b * HOUR);
            long end = Math.min(to, firstHour + (b + 1) * HOUR);
            double noise = Math.exp(0.12 * random.nextGaussian());
            weight[b] = intensity(start) * noise * (end - start) / HOUR;
            cumulative[b + 1] = cumulative[b] + weight[b];
        }
    }

    private List<Spike> spikes(SplittableRandom random) {
        long range = to - from;
        int count = (int) Math.max(1, Math.min(12, Math.round(range / (9.0 * DAY))));
        List<Spike> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long length = HOUR + random.nextLong(2 * HOUR);
            long earliest = from + range / 20;
            long latest = Math.max(earliest + 1, to - range / 20 - length);
            long start = random.nextLong(earliest, latest);
            String[] source = SPIKE_SOURCES[i % SPIKE_SOURCES.length];
            list.add(new Spike(start, start + length, 4 + 3 * random.nextDouble(), source[0], source[1]));
        }
        return List.copyOf(list);
    }

    /** Relative traffic at a time, before noise. */
    double intensity(long t) {
        ZonedDateTime utc = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        double value = HOUR_OF_DAY[utc.getHour()] * DAY_OF_WEEK[utc.getDayOfWeek().getValue() - 1];
        if (springLaunch.runs(t)) {
            value *= springLaunch.boost();
        }
        if (flashSale.runs(t)) {
            value *= flashSale.boost();
        }
        if (newsletterMorning(t)) {
            value *= 1.8;
        }
        Spike spike = spikeAt(t);
        return spike == null ? value : value * spike.factor();
    }

    /** The weekly newsletter goes out on Tuesdays at 10:00 UTC; its readers come in for three hours. */
    static boolean newsletterMorning(long t) {
        ZonedDateTime utc = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC);
        return utc.getDayOfWeek() == DayOfWeek.TUESDAY && utc.getHour() >= 10 && utc.getHour() < 13;
    }

    Spike spikeAt(long t) {
        for (Spike s : spikes) {
            if (s.runs(t)) {
                return s;
            }
        }
        return null;
    }

    /** The time by which this fraction (0 to 1) of the range's traffic has happened. */
    long timeAt(double fraction) {
        double target = Math.max(0, Math.min(1, fraction)) * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, target);
        int b = Math.min(weight.length - 1, i >= 0 ? i : -i - 2);
        long start = Math.max(from, firstHour + b * HOUR);
        long end = Math.min(to, firstHour + (b + 1) * HOUR);
        double within = weight[b] == 0 ? 0 : (target - cumulative[b]) / weight[b];
        return Math.min(to, start + (long) (Math.min(1, within) * (end - start)));
    }
}
