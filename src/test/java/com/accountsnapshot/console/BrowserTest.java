package com.accountsnapshot.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;


/**
 * The console in a real browser: Debian's headless Chromium driven by Selenium through
 * {@code /usr/bin/chromedriver} (nothing is downloaded), against the application on a random port over the
 * test database. Without a browser on the machine the tests are skipped with a message, unless
 * {@code ACCOUNT_SNAPSHOT_REQUIRE_BROWSER=true}, when they fail. Every page a test looks at can be saved as a
 * screenshot under {@code target/console-screenshots/}. The browser is shared by the tests of a class; each
 * test starts signed out.
 */
public abstract class BrowserTest extends ConsoleTest {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("account-snapshot.chromedriver", "/usr/bin/chromedriver"));

    static final Path CHROMIUM = Path.of(System.getProperty("account-snapshot.chromium", "/usr/bin/chromium"));

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    static final Duration WAIT = Duration.ofSeconds(20);

    private static WebDriver driver;

    @BeforeAll
    static void startBrowser() {
        boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        String missing = "the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if (!present && Boolean.parseBoolean(System.getenv("ACCOUNT_SNAPSHOT_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("ACCOUNT_SNAPSHOT_REQUIRE_BROWSER=true but " + missing);
        }
        if (!present) {
            LoggerFactory.getLogger(BrowserTest.class).warn("Skipped: {}", missing);
        }
        Assumptions.assumeTrue(present, "Skipped: " + missing);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--no-first-run", "--disable-dev-shm-usage", "--window-size=1366,900");
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @BeforeEach
    void signOut() {
        driver.manage().deleteAllCookies();
    }

    WebDriver browser() {
        return driver;
    }

    /** Opens a path of the console. */
    void open(String path) {
        driver.get("http://localhost:" + port + path);
    }

    /** Signs in through the login page as a test user and lands on the runs list. */
    void signIn(String user) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        clickThrough(By.id("sign-in"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("principal")));
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    /**
     * Clicks what submits a form or follows a link and waits until the browser has left the page, so that what
     * is read next comes from the page that answered and not from the one the click was made on.
     */
    void clickThrough(By by) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(by).click();
        waitFor(ExpectedConditions.stalenessOf(page));
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Saves the page as {@code target/console-screenshots/NAME.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        }
        catch (IOException ex) {
            throw new IllegalStateException("could not save the screenshot " + name, ex);
        }
    }
}
