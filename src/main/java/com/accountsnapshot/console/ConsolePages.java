package com.accountsnapshot.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's entry: its home is the runs list; the login page is Spring Security's form login's. */
@Controller
class ConsolePages {

    @GetMapping("/")
    String home() {
        return "redirect:/runs";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
