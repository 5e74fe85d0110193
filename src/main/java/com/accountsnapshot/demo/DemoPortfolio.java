package com.accountsnapshot.demo;

/**
 * What one {@link DemoPortfolioGenerator#generate(int, long)} call inserted: the number of rows per source
 * table.
 */
public record DemoPortfolio(
        int accounts,
        long products,
        long kpis,
        long healthTrends,
        long playbookExecutions,
        long playbookReports,
        long playbookTriggers,
        long accountNotes) {
}
