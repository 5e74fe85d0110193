package com.accountsnapshot.run;

import org.jspecify.annotations.Nullable;

/**
 * A run was marked FAILED by a recovery (an operator's {@code recover}, or {@code serve} finding its process
 * gone), published as an application event: listeners record who recovered what.
 *
 * @param executionId the recovered job execution
 * @param forced recovered although its lease was alive ({@code recover --force})
 * @param lease the lease it had, described (owner and last heartbeat), or null when it had none
 */
public record RunRecovered(long executionId, boolean forced, @Nullable String lease) {
}
