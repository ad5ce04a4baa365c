package com.headlessanalytics.console.app.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The Java heap's peak between two points: the heap in use just before each garbage collection
 * (from the collectors' notifications, which is when it is fullest) and at the moment asked; and
 * the longest collection pause in between (concurrent cycles, which do not stop the application,
 * are not pauses).
 */
final class HeapWatch implements AutoCloseable {
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong longestPause = new AtomicLong();
    private final NotificationListener listener = this::onGc;

    HeapWatch() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        reset();
    }

    /** Starts a new measurement from the heap in use now. */
    void reset() {
        peak.set(used());
        longestPause.set(0);
    }

    /** The longest stop-the-world collection since {@link #reset()}, in milliseconds. */
    long longestPauseMillis() {
        return longestPause.get();
    }

    /** The largest heap in use since {@link #reset()}, in bytes. */
    long peak() {
        return peak.accumulateAndGet(used(), Math::max);
    }

    /** The heap in use after a full collection: what the live objects hold, in bytes. */
    static long retained() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return used();
    }

    static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long max() {
        return Runtime.getRuntime().maxMemory();
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long before = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                before += pool.getValue().getUsed();
            }
        }
        peak.accumulateAndGet(before, Math::max);
        if (!info.getGcName().contains("Concurrent")) {
            longestPause.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
        }
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException notRegistered) {
                    // this collector had no listener of ours
                }
            }
        }
    }
}
