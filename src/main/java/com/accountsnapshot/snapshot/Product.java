package com.accountsnapshot.snapshot;

/** One of an account's {@code products} rows (same account and customer). */
public record Product(long productId, String productName) {
}
