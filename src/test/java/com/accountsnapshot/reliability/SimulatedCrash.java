package com.accountsnapshot.reliability;

/** Thrown on a job thread at an injected crash point: the "process" dies there. */
class SimulatedCrash extends Error {

    SimulatedCrash(String where) {
        super("simulated crash at " + where);
    }
}
