package com.accountsnapshot.events;

import java.util.OptionalLong;

import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.security.CustomerScope;

/**
 * The dead-letter queue of event messages as operators handle it, over HTTP and in the console: how many
 * messages it holds, and their replay to the events queue. The dead letters hold every customer's messages, so
 * only a principal of every customer replays them; a replay and its refusal are recorded in the audit log.
 */
public class DeadLetters {

    static final String REPLAY = "replay dead-lettered events";

    private final EventQueue queue;

    private final OperatorAudit audit;

    DeadLetters(EventQueue queue, OperatorAudit audit) {
        this.queue = queue;
        this.audit = audit;
    }

    /** Why a replay was refused. */
    public enum Refusal {
        /** The principal is limited to some customers. */
        CUSTOMER_SCOPED,
        /** This process does not consume events from RabbitMQ. */
        NOT_CONSUMED
    }

    /** A refused replay: nothing was moved. */
    public static final class RefusedException extends RuntimeException {

        private final Refusal refusal;

        RefusedException(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** Whether this process consumes events from RabbitMQ, and so can read and replay its dead letters. */
    public boolean consumed() {
        return queue.enabled();
    }

    /** How many messages the dead-letter queue holds; empty when events are not consumed or the broker is down. */
    public OptionalLong count() {
        return queue.enabled() ? queue.deadLetterCount() : OptionalLong.empty();
    }

    /**
     * Moves up to {@code limit} dead-lettered messages back to the events queue, as the current principal.
     *
     * @return how many were moved
     * @throws RefusedException (audited) for a principal limited to some customers, or when events are not
     *         consumed from RabbitMQ here
     */
    public int replay(int limit) {
        String target = "up to " + limit + " dead-lettered events";
        if (!CustomerScope.current().unrestricted()) {
            throw refuse(Refusal.CUSTOMER_SCOPED, target,
                    "the dead letters hold every customer's messages: a principal of every customer replays them");
        }
        if (!queue.enabled()) {
            throw refuse(Refusal.NOT_CONSUMED, target,
                    "Events are not consumed from RabbitMQ (account-snapshot.events.amqp.enabled)");
        }
        int replayed = queue.replayDeadLetters(limit);
        audit.accepted(REPLAY, replayed + " dead-lettered events");
        return replayed;
    }

    private RefusedException refuse(Refusal refusal, String target, String why) {
        audit.refused(REPLAY, target, why);
        return new RefusedException(refusal, why);
    }
}
