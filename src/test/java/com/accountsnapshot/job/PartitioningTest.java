package com.accountsnapshot.job;

import org.junit.jupiter.api.Test;

import com.accountsnapshot.job.SnapshotJobProperties.Partitioning;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code account-snapshot.job.partitioned}: {@code auto} partitions exactly when there is more than one processor. */
class PartitioningTest {

    @Test
    void autoPartitionsWhenThereIsMoreThanOneProcessor() {
        assertThat(Partitioning.AUTO.partitions(1)).isFalse();
        assertThat(Partitioning.AUTO.partitions(2)).isTrue();
        assertThat(Partitioning.AUTO.partitions(16)).isTrue();
    }

    @Test
    void trueAndFalseIgnoreTheProcessors() {
        assertThat(Partitioning.TRUE.partitions(1)).isTrue();
        assertThat(Partitioning.FALSE.partitions(8)).isFalse();
    }
}
