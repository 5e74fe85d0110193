package com.accountsnapshot.api;

/** An action outside the principal's customers (answered 403). */
class ForbiddenException extends RuntimeException {

    ForbiddenException(String message) {
        super(message);
    }
}
