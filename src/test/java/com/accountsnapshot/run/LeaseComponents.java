package com.accountsnapshot.run;

/** The components behind {@link PartitionLeases}, for tests of other packages that build a context of their own. */
public final class LeaseComponents {

    /** {@link PartitionLeases} and what it needs from this package (a JdbcTemplate and RunsProperties besides). */
    public static final Class<?>[] CLASSES = { PartitionLeases.class, RunLeases.class, LeaseHeartbeat.class };

    private LeaseComponents() {
    }
}
