package com.accountsnapshot.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed vocabulary of the demo portfolio: products, KPIs, playbooks, people and companies. Lists are
 * in a fixed order, so a seeded random pick is reproducible.
 */
final class DemoCatalogue {

    record ProductKind(String name, String type, String skuPrefix) {
    }

    /**
     * A KPI the generator can produce: values are drawn between {@code worst} and {@code best} (so a
     * healthy account tends towards {@code best}) and written in the given {@link KpiFormat}.
     */
    record KpiKind(String name, String category, double worst, double best, KpiFormat format) {
    }

    record Playbook(String id, String name) {
    }

    static final List<ProductKind> PRODUCTS = List.of(
            new ProductKind("Analytics Hub", "Analytics", "ANH"),
            new ProductKind("Engage CRM", "CRM", "ECR"),
            new ProductKind("Support Desk", "Support", "SPD"),
            new ProductKind("Billing Cloud", "Finance", "BLC"),
            new ProductKind("Data Pipeline", "Data Platform", "DPL"),
            new ProductKind("Security Shield", "Security", "SSH"),
            new ProductKind("Workflow Automator", "Automation", "WFA"),
            new ProductKind("Mobile SDK", "Developer Tools", "MSD"),
            new ProductKind("Insights AI", "AI", "IAI"),
            new ProductKind("Content Studio", "Marketing", "CST"),
            new ProductKind("Identity Vault", "Security", "IDV"),
            new ProductKind("Forecast Pro", "Analytics", "FCP"),
            new ProductKind("Chat Connect", "Communication", "CHC"),
            new ProductKind("Field Service Go", "Operations", "FSG"),
            new ProductKind("Partner Portal", "Platform", "PTP"));

    static final List<String> SKU_EDITIONS = List.of("STD", "PRO", "ENT");

    /** Every name of V2__kpi_reference_ranges.sql, with plausible value spreads around its bounds. */
    static final List<KpiKind> KNOWN_KPIS = List.of(
            new KpiKind("Net Promoter Score", "Customer Sentiment", -30, 80, KpiFormat.SCORE),
            new KpiKind("Customer Satisfaction Score", "Customer Sentiment", 40, 100, KpiFormat.PERCENT),
            new KpiKind("Customer Effort Score", "Customer Sentiment", 7, 1, KpiFormat.DECIMAL),
            new KpiKind("Product Adoption Rate", "Product Usage", 5, 95, KpiFormat.PERCENT),
            new KpiKind("Feature Adoption Rate", "Product Usage", 5, 85, KpiFormat.PERCENT),
            new KpiKind("Daily Active Users", "Product Usage", 0, 400, KpiFormat.USERS),
            new KpiKind("Monthly Active Users", "Product Usage", 10, 3000, KpiFormat.USERS),
            new KpiKind("License Utilization", "Product Usage", 20, 105, KpiFormat.PERCENT),
            new KpiKind("Login Frequency", "Product Usage", 0, 15, KpiFormat.DECIMAL),
            new KpiKind("Time to Value", "Business Outcomes", 150, 5, KpiFormat.DAYS),
            new KpiKind("Onboarding Completion Rate", "Product Usage", 20, 100, KpiFormat.PERCENT),
            new KpiKind("Average Response Time", "Support", 72, 1, KpiFormat.HOURS),
            new KpiKind("First Response Time", "Support", 36, 0.5, KpiFormat.HOURS),
            new KpiKind("Average Resolution Time", "Support", 120, 4, KpiFormat.HOURS),
            new KpiKind("Open Support Tickets", "Support", 40, 0, KpiFormat.COUNT),
            new KpiKind("Escalation Rate", "Support", 25, 0, KpiFormat.PERCENT),
            new KpiKind("Churn Rate", "Business Outcomes", 15, 0, KpiFormat.PERCENT),
            new KpiKind("Net Revenue Retention", "Business Outcomes", 70, 140, KpiFormat.PERCENT),
            new KpiKind("Gross Revenue Retention", "Business Outcomes", 70, 100, KpiFormat.PERCENT),
            new KpiKind("Expansion Revenue", "Business Outcomes", 0, 2_000_000, KpiFormat.MONEY),
            new KpiKind("Renewal Rate", "Business Outcomes", 50, 100, KpiFormat.PERCENT),
            new KpiKind("Return on Investment", "Business Outcomes", 0, 250, KpiFormat.PERCENT),
            new KpiKind("Executive Sponsor Engagement", "Relationship Strength", 10, 100, KpiFormat.PERCENT),
            new KpiKind("Meeting Attendance Rate", "Relationship Strength", 30, 100, KpiFormat.PERCENT),
            new KpiKind("Days Since Last Contact", "Relationship Strength", 120, 1, KpiFormat.DAYS),
            new KpiKind("Late Payments", "Business Outcomes", 6, 0, KpiFormat.COUNT));

    /** Names with no reference range: scored with the default bounds (50 / 81), or "Other" category. */
    static final List<KpiKind> UNKNOWN_KPIS = List.of(
            new KpiKind("Integration Health", "Product Usage", 30, 100, KpiFormat.PERCENT),
            new KpiKind("API Error Rate", "Product Usage", 60, 100, KpiFormat.DECIMAL),
            new KpiKind("Training Hours Completed", "Relationship Strength", 0, 120, KpiFormat.HOURS),
            new KpiKind("Community Engagement", "Customer Sentiment", 10, 100, KpiFormat.SCORE),
            new KpiKind("Dashboard Views", "Other", 0, 5000, KpiFormat.COUNT),
            new KpiKind("Budget Approved", "Business Outcomes", 0, 500_000, KpiFormat.MONEY),
            new KpiKind("Data Freshness", "Other", 30, 1, KpiFormat.DAYS));

    /** The five health components, spelled as docs/snapshot-fields.md names them. */
    static final List<String> CATEGORIES = List.of(
            "Product Usage", "Support", "Customer Sentiment", "Business Outcomes", "Relationship Strength");

    /** Values nobody can score: blanks, placeholders and docs/snapshot-fields.md#kpi-health-rules's malformed numbers. */
    static final List<String> UNSCORABLE_VALUES = List.of(
            "", "  ", "N/A", "TBD", "n/a", "pending review", "1e3", "+5", ".5", "1.2.3", "10 - 20");

    static final List<String> MEASUREMENT_FREQUENCIES = List.of("daily", "weekly", "monthly", "quarterly");

    static final List<String> KPI_WEIGHTS = List.of("1", "1.0", "0.5", "1.5", "2");

    static final List<Playbook> PLAYBOOKS = List.of(
            new Playbook("pb-onboarding-accelerator", "Onboarding Accelerator"),
            new Playbook("pb-adoption-boost", "Adoption Boost"),
            new Playbook("pb-renewal-prep", "Renewal Preparation"),
            new Playbook("pb-expansion-play", "Expansion Play"),
            new Playbook("pb-churn-rescue", "Churn Rescue"),
            new Playbook("pb-qbr-prep", "QBR Preparation"),
            new Playbook("pb-exec-alignment", "Executive Alignment"),
            new Playbook("pb-support-recovery", "Support Recovery"),
            new Playbook("pb-health-check", "Health Check"),
            new Playbook("pb-champion-rebuild", "Champion Rebuild"));

    static final List<String> PLAYBOOK_TYPES = List.of(
            "onboarding", "adoption", "renewal", "expansion", "churn_risk", "qbr_prep", "executive_alignment",
            "support_escalation");

    static final List<String> NOTE_TYPES = List.of("qbr", "meeting", "call", "email", "escalation");

    static final List<String> INDUSTRIES = List.of(
            "Software", "Financial Services", "Healthcare", "Retail", "Manufacturing", "Education",
            "Logistics", "Media", "Telecommunications", "Energy", "Public Sector", "Hospitality");

    static final List<String> REGIONS = List.of("North America", "EMEA", "APAC", "LATAM", "DACH", "Nordics");

    static final List<String> TIERS = List.of("Strategic", "Enterprise", "Mid-Market", "SMB");

    static final List<String> LIFECYCLE_STAGES = List.of(
            "Onboarding", "Adoption", "Expansion", "Renewal", "At Risk", "Mature");

    static final List<String> ONBOARDING_STATUSES = List.of("completed", "in_progress", "not_started", "stalled");

    static final List<String> CHAMPION_STATUSES = List.of("active", "engaged", "at_risk", "left", "new");

    static final List<String> FIRST_NAMES = List.of(
            "Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Gustav", "Hana", "Ivan", "Jamal", "Keiko",
            "Liam", "María", "Noor", "Olga", "Pedro", "Quinn", "Rahul", "Siobhán", "Tomás", "Uma", "Vikram",
            "Wei", "Xavier", "Yara", "Zoë", "Åsa", "Jürgen");

    static final List<String> LAST_NAMES = List.of(
            "Anderson", "Bakker", "Castillo", "Dubois", "Eriksson", "Fischer", "García", "Haddad", "Ito",
            "Johansson", "Kowalski", "Lee", "Müller", "Nakamura", "O'Brien", "Patel", "Rossi", "Schmidt",
            "Tanaka", "Nguyễn", "Van der Berg", "Wójcik", "Yılmaz", "Zhang");

    static final List<String> COMPANY_WORDS = List.of(
            "Acme", "Blue Harbor", "Cobalt", "Delta Ridge", "Evergreen", "Falcon", "Granite", "Helix",
            "Ironwood", "Juniper", "Kestrel", "Lumen", "Meridian", "Northwind", "Orion", "Pinnacle", "Quantum",
            "Redwood", "Summit", "Tidewater", "Umbra", "Vertex", "Willow", "Zenith", "Café Olé", "Nordström",
            "Sakura 桜", "O'Connor", "Smith & Wesson", "\"Best\" Widgets", "Back\\Slash");

    static final List<String> COMPANY_SUFFIXES = List.of(
            "Inc.", "LLC", "GmbH", "Ltd", "S.A.", "Group", "Holdings", "Labs", "Systems", "Logistics",
            "Analytics", "Health", "Partners", "AG", "Co., Ltd.", "BV");

    private DemoCatalogue() {
    }

    static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    static String personName(SplittableRandom random) {
        return pick(FIRST_NAMES, random) + " " + pick(LAST_NAMES, random);
    }
}
