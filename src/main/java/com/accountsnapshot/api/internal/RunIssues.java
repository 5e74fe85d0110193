package com.accountsnapshot.api.internal;

import java.util.List;

/** A page of a run's issues, in the order they were recorded, with how many the run recorded in all. */
public record RunIssues(long total, int page, int size, List<RunIssue> items) {
}
