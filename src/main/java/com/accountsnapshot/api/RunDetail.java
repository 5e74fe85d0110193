package com.accountsnapshot.api;

import com.accountsnapshot.api.internal.RunIssues;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A run with the first page of the issues it recorded. */
public record RunDetail(@JsonUnwrapped RunView run, RunIssues issues) {
}
