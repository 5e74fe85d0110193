package com.accountsnapshot.job;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structured logs of a partitioned run: with {@code logging.structured.format.console=ecs} every line is an ECS
 * JSON document, and a line logged while an account is processed on a partition's thread carries the job
 * execution id, the id of that partition's step execution and the account id.
 */
@SpringBootTest(properties = { "logging.config=classpath:logback-ecs-test.xml",
        "logging.structured.format.console=ecs", "account-snapshot.job.chunk-size=2",
        "account-snapshot.job.partitioned=true", "account-snapshot.job.threads=2" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class StructuredRunLogTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void cleanPortfolio() {
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(4, "false");
    }

    /** Later test classes sharing this JVM log as logback-test.xml says again, not in JSON. */
    @AfterAll
    static void plainLogsAgain() {
        LoggingSystem logging = LoggingSystem.get(StructuredRunLogTest.class.getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }

    @Test
    void aLineLoggedWhileAnAccountIsProcessedCarriesTheRunStepAndAccountIds(CapturedOutput output) throws Exception {
        // given: every account snapshotted as of a day later than the run below
        runs.run(Map.of("asOf", "2026-01-02T00:00:00Z"));

        // when: each account is out of order, skipped, and logged as such
        JobExecution late = runs.run(Map.of("asOf", "2026-01-01T00:00:00Z"));

        // then
        assertThat(late.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<StepExecution> partitions = jobRepository.getJobExecution(late.getId()).getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith(AccountSnapshotJobConfiguration.WORKER_STEP_NAME))
                .toList();
        assertThat(partitions).hasSize(2);
        List<JsonNode> skipped = Arrays.stream(output.getOut().split("\\R"))
                .filter(line -> line.startsWith("{") && line.contains("skipped: out of order")).map(JSON::readTree)
                .toList();
        assertThat(skipped).extracting(line -> line.get(RunLogContext.ACCOUNT_ID).asString())
                .containsExactlyInAnyOrder("1", "2", "3", "4");
        for (JsonNode line : skipped) {
            long accountId = Long.parseLong(line.get(RunLogContext.ACCOUNT_ID).asString());
            assertThat(line.get("message").asString()).startsWith("Account " + accountId + " skipped: out of order");
            assertThat(line.get(RunLogContext.JOB_EXECUTION_ID).asString()).isEqualTo(Long.toString(late.getId()));
            assertThat(line.get(RunLogContext.STEP_EXECUTION_ID).asString())
                    .isEqualTo(Long.toString(partitionOf(accountId, partitions).getId()));
        }
    }

    private static StepExecution partitionOf(long accountId, List<StepExecution> partitions) {
        return partitions.stream().filter(step -> {
            long min = step.getExecutionContext().getLong(AccountRangePartitioner.MIN_ACCOUNT_ID);
            long max = step.getExecutionContext().getLong(AccountRangePartitioner.MAX_ACCOUNT_ID);
            return min <= accountId && accountId <= max;
        }).findFirst().orElseThrow();
    }
}
