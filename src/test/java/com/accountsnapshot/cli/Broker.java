package com.accountsnapshot.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The RabbitMQ of the remote partitioning process tests, at {@code SPRING_RABBITMQ_HOST} (default 127.0.0.1:5672):
 * without one the tests are skipped with a message, unless {@code ACCOUNT_SNAPSHOT_REQUIRE_BROKER=true} (CI sets
 * it) makes that a failure.
 */
public final class Broker {

    public static final String HOST = System.getenv().getOrDefault("SPRING_RABBITMQ_HOST", "127.0.0.1");

    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("SPRING_RABBITMQ_PORT", "5672"));

    private Broker() {
    }

    /** Skips the calling test class when no broker answers, or fails it when one is required. */
    public static void requireOrSkip() {
        if (answers()) {
            return;
        }
        String message = "RabbitMQ does not answer at " + HOST + ":" + PORT;
        if (Boolean.parseBoolean(System.getenv("ACCOUNT_SNAPSHOT_REQUIRE_BROKER"))) {
            throw new IllegalStateException(message + " and ACCOUNT_SNAPSHOT_REQUIRE_BROKER=true");
        }
        Assumptions.abort(message + ": remote partitioning tests skipped "
                + "(set ACCOUNT_SNAPSHOT_REQUIRE_BROKER=true to make this a failure)");
    }

    static void deleteQueue(String queue) {
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(HOST, PORT);
        try {
            new RabbitAdmin(connectionFactory).deleteQueue(queue);
        }
        finally {
            connectionFactory.destroy();
        }
    }

    /** Sends a text message to the queue, as the manager sends a partition request. */
    static void publish(String queue, String text) {
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(HOST, PORT);
        try {
            new RabbitTemplate(connectionFactory).convertAndSend("", queue, text);
        }
        finally {
            connectionFactory.destroy();
        }
    }

    private static boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 2000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
