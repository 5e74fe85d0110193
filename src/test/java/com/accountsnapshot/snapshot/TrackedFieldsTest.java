package com.accountsnapshot.snapshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.accountsnapshot.snapshot.AccountContextBuilder.anAccount;
import static com.accountsnapshot.snapshot.AccountContextBuilder.execution;
import static com.accountsnapshot.snapshot.AccountContextBuilder.manualRun;
import static com.accountsnapshot.snapshot.AccountContextBuilder.previousSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * changed_fields: the tracked fields whose value differs from the previous snapshot's stored value, for each kind
 * of stored value. The previous snapshot's fields are given as the JSON PostgreSQL gives for them.
 */
class TrackedFieldsTest {

    /** Reads numbers as exact decimals in their written scale, as the loader reads jsonb. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final SnapshotCalculator calculator = new SnapshotCalculator();

    /** Revenue 1200.50, a Gold tier, CSM Jane, QBR on 2025-04-01, products CRM and Billing, one running playbook. */
    private static AccountContextBuilder account() {
        return anAccount().revenue("1200.5").status("active")
                .profileMetadata("""
                        {"account_tier": "Gold", "assigned_csm": "Jane",
                         "engagement": {"last_qbr_date": "2025-04-01", "score": 81.5}}""")
                .product(1, "CRM").product(2, "Billing")
                .execution(execution(3, "renewal", "in-progress", "2025-06-01T00:00:00Z", null))
                .notes(9L, 8L);
    }

    /** The fields this account's snapshot stores, with some replaced by the given stored JSON values. */
    private Map<String, JsonNode> storedAs(AccountContextBuilder account, String replaced) {
        AccountSnapshot earlier = calculator.calculate(account.build(), manualRun()).snapshot();
        Map<String, JsonNode> stored = new LinkedHashMap<>();
        TrackedFields.of(earlier).forEach((name, value) -> stored.put(name, JSON.readTree(JSON.writeValueAsString(value))));
        JSON.readTree(replaced).properties().forEach(field -> stored.put(field.getKey(), field.getValue()));
        return stored;
    }

    private @Nullable String changedFields(AccountContextBuilder account, Map<String, JsonNode> previous) {
        AccountSnapshot snapshot = calculator.calculate(account
                .previous(previousSnapshot(1, 1, "2025-06-01T00:00:00Z", null, "1200.50", "active", previous))
                .build(), manualRun()).snapshot();
        return text(snapshot.changedFields());
    }

    private static @Nullable String text(@Nullable List<FieldChange> changes) {
        if (changes == null) {
            return null;
        }
        ObjectNode object = JSON.createObjectNode();
        changes.forEach(change -> object.putObject(change.field()).set("from", change.from()).set("to", change.to()));
        return JSON.writeValueAsString(object);
    }

    @Test
    void firstSnapshotHasNoChangedFields() {
        AccountSnapshot snapshot = calculator.calculate(account().build(), manualRun()).snapshot();

        assertThat(snapshot.changedFields()).isNull();
    }

    @Test
    void nothingChangedIsAnEmptyObject() {
        Map<String, JsonNode> previous = storedAs(account(), "{}");

        assertThat(changedFields(account(), previous)).isEqualTo("{}");
    }

    @Test
    void stringsCompareExactlyCaseAndSpacesIncluded() {
        Map<String, JsonNode> previous = storedAs(account(), """
                {"account_status": "Active", "account_tier": "Gold ", "assigned_csm": "Jane"}""");

        assertThat(changedFields(account(), previous)).isEqualTo("""
                {"account_status":{"from":"Active","to":"active"},"account_tier":{"from":"Gold ","to":"Gold"}}""");
    }

    @Test
    void decimalsCompareByValueAndAreWrittenInTheirStoredScale() {
        // given: 1200.5 is the stored 1200.50; 81.49 is not 81.50
        Map<String, JsonNode> previous = storedAs(account(), """
                {"revenue": 1200.5, "engagement_score": 81.49}""");

        assertThat(changedFields(account(), previous)).isEqualTo("""
                {"engagement_score":{"from":81.49,"to":81.50}}""");
    }

    @Test
    void datesCompareAsTheirDays() {
        Map<String, JsonNode> previous = storedAs(account(), """
                {"last_qbr_date": "2025-03-31"}""");

        assertThat(changedFields(account(), previous)).isEqualTo("""
                {"last_qbr_date":{"from":"2025-03-31","to":"2025-04-01"}}""");
    }

    @Test
    void jsonListsCompareInOrder() {
        // given: the same names in another order, and the same note ids
        Map<String, JsonNode> previous = storedAs(account(), """
                {"products_used": ["Billing", "CRM"], "recent_csm_note_ids": [9, 8]}""");

        assertThat(changedFields(account(), previous)).isEqualTo("""
                {"products_used":{"from":["Billing","CRM"],"to":["CRM","Billing"]}}""");
    }

    @Test
    void jsonObjectsCompareStructurallyWhateverTheirKeyOrder() {
        // given: jsonb hands its keys back sorted by length, so "started_at" comes after "playbook_id" either way
        Map<String, JsonNode> same = storedAs(account(), """
                {"last_playbook_executed": {"started_at": "2025-06-01T00:00:00Z", "playbook_id": "renewal"}}""");
        Map<String, JsonNode> other = storedAs(account(), """
                {"last_playbook_executed": {"started_at": "2025-05-01T00:00:00Z", "playbook_id": "renewal"}}""");

        assertThat(changedFields(account(), same)).isEqualTo("{}");
        assertThat(changedFields(account(), other)).isEqualTo("""
                {"last_playbook_executed":{"from":{"started_at":"2025-05-01T00:00:00Z","playbook_id":"renewal"},\
                "to":{"playbook_id":"renewal","started_at":"2025-06-01T00:00:00Z"}}}""");
    }

    @Test
    void integersCompareByValue() {
        Map<String, JsonNode> previous = storedAs(account(), """
                {"product_count": 3, "playbooks_running_count": 1, "stakeholder_count": 0}""");

        assertThat(changedFields(account(), previous)).isEqualTo("""
                {"product_count":{"from":3,"to":2}}""");
    }

    @Test
    void nullToAValueAndAValueToNullAreChangesNullToNullIsNot() {
        // given: the account has no CSM manager and no champion
        Map<String, JsonNode> previous = storedAs(account(), """
                {"assigned_csm": null, "primary_champion": "Ann", "csm_manager": null,
                 "last_playbook_executed": null}""");

        assertThat(changedFields(account(), previous)).isEqualTo("""
                {"assigned_csm":{"from":null,"to":"Jane"},"primary_champion":{"from":"Ann","to":null},\
                "last_playbook_executed":{"from":null,"to":{"playbook_id":"renewal","started_at":"2025-06-01T00:00:00Z"}}}""");
    }

    @Test
    void changesFollowTheColumnOrder() {
        Map<String, JsonNode> previous = storedAs(account(), """
                {"recent_csm_note_ids": [], "revenue": 1000.00, "account_name": "Old name"}""");

        String changes = changedFields(account(), previous);

        assertThat(changes).isEqualTo("""
                {"account_name":{"from":"Old name","to":"Acme Corp"},"revenue":{"from":1000.00,"to":1200.50},\
                "recent_csm_note_ids":{"from":[],"to":[9,8]}}""");
        assertThat(TrackedFields.NAMES).hasSize(44).startsWith("account_name", "account_status", "industry")
                .endsWith("recent_playbook_report_ids", "recent_csm_note_ids");
    }
}
