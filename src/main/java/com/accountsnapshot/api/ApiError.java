package com.accountsnapshot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of every refusal: what is wrong, in one line, and where applicable the snake_case request field
 * at fault or the running execution in the way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SnakeCase
public record ApiError(
        String error,
        @Nullable String field,
        @Nullable Long runningExecutionId) {

    static ApiError of(String error) {
        return new ApiError(error, null, null);
    }

    static ApiError ofField(String error, @Nullable String field) {
        return new ApiError(error, field, null);
    }
}
