package com.accountsnapshot.run;

import com.accountsnapshot.job.AccountScope;
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
        AccountScope scope = AccountScope.of(request);
        Long count = jdbc.queryForObject("SELECT count(*) FROM accounts WHERE " + scope.condition(),
                scope.parameters(), Long.class);
        return count == null ? 0 : count;
    }
}
