package com.accountsnapshot.api;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description springdoc serves at {@code /v3/api-docs}: its title, and {@link ApiError} as the body of
 * every 4xx answer that does not declare its own (springdoc would otherwise show the operation's success body
 * there).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI accountSnapshotApi() {
        return new OpenAPI().info(new Info().title("account-snapshot")
                .description("Start, follow, restart and stop snapshot runs; read accounts' snapshots, compare them and "
                        + "their context for an assistant (docs/operations.md#http-api)")
                .version("0.1.0"));
    }

    @Bean
    OpenApiCustomizer apiErrorSchema() {
        return openApi -> ModelConverters.getInstance(true).read(ApiError.class)
                .forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
    }

    @Bean
    OperationCustomizer refusalsAnswerWithApiError() {
        return (operation, handlerMethod) -> {
            Set<String> declared = Arrays.stream(handlerMethod.getMethod()
                            .getAnnotationsByType(io.swagger.v3.oas.annotations.responses.ApiResponse.class))
                    .filter(response -> response.content().length > 0)
                    .map(io.swagger.v3.oas.annotations.responses.ApiResponse::responseCode)
                    .collect(Collectors.toSet());
            operation.getResponses().forEach((code, response) -> {
                if (code.startsWith("4") && !declared.contains(code)) {
                    response.setContent(new Content().addMediaType(
                            org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref(ApiError.class.getSimpleName()))));
                }
            });
            return operation;
        };
    }
}
