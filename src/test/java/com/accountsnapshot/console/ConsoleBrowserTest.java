package com.accountsnapshot.console;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and the runs list, in a real browser. */
class ConsoleBrowserTest extends BrowserTest {

    @Test
    void anonymousVisitorIsSentToTheLoginPageAndLandsOnTheRunsListAfterSigningIn() {
        // given
        open("/runs");
        assertThat(path()).isEqualTo("/login");
        screenshot("login");

        // when
        signIn("viewer");

        // then
        assertThat(path()).isEqualTo("/runs");
        assertThat(find(By.id("principal")).getText()).isEqualTo("viewer");
        List<String> navigation = browser().findElements(By.cssSelector("header nav a")).stream()
                .map(WebElement::getText).toList();
        assertThat(navigation).containsExactly("Runs", "Start a run", "Schedule", "Events", "Accounts");
    }

    @Test
    void wrongPasswordIsRefusedOnTheLoginPage() {
        open("/login");
        find(By.id("username")).sendKeys("viewer");
        find(By.id("password")).sendKeys("not-the-password");
        find(By.id("sign-in")).click();

        assertThat(path()).isEqualTo("/login");
        assertThat(find(By.cssSelector(".refusal")).getText()).isEqualTo("Wrong user name or password.");
    }
}
