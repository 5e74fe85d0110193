package com.accountsnapshot.job;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Splits a run's scope into account_id ranges holding about the same number of accounts (PostgreSQL's
 * {@code ntile} over the ids in scope). Each partition's reader pages through its own range and keeps its
 * own restart state.
 */
public class AccountRangePartitioner implements Partitioner {

    public static final String MIN_ACCOUNT_ID = "partition.minAccountId";

    public static final String MAX_ACCOUNT_ID = "partition.maxAccountId";

    private final NamedParameterJdbcTemplate jdbc;

    private final Scope scope;

    AccountRangePartitioner(NamedParameterJdbcTemplate jdbc, Scope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Scope.Condition condition = scope.condition();
        Map<String, Object> parameters = new HashMap<>(condition.parameters());
        parameters.put("gridSize", Math.max(1, gridSize));
        List<long[]> ranges = jdbc.query("""
                SELECT min(account_id) AS min_id, max(account_id) AS max_id
                FROM (SELECT account_id, ntile(:gridSize) OVER (ORDER BY account_id) AS bucket
                      FROM accounts WHERE %s) t
                GROUP BY bucket ORDER BY bucket""".formatted(condition.sql()), parameters,
                (rs, n) -> new long[] {rs.getLong("min_id"), rs.getLong("max_id")});
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            context.putLong(MIN_ACCOUNT_ID, ranges.get(i)[0]);
            context.putLong(MAX_ACCOUNT_ID, ranges.get(i)[1]);
            partitions.put("partition" + i, context);
        }
        return partitions;
    }
}
