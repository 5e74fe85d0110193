package com.accountsnapshot.snapshot.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.snapshot.Account;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.HealthTrend;
import com.accountsnapshot.snapshot.Kpi;
import com.accountsnapshot.snapshot.PlaybookExecution;
import com.accountsnapshot.snapshot.Product;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enrichment reads the same rows whether a chunk is read by id range (its ids close together) or by a lookup
 * per account (its ids spread out): an account's own rows as of the run's instant, never those filed under another
 * customer or created after the instant, the newest three reports and five notes, the latest health trend month.
 */
@SpringBootTest
class JdbcAccountContextLoaderTest {

    private static final Instant AS_OF = Instant.parse("2026-11-28T00:00:00Z");

    private static final Instant LATER = Instant.parse("2026-11-29T00:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void seed() {
        TestPortfolio portfolio = new TestPortfolio(jdbc).clean()
                .account(1, 10, "One", "100.00", "active", null)
                .account(2, 20, "Two", "200.00", "active", null)
                .account(3, 10, "Three", "300.00", "active", null)
                .account(100, 10, "Hundred", "400.00", "active", null);
        // account 1's own rows, one created after the as-of instant, and rows filed under customer 20
        portfolio.product(1, 10, 11, "B-Own").product(1, 10, 10, "A-Own").product(1, 10, 12, "Later", LATER)
                .product(1, 20, 5, "Leak");
        portfolio.kpi(1, 10, 22, null, "Support", "CSAT", "90", "high").kpi(1, 10, 21, 10L, "Support", "NPS", "40", "low")
                .kpi(1, 10, 23, null, "Support", "Later", "1", "high", LATER)
                .kpi(1, 20, 20, null, "Support", "Leak", "1", "high");
        portfolio.trend(1, 10, 2026, 9, "70.00", "71.00", "72.00", "73.00", "74.00", "75.00")
                .trend(1, 10, 2026, 10, "80.00", "81.00", "82.00", "83.00", "84.00", "85.00")
                .trend(1, 10, 2026, 12, "90.00", "90.00", "90.00", "90.00", "90.00", "90.00")
                .trend(1, 20, 2026, 11, "10.00", "10.00", "10.00", "10.00", "10.00", "10.00");
        portfolio.execution(1L, 10, 31, "own", "completed", Instant.parse("2026-10-01T00:00:00Z"),
                        Instant.parse("2026-10-02T00:00:00Z"))
                .execution(1L, 10, 32, "later", "in-progress", LATER, null)
                .execution(1L, 20, 30, "leak", "in-progress", Instant.parse("2026-11-01T00:00:00Z"), null);
        for (int i = 1; i <= 5; i++) {
            portfolio.report(1L, 10, 40 + i, Instant.parse("2026-11-0" + i + "T00:00:00Z"));
        }
        portfolio.report(1L, 10, 46, LATER).report(1L, 20, 40, Instant.parse("2026-11-20T00:00:00Z"));
        for (int i = 1; i <= 7; i++) {
            portfolio.note(1, 10, 50 + i, Instant.parse("2026-11-0" + i + "T00:00:00Z"));
        }
        portfolio.note(1, 10, 58, LATER).note(1, 20, 50, Instant.parse("2026-11-20T00:00:00Z"));
        // the neighbours' own rows
        portfolio.product(2, 20, 60, "Two's").product(3, 10, 61, "Three's").product(100, 10, 62, "Hundred's");
    }

    @Test
    void denseAndSparseChunksReadTheSameRowsOfTheirAccounts() {
        JdbcAccountContextLoader loader = new JdbcAccountContextLoader(jdbc, AS_OF);
        // ids 1-3 span less than RANGE_SPREAD (4) times the chunk's 3 accounts: read by range; 1 and 100 do not
        List<AccountContext> dense = loader.load(accounts(1, 2, 3));
        List<AccountContext> sparse = loader.load(accounts(1, 100));

        AccountContext one = dense.get(0);
        assertThat(one.products()).containsExactly(new Product(10, "A-Own"), new Product(11, "B-Own"));
        assertThat(one.kpis()).containsExactly(new Kpi(21, 10L, "Support", "NPS", "40", "low"),
                new Kpi(22, null, "Support", "CSAT", "90", "high"));
        assertThat(one.latestTrend()).isEqualTo(new HealthTrend(2026, 10, new BigDecimal("80.00"),
                new BigDecimal("81.00"), new BigDecimal("82.00"), new BigDecimal("83.00"), new BigDecimal("84.00"),
                new BigDecimal("85.00")));
        assertThat(one.playbookExecutions()).containsExactly(new PlaybookExecution(31, "own", "completed",
                Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-02T00:00:00Z")));
        assertThat(one.recentReportIds()).containsExactly(45L, 44L, 43L);
        assertThat(one.recentNoteIds()).containsExactly(57L, 56L, 55L, 54L, 53L);
        assertThat(sparse.get(0)).isEqualTo(one);

        assertThat(dense).extracting(context -> context.account().accountId()).containsExactly(1L, 2L, 3L);
        assertThat(dense.get(1).products()).containsExactly(new Product(60, "Two's"));
        assertThat(dense.get(2).products()).containsExactly(new Product(61, "Three's"));
        assertThat(dense.get(2).kpis()).isEmpty();
        assertThat(dense.get(2).latestTrend()).isNull();
        assertThat(sparse.get(1).products()).containsExactly(new Product(62, "Hundred's"));
    }

    @Test
    void aChunkWithGapsInItsRangeReadsOnlyItsOwnAccounts() {
        // accounts 1 and 3 of customer 10, read by range over 1-3: account 2 (customer 20) is in the range only
        List<AccountContext> contexts = new JdbcAccountContextLoader(jdbc, AS_OF).load(accounts(1, 3));

        assertThat(contexts).extracting(context -> context.account().accountId()).containsExactly(1L, 3L);
        assertThat(contexts.get(0).products()).containsExactly(new Product(10, "A-Own"), new Product(11, "B-Own"));
        assertThat(contexts.get(1).products()).containsExactly(new Product(61, "Three's"));
    }

    private List<Account> accounts(long... ids) {
        return jdbc.query("SELECT " + AccountRowMapper.COLUMNS + " FROM accounts WHERE account_id = ANY(?) ORDER BY account_id",
                new AccountRowMapper(), (Object) java.util.Arrays.stream(ids).boxed().toArray(Long[]::new));
    }
}
