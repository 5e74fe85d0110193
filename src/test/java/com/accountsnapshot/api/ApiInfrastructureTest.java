package com.accountsnapshot.api;

import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What serves the API: health with the database, metrics, the OpenAPI description, and Spring MVC's refusals. */
class ApiInfrastructureTest extends ApiTest {

    @Test
    void healthIsUpWithTheDatabase() {
        Answer answer = get("/actuator/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asString()).isEqualTo("UP");
        JsonNode db = answer.json().get("components").get("db");
        assertThat(db.get("status").asString()).isEqualTo("UP");
        assertThat(db.get("details").get("database").asString()).isEqualTo("PostgreSQL");
    }

    @Test
    void metricsAreServed() {
        get("/api/snapshot-runs");

        Answer answer = get("/actuator/metrics");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(names(answer.json().get("names"))).contains("jvm.memory.used", "hikaricp.connections.active",
                "http.server.requests");
        assertThat(get("/actuator/metrics/http.server.requests?tag=uri:/api/snapshot-runs").status()).isEqualTo(200);
    }

    @Test
    void openApiDescribesEveryPath() {
        Answer answer = get("/v3/api-docs");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("openapi").asString()).startsWith("3.");
        assertThat(answer.json().get("paths").propertyNames()).containsExactlyInAnyOrder(
                "/api/account-snapshots/create",
                "/api/snapshot-runs",
                "/api/snapshot-runs/{id}",
                "/api/snapshot-runs/{id}/issues",
                "/api/snapshot-runs/{id}/restart",
                "/api/snapshot-runs/{id}/stop",
                "/api/snapshot-runs/{id}/recover",
                "/api/audit",
                "/api/maintenance/quarantine-future-snapshots",
                "/api/maintenance/retention",
                "/api/maintenance/restore-quarantined-snapshots",
                "/api/accounts/{accountId}/snapshots",
                "/api/accounts/{accountId}/snapshots/latest",
                "/api/events",
                "/api/events/dlq/replay",
                "/api/account-snapshots",
                "/api/account-snapshots/latest",
                "/api/account-snapshots/compare",
                "/api/account-snapshots/history",
                "/api/account-snapshots/{snapshotId}/context");
        JsonNode create = answer.json().get("paths").get("/api/account-snapshots/create").get("post");
        assertThat(create.get("summary").asString()).startsWith("Start a snapshot run");
        assertThat(create.get("responses").propertyNames())
                .containsExactlyInAnyOrder("200", "201", "202", "400", "403", "409", "500");
        assertThat(schemaOf(create.get("responses").get("201"))).isEqualTo("#/components/schemas/Created");
        assertThat(schemaOf(create.get("responses").get("200"))).isEqualTo("#/components/schemas/Skipped");
        assertThat(schemaOf(create.get("responses").get("202"))).isEqualTo("#/components/schemas/RunAccepted");
        assertThat(schemaOf(create.get("responses").get("409"))).isEqualTo("#/components/schemas/ApiError");
        JsonNode latest = answer.json().get("paths").get("/api/account-snapshots/latest").get("get");
        assertThat(schemaOf(latest.get("responses").get("200"))).isEqualTo("#/components/schemas/LatestSnapshot");
        assertThat(schemaOf(latest.get("responses").get("404"))).isEqualTo("#/components/schemas/Refusal");
        JsonNode context = answer.json().get("paths").get("/api/account-snapshots/{snapshotId}/context").get("get");
        assertThat(context.get("responses").get("200").get("content").propertyNames())
                .containsExactly("application/json", "text/plain");
        JsonNode schemas = answer.json().get("components").get("schemas");
        assertThat(schemas.get("CreateSnapshotsRequest").get("properties").propertyNames()).containsExactly(
                "account_id", "customer_id", "snapshot_type", "reason", "trigger_event", "force", "force_create", "as_of",
                "wait");
        assertThat(schemas.get("ApiError").get("properties").propertyNames())
                .containsExactly("error", "field", "running_execution_id");
        assertThat(schemas.get("Created").get("properties").propertyNames())
                .containsExactly("status", "message", "snapshots", "execution_id");
        assertThat(schemas.get("Refusal").get("properties").propertyNames())
                .containsExactly("status", "message", "error", "field");
        assertThat(schemas.get("SnapshotComparison").get("properties").propertyNames())
                .containsExactly("status", "account_id", "snapshot_1", "snapshot_2", "differing_fields");
    }

    @Test
    void unknownPathAndWrongMethodAnswerWithTheApiErrorBody() {
        Answer unknown = get("/api/nothing-here");
        Answer wrongMethod = get("/api/account-snapshots/create");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asString()).isNotBlank();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().get("error").asString()).isNotBlank();
    }

    private static String schemaOf(JsonNode response) {
        return response.get("content").get("application/json").get("schema").get("$ref").asString();
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
