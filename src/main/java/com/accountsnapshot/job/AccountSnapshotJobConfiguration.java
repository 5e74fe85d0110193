package com.accountsnapshot.job;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.accountsnapshot.job.Scope.Condition;
import com.accountsnapshot.metrics.SnapshotMeters;
import com.accountsnapshot.metrics.SnapshotWriteMeter;
import com.accountsnapshot.snapshot.Account;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import com.accountsnapshot.snapshot.SnapshotRun;
import com.accountsnapshot.snapshot.internal.AccountRowMapper;
import com.accountsnapshot.snapshot.internal.JdbcAccountContextLoader;
import com.accountsnapshot.snapshot.internal.JdbcKpiReferenceRanges;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotIssueRepository;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotWriter;
import com.accountsnapshot.snapshot.internal.SnapshotPartitions;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code accountSnapshotJob}: one chunk-oriented step that pages through the accounts in scope by
 * account_id, enriches each chunk in a fixed number of queries, calculates each account's snapshot and
 * bulk-inserts the chunk (README.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SnapshotJobProperties.class, HistoryProperties.class})
public class AccountSnapshotJobConfiguration {

    static final String JOB_NAME = "accountSnapshotJob";

    /** The single chunk step of a run that is not partitioned. */
    public static final String STEP_NAME = "accountSnapshotStep";

    /** The manager step of a partitioned run; its workers run {@link #WORKER_STEP_NAME}. */
    public static final String PARTITIONED_STEP_NAME = "accountSnapshotPartitionedStep";

    /** The manager step of a run partitioned across worker processes (see {@link ManagerStepFactory}). */
    public static final String REMOTE_STEP_NAME = "accountSnapshotRemoteStep";

    /** The chunk step each partition runs, locally or on a remote worker. */
    public static final String WORKER_STEP_NAME = "accountSnapshotWorkerStep";

    static final String READER_NAME = "accountReader";

    private static final RunLogContext RUN_LOG_CONTEXT = new RunLogContext();

    /**
     * One chunk-oriented step over the scope, or a partitioned step running the same chunk step on account_id
     * ranges in parallel ({@code account-snapshot.job.partitioned}: by default when there is more than one
     * processor), or, where a {@link ManagerStepFactory} is provided, a step sending those partitions to other
     * processes. A run records its shape in its job parameters when it starts ({@link SnapshotLauncher}) and is
     * restarted with that shape whatever the settings are by then.
     */
    @Bean
    Job accountSnapshotJob(JobRepository jobRepository, Step accountSnapshotStep, Step accountSnapshotPartitionedStep,
            ObjectProvider<ManagerStepFactory> remoteManager, AccountRangePartitioner accountRangePartitioner,
            SnapshotJobProperties properties, SnapshotMonths snapshotMonths) {
        ManagerStepFactory remote = remoteManager.getIfAvailable();
        JobBuilder job = new JobBuilder(JOB_NAME, jobRepository)
                .validator(new SnapshotJobParametersValidator())
                .listener((JobExecutionListener) RUN_LOG_CONTEXT)
                .listener(snapshotMonths);
        if (remote != null) {
            return job.start(remote.managerStep(REMOTE_STEP_NAME, WORKER_STEP_NAME, accountRangePartitioner,
                    properties.threads())).build();
        }
        RunShapeDecider shape = new RunShapeDecider(properties);
        job.listener(new StepExitDescription(Set.of(STEP_NAME, PARTITIONED_STEP_NAME)));
        // each step's way out, explicit: a flow fails a step whose exit code has no transition, and a run whose
        // every account was held back ends COMPLETED WITH SKIPS (CompletedWithSkipsListener)
        return job.start(shape)
                .on(RunShapeDecider.PARTITIONED).to(accountSnapshotPartitionedStep)
                .from(shape).on(RunShapeDecider.SINGLE).to(accountSnapshotStep)
                .from(accountSnapshotPartitionedStep).on(ExitStatus.COMPLETED.getExitCode()).end()
                .from(accountSnapshotPartitionedStep).on(CompletedWithSkipsListener.COMPLETED_WITH_SKIPS)
                        .end(CompletedWithSkipsListener.COMPLETED_WITH_SKIPS)
                .from(accountSnapshotPartitionedStep).on("*").fail()
                .from(accountSnapshotStep).on(ExitStatus.COMPLETED.getExitCode()).end()
                .from(accountSnapshotStep).on(CompletedWithSkipsListener.COMPLETED_WITH_SKIPS)
                        .end(CompletedWithSkipsListener.COMPLETED_WITH_SKIPS)
                .from(accountSnapshotStep).on("*").fail()
                .end()
                .build();
    }

    /** The monthly partitions of account_snapshots: made ahead at start-up, and the as-of's month before a run. */
    @Bean
    SnapshotMonths snapshotMonths(JdbcTemplate jdbcTemplate, HistoryProperties properties) {
        return new SnapshotMonths(new SnapshotPartitions(jdbcTemplate), properties, Clock.systemUTC());
    }

    @Bean
    Step accountSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SnapshotJobProperties properties, EnrichingAccountReader accountReader,
            SnapshotItemProcessor snapshotProcessor, JdbcSnapshotWriter snapshotWriter,
            SnapshotIssueListener snapshotIssueListener, SnapshotWriteMeter snapshotWriteMeter, DataSource dataSource) {
        return chunkStep(STEP_NAME, jobRepository, transactionManager, properties, accountReader, snapshotProcessor,
                snapshotWriter, snapshotIssueListener, snapshotWriteMeter, dataSource).build();
    }

    /**
     * The chunk step of one partition. Step listeners qualified with its name join it: remote partitioning hands
     * the partitions of a stopping worker over this way.
     */
    @Bean
    Step accountSnapshotWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SnapshotJobProperties properties, EnrichingAccountReader accountReader,
            SnapshotItemProcessor snapshotProcessor, JdbcSnapshotWriter snapshotWriter,
            SnapshotIssueListener snapshotIssueListener, SnapshotWriteMeter snapshotWriteMeter,
            @Qualifier(WORKER_STEP_NAME) ObjectProvider<StepExecutionListener> partitionListeners,
            DataSource dataSource) {
        ChunkOrientedStepBuilder<AccountContext, AccountSnapshot> step = chunkStep(WORKER_STEP_NAME, jobRepository,
                transactionManager, properties, accountReader, snapshotProcessor, snapshotWriter,
                snapshotIssueListener, snapshotWriteMeter, dataSource);
        partitionListeners.orderedStream().forEach(step::listener);
        return step.build();
    }

    @Bean
    Step accountSnapshotPartitionedStep(JobRepository jobRepository, Step accountSnapshotWorkerStep,
            AccountRangePartitioner accountRangePartitioner, SnapshotJobProperties properties) {
        return new StepBuilder(PARTITIONED_STEP_NAME, jobRepository)
                .partitioner(WORKER_STEP_NAME, accountRangePartitioner)
                .partitionHandler(new RunShapePartitionHandler(accountSnapshotWorkerStep, properties))
                .build();
    }

    /**
     * The run's parameters, read once per step execution from its job parameters (a restart runs with those
     * of the execution it restarts). Not proxied: only step-scoped beans, created inside their step, use it.
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    SnapshotRequest snapshotRequest(@Value("#{stepExecution}") StepExecution stepExecution) {
        return SnapshotRequest.from(stepExecution.getJobParameters());
    }

    /** What every snapshot of the step shares, with the KPI reference ranges read once for the step. */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    SnapshotRun snapshotRun(SnapshotRequest snapshotRequest, SnapshotJobProperties properties,
            JdbcTemplate jdbcTemplate) {
        return new SnapshotRun(snapshotRequest.asOf(), snapshotRequest.type(), snapshotRequest.reason(),
                snapshotRequest.triggerEvent(), snapshotRequest.force(),
                properties.cooldown().of(snapshotRequest.type()), new JdbcKpiReferenceRanges(jdbcTemplate).load());
    }

    @Bean
    @StepScope
    public AccountRangePartitioner accountRangePartitioner(SnapshotRequest snapshotRequest,
            JdbcTemplate jdbcTemplate) {
        return new AccountRangePartitioner(new NamedParameterJdbcTemplate(jdbcTemplate), snapshotRequest.scope());
    }

    private static ChunkOrientedStepBuilder<AccountContext, AccountSnapshot> chunkStep(String name,
            JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SnapshotJobProperties properties, EnrichingAccountReader accountReader,
            SnapshotItemProcessor snapshotProcessor, JdbcSnapshotWriter snapshotWriter,
            SnapshotIssueListener snapshotIssueListener, SnapshotWriteMeter snapshotWriteMeter,
            DataSource dataSource) {
        ChunkOrientedStepBuilder<AccountContext, AccountSnapshot> step = new StepBuilder(name, jobRepository)
                .<AccountContext, AccountSnapshot>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .interruptionPolicy(new StopOnInterruptPolicy())
                .reader(accountReader)
                .processor(snapshotProcessor)
                .writer(snapshotWriter)
                .faultTolerant()
                .skipListener(snapshotIssueListener)
                .listener(new WorkerIdentity())
                .listener((StepExecutionListener) RUN_LOG_CONTEXT)
                .listener(new CompletedWithSkipsListener())
                .listener(snapshotWriteMeter);
        if (properties.skipLimit() > 0) {
            // counted over the whole run; past the limit it fails (restartable); read and write failures never skip
            step.skipPolicy(new CalculationSkipPolicy(properties.skipLimit(), dataSource));
        }
        return step;
    }

    @Bean
    @StepScope
    EnrichingAccountReader accountReader(@Value("#{stepExecution}") StepExecution stepExecution,
            SnapshotRequest snapshotRequest, DataSource dataSource, JdbcTemplate jdbcTemplate,
            SnapshotJobProperties properties) throws Exception {
        Condition scope = snapshotRequest.scope().condition();
        ExecutionContext partition = stepExecution.getExecutionContext();
        if (partition.containsKey(AccountRangePartitioner.MIN_ACCOUNT_ID)) {
            scope = scope.between(partition.getLong(AccountRangePartitioner.MIN_ACCOUNT_ID),
                    partition.getLong(AccountRangePartitioner.MAX_ACCOUNT_ID));
        }
        JdbcPagingItemReader<Account> accounts = new JdbcPagingItemReaderBuilder<Account>()
                .name(READER_NAME)
                .dataSource(dataSource)
                .selectClause(AccountRowMapper.COLUMNS)
                .fromClause("accounts")
                .whereClause(scope.sql())
                .parameterValues(scope.parameters())
                .sortKeys(Map.of("account_id", Order.ASCENDING))
                .pageSize(properties.chunkSize())
                .rowMapper(new AccountRowMapper())
                .build();
        accounts.afterPropertiesSet();
        return new EnrichingAccountReader(accounts, new JdbcAccountContextLoader(jdbcTemplate, snapshotRequest.asOf()),
                properties.chunkSize());
    }

    @Bean
    @StepScope
    SnapshotItemProcessor snapshotProcessor(AccountCalculation accountCalculation, SnapshotRun snapshotRun,
            SnapshotIssueListener snapshotIssueListener) {
        return new SnapshotItemProcessor(accountCalculation, snapshotRun, snapshotIssueListener);
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
            JdbcSnapshotIssueRepository issueRepository, SnapshotMeters snapshotMeters) {
        return new SnapshotIssueListener(issueRepository, snapshotMeters, stepExecution.getJobExecutionId());
    }

    @Bean
    AccountCalculation accountCalculation() {
        return new SnapshotCalculator()::calculate;
    }

    @Bean
    JdbcSnapshotIssueRepository snapshotIssueRepository(JdbcTemplate jdbcTemplate) {
        return new JdbcSnapshotIssueRepository(jdbcTemplate);
    }
}
