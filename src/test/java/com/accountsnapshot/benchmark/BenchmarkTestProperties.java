package com.accountsnapshot.benchmark;

/** Settings the benchmark's tests share, so that they share one cached application context. */
final class BenchmarkTestProperties {

    /**
     * A pool that keeps few idle connections: the benchmark starts two more application contexts, and the
     * test server's connections are shared with every other test (the measured contexts take the setting over).
     */
    static final String SMALL_POOL = "spring.datasource.hikari.minimum-idle=2";

    private BenchmarkTestProperties() {
    }
}
