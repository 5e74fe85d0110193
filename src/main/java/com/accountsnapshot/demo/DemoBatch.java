package com.accountsnapshot.demo;

import java.util.EnumMap;
import java.util.Map;

import com.accountsnapshot.snapshot.internal.CopyBuffer;

/**
 * The rows of one batch of accounts, one {@link CopyBuffer} per table, written to PostgreSQL with one
 * COPY per table. The generator reuses a batch for every group of accounts, so memory stays bounded by
 * the batch size, not the portfolio size.
 */
final class DemoBatch {

    private final Map<DemoTable, CopyBuffer> buffers = new EnumMap<>(DemoTable.class);

    DemoBatch() {
        for (DemoTable table : DemoTable.values()) {
            buffers.put(table, new CopyBuffer());
        }
    }

    CopyBuffer rows(DemoTable table) {
        return buffers.get(table);
    }

    void clear() {
        buffers.values().forEach(CopyBuffer::clear);
    }
}
