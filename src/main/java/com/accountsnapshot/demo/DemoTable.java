package com.accountsnapshot.demo;

import com.accountsnapshot.snapshot.internal.CopyBuffer;

/**
 * The source tables the generator fills (docs/snapshot-fields.md#source-tables), each with its key column and the COPY statement the
 * generator's rows are written for; the column lists are in the order {@link DemoRows} writes fields.
 */
enum DemoTable {

    ACCOUNTS("accounts", "account_id", """
            account_id, customer_id, account_name, revenue, account_status, industry, region,
            external_account_id, profile_metadata, created_at, updated_at"""),
    PRODUCTS("products", "product_id", """
            product_id, account_id, customer_id, product_name, product_sku, product_type, status, created_at"""),
    KPIS("kpis", "kpi_id", """
            kpi_id, account_id, customer_id, product_id, category, kpi_parameter, data, impact_level, weight,
            measurement_frequency, created_at"""),
    HEALTH_TRENDS("health_trends", "trend_id", """
            trend_id, account_id, customer_id, year, month, overall_health_score, product_usage_score,
            support_score, customer_sentiment_score, business_outcomes_score, relationship_strength_score"""),
    PLAYBOOK_EXECUTIONS("playbook_executions", "id", """
            id, execution_id, account_id, customer_id, playbook_id, status, started_at, completed_at"""),
    PLAYBOOK_REPORTS("playbook_reports", "report_id", """
            report_id, account_id, customer_id, playbook_id, playbook_name, report_generated_at"""),
    PLAYBOOK_TRIGGERS("playbook_triggers", "trigger_id", """
            trigger_id, customer_id, playbook_type, auto_trigger_enabled"""),
    ACCOUNT_NOTES("account_notes", "note_id", """
            note_id, account_id, customer_id, note_type, note_content, created_at""");

    private final String tableName;
    private final String keyColumn;
    private final String copySql;

    DemoTable(String tableName, String keyColumn, String columns) {
        this.tableName = tableName;
        this.keyColumn = keyColumn;
        this.copySql = "COPY " + tableName + " (" + columns.replaceAll("\\s+", " ") + ") FROM STDIN";
    }

    String tableName() {
        return tableName;
    }

    String keyColumn() {
        return keyColumn;
    }

    /** COPY in text format: tab separated, {@code \N} for null, backslash escapes (see {@link CopyBuffer}). */
    String copySql() {
        return copySql;
    }
}
