package com.accountsnapshot.console.internal;

import java.util.Optional;

import com.accountsnapshot.security.CustomerScope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which customer an account belongs to, when the principal may see it (the customer filter in the query). */
@Component
public class JdbcConsoleAccounts {

    private final JdbcClient jdbc;

    JdbcConsoleAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Long> customerOf(long accountId, CustomerScope scope) {
        return jdbc.sql("""
                SELECT customer_id FROM accounts
                WHERE account_id = :accountId AND (:unrestricted OR customer_id = ANY(:customers))""")
                .param("accountId", accountId)
                .param("unrestricted", scope.unrestricted())
                .param("customers", scope.sqlArray())
                .query(Long.class)
                .optional();
    }
}
