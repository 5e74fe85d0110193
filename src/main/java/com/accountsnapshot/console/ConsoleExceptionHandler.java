package com.accountsnapshot.console;

import com.accountsnapshot.run.RunRefusedException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A run the principal may not see, or that does not exist, is a "not found" page with status 404. Ordered
 * before the API's handlers, which answer the same refusal with JSON.
 */
@ControllerAdvice(basePackageClasses = ConsoleExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleExceptionHandler {

    @ExceptionHandler
    String refused(RunRefusedException ex, Model model, HttpServletResponse response) {
        if (ex.reason() != RunRefusedException.Reason.UNKNOWN_EXECUTION) {
            throw ex;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("message", ex.getMessage());
        return "not-found";
    }
}
