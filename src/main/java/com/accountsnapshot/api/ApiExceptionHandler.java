package com.accountsnapshot.api;

import java.util.stream.Collectors;

import com.accountsnapshot.job.InvalidSnapshotRequestException;
import com.accountsnapshot.run.RunRefusedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into a 4xx with an {@link ApiError} body: bad parameters and unreadable bodies 400
 * (naming the snake_case field), a scope outside the principal's customers 403, unknown runs 404, runs in the wrong state or overlapping 409. Spring MVC's own
 * refusals (unknown path, wrong method, wrong media type) keep their status and get the same body.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ResponseEntity<ApiError> invalidRequest(InvalidSnapshotRequestException ex) {
        String field = ParameterNames.apiName(ex.parameter());
        return ResponseEntity.badRequest().body(ApiError.ofField(field + ": " + ex.problem(), field));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> badRequest(BadRequestException ex) {
        return ResponseEntity.badRequest().body(ApiError.ofField(ex.getMessage(), ex.field()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> forbidden(ForbiddenException ex) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of(ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> refused(RunRefusedException ex) {
        HttpStatus status = switch (ex.reason()) {
            case UNKNOWN_EXECUTION -> HttpStatus.NOT_FOUND;
            case WRONG_STATE, OVERLAP -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(new ApiError(ex.getMessage(), null, ex.conflictingExecutionId()));
    }

    /**
     * The job repository's own refusals: a run with the same identifying parameters already completed or is
     * running, or a stop raced the run's end.
     */
    @ExceptionHandler
    ResponseEntity<ApiError> jobRefused(JobExecutionException ex) {
        HttpStatus status = ex instanceof InvalidJobParametersException ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT;
        return ResponseEntity.status(status).body(ApiError.of(ex.getMessage()));
    }

    /** A row that clashes with one already there (a quarantined snapshot restored over a newer one). */
    @ExceptionHandler
    ResponseEntity<ApiError> clash(DuplicateKeyException ex) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("Refused: a row clashes with one already "
                + "there; nothing was changed (" + String.valueOf(ex.getMostSpecificCause().getMessage()).lines()
                .findFirst().orElse("") + ")"));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> notRunning(JobExecutionNotRunningException ex) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of(ex.getMessage()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException json = jacksonCause(ex);
        if (json == null) {
            return ResponseEntity.badRequest().body(ApiError.of("The request body is missing"));
        }
        if (json instanceof StreamReadException && !(json instanceof InputCoercionException)) {
            return ResponseEntity.badRequest().body(ApiError.of("The request body is not valid JSON"));
        }
        if (json instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            return ResponseEntity.badRequest().body(ApiError.ofField(
                    unknown.getPropertyName() + ": unknown field; known: " + known, unknown.getPropertyName()));
        }
        String field = json.getPath().isEmpty() ? null : json.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
        if (field == null) {
            return ResponseEntity.badRequest().body(ApiError.of("The request body must be a JSON object"));
        }
        Class<?> expected = json instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : json instanceof InputCoercionException coercion ? coercion.getTargetType() : null;
        return ResponseEntity.badRequest().body(ApiError.ofField(field + ": " + expected(expected), field));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName();
        return ResponseEntity.badRequest().body(ApiError.ofField(field + ": " + expected(ex.getRequiredType()), field));
    }

    /** Spring MVC's other refusals: their status, this API's body. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ex instanceof ErrorResponse response ? response.getBody() : null;
        String message = problem != null && problem.getDetail() != null ? problem.getDetail() : ex.getMessage();
        return ResponseEntity.status(statusCode).headers(headers).body(ApiError.of(String.valueOf(message)));
    }

    /** What a JSON value of the given Java type must look like, in the API's words. */
    private static String expected(@Nullable Class<?> type) {
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "has a value of the wrong type";
    }

    private static @Nullable JacksonException jacksonCause(Throwable ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }
}
