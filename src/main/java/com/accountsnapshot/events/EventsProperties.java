package com.accountsnapshot.events;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of event-driven snapshots ({@code account-snapshot.events.*}).
 *
 * @param quietPeriod a batch of one event type is cut when no event of that type arrived for this long
 * @param maxDelay ... or when its oldest event is this old
 * @param pollInterval how often serve looks for batches to cut, start and mark done
 * @param maxClockSkew how far in the future an event's occurred_at may be
 * @param amqp the RabbitMQ queue serve consumes
 */
@ConfigurationProperties("account-snapshot.events")
public record EventsProperties(
        @DefaultValue("30s") Duration quietPeriod,
        @DefaultValue("5m") Duration maxDelay,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue Amqp amqp) {

    public EventsProperties {
        requirePositive("quiet-period", quietPeriod);
        requirePositive("max-delay", maxDelay);
        requirePositive("poll-interval", pollInterval);
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("account-snapshot.events.max-clock-skew must not be negative");
        }
    }

    /**
     * @param enabled consume the queue in serve; unset: only when a broker is configured
     *        ({@code spring.rabbitmq.host} or {@code spring.rabbitmq.addresses})
     * @param queue the durable queue of events
     * @param deadLetterQueue where unreadable and invalid messages go, with the reason in a header
     */
    public record Amqp(
            @Nullable Boolean enabled,
            @DefaultValue("account-snapshot.events") String queue,
            @DefaultValue("account-snapshot.events.dlq") String deadLetterQueue) {
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("account-snapshot.events." + name + " must be positive, not " + value);
        }
    }
}
