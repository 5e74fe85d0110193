package com.accountsnapshot.api;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of every refusal: what is wrong, in one line, and where applicable the snake_case request field
 * at fault or the running execution in the way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        String error,
        @Nullable String field,
        @JsonProperty("running_execution_id") @Nullable Long runningExecutionId) {

    static ApiError of(String error) {
        return new ApiError(error, null, null);
    }

    static ApiError ofField(String error, @Nullable String field) {
        return new ApiError(error, field, null);
    }

    /** {@code accountId} to {@code account_id}: job parameter names as the API spells them. */
    static String snakeCase(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
