package com.accountsnapshot.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.accountsnapshot.demo.DemoCatalogue.pick;

/**
 * An account's {@code profile_metadata} JSON (docs/snapshot-fields.md#source-tables): every key is optional, {@code products_used} is a
 * list or a comma-separated string, champions are objects or plain names, the score a number or a
 * numeric string. About 3% of accounts get none and about 5% get one of the malformed shapes of docs/snapshot-fields.md#bad-source-data
 * (see {@link Mess}), so a snapshot run has warnings to record.
 */
final class ProfileMetadataGenerator {

    /** The malformed shapes real platform data shows, one per messy account. */
    enum Mess {
        NUMBER_FOR_STRING, US_DATE, IMPOSSIBLE_DATE, WORD_SCORE, CHAMPIONS_STRING, ENGAGEMENT_ARRAY,
        METADATA_ARRAY
    }

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param productNames the account's product rows' names (the metadata mostly agrees with them)
     * @param health the account's health between 0 and 1, which the engagement score follows
     * @return the JSON text, or null for an account without metadata
     */
    @Nullable String generate(SplittableRandom random, List<String> productNames, String tier, double health) {
        int roll = random.nextInt(100);
        if (roll < 3) {
            return null;
        }
        ObjectNode metadata = wellFormed(random, productNames, tier, health);
        JsonNode written = roll < 8 ? mess(metadata, pick(List.of(Mess.values()), random), random) : metadata;
        return json.writeValueAsString(written);
    }

    private ObjectNode wellFormed(SplittableRandom random, List<String> productNames, String tier, double health) {
        ObjectNode metadata = json.createObjectNode();
        if (present(random)) {
            metadata.put("assigned_csm", DemoCatalogue.personName(random));
        }
        if (present(random)) {
            metadata.put("csm_manager", DemoCatalogue.personName(random));
        }
        if (present(random)) {
            metadata.put("account_owner", DemoCatalogue.personName(random));
        }
        if (present(random)) {
            metadata.put("account_tier", tier);
        }
        productsUsed(metadata, random, productNames);
        if (present(random)) {
            engagement(metadata.putObject("engagement"), random, health);
        }
        if (present(random)) {
            champions(metadata.putArray("champions"), random);
        }
        return metadata;
    }

    private static void productsUsed(ObjectNode metadata, SplittableRandom random, List<String> productNames) {
        List<String> names = productNames;
        if (names.isEmpty()) {
            if (random.nextInt(4) == 0) {
                return; // neither product rows nor a fallback list
            }
            names = List.of(pick(DemoCatalogue.PRODUCTS, random).name(), pick(DemoCatalogue.PRODUCTS, random).name());
        }
        if (random.nextInt(4) == 0) {
            // the comma-separated form, with the stray blanks and repeats hand-typed lists have
            String separator = random.nextBoolean() ? ", " : " ,";
            String text = String.join(separator, names);
            metadata.put("products_used", random.nextInt(5) == 0 ? text + ", , " + names.get(0) : text);
        } else {
            ArrayNode list = metadata.putArray("products_used");
            names.forEach(list::add);
        }
    }

    private static void engagement(ObjectNode engagement, SplittableRandom random, double health) {
        if (present(random)) {
            engagement.put("lifecycle_stage", pick(DemoCatalogue.LIFECYCLE_STAGES, random));
        }
        if (present(random)) {
            engagement.put("onboarding_status", pick(DemoCatalogue.ONBOARDING_STATUSES, random));
        }
        LocalDate lastQbr = LocalDate.ofEpochDay(DemoRows.TODAY - 5 - random.nextInt(180));
        if (present(random)) {
            engagement.put("last_qbr_date", lastQbr.toString());
        }
        if (present(random)) {
            engagement.put("next_qbr_date", lastQbr.plusDays(80 + random.nextInt(21)).toString());
        }
        if (present(random)) {
            double score = Math.round(Math.min(100, Math.max(0, health * 100 + (random.nextDouble() - 0.5) * 30)) * 10)
                    / 10.0;
            int style = random.nextInt(10);
            if (style < 6) {
                engagement.put("score", score);
            } else if (style < 8) {
                engagement.put("score", Math.round(score));
            } else {
                engagement.put("score", KpiFormat.tenths(score));
            }
        }
    }

    private static void champions(ArrayNode champions, SplittableRandom random) {
        int count = random.nextInt(5);
        boolean asObjects = random.nextInt(4) != 0;
        for (int i = 0; i < count; i++) {
            String name = DemoCatalogue.personName(random);
            if (asObjects || random.nextInt(10) == 0) {
                champions.addObject().put("name", name).put("status", pick(DemoCatalogue.CHAMPION_STATUSES, random));
            } else {
                champions.add(name);
            }
        }
    }

    private JsonNode mess(ObjectNode metadata, Mess mess, SplittableRandom random) {
        ObjectNode engagement = metadata.has("engagement")
                ? (ObjectNode) metadata.get("engagement") : metadata.putObject("engagement");
        switch (mess) {
            case NUMBER_FOR_STRING -> {
                String key = pick(List.of("assigned_csm", "csm_manager", "account_tier"), random);
                metadata.put(key, 1 + random.nextInt(99_999));
            }
            case US_DATE -> {
                LocalDate date = LocalDate.ofEpochDay(DemoRows.TODAY - 5 - random.nextInt(180));
                engagement.put("last_qbr_date", twoDigits(date.getMonthValue()) + "/"
                        + twoDigits(date.getDayOfMonth()) + "/" + date.getYear());
            }
            case IMPOSSIBLE_DATE -> engagement.put("next_qbr_date",
                    pick(List.of("2026-02-30", "2026-04-31", "2026-13-01", "2026-11-00"), random));
            case WORD_SCORE -> engagement.put("score", pick(List.of("high", "medium", "low", "n/a"), random));
            case CHAMPIONS_STRING -> metadata.put("champions",
                    DemoCatalogue.personName(random) + "; " + DemoCatalogue.personName(random));
            case ENGAGEMENT_ARRAY -> metadata.putArray("engagement")
                    .add(pick(DemoCatalogue.LIFECYCLE_STAGES, random)).add(engagement);
            case METADATA_ARRAY -> {
                return json.createArrayNode().add(metadata);
            }
        }
        return metadata;
    }

    private static boolean present(SplittableRandom random) {
        return random.nextInt(25) != 0;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
