package com.accountsnapshot.reliability;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one application context every reliability test shares (declared identically, so it is started once):
 * chunks of 50, a skip limit of 5, a pool of 10 connections, the fault injection hooks, and connections named
 * {@value Backends#APPLICATION_NAME} so an outage can end exactly this context's database sessions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = {
        "account-snapshot.job.chunk-size=" + ReliabilityTest.CHUNK_SIZE,
        "account-snapshot.job.skip-limit=" + ReliabilityTest.SKIP_LIMIT,
        "spring.datasource.hikari.maximum-pool-size=" + ReliabilityTest.POOL_SIZE,
        "spring.datasource.hikari.data-source-properties.ApplicationName=" + Backends.APPLICATION_NAME })
@Import(FaultInjection.class)
@interface ReliabilityTest {

    int CHUNK_SIZE = 50;

    int SKIP_LIMIT = 5;

    /** Connections of the context's pool: few, since the test database's server is shared. */
    int POOL_SIZE = 10;
}
