package com.accountsnapshot.console.internal;

import java.util.List;

/** A page of the runs list, newest first; {@code hasNext} when an older page exists. */
public record RunPage(List<RunRow> rows, int page, int size, boolean hasNext) {
}
