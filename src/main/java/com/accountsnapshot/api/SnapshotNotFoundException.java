package com.accountsnapshot.api;

/** No such snapshot or account, or one of a customer the principal may not see (answered 404 alike). */
class SnapshotNotFoundException extends RuntimeException {

    SnapshotNotFoundException(String message) {
        super(message);
    }
}
