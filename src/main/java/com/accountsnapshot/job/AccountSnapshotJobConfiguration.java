package com.accountsnapshot.job;

import java.util.Map;

import javax.sql.DataSource;

import com.accountsnapshot.metrics.SnapshotMeters;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ItemWriteListener;
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
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code accountSnapshotJob}: one chunk-oriented step that pages through the accounts in scope by
 * account_id, enriches each chunk in a fixed number of queries, calculates each account's snapshot and
 * bulk-inserts the chunk (SPEC §1).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotJobProperties.class)
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
     * One chunk-oriented step over the scope, or (with {@code account-snapshot.job.partitioned=true}) a
     * partitioned step running the same chunk step on account_id ranges in parallel, or, where a
     * {@link ManagerStepFactory} is provided, a step sending those partitions to other processes. A run is
     * restarted with the shape it started with: keep the setting unchanged between a failed run and its restart.
     */
    @Bean
    Job accountSnapshotJob(JobRepository jobRepository, Step accountSnapshotStep, Step accountSnapshotPartitionedStep,
            ObjectProvider<ManagerStepFactory> remoteManager, AccountRangePartitioner accountRangePartitioner,
            SnapshotJobProperties properties) {
        ManagerStepFactory remote = remoteManager.getIfAvailable();
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(new SnapshotJobParametersValidator())
                .listener((JobExecutionListener) RUN_LOG_CONTEXT)
                .start(remote != null ? remote.managerStep(REMOTE_STEP_NAME, WORKER_STEP_NAME, accountRangePartitioner,
                        properties.threads()) : properties.partitioned() ? accountSnapshotPartitionedStep
                        : accountSnapshotStep)
                .build();
    }

    @Bean
    Step accountSnapshotStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SnapshotJobProperties properties, EnrichingAccountReader accountReader,
            SnapshotItemProcessor snapshotProcessor, JdbcSnapshotWriter snapshotWriter,
            SnapshotIssueListener snapshotIssueListener,
            ObjectProvider<ItemWriteListener<AccountSnapshot>> writeListeners, DataSource dataSource) {
        return chunkStep(STEP_NAME, jobRepository, transactionManager, properties, accountReader, snapshotProcessor,
                snapshotWriter, snapshotIssueListener, writeListeners, new WorkerIdentity(), dataSource).build();
    }

    /**
     * The chunk step of one partition. Step listeners qualified with its name join it: remote partitioning hands
     * the partitions of a stopping worker over this way.
     */
    @Bean
    Step accountSnapshotWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SnapshotJobProperties properties, EnrichingAccountReader accountReader,
            SnapshotItemProcessor snapshotProcessor, JdbcSnapshotWriter snapshotWriter,
            SnapshotIssueListener snapshotIssueListener,
            ObjectProvider<ItemWriteListener<AccountSnapshot>> writeListeners,
            @Qualifier(WORKER_STEP_NAME) ObjectProvider<StepExecutionListener> partitionListeners,
            DataSource dataSource) {
        ChunkOrientedStepBuilder<AccountContext, AccountSnapshot> step = chunkStep(WORKER_STEP_NAME, jobRepository,
                transactionManager, properties, accountReader, snapshotProcessor, snapshotWriter,
                snapshotIssueListener, writeListeners, new WorkerIdentity(), dataSource);
        partitionListeners.orderedStream().forEach(step::listener);
        return step.build();
    }

    @Bean
    Step accountSnapshotPartitionedStep(JobRepository jobRepository, Step accountSnapshotWorkerStep,
            AccountRangePartitioner accountRangePartitioner, SnapshotJobProperties properties) {
        SimpleAsyncTaskExecutor partitions = new SimpleAsyncTaskExecutor("snapshot-partition-");
        partitions.setConcurrencyLimit(properties.threads());
        return new StepBuilder(PARTITIONED_STEP_NAME, jobRepository)
                .partitioner(WORKER_STEP_NAME, accountRangePartitioner)
                .step(accountSnapshotWorkerStep)
                .gridSize(properties.threads())
                .taskExecutor(partitions)
                .build();
    }

    @Bean
    @StepScope
    public AccountRangePartitioner accountRangePartitioner(@Value("#{stepExecution}") StepExecution stepExecution,
            JdbcTemplate jdbcTemplate) {
        return new AccountRangePartitioner(new NamedParameterJdbcTemplate(jdbcTemplate),
                AccountScope.of(SnapshotRequest.from(stepExecution.getJobParameters())));
    }

    private static ChunkOrientedStepBuilder<AccountContext, AccountSnapshot> chunkStep(String name,
            JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SnapshotJobProperties properties, EnrichingAccountReader accountReader,
            SnapshotItemProcessor snapshotProcessor,
            JdbcSnapshotWriter snapshotWriter, SnapshotIssueListener snapshotIssueListener,
            ObjectProvider<ItemWriteListener<AccountSnapshot>> writeListeners, WorkerIdentity workerIdentity,
            DataSource dataSource) {
        ChunkOrientedStepBuilder<AccountContext, AccountSnapshot> step = new StepBuilder(name, jobRepository)
                .<AccountContext, AccountSnapshot>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .interruptionPolicy(new StopOnInterruptPolicy())
                .reader(accountReader)
                .processor(snapshotProcessor)
                .writer(snapshotWriter)
                .faultTolerant()
                .skipPolicy(new CalculationSkipPolicy(properties.skipLimit(), dataSource))
                .skipListener(snapshotIssueListener)
                .listener(snapshotIssueListener)
                .listener(workerIdentity)
                .listener((StepExecutionListener) RUN_LOG_CONTEXT)
                .listener(new CompletedWithSkipsListener());
        writeListeners.orderedStream().forEach(step::listener);
        return step;
    }

    @Bean
    @StepScope
    EnrichingAccountReader accountReader(@Value("#{stepExecution}") StepExecution stepExecution,
            DataSource dataSource, JdbcTemplate jdbcTemplate, SnapshotJobProperties properties) throws Exception {
        SnapshotRequest request = SnapshotRequest.from(stepExecution.getJobParameters());
        AccountScope scope = AccountScope.of(request);
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
                .whereClause(scope.condition())
                .parameterValues(scope.parameters())
                .sortKeys(Map.of("account_id", Order.ASCENDING))
                .pageSize(properties.chunkSize())
                .rowMapper(new AccountRowMapper())
                .build();
        accounts.afterPropertiesSet();
        return new EnrichingAccountReader(accounts, new JdbcAccountContextLoader(jdbcTemplate, request.asOf()),
                properties.chunkSize());
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
            SnapshotMeters snapshotMeters, SnapshotJobProperties properties) {
        return new SnapshotIssueListener(snapshotCalculator, snapshotRun(stepExecution, properties), issueRepository,
                snapshotMeters, stepExecution.getJobExecutionId());
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
