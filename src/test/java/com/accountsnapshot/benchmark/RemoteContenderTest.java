package com.accountsnapshot.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** When the remote-partitioning contender is skipped, and the reason it prints. */
class RemoteContenderTest {

    private static final Optional<Path> JAR = Optional.of(Path.of("target", "account-snapshot.jar"));

    @Test
    void noWorkersSkipsItBeforeAnythingElseIsLookedAt() throws IOException {
        assertThat(RemoteContender.skipReason(0, Optional.empty(), broker(closedPort())))
                .contains("--workers=0");
    }

    @Test
    void outsideAJarItIsSkippedNamingWhereTheBenchmarkRunsFrom() throws IOException {
        assertThat(RemoteContender.runningJar()).isEmpty();
        assertThat(RemoteContender.skipReason(2, RemoteContender.runningJar(), broker(closedPort())))
                .contains("not run from a jar (its workers are started as java -jar <this jar> worker); this "
                        + "benchmark runs from " + Path.of("target", "classes").toAbsolutePath());
    }

    @Test
    void withoutABrokerItIsSkippedNamingTheAddressTried() throws IOException {
        int port = closedPort();

        assertThat(RemoteContender.skipReason(2, JAR, broker(port)))
                .contains("no RabbitMQ broker at 127.0.0.1:" + port + " (spring.rabbitmq.host and port, or "
                        + "SPRING_RABBITMQ_HOST and SPRING_RABBITMQ_PORT)");
    }

    private static RabbitConnectionDetails broker(int port) {
        return () -> List.of(new RabbitConnectionDetails.Address("127.0.0.1", port));
    }

    /** A local port nothing listens on (free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
