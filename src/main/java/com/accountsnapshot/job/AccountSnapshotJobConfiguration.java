package com.accountsnapshot.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.accountsnapshot.snapshot.Account;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import com.accountsnapshot.snapshot.SnapshotRun;
import com.accountsnapshot.snapshot.internal.AccountRowMapper;
import com.accountsnapshot.snapshot.internal.JdbcAccountContextLoader;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotIssueRepository;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code accountSnapshotJob}: one chunk-oriented step that pages through the accounts in scope by
 * account_id, enriches each chunk in a fixed number of queries, calculates each account's snapshot and
 * bulk-inserts the chunk (SPEC §1).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotJobProperties.class)
class AccountSnapshotJobConfiguration {

    static final String JOB_NAME = "accountSnapshotJob";

    static final String STEP_NAME = "accountSnapshotStep";

    static final String READER_NAME = "accountReader";

    @Bean
    Job accountSnapshotJob(JobRepository jobRepository, Step accountSnapshotStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new SnapshotJobParametersValidator())
                .start(accountSnapshotStep)
                .build();
    }

    @Bean
    Step accountSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SnapshotJobProperties properties, EnrichingAccountReader accountReader,
            SnapshotItemProcessor snapshotProcessor, JdbcSnapshotWriter snapshotWriter,
            SnapshotIssueListener snapshotIssueListener,
            ObjectProvider<ItemWriteListener<AccountSnapshot>> writeListeners) {
        ChunkOrientedStepBuilder<AccountContext, AccountSnapshot> step = new StepBuilder(STEP_NAME, jobRepository)
                .<AccountContext, AccountSnapshot>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(accountReader)
                .processor(snapshotProcessor)
                .writer(snapshotWriter)
                .faultTolerant()
                .skipPolicy(new CalculationSkipPolicy(properties.skipLimit()))
                .skipListener(snapshotIssueListener)
                .listener(snapshotIssueListener)
                .listener(new CompletedWithSkipsListener());
        writeListeners.orderedStream().forEach(step::listener);
        return step.build();
    }

    @Bean
    @StepScope
    EnrichingAccountReader accountReader(@Value("#{stepExecution}") StepExecution stepExecution,
            DataSource dataSource, JdbcTemplate jdbcTemplate, SnapshotJobProperties properties) throws Exception {
        SnapshotRequest request = SnapshotRequest.from(stepExecution.getJobParameters());
        List<String> conditions = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        if (request.customerId() != null) {
            conditions.add("customer_id = :customerId");
            values.put("customerId", request.customerId());
        }
        if (request.accountId() != null) {
            conditions.add("account_id = :accountId");
            values.put("accountId", request.accountId());
        }
        JdbcPagingItemReader<Account> accounts = new JdbcPagingItemReaderBuilder<Account>()
                .name(READER_NAME)
                .dataSource(dataSource)
                .selectClause(AccountRowMapper.COLUMNS)
                .fromClause("accounts")
                .whereClause(conditions.isEmpty() ? null : String.join(" AND ", conditions))
                .parameterValues(values)
                .sortKeys(Map.of("account_id", Order.ASCENDING))
                .pageSize(properties.chunkSize())
                .rowMapper(new AccountRowMapper())
                .build();
        accounts.afterPropertiesSet();
        return new EnrichingAccountReader(accounts, new JdbcAccountContextLoader(jdbcTemplate), properties.chunkSize());
    }

    @Bean
    @StepScope
    SnapshotItemProcessor snapshotProcessor(@Value("#{stepExecution}") StepExecution stepExecution,
            SnapshotCalculator snapshotCalculator, SnapshotJobProperties properties) {
        return new SnapshotItemProcessor(snapshotCalculator, snapshotRun(stepExecution, properties));
    }

    @Bean
    @StepScope
    JdbcSnapshotWriter snapshotWriter(@Value("#{stepExecution}") StepExecution stepExecution,
            DataSource dataSource, JdbcSnapshotIssueRepository issueRepository) {
        return new JdbcSnapshotWriter(dataSource, issueRepository, stepExecution.getJobExecution().getJobInstanceId(),
                stepExecution.getJobExecutionId());
    }

    @Bean
    @StepScope
    SnapshotIssueListener snapshotIssueListener(@Value("#{stepExecution}") StepExecution stepExecution,
            SnapshotCalculator snapshotCalculator, JdbcSnapshotIssueRepository issueRepository,
            SnapshotJobProperties properties) {
        return new SnapshotIssueListener(snapshotCalculator, snapshotRun(stepExecution, properties), issueRepository,
                stepExecution.getJobExecutionId());
    }

    @Bean
    SnapshotCalculator snapshotCalculator() {
        return new SnapshotCalculator();
    }

    @Bean
    JdbcSnapshotIssueRepository snapshotIssueRepository(JdbcTemplate jdbcTemplate) {
        return new JdbcSnapshotIssueRepository(jdbcTemplate);
    }

    private static SnapshotRun snapshotRun(StepExecution stepExecution, SnapshotJobProperties properties) {
        SnapshotRequest request = SnapshotRequest.from(stepExecution.getJobParameters());
        return new SnapshotRun(request.asOf(), request.type(), request.reason(), request.triggerEvent(),
                request.force(), properties.cooldown().of(request.type()));
    }
}
