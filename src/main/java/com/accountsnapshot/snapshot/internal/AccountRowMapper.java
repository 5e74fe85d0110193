package com.accountsnapshot.snapshot.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

import com.accountsnapshot.snapshot.Account;

import org.springframework.jdbc.core.RowMapper;

/** Maps an {@code accounts} row selected with {@link #COLUMNS}. */
public final class AccountRowMapper implements RowMapper<Account> {

    /** The columns the snapshot job reads from {@code accounts}. */
    public static final String COLUMNS = """
            account_id, customer_id, account_name, revenue, account_status, industry, region, \
            external_account_id, profile_metadata::text AS profile_metadata""";

    @Override
    public Account mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new Account(
                rs.getLong("account_id"),
                rs.getLong("customer_id"),
                rs.getString("account_name"),
                rs.getBigDecimal("revenue"),
                rs.getString("account_status"),
                rs.getString("industry"),
                rs.getString("region"),
                rs.getString("external_account_id"),
                rs.getString("profile_metadata"));
    }
}
