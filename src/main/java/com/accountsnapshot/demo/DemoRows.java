package com.accountsnapshot.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.accountsnapshot.demo.DemoCatalogue.KpiKind;
import com.accountsnapshot.demo.DemoCatalogue.Playbook;
import com.accountsnapshot.demo.DemoCatalogue.ProductKind;
import com.accountsnapshot.snapshot.internal.CopyBuffer;

import static com.accountsnapshot.demo.DemoCatalogue.pick;
import static com.accountsnapshot.demo.DemoTable.ACCOUNTS;
import static com.accountsnapshot.demo.DemoTable.ACCOUNT_NOTES;
import static com.accountsnapshot.demo.DemoTable.HEALTH_TRENDS;
import static com.accountsnapshot.demo.DemoTable.KPIS;
import static com.accountsnapshot.demo.DemoTable.PLAYBOOK_EXECUTIONS;
import static com.accountsnapshot.demo.DemoTable.PLAYBOOK_REPORTS;
import static com.accountsnapshot.demo.DemoTable.PLAYBOOK_TRIGGERS;
import static com.accountsnapshot.demo.DemoTable.PRODUCTS;

/**
 * Writes the rows of one generated customer, and of each of its accounts, into a {@link DemoBatch}.
 *
 * <p>Every random choice for a customer or an account comes from a {@link SplittableRandom} seeded with
 * the generation seed and that customer's or account's id. The rows therefore depend only on the seed and
 * the ids (not on batch boundaries), and a second portfolio generated with the same seed into the same
 * database is new data, so {@code execution_id}s stay unique. Related rows take ids from per-table
 * counters that start after each table's largest id. Times are offsets from a fixed demo "now", never
 * the clock.
 */
final class DemoRows {

    /** The demo world's "now": health trends end with 2026-10, playbooks completed in the 90 days before. */
    static final long NOW = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
    static final long TODAY = NOW / 86_400;

    private static final long MINUTE = 60;
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;
    private static final int LAST_TREND_MONTH = 2026 * 12 + 9; // 2026-10, counted in months from year 0

    private static final long CUSTOMER_STREAM = 0x43555354L;
    private static final long ACCOUNT_STREAM = 0x41434354L;

    /** Products per account: 0 to 6, weighted to a mean of about 3. */
    private static final int[] PRODUCT_COUNT_WEIGHTS = {7, 12, 18, 22, 18, 13, 10};
    private static final List<String> ACCOUNT_STATUSES = List.of("active", "at_risk", "churned", "onboarding");
    private static final List<String> PRODUCT_STATUSES = List.of("active", "trial", "suspended", "cancelled");
    private static final List<String> IN_PROGRESS_SPELLINGS =
            List.of("in-progress", "In_Progress", "in_progress", "IN-PROGRESS");
    private static final List<String> COMPLETED_SPELLINGS = List.of("completed", "COMPLETED", "Completed");
    private static final List<String> CANCELLED_SPELLINGS = List.of("cancelled", "Cancelled");
    private static final List<String> IMPACT_LEVELS = List.of("high", "medium", "low", "HIGH");
    private static final int[] IMPACT_LEVEL_WEIGHTS = {25, 35, 25, 6, 9}; // the last one is null

    private final long seed;
    private final long[] nextIds = new long[DemoTable.values().length];
    private final ProfileMetadataGenerator metadata = new ProfileMetadataGenerator();

    DemoRows(long seed, Map<DemoTable, Long> lastIds) {
        this.seed = seed;
        lastIds.forEach((table, lastId) -> nextIds[table.ordinal()] = lastId + 1);
    }

    long nextAccountId() {
        return nextId(ACCOUNTS);
    }

    /**
     * Writes a new customer's own rows (its playbook triggers and a few customer-wide executions and
     * reports) and returns how many accounts it should have: 1 to 50, mostly small.
     */
    int customer(long customerId, DemoBatch batch) {
        SplittableRandom random = random(CUSTOMER_STREAM, customerId);
        double size = random.nextDouble();
        int accounts = 1 + (int) (49 * size * size);

        int[] types = shuffled(DemoCatalogue.PLAYBOOK_TYPES.size(), random);
        int triggers = 1 + random.nextInt(7);
        for (int i = 0; i < triggers; i++) {
            CopyBuffer row = batch.rows(PLAYBOOK_TRIGGERS);
            row.number(nextId(PLAYBOOK_TRIGGERS)).number(customerId)
                    .text(DemoCatalogue.PLAYBOOK_TYPES.get(types[i])).bool(random.nextInt(10) < 7);
            row.endRow();
        }
        if (random.nextInt(10) < 3) {
            long previousStart = -1;
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                previousStart = execution(batch, random, null, customerId, previousStart);
            }
        }
        if (random.nextInt(5) == 0) {
            report(batch, random, null, customerId, -1);
        }
        return accounts;
    }

    /** Writes one account with its products, KPIs, health trends, playbook executions, reports and notes. */
    void account(long accountId, long customerId, DemoBatch batch) {
        SplittableRandom random = random(ACCOUNT_STREAM, accountId);
        String status = weighted(random, ACCOUNT_STATUSES, 62, 14, 7, 12, 5);
        double health = health(status, random);
        long createdAt = NOW - 60 * DAY - random.nextLong(1_740 * DAY);

        int productCount = weighted(PRODUCT_COUNT_WEIGHTS, random);
        long[] productIds = new long[productCount];
        List<String> productNames = new ArrayList<>(productCount);
        int[] kinds = shuffled(DemoCatalogue.PRODUCTS.size(), random);
        for (int i = 0; i < productCount; i++) {
            // now and then a second SKU of a product the account already has: a repeated product_name
            ProductKind kind = DemoCatalogue.PRODUCTS.get(kinds[i > 0 && random.nextInt(30) == 0 ? i - 1 : i]);
            productIds[i] = product(batch, random, kind, accountId, customerId, createdAt);
            if (!productNames.contains(kind.name())) {
                productNames.add(kind.name());
            }
        }

        @Nullable Long revenueCents = random.nextInt(25) == 0 ? null
                : Math.round(Math.exp(Math.log(10_000) + random.nextDouble() * Math.log(500)) * 100);
        CopyBuffer row = batch.rows(ACCOUNTS);
        row.number(accountId).number(customerId)
                .text(pick(DemoCatalogue.COMPANY_WORDS, random) + " " + pick(DemoCatalogue.COMPANY_SUFFIXES, random));
        if (revenueCents == null) {
            row.nullValue();
        } else {
            row.hundredths(revenueCents);
        }
        row.text(status)
                .text(random.nextInt(33) == 0 ? null : pick(DemoCatalogue.INDUSTRIES, random))
                .text(random.nextInt(33) == 0 ? null : pick(DemoCatalogue.REGIONS, random))
                .text(random.nextInt(16) == 0 ? null
                        : "SF-" + Long.toString(random.nextLong() >>> 8, 36).toUpperCase(Locale.ROOT))
                .text(metadata.generate(random, productNames, tier(revenueCents, random), health))
                .timestamp(createdAt)
                .timestamp(createdAt + random.nextLong(NOW - DAY - createdAt));
        row.endRow();

        kpis(batch, random, accountId, customerId, productIds, health);
        healthTrends(batch, random, accountId, customerId, health);
        long previousStart = -1;
        for (int i = random.nextInt(11); i > 0; i--) {
            previousStart = execution(batch, random, accountId, customerId, previousStart);
        }
        long previousReport = -1;
        for (int i = random.nextInt(7); i > 0; i--) {
            previousReport = report(batch, random, accountId, customerId, previousReport);
        }
        notes(batch, random, accountId, customerId);
    }

    private long product(DemoBatch batch, SplittableRandom random, ProductKind kind, long accountId, long customerId,
            long accountCreatedAt) {
        long productId = nextId(PRODUCTS);
        CopyBuffer row = batch.rows(PRODUCTS);
        row.number(productId).number(accountId).number(customerId).text(kind.name())
                .text(kind.skuPrefix() + "-" + pick(DemoCatalogue.SKU_EDITIONS, random) + "-"
                        + (1000 + random.nextInt(9000)))
                .text(random.nextInt(33) == 0 ? null : kind.type())
                .text(weighted(random, PRODUCT_STATUSES, 80, 8, 4, 5, 3))
                .timestamp(accountCreatedAt + random.nextLong(NOW - DAY - accountCreatedAt));
        row.endRow();
        return productId;
    }

    private void kpis(DemoBatch batch, SplittableRandom random, long accountId, long customerId, long[] productIds,
            double health) {
        int count = random.nextInt(33) == 0 ? 0 : 8 + random.nextInt(25);
        for (int i = 0; i < count; i++) {
            KpiKind kind = random.nextInt(9) == 0
                    ? pick(DemoCatalogue.UNKNOWN_KPIS, random) : pick(DemoCatalogue.KNOWN_KPIS, random);
            Long productId = productIds.length > 0 && random.nextInt(100) < 36
                    ? productIds[random.nextInt(productIds.length)] : null;
            CopyBuffer row = batch.rows(KPIS);
            row.number(nextId(KPIS)).number(accountId).number(customerId).number(productId)
                    .text(category(kind.category(), random))
                    .text(kpiName(kind.name(), random))
                    .text(kpiValue(kind, health, random))
                    .text(weighted(random, IMPACT_LEVELS, IMPACT_LEVEL_WEIGHTS))
                    .text(random.nextInt(7) == 0 ? null : pick(DemoCatalogue.KPI_WEIGHTS, random))
                    .text(random.nextInt(10) == 0 ? null : pick(DemoCatalogue.MEASUREMENT_FREQUENCIES, random))
                    .timestamp(NOW - MINUTE - random.nextLong(180 * DAY));
            row.endRow();
        }
    }

    private static @Nullable String kpiValue(KpiKind kind, double health, SplittableRandom random) {
        if (random.nextInt(100) < 6) {
            return random.nextInt(8) == 0 ? null : pick(DemoCatalogue.UNSCORABLE_VALUES, random);
        }
        double goodness = Math.min(1, Math.max(0, 0.6 * health + 0.45 * random.nextDouble() - 0.05));
        return kind.format().format(kind.worst() + (kind.best() - kind.worst()) * goodness, random);
    }

    /** The category as uploads spell it: mostly canonical, sometimes "support kpis"-like, a few "Other". */
    private static @Nullable String category(String category, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (roll < 2) {
            return "Other";
        }
        if (roll < 3) {
            return null;
        }
        if (roll < 8) {
            return category.toLowerCase(Locale.ROOT);
        }
        if (roll < 12) {
            return category + " KPIs";
        }
        if (roll < 14) {
            return category + " KPI";
        }
        return roll < 15 ? " " + category + " " : category;
    }

    /** Mostly the reference name; sometimes with the case or stray spaces a spreadsheet gives it. */
    private static String kpiName(String name, SplittableRandom random) {
        return switch (random.nextInt(50)) {
            case 0 -> name.toLowerCase(Locale.ROOT);
            case 1 -> name.toUpperCase(Locale.ROOT);
            case 2 -> name + " ";
            case 3 -> " " + name;
            default -> name;
        };
    }

    /** ~90% of accounts have 6 to 18 consecutive months ending 2026-10; the scores drift towards its health. */
    private void healthTrends(DemoBatch batch, SplittableRandom random, long accountId, long customerId,
            double health) {
        if (random.nextInt(10) == 0) {
            return; // no trends: the snapshot falls back to the KPI proxy
        }
        int months = 6 + random.nextInt(13);
        boolean latestOverallMissing = random.nextInt(16) == 0;
        double score = clampScore(health * 100 + (random.nextDouble() - 0.5) * 40);
        for (int ago = months - 1; ago >= 0; ago--) {
            score = clampScore(score + 0.25 * (health * 100 - score) + (random.nextDouble() - 0.5) * 12);
            int month = LAST_TREND_MONTH - ago;
            CopyBuffer row = batch.rows(HEALTH_TRENDS);
            row.number(nextId(HEALTH_TRENDS)).number(accountId).number(customerId).number(month / 12)
                    .number(month % 12 + 1);
            if ((ago == 0 && latestOverallMissing) || random.nextInt(30) == 0) {
                row.nullValue();
            } else {
                row.hundredths(Math.round(score * 100));
            }
            for (int component = 0; component < 5; component++) {
                if (random.nextInt(33) == 0) {
                    row.nullValue();
                } else {
                    row.hundredths(Math.round(clampScore(score + (random.nextDouble() - 0.5) * 30) * 100));
                }
            }
            row.endRow();
        }
    }

    /** Writes one playbook execution and returns its started_at; now and then it ties with the previous one. */
    private long execution(DemoBatch batch, SplittableRandom random, @Nullable Long accountId, long customerId,
            long previousStart) {
        Playbook playbook = pick(DemoCatalogue.PLAYBOOKS, random);
        int roll = random.nextInt(100);
        String status;
        long startedAt;
        @Nullable Long completedAt = null;
        if (roll < 25) {
            status = weighted(random, IN_PROGRESS_SPELLINGS, 80, 10, 5, 5);
            startedAt = NOW - HOUR - random.nextLong(60 * DAY);
        } else if (roll < 80) {
            status = weighted(random, COMPLETED_SPELLINGS, 85, 10, 5);
            completedAt = NOW - 1 - random.nextLong(90 * DAY - 1);
            startedAt = completedAt - HOUR - random.nextLong(21 * DAY);
        } else {
            status = roll < 90 ? "failed" : weighted(random, CANCELLED_SPELLINGS, 90, 10);
            startedAt = NOW - HOUR - random.nextLong(120 * DAY);
        }
        if (previousStart >= 0 && random.nextInt(33) == 0) {
            startedAt = previousStart;
            if (completedAt != null && completedAt < startedAt) {
                completedAt = startedAt + HOUR;
            }
        }
        CopyBuffer row = batch.rows(PLAYBOOK_EXECUTIONS);
        row.number(nextId(PLAYBOOK_EXECUTIONS)).text(uuid(random)).number(accountId).number(customerId)
                .text(playbook.id()).text(status).timestamp(startedAt);
        if (completedAt == null) {
            row.nullValue();
        } else {
            row.timestamp(completedAt);
        }
        row.endRow();
        return startedAt;
    }

    /** Writes one playbook report (on the hour, within 180 days) and returns its report_generated_at. */
    private long report(DemoBatch batch, SplittableRandom random, @Nullable Long accountId, long customerId,
            long previousGeneratedAt) {
        Playbook playbook = pick(DemoCatalogue.PLAYBOOKS, random);
        long generatedAt = previousGeneratedAt >= 0 && random.nextInt(25) == 0 ? previousGeneratedAt
                : (NOW - HOUR - random.nextLong(180 * DAY)) / HOUR * HOUR;
        CopyBuffer row = batch.rows(PLAYBOOK_REPORTS);
        row.number(nextId(PLAYBOOK_REPORTS)).number(accountId).number(customerId)
                .text(random.nextInt(40) == 0 ? null : playbook.id()).text(playbook.name()).timestamp(generatedAt);
        row.endRow();
        return generatedAt;
    }

    private void notes(DemoBatch batch, SplittableRandom random, long accountId, long customerId) {
        long createdAt = -1;
        for (int i = random.nextInt(21); i > 0; i--) {
            if (createdAt < 0 || random.nextInt(30) != 0) { // else the same minute as the previous note
                createdAt = (NOW - MINUTE - random.nextLong(365 * DAY)) / MINUTE * MINUTE;
            }
            String type = pick(DemoCatalogue.NOTE_TYPES, random);
            CopyBuffer row = batch.rows(ACCOUNT_NOTES);
            row.number(nextId(ACCOUNT_NOTES)).number(accountId).number(customerId).text(type)
                    .text(DemoNotes.content(type, random)).timestamp(createdAt);
            row.endRow();
        }
    }

    private static double health(@Nullable String status, SplittableRandom random) {
        double base = switch (status == null ? "" : status) {
            case "churned" -> 0.15;
            case "at_risk" -> 0.35;
            case "onboarding" -> 0.55;
            default -> 0.6;
        };
        return Math.min(1, base + random.nextDouble() * 0.4);
    }

    private static String tier(@Nullable Long revenueCents, SplittableRandom random) {
        if (revenueCents == null || random.nextInt(10) == 0) {
            return pick(DemoCatalogue.TIERS, random);
        }
        if (revenueCents >= 100_000_000L) {
            return "Strategic";
        }
        if (revenueCents >= 25_000_000L) {
            return "Enterprise";
        }
        return revenueCents >= 5_000_000L ? "Mid-Market" : "SMB";
    }

    private static String uuid(SplittableRandom random) {
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(high, low).toString();
    }

    private static double clampScore(double score) {
        return Math.min(100, Math.max(0, score));
    }

    /** A pick by weight; with one weight more than there are values, the last one is the weight of null. */
    private static <T> @Nullable T weighted(SplittableRandom random, List<T> values, int... weights) {
        int index = weighted(weights, random);
        return index < values.size() ? values.get(index) : null;
    }

    private static int weighted(int[] weights, SplittableRandom random) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        int index = 0;
        while (roll >= weights[index]) {
            roll -= weights[index++];
        }
        return index;
    }

    /** 0..n-1 in random order. */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] indexes = new int[n];
        for (int i = 0; i < n; i++) {
            indexes[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = indexes[i];
            indexes[i] = indexes[j];
            indexes[j] = swap;
        }
        return indexes;
    }

    private long nextId(DemoTable table) {
        return nextIds[table.ordinal()]++;
    }

    private SplittableRandom random(long stream, long id) {
        return new SplittableRandom(mix(mix(seed ^ stream) + id));
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
