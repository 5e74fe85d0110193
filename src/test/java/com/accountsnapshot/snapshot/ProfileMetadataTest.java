package com.accountsnapshot.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileMetadataTest {

    private final List<SnapshotIssue> warnings = new ArrayList<>();

    private ProfileFields fields(String json) {
        return ProfileMetadata.parse(json, warnings).fields(warnings);
    }

    private List<String> productsUsed(String json) {
        return ProfileMetadata.parse(json, warnings).productsUsed(warnings);
    }

    @Test
    void completeMetadataIsCopiedWithStringsUntrimmed() {
        // when
        ProfileFields fields = fields("""
                {"assigned_csm": " Jane Doe ", "csm_manager": "Sam", "account_owner": "", "account_tier": "Gold",
                 "engagement": {"lifecycle_stage": "Adoption", "onboarding_status": "complete",
                                "last_qbr_date": "2025-03-31", "next_qbr_date": "2025-06-30", "score": 72.345},
                 "champions": [{"name": "Ann", "status": "active"}, "Bob"], "unknown_key": [1, 2]}
                """);

        // then
        assertThat(fields).isEqualTo(new ProfileFields("Gold", " Jane Doe ", "Sam", "", "Adoption", "complete",
                LocalDate.of(2025, 3, 31), LocalDate.of(2025, 6, 30), new BigDecimal("72.35"), "Ann", "active", 2));
        assertThat(warnings).isEmpty();
    }

    @Test
    void sqlNullMetadataGivesNullFieldsAndZeroStakeholdersWithoutWarning() {
        assertThat(fields(null)).isEqualTo(
                new ProfileFields(null, null, null, null, null, null, null, null, null, null, null, 0));
        assertThat(productsUsed(null)).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "true", "null", "{not json", "{} {}", ""})
    void metadataThatIsNotAJsonObjectNullsEveryFieldWithOneWarning(String raw) {
        // when
        ProfileFields fields = fields(raw);
        List<String> products = ProfileMetadata.parse(raw, new ArrayList<>()).productsUsed(warnings);

        // then
        assertThat(fields).isEqualTo(
                new ProfileFields(null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(products).isEmpty();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.type()).isEqualTo(SnapshotIssue.WARNING);
            assertThat(warning.field()).isEqualTo("profile_metadata");
            assertThat(warning.rawValue()).isEqualTo(raw);
        });
    }

    @Test
    void absentAndNullKeysAreNullWithoutWarning() {
        ProfileFields fields = fields("""
                {"assigned_csm": null, "engagement": {"score": null, "last_qbr_date": null}, "champions": null}
                """);

        assertThat(fields).isEqualTo(
                new ProfileFields(null, null, null, null, null, null, null, null, null, null, null, 0));
        assertThat(warnings).isEmpty();
    }

    @Test
    void nonStringWhereAStringIsDueIsNullWithAWarningNamingItsPath() {
        // when
        ProfileFields fields = fields("""
                {"assigned_csm": 17, "csm_manager": {"name": "Sam"}, "account_owner": ["Al"], "account_tier": true,
                 "engagement": {"lifecycle_stage": 3.5, "onboarding_status": false}}
                """);

        // then
        assertThat(fields.assignedCsm()).isNull();
        assertThat(fields.csmManager()).isNull();
        assertThat(fields.accountOwner()).isNull();
        assertThat(fields.accountTier()).isNull();
        assertThat(fields.lifecycleStage()).isNull();
        assertThat(fields.onboardingStatus()).isNull();
        assertThat(warnings).extracting(SnapshotIssue::field, SnapshotIssue::rawValue).containsExactly(
                Tuple.tuple("account_tier", "true"),
                Tuple.tuple("assigned_csm", "17"),
                Tuple.tuple("csm_manager", "{\"name\":\"Sam\"}"),
                Tuple.tuple("account_owner", "[\"Al\"]"),
                Tuple.tuple("engagement.lifecycle_stage", "3.5"),
                Tuple.tuple("engagement.onboarding_status", "false"));
        assertThat(warnings).allSatisfy(warning -> assertThat(warning.type()).isEqualTo(SnapshotIssue.WARNING));
        assertThat(warnings.get(1).problem()).contains("assigned_csm").contains("string").contains("number");
    }

    @ParameterizedTest(name = "engagement {0}")
    @ValueSource(strings = {"\"high\"", "[1]", "5", "true"})
    void engagementThatIsNotAnObjectNullsItsFieldsWithOneWarning(String engagement) {
        ProfileFields fields = fields("{\"engagement\": " + engagement + ", \"assigned_csm\": \"Jo\"}");

        assertThat(fields).isEqualTo(
                new ProfileFields(null, "Jo", null, null, null, null, null, null, null, null, null, 0));
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("engagement");
            assertThat(warning.rawValue()).isEqualTo(engagement);
        });
    }

    @ParameterizedTest(name = "last_qbr_date {0}")
    @ValueSource(strings = {"\"2025-02-30\"", "\"2025-13-01\"", "\"2025-1-5\"", "\"2025-01-05T00:00:00Z\"",
            "\" 2025-01-05\"", "\"05/01/2025\"", "\"+2025-01-05\"", "\"0000-01-01\"", "\"\"", "20250105", "true",
            "{\"d\":1}"})
    void qbrDateThatIsNotAValidIsoDateIsNullWithAWarning(String date) {
        ProfileFields fields = fields("{\"engagement\": {\"last_qbr_date\": " + date + "}}");

        assertThat(fields.lastQbrDate()).isNull();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("engagement.last_qbr_date");
            assertThat(warning.rawValue()).isEqualTo(date);
        });
    }

    @Test
    void qbrDatesOnALeapDayAndAYearEndAreRead() {
        ProfileFields fields = fields("""
                {"engagement": {"last_qbr_date": "2024-02-29", "next_qbr_date": "2025-12-31"}}""");

        assertThat(fields.lastQbrDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(fields.nextQbrDate()).isEqualTo(LocalDate.of(2025, 12, 31));
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest(name = "score {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "72.345|72.35", "72.344|72.34", "-72.345|-72.35", "80|80.00", "\"80\"|80.00", "\" 7.125 \"|7.13",
            "\"1e2\"|100.00", "1E2|100.00", "999.994|999.99", "-999.994|-999.99", "0.004|0.00", "-0.004|0.00",
            "0.005|0.01", "1e-999999999|0.00", "12345678901234567890.5e-18|12.35"})
    void engagementScoreIsANumberOrANumericStringRoundedHalfUp(String json, String expected) {
        ProfileFields fields = fields("{\"engagement\": {\"score\": " + json + "}}");

        assertThat(fields.engagementScore()).isEqualTo(new BigDecimal(expected));
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest(name = "score {0}")
    @ValueSource(strings = {"\"high\"", "\"\"", "\"  \"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "true",
            "{\"v\":1}", "[80]", "\"80%\""})
    void nonNumericEngagementScoreIsNullWithAWarning(String json) {
        ProfileFields fields = fields("{\"engagement\": {\"score\": " + json + "}}");

        assertThat(fields.engagementScore()).isNull();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("engagement.score");
            assertThat(warning.rawValue()).isEqualTo(json);
        });
    }

    @ParameterizedTest(name = "score {0}")
    @ValueSource(strings = {"1000", "999.995", "-999.995", "\"12345\"", "1e999999999"})
    void engagementScoreThatOverflowsNumeric52IsNullWithAWarning(String json) {
        ProfileFields fields = fields("{\"engagement\": {\"score\": " + json + "}}");

        assertThat(fields.engagementScore()).isNull();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("engagement.score");
            assertThat(warning.problem()).contains("overflows numeric(5,2)");
        });
    }

    @Test
    void championsAsPlainStringsGiveTheFirstNameAndNoStatus() {
        ProfileFields fields = fields("{\"champions\": [\"Ann\", {\"name\": \"Bob\", \"status\": \"active\"}, 3]}");

        assertThat(fields.primaryChampion()).isEqualTo("Ann");
        assertThat(fields.championStatus()).isNull();
        assertThat(fields.stakeholderCount()).isEqualTo(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void emptyChampionsGiveZeroStakeholdersAndNoChampion() {
        ProfileFields fields = fields("{\"champions\": []}");

        assertThat(fields.primaryChampion()).isNull();
        assertThat(fields.championStatus()).isNull();
        assertThat(fields.stakeholderCount()).isZero();
        assertThat(warnings).isEmpty();
    }

    @Test
    void championObjectWithoutNameOrStatusGivesNullsWithoutWarning() {
        ProfileFields fields = fields("{\"champions\": [{\"role\": \"VP\"}, {\"name\": \"Bob\"}]}");

        assertThat(fields.primaryChampion()).isNull();
        assertThat(fields.championStatus()).isNull();
        assertThat(fields.stakeholderCount()).isEqualTo(2);
        assertThat(warnings).isEmpty();
    }

    @Test
    void championObjectWithNonStringNameAndStatusWarnsForEach() {
        ProfileFields fields = fields("{\"champions\": [{\"name\": 12, \"status\": [\"x\"]}]}");

        assertThat(fields.primaryChampion()).isNull();
        assertThat(fields.championStatus()).isNull();
        assertThat(fields.stakeholderCount()).isEqualTo(1);
        assertThat(warnings).extracting(SnapshotIssue::field)
                .containsExactly("champions[0].name", "champions[0].status");
    }

    @ParameterizedTest(name = "first champion {0}")
    @ValueSource(strings = {"7", "[\"Ann\"]", "null", "false"})
    void firstChampionOfAnotherTypeGivesNoChampionWithAWarning(String first) {
        ProfileFields fields = fields("{\"champions\": [" + first + ", \"Bob\"]}");

        assertThat(fields.primaryChampion()).isNull();
        assertThat(fields.championStatus()).isNull();
        assertThat(fields.stakeholderCount()).isEqualTo(2);
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("champions[0]");
            assertThat(warning.rawValue()).isEqualTo(first);
        });
    }

    @ParameterizedTest(name = "champions {0}")
    @ValueSource(strings = {"\"Ann\"", "{\"name\": \"Ann\"}", "3"})
    void championsThatAreNotAnArrayNullAllThreeFieldsWithAWarning(String champions) {
        ProfileFields fields = fields("{\"champions\": " + champions + "}");

        assertThat(fields.primaryChampion()).isNull();
        assertThat(fields.championStatus()).isNull();
        assertThat(fields.stakeholderCount()).isNull();
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning.field()).isEqualTo("champions"));
    }

    @Test
    void productsUsedListIsTrimmedWithBlanksAndRepeatsDropped() {
        List<String> products = productsUsed("{\"products_used\": [\" CRM \", \"\", \"Billing\", \"CRM\", \"  \"]}");

        assertThat(products).containsExactly("CRM", "Billing");
        assertThat(warnings).isEmpty();
    }

    @Test
    void productsUsedCommaStringIsSplitOnCommas() {
        List<String> products = productsUsed("{\"products_used\": \" CRM, Billing,,CRM , Analytics ,\"}");

        assertThat(products).containsExactly("CRM", "Billing", "Analytics");
        assertThat(warnings).isEmpty();
    }

    @Test
    void nonStringProductsUsedItemIsDroppedWithAWarning() {
        List<String> products = productsUsed("{\"products_used\": [\"CRM\", 5, null, {\"n\": 1}, \"Billing\"]}");

        assertThat(products).containsExactly("CRM", "Billing");
        assertThat(warnings).extracting(SnapshotIssue::field, SnapshotIssue::rawValue).containsExactly(
                Tuple.tuple("products_used[1]", "5"),
                Tuple.tuple("products_used[2]", "null"),
                Tuple.tuple("products_used[3]", "{\"n\":1}"));
    }

    @ParameterizedTest(name = "products_used {0}")
    @ValueSource(strings = {"42", "{\"a\": \"CRM\"}", "true"})
    void productsUsedOfAnotherTypeIsEmptyWithAWarning(String value) {
        List<String> products = productsUsed("{\"products_used\": " + value + "}");

        assertThat(products).isEmpty();
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning.field()).isEqualTo("products_used"));
    }

    @Test
    void absentOrNullProductsUsedIsEmptyWithoutWarning() {
        assertThat(productsUsed("{}")).isEmpty();
        assertThat(productsUsed("{\"products_used\": null}")).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void metadataWithHugeNumbersOrDeepNestingThatJsonbAcceptsIsStillRead() {
        // given: a 1,500-digit number and 1,000 nested arrays, both over Jackson's default limits
        String hugeNumber = "9".repeat(1_500);
        String deep = "[".repeat(1_000) + "]".repeat(1_000);

        // when
        ProfileFields fields = fields("{\"other\": " + hugeNumber + ", \"nested\": " + deep
                + ", \"assigned_csm\": \"Jo\", \"account_owner\": " + deep + "}");

        // then
        assertThat(fields.assignedCsm()).isEqualTo("Jo");
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("account_owner");
            assertThat(warning.rawValue()).isEqualTo(deep);
        });
    }

    @Test
    void nestingDeeperThanAStackCanRecurseIsReadAndItsRawValueWrittenInFull() {
        // given: 12,000 levels (jsonb takes them with PostgreSQL's default stack), arrays and objects in turn
        String deep = "[{\"a\":".repeat(6_000) + "1" + "}]".repeat(6_000);

        // when
        ProfileFields fields = fields("{\"nested\": " + deep + ", \"assigned_csm\": \"Jo\", \"account_owner\": "
                + deep + "}");

        // then
        assertThat(fields.assignedCsm()).isEqualTo("Jo");
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("account_owner");
            assertThat(warning.rawValue()).isEqualTo(deep);
        });
    }

    @Test
    void repeatedKeyKeepsTheLastValueAsJsonbDoes() {
        ProfileFields fields = fields("{\"assigned_csm\": 5, \"assigned_csm\": \"Jo\"}");

        assertThat(fields.assignedCsm()).isEqualTo("Jo");
        assertThat(warnings).isEmpty();
    }
}
