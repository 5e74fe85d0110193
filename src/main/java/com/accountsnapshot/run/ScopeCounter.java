package com.accountsnapshot.run;

import com.accountsnapshot.job.Scope;
import com.accountsnapshot.job.SnapshotRequest;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Counts the accounts in a run's scope, for progress and ETA. */
@Component
public class ScopeCounter {

    private final NamedParameterJdbcTemplate jdbc;

    ScopeCounter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long accountsIn(SnapshotRequest request) {
        return accountsIn(request.scope());
    }

    public long accountsIn(Scope scope) {
        return count(scope.condition());
    }

    /** The accounts in scope with ids from {@code min} to {@code max}: a partition's share of a run. */
    public long accountsIn(Scope scope, long min, long max) {
        return count(scope.condition().between(min, max));
    }

    private long count(Scope.Condition condition) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM accounts WHERE " + condition.sql(),
                condition.parameters(), Long.class);
        return count == null ? 0 : count;
    }
}
