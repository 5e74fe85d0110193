package com.accountsnapshot.run;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The process holding a lease: its host, its pid and an instance id drawn at its start (pids get reused). */
record LeaseOwner(String host, long pid, String instance) {

    /** This process. */
    static final LeaseOwner CURRENT = new LeaseOwner(hostName(), ProcessHandle.current().pid(),
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));

    /** e.g. {@code host h pid 123 (instance ab12cd34)} */
    String describe() {
        return "host " + host + " pid " + pid + " (instance " + instance + ")";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "unknown-host";
        }
    }
}
