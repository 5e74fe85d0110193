package com.accountsnapshot.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.accountsnapshot.AccountSnapshotApplication;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.job.WorkerIdentity;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures one full-portfolio run of the product's job, started through {@link SnapshotRuns} as operators
 * start it, in an application context of its own: the product as configured by the given properties, with
 * its DataSource wrapped by a {@link StatementCounter}. Afterwards the run's snapshots, issues and job
 * instance are deleted, so the next contender snapshots the same history.
 */
final class JobContender {

    /** Separates a partition's name from its worker step's in Spring Batch's step execution names. */
    private static final String PARTITION_SEPARATOR = ":";

    private final List<String> databaseArguments;

    private final BenchmarkDatabase database;

    private final HeapPeak heap;

    private final CostMeter meter;

    /**
     * @param databaseArguments the {@code --spring.datasource.*} arguments that point a new context at the
     *     benchmark's database (none for the embedded default)
     */
    JobContender(List<String> databaseArguments, BenchmarkDatabase database, HeapPeak heap, CostMeter meter) {
        this.databaseArguments = databaseArguments;
        this.database = database;
        this.heap = heap;
        this.meter = meter;
    }

    /**
     * What a run did, as the measurement reports it.
     *
     * @param statements the SQL statements of this process only (not those of remote workers)
     * @param partitionsByWorker how many partitions each process ran, by its {@link WorkerIdentity#KEY}
     * @param cost the CPU time of this process and of the database's backends during the run, and the bytes the
     *     server wrote to its write-ahead log
     */
    record JobRun(long accounts, double seconds, long peakHeapBytes, long statements, long commits,
            int stepExecutions, Map<String, Long> partitionsByWorker, CostMeter.Cost cost) {

        /** The partitions run at once: the partitions of a partitioned run, 1 for a single step. */
        long threads() {
            return Math.max(1, stepExecutions - 1);
        }

        double statementsPerChunk() {
            return (double) statements / Math.max(1, commits);
        }
    }

    JobRun run(Instant asOf, Map<String, String> properties) throws Exception {
        StatementCounter counter = new StatementCounter();
        List<String> arguments = new ArrayList<>(databaseArguments);
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountSnapshotApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(counted -> counted.getBeanFactory().addBeanPostProcessor(countingDataSource(counter)))
                .run(arguments.toArray(String[]::new))) {
            SnapshotRuns runs = context.getBean(SnapshotRuns.class);
            SnapshotRequest request = runs.request(Map.of(SnapshotRequest.AS_OF, asOf.toString()));

            heap.reset();
            counter.reset();
            CostMeter.Sample before = meter.sample();
            long started = System.nanoTime();
            JobExecution execution = runs.awaitEnd(runs.start(request));
            double seconds = (System.nanoTime() - started) / 1e9;
            // sampled while the run's connection pool is still open, so that its backends are still there
            CostMeter.Sample after = meter.sample();
            long peakHeap = heap.peakBytes();
            long statements = counter.count();

            try {
                if (execution.getStatus() != BatchStatus.COMPLETED) {
                    throw new IllegalStateException("Execution " + execution.getId() + " ended "
                            + execution.getStatus() + ": " + execution.getExitStatus().getExitDescription());
                }
                long written = database.snapshotsOf(execution.getId());
                return new JobRun(written, seconds, peakHeap, statements, commits(execution),
                        execution.getStepExecutions().size(), partitionsByWorker(execution),
                        CostMeter.between(before, after, written));
            }
            finally {
                database.deleteRun(execution.getId());
                context.getBean(JobRepository.class).deleteJobInstance(execution.getJobInstance());
            }
        }
    }

    /** Commits of the workers when the step is partitioned (the manager's counts add theirs up). */
    private static long commits(JobExecution execution) {
        List<StepExecution> workers = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().contains(PARTITION_SEPARATOR))
                .toList();
        return (workers.isEmpty() ? execution.getStepExecutions() : workers).stream()
                .mapToLong(StepExecution::getCommitCount)
                .sum();
    }

    private static Map<String, Long> partitionsByWorker(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().contains(PARTITION_SEPARATOR))
                .collect(Collectors.groupingBy(
                        step -> step.getExecutionContext().getString(WorkerIdentity.KEY, "unknown"),
                        TreeMap::new, Collectors.counting()));
    }

    private static BeanPostProcessor countingDataSource(StatementCounter counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? counter.wrap(dataSource) : bean;
            }
        };
    }
}
