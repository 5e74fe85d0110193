package com.accountsnapshot.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import com.accountsnapshot.events.internal.EventRow;
import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.core.env.Environment;

/**
 * Consumes the platform's events from the durable queue {@code account-snapshot.events}. A message is acknowledged
 * only once its event is committed to {@code snapshot_events} (a redelivered one is then a no-op); a message that
 * is not a JSON event, or an invalid one, goes to the dead-letter queue with the reason in the
 * {@value #REASON_HEADER} header and is recorded rejected when it has an event_id. Without a reachable broker the
 * consumer keeps trying to connect in the background; serve runs on.
 */
class EventQueue {

    static final String REASON_HEADER = "x-rejection-reason";

    private static final Logger log = LoggerFactory.getLogger(EventQueue.class);

    private final ConnectionFactory connectionFactory;

    private final EventIntake intake;

    private final EventsProperties properties;

    private final Environment environment;

    private final JsonMapper json = JsonMapper.builder().build();

    private SimpleMessageListenerContainer container;

    EventQueue(ConnectionFactory connectionFactory, EventIntake intake, EventsProperties properties,
            Environment environment) {
        this.connectionFactory = connectionFactory;
        this.intake = intake;
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * Whether serve consumes the queue: as configured, or when unset, when a broker is configured
     * ({@code spring.rabbitmq.host} or {@code spring.rabbitmq.addresses}).
     */
    boolean enabled() {
        Boolean enabled = properties.amqp().enabled();
        if (enabled != null) {
            return enabled;
        }
        return environment.containsProperty("spring.rabbitmq.host")
                || environment.containsProperty("spring.rabbitmq.addresses");
    }

    synchronized void start() {
        if (!enabled()) {
            log.info("Events are not consumed from RabbitMQ (no broker configured; "
                    + "set account-snapshot.events.amqp.enabled=true to consume {})", properties.amqp().queue());
            return;
        }
        SimpleMessageListenerContainer listener = new SimpleMessageListenerContainer(connectionFactory);
        listener.setQueueNames(properties.amqp().queue());
        listener.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        listener.setPrefetchCount(100);
        listener.setMissingQueuesFatal(false);
        listener.setMessageListener((ChannelAwareMessageListener) this::receive);
        listener.setAutoDeclare(false);
        try {
            declareQueues();
        }
        catch (RuntimeException ex) {
            log.warn("RabbitMQ is not reachable ({}); events will be consumed from {} once it is", ex.toString(),
                    properties.amqp().queue());
        }
        listener.afterPropertiesSet();
        listener.start();
        container = listener;
    }

    synchronized void stop() {
        if (container != null) {
            container.stop();
            container.destroy();
            container = null;
        }
    }

    /** The queue and the dead-letter queue, both durable. */
    void declareQueues() {
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        admin.declareQueue(QueueBuilder.durable(properties.amqp().queue()).build());
        admin.declareQueue(QueueBuilder.durable(properties.amqp().deadLetterQueue()).build());
    }

    /** How many messages the dead-letter queue holds; empty when the broker cannot be reached. */
    OptionalLong deadLetterCount() {
        try {
            QueueInformation info = new RabbitAdmin(connectionFactory).getQueueInfo(properties.amqp().deadLetterQueue());
            return info == null ? OptionalLong.of(0) : OptionalLong.of(info.getMessageCount());
        }
        catch (RuntimeException ex) {
            log.debug("Could not read the dead-letter queue's size", ex);
            return OptionalLong.empty();
        }
    }

    /** Moves up to {@code limit} dead-lettered messages back to the queue; returns how many. */
    int replayDeadLetters(int limit) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        int moved = 0;
        Message message;
        while (moved < limit && (message = template.receive(properties.amqp().deadLetterQueue())) != null) {
            message.getMessageProperties().getHeaders().remove(REASON_HEADER);
            template.send("", properties.amqp().queue(), message);
            moved++;
        }
        return moved;
    }

    private void receive(Message message, Channel channel) throws Exception {
        long tag = message.getMessageProperties().getDeliveryTag();
        JsonNode node;
        try {
            node = json.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
        }
        catch (JacksonException ex) {
            deadLetter(message, channel, "the message is not valid JSON: " + ex.getOriginalMessage());
            channel.basicAck(tag, false);
            return;
        }
        EventJson.Read read = EventJson.read(0, node, "amqp");
        List<EventProblem> problems = intake.problems(List.of(read));
        if (problems.isEmpty()) {
            intake.store(List.of(read.row()), "amqp");
        }
        else {
            deadLetter(message, channel, String.join("; ", problems.stream().map(EventProblem::text).toList()));
            EventRow row = read.row();
            if (row != null && row.eventId().length() <= EventRules.EVENT_ID_MAX_LENGTH) {
                intake.reject(row, problems);
            }
        }
        channel.basicAck(tag, false);
    }

    private void deadLetter(Message message, Channel channel, String reason) throws Exception {
        MessageProperties original = message.getMessageProperties();
        com.rabbitmq.client.AMQP.BasicProperties properties = new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .contentType(original.getContentType())
                .deliveryMode(2)
                .headers(java.util.Map.of(REASON_HEADER, reason.length() > 1000 ? reason.substring(0, 1000) : reason))
                .build();
        channel.basicPublish("", this.properties.amqp().deadLetterQueue(), properties, message.getBody());
        log.info("Dead-lettered an event message: {}", reason);
    }
}
