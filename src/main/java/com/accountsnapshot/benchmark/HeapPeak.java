package com.accountsnapshot.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The JVM's peak heap use over one measurement: the sum of the peak usage of every heap memory pool (eden,
 * survivor, old), whose peaks are reset, after a garbage collection, when the measurement starts.
 */
final class HeapPeak {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isValid())
            .toList();

    /** Starts a measurement: collects garbage so every measurement starts from the same live set. */
    void reset() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The peak heap used since {@link #reset}, in bytes. */
    long peakBytes() {
        return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    static long maxHeapBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
