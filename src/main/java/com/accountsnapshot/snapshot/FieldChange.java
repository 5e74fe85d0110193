package com.accountsnapshot.snapshot;

import tools.jackson.databind.JsonNode;

/**
 * One entry of {@code changed_fields}: a tracked field whose stored value differs from the previous snapshot's,
 * both values as the JSON of what is stored (a JSON null for a null column).
 */
public record FieldChange(String field, JsonNode from, JsonNode to) {
}
