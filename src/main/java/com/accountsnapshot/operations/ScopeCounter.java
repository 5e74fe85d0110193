package com.accountsnapshot.operations;

import java.util.ArrayList;
import java.util.List;

import com.accountsnapshot.job.SnapshotRequest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Counts the accounts in a run's scope, for progress and ETA. */
@Component
public class ScopeCounter {

    private final JdbcTemplate jdbc;

    ScopeCounter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long accountsIn(SnapshotRequest request) {
        List<Object> arguments = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM accounts WHERE true");
        if (request.customerId() != null) {
            sql.append(" AND customer_id = ?");
            arguments.add(request.customerId());
        }
        if (request.accountId() != null) {
            sql.append(" AND account_id = ?");
            arguments.add(request.accountId());
        }
        Long count = jdbc.queryForObject(sql.toString(), Long.class, arguments.toArray());
        return count == null ? 0 : count;
    }
}
