package com.headlessanalytics.console.engine.analytics;

/**
 * Each actor's rows in event order (timestamp, then storage sequence), for the first {@code rows}
 * rows of a column store: one array of rows grouped by actor, and where each actor's group starts.
 * Built by a counting sort on the actor (which keeps storage order within an actor) and then a
 * stable sort by timestamp of the groups that arrived out of order.
 */
public final class ActorIndex {
    private final int rows;
    private final int[] start;
    private final int[] order;

    private ActorIndex(int rows, int[] start, int[] order) {
        this.rows = rows;
        this.start = start;
        this.order = order;
    }

    public static ActorIndex build(Columns c, int rows, Cancel cancel) {
        int actors = c.actors.size();
        int[] start = new int[actors + 1];
        for (int r = 0; r < rows; r++) {
            int a = c.actor(r);
            if (a >= 0) {
                start[a + 1]++;
            }
        }
        for (int a = 0; a < actors; a++) {
            start[a + 1] += start[a];
        }
        int[] next = java.util.Arrays.copyOf(start, actors);
        int[] order = new int[start[actors]];
        for (int r = 0; r < rows; r++) {
            int a = c.actor(r);
            if (a >= 0) {
                order[next[a]++] = r;
            }
            Cancel.atRow(cancel, r);
        }
        int[] scratch = null;
        for (int a = 0; a < actors; a++) {
            int from = start[a];
            int to = start[a + 1];
            if (!sortedByTime(c, order, from, to)) {
                if (scratch == null || scratch.length < to - from) {
                    scratch = new int[Math.max(to - from, 1024)];
                }
                mergeSort(c, order, from, to, scratch);
            }
        }
        return new ActorIndex(rows, start, order);
    }

    /** How many rows of the store it covers. */
    public int rows() {
        return rows;
    }

    public int actors() {
        return start.length - 1;
    }

    public int from(int actor) {
        return start[actor];
    }

    public int to(int actor) {
        return start[actor + 1];
    }

    /** The row at position {@code i} of the grouped order. */
    public int row(int i) {
        return order[i];
    }

    private static boolean sortedByTime(Columns c, int[] order, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (c.ts(order[i]) < c.ts(order[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** Stable merge sort of order[from, to) by timestamp; equal timestamps keep storage order. */
    private static void mergeSort(Columns c, int[] a, int from, int to, int[] scratch) {
        int n = to - from;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = from; lo < to - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, to);
                if (c.ts(a[mid - 1]) <= c.ts(a[mid])) {
                    continue;
                }
                System.arraycopy(a, lo, scratch, 0, hi - lo);
                int i = 0;
                int j = mid - lo;
                int k = lo;
                int leftEnd = mid - lo;
                int rightEnd = hi - lo;
                while (i < leftEnd && j < rightEnd) {
                    a[k++] = c.ts(scratch[j]) < c.ts(scratch[i]) ? scratch[j++] : scratch[i++];
                }
                while (i < leftEnd) {
                    a[k++] = scratch[i++];
                }
                while (j < rightEnd) {
                    a[k++] = scratch[j++];
                }
            }
        }
    }
}
