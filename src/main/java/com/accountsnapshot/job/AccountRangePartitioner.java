package com.accountsnapshot.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits a run's scope into account_id ranges holding about the same number of accounts (PostgreSQL's
 * {@code ntile} over the ids in scope). Each partition's reader pages through its own range and keeps its
 * own restart state.
 */
public class AccountRangePartitioner implements Partitioner {

    static final String MIN_ACCOUNT_ID = "partition.minAccountId";

    static final String MAX_ACCOUNT_ID = "partition.maxAccountId";

    private final JdbcTemplate jdbc;

    private final SnapshotRequest request;

    AccountRangePartitioner(JdbcTemplate jdbc, SnapshotRequest request) {
        this.jdbc = jdbc;
        this.request = request;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<Object> arguments = new ArrayList<>(List.of(Math.max(1, gridSize)));
        StringBuilder scope = new StringBuilder("true");
        if (request.customerId() != null) {
            scope.append(" AND customer_id = ?");
            arguments.add(request.customerId());
        }
        if (request.accountId() != null) {
            scope.append(" AND account_id = ?");
            arguments.add(request.accountId());
        }
        List<long[]> ranges = jdbc.query("""
                SELECT min(account_id) AS min_id, max(account_id) AS max_id
                FROM (SELECT account_id, ntile(?) OVER (ORDER BY account_id) AS bucket FROM accounts WHERE %s) t
                GROUP BY bucket ORDER BY bucket""".formatted(scope), (rs, n) -> new long[] {rs.getLong("min_id"),
                rs.getLong("max_id")}, arguments.toArray());
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
