package com.accountsnapshot.metrics;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotIssue;
import com.accountsnapshot.snapshot.SnapshotType;

import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Counts a written chunk's snapshots by type and the warnings the writer recorded with them, once the chunk
 * commits.
 */
public final class SnapshotWriteMeter implements ItemWriteListener<AccountSnapshot> {

    private final SnapshotMeters meters;

    SnapshotWriteMeter(SnapshotMeters meters) {
        this.meters = meters;
    }

    @Override
    public void afterWrite(Chunk<? extends AccountSnapshot> chunk) {
        Map<SnapshotType, Long> byType = chunk.getItems().stream()
                .collect(Collectors.groupingBy(AccountSnapshot::snapshotType, Collectors.counting()));
        byType.forEach((type, count) -> meters.written(type, Math.toIntExact(count)));
        List<SnapshotIssue> warnings = chunk.getItems().stream().flatMap(snapshot -> snapshot.warnings().stream())
                .toList();
        meters.recorded(warnings);
    }
}
