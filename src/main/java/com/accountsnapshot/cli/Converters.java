package com.accountsnapshot.cli;

import java.time.Instant;
import java.util.Map;

import com.accountsnapshot.job.PositiveId;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.RunStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Typed option and parameter values. A refused value is a {@link TypeConversionException} saying what is wrong
 * with it; the refusal names the option ({@code --limit: ...}) or the command ({@code stop: ...}) in front
 * ({@link Refusals}).
 */
final class Converters {

    private Converters() {
    }

    /**
     * {@code --as-of}: an ISO-8601 instant, read and refused by the run parameters' own rule (so the refusal reads
     * {@code asOf: '...' is not an ISO-8601 instant ...} wherever the run is asked for); blank is now.
     */
    static final class AsOf implements ITypeConverter<Instant> {

        @Override
        public @Nullable Instant convert(String text) {
            return text.isBlank() ? null : SnapshotRequest.parse(Map.of(SnapshotRequest.AS_OF, text), Instant.EPOCH)
                    .asOf();
        }
    }

    /** The execution id after {@code restart}, {@code stop}, ...: a positive whole number. */
    static final class ExecutionId implements ITypeConverter<Long> {

        @Override
        public Long convert(String text) {
            return PositiveId.parse(text)
                    .orElseThrow(() -> new TypeConversionException("'" + text + "' is not an execution id"));
        }
    }

    /** {@code executions --limit}: 1 to 9999 runs. */
    static final class Limit implements ITypeConverter<Integer> {

        @Override
        public Integer convert(String text) {
            if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) == 0) {
                throw new TypeConversionException("'" + text + "' is not a number from 1 to 9999");
            }
            return Integer.parseInt(text);
        }
    }

    /** {@code executions --status}: a batch status, in any case. */
    static final class Status implements ITypeConverter<BatchStatus> {

        @Override
        public BatchStatus convert(String text) {
            return RunStatus.parse(text)
                    .orElseThrow(() -> new TypeConversionException("'" + text + "' is not one of " + RunStatus.known()));
        }
    }

    /** {@code demo-data --accounts}: 1 to 99999999 accounts. */
    static final class AccountCount implements ITypeConverter<Integer> {

        @Override
        public Integer convert(String text) {
            if (!text.matches("[0-9]{1,8}") || Integer.parseInt(text) == 0) {
                throw new TypeConversionException("give a number of accounts from 1 to 99999999");
            }
            return Integer.parseInt(text);
        }
    }

    /** {@code demo-data --seed}: a whole number. */
    static final class Seed implements ITypeConverter<Long> {

        @Override
        public Long convert(String text) {
            if (!text.matches("-?[0-9]{1,18}")) {
                throw new TypeConversionException("'" + text + "' is not a whole number");
            }
            return Long.parseLong(text);
        }
    }
}
