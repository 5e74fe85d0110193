package com.accountsnapshot.api;

/** A path variable or query parameter the API refuses (answered 400, naming it). */
class BadRequestException extends RuntimeException {

    private final String field;

    BadRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    String field() {
        return field;
    }
}
