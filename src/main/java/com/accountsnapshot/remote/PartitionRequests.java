package com.accountsnapshot.remote;

import java.util.Map;

import org.springframework.batch.integration.partition.StepExecutionRequest;
import tools.jackson.databind.json.JsonMapper;

/** A partition request as it travels over the broker: JSON naming the worker step and its execution. */
final class PartitionRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PartitionRequests() {
    }

    static String toJson(StepExecutionRequest request) {
        return JSON.writeValueAsString(Map.of("step_name", request.getStepName(), "step_execution_id",
                request.getStepExecutionId()));
    }

    static StepExecutionRequest fromJson(String json) {
        var node = JSON.readTree(json);
        return new StepExecutionRequest(node.get("step_name").asString(), node.get("step_execution_id").asLong());
    }
}
