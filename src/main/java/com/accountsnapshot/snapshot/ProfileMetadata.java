package com.accountsnapshot.snapshot;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An account's {@code profile_metadata} (docs/snapshot-fields.md#source-tables), read leniently: a value of the wrong type becomes null
 * and adds a warning naming its JSON path (docs/snapshot-fields.md#bad-source-data). Strings are copied exactly as they are.
 */
final class ProfileMetadata {

    /** Room for anything jsonb accepts: numbers of up to 147,455 digits (Jackson's default: 1,000). */
    private static final int MAX_NUMBER_LENGTH = 200_000;

    /**
     * No nesting limit: jsonb nests as deep as PostgreSQL's stack allows (over 10,000 levels with the default
     * 2 MB), and one deep value must not make the whole document unreadable. Jackson reads a tree without
     * recursion, and {@link #jsonText} writes one without recursion.
     */
    private static final int MAX_NESTING_DEPTH = Integer.MAX_VALUE;

    // floats as BigDecimal: a score like 72.345 must round to 72.35, not to the 72.34 its double would
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNumberLength(MAX_NUMBER_LENGTH).maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .streamWriteConstraints(StreamWriteConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** The smallest magnitude that rounds to 1000.00, which numeric(5,2) cannot hold. */
    private static final BigDecimal SCORE_OVERFLOW = new BigDecimal("999.995");

    /** Below this magnitude a value rounds to 0.00 (checked first: 1e-999999999 must not be rescaled). */
    private static final BigDecimal ROUNDS_TO_ZERO = new BigDecimal("0.005");

    private static final Object END_ARRAY = new Object();

    private static final Object END_OBJECT = new Object();

    private static final ProfileFields ABSENT =
            new ProfileFields(null, null, null, null, null, null, null, null, null, null, null, 0);

    private static final ProfileFields UNUSABLE =
            new ProfileFields(null, null, null, null, null, null, null, null, null, null, null, null);

    /** The metadata object, or null when the column is null or does not hold a JSON object. */
    private final @Nullable JsonNode root;

    private final boolean present;

    private ProfileMetadata(@Nullable JsonNode root, boolean present) {
        this.root = root;
        this.present = present;
    }

    /** Parses the column's text; metadata that is not a JSON object adds one {@code profile_metadata} warning. */
    static ProfileMetadata parse(@Nullable String raw, List<SnapshotIssue> warnings) {
        if (raw == null) {
            return new ProfileMetadata(null, false);
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        }
        catch (JacksonException ex) {
            warnings.add(SnapshotIssue.warning("profile_metadata", "profile_metadata is not valid JSON", raw));
            return new ProfileMetadata(null, true);
        }
        if (node == null || !node.isObject()) {
            warnings.add(SnapshotIssue.warning("profile_metadata",
                    "profile_metadata is not a JSON object (found " + typeOf(node) + ")", raw));
            return new ProfileMetadata(null, true);
        }
        return new ProfileMetadata(node, true);
    }

    /** The snapshot's profile fields; every field is null (stakeholder count 0) when the column is null. */
    ProfileFields fields(List<SnapshotIssue> warnings) {
        if (root == null) {
            return present ? UNUSABLE : ABSENT;
        }
        String accountTier = string(root, "account_tier", "account_tier", warnings);
        String assignedCsm = string(root, "assigned_csm", "assigned_csm", warnings);
        String csmManager = string(root, "csm_manager", "csm_manager", warnings);
        String accountOwner = string(root, "account_owner", "account_owner", warnings);

        String lifecycleStage = null;
        String onboardingStatus = null;
        LocalDate lastQbrDate = null;
        LocalDate nextQbrDate = null;
        BigDecimal engagementScore = null;
        JsonNode engagement = root.get("engagement");
        if (isMissing(engagement)) {
            // no engagement: its fields are simply unknown
        }
        else if (!engagement.isObject()) {
            warnings.add(expected("engagement", "an object", engagement));
        }
        else {
            lifecycleStage = string(engagement, "lifecycle_stage", "engagement.lifecycle_stage", warnings);
            onboardingStatus = string(engagement, "onboarding_status", "engagement.onboarding_status", warnings);
            lastQbrDate = date(engagement, "last_qbr_date", "engagement.last_qbr_date", warnings);
            nextQbrDate = date(engagement, "next_qbr_date", "engagement.next_qbr_date", warnings);
            engagementScore = score(engagement, "score", "engagement.score", warnings);
        }

        String primaryChampion = null;
        String championStatus = null;
        Integer stakeholderCount = 0;
        JsonNode champions = root.get("champions");
        if (isMissing(champions)) {
            // no champions: zero stakeholders
        }
        else if (!champions.isArray()) {
            warnings.add(expected("champions", "an array", champions));
            stakeholderCount = null;
        }
        else {
            stakeholderCount = champions.size();
            JsonNode first = champions.isEmpty() ? null : champions.get(0);
            if (first == null) {
                // an empty array: no champion
            }
            else if (first.isString()) {
                primaryChampion = first.stringValue();
            }
            else if (first.isObject()) {
                primaryChampion = string(first, "name", "champions[0].name", warnings);
                championStatus = string(first, "status", "champions[0].status", warnings);
            }
            else {
                warnings.add(expected("champions[0]", "an object or a string", first));
            }
        }
        return new ProfileFields(accountTier, assignedCsm, csmManager, accountOwner, lifecycleStage,
                onboardingStatus, lastQbrDate, nextQbrDate, engagementScore, primaryChampion, championStatus,
                stakeholderCount);
    }

    /**
     * {@code products_used}: an array of strings or one comma-separated string; items trimmed, blanks and
     * repeats dropped (the first kept). Empty when the metadata is null or unusable or has no such key.
     */
    List<String> productsUsed(List<SnapshotIssue> warnings) {
        JsonNode value = (root == null) ? null : root.get("products_used");
        if (isMissing(value)) {
            return List.of();
        }
        Set<String> products = new LinkedHashSet<>();
        if (value.isString()) {
            for (String item : value.stringValue().split(",", -1)) {
                addTrimmed(products, item);
            }
        }
        else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (item.isString()) {
                    addTrimmed(products, item.stringValue());
                }
                else {
                    warnings.add(expected("products_used[" + i + "]", "a string", item));
                }
            }
        }
        else {
            warnings.add(expected("products_used", "an array of strings or a comma-separated string", value));
        }
        return List.copyOf(products);
    }

    private static void addTrimmed(Set<String> products, String item) {
        String product = item.trim();
        if (!product.isEmpty()) {
            products.add(product);
        }
    }

    private static @Nullable String string(JsonNode parent, String key, String path, List<SnapshotIssue> warnings) {
        return read(parent, key, path, warnings, value -> value.isString() ? value.stringValue() : null, "a string");
    }

    private static @Nullable LocalDate date(JsonNode parent, String key, String path, List<SnapshotIssue> warnings) {
        return read(parent, key, path, warnings, ProfileMetadata::toDate, "a YYYY-MM-DD date");
    }

    private static @Nullable LocalDate toDate(JsonNode value) {
        if (!value.isString() || !ISO_DATE.matcher(value.stringValue()).matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.stringValue());
            // year 0000 parses in Java (1 BC) but PostgreSQL's date has no year 0
            return (date.getYear() < 1) ? null : date;
        }
        catch (DateTimeException ex) {
            return null;
        }
    }

    private static @Nullable BigDecimal score(JsonNode parent, String key, String path,
            List<SnapshotIssue> warnings) {
        BigDecimal score = read(parent, key, path, warnings, ProfileMetadata::toNumber, "a number");
        if (score == null) {
            return null;
        }
        if (score.abs().compareTo(SCORE_OVERFLOW) >= 0) {
            String raw = jsonText(parent.get(key));
            warnings.add(SnapshotIssue.warning(path, path + " " + raw + " overflows numeric(5,2) once rounded to 2 places",
                    raw));
            return null;
        }
        if (score.abs().compareTo(ROUNDS_TO_ZERO) < 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return score.setScale(2, RoundingMode.HALF_UP);
    }

    private static @Nullable BigDecimal toNumber(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (!value.isString()) {
            return null;
        }
        try {
            // BigDecimal refuses NaN, Infinity and the empty string
            return new BigDecimal(value.stringValue().trim());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    /** Reads {@code parent[key]}: absent or JSON null gives null silently, a value {@code convert} refuses warns. */
    private static <T> @Nullable T read(JsonNode parent, String key, String path, List<SnapshotIssue> warnings,
            Function<JsonNode, @Nullable T> convert, String expectation) {
        JsonNode value = parent.get(key);
        if (isMissing(value)) {
            return null;
        }
        T converted = convert.apply(value);
        if (converted == null) {
            warnings.add(expected(path, expectation, value));
        }
        return converted;
    }

    private static boolean isMissing(@Nullable JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    private static SnapshotIssue expected(String path, String expectation, JsonNode value) {
        String raw = jsonText(value);
        String found = (value.isContainer()) ? "an " + typeOf(value) : typeOf(value) + " " + raw;
        return SnapshotIssue.warning(path, path + " should be " + expectation + ", found " + found, raw);
    }

    /**
     * The value as compact JSON text, written from an explicit stack: JsonNode's own serialisation (and
     * {@code toString()}) recurses once per level and overflows a job thread's stack well within the nesting
     * jsonb accepts (and a StackOverflowError would fail the whole run, not just the account).
     */
    private static String jsonText(JsonNode value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            Deque<Object> pending = new ArrayDeque<>();
            pending.push(value);
            while (!pending.isEmpty()) {
                Object next = pending.pop();
                if (next == END_ARRAY) {
                    generator.writeEndArray();
                }
                else if (next == END_OBJECT) {
                    generator.writeEndObject();
                }
                else if (next instanceof String name) {
                    generator.writeName(name);
                }
                else {
                    writeStart((JsonNode) next, generator, pending);
                }
            }
        }
        return text.toString();
    }

    /** Writes a scalar, or opens a container and stacks its members (names and values) and its end. */
    private static void writeStart(JsonNode node, JsonGenerator generator, Deque<Object> pending) {
        if (node.isArray()) {
            generator.writeStartArray();
            pending.push(END_ARRAY);
            for (int i = node.size() - 1; i >= 0; i--) {
                pending.push(node.get(i));
            }
        }
        else if (node.isObject()) {
            generator.writeStartObject();
            pending.push(END_OBJECT);
            List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(node.properties());
            for (int i = properties.size() - 1; i >= 0; i--) {
                pending.push(properties.get(i).getValue());
                pending.push(properties.get(i).getKey());
            }
        }
        else {
            generator.writeTree(node);
        }
    }

    private static String typeOf(@Nullable JsonNode node) {
        return (node == null || node.isMissingNode()) ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
