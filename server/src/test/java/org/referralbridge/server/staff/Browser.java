package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code
 * scripts/ensure-chromium.sh} installs before the suite runs) driven through Selenium against the service on a
 * local port, with the two checks every page gets: axe-core's accessibility rules and, for the main pages, a
 * screenshot.
 *
 * <p>Chromium starts with its background networking off: this machine's network is closed, and Chromium would
 * otherwise keep trying to reach Google's hosts.
 */
public final class Browser implements AutoCloseable {

    /** Chromium and ChromeDriver, overridable for machines that keep them elsewhere. */
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("RB_CHROMIUM", "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("RB_CHROMEDRIVER", "/usr/bin/chromedriver"));

    /**
     * Where screenshots go: {@code target/screenshots} of the module by default; {@code scripts/screenshots.sh} sets
     * it to {@code docs/screenshots} to refresh the README's pictures.
     */
    private static final Path SCREENSHOTS =
            Path.of(System.getProperty("referralbridge.screenshots.dir", "target/screenshots"));

    /** axe-core impacts that fail a page (WCAG 2.1 AA rules; moderate and minor findings are reported only). */
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    private Browser(ChromeDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** A new browser (its own empty profile: no cookies) for the service on {@code port}. */
    public static Browser start(int port) {
        assertThat(CHROMIUM)
                .as("Chromium for the browser tests (scripts/ensure-chromium.sh installs Debian's chromium)")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("ChromeDriver for the browser tests (scripts/ensure-chromium.sh installs chromium-driver)")
                .isExecutable();
        Path profile;
        try {
            profile = Files.createTempDirectory("rb-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--window-size=1280,1000",
                "--lang=en-US",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://localhost:" + port, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the service, e.g. {@code /front-desk}. */
    public Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the sign-in page, and waits for the page it leads to. */
    public Browser signIn(String username, String password) {
        open(StaffPages.SIGN_IN);
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(By.cssSelector("main h1"));
        return this;
    }

    /** Signs out with the header's button. */
    public Browser signOut() {
        driver.findElement(By.cssSelector("form.sign-out button")).click();
        waitFor(By.id("username"));
        return this;
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Waits (up to 10 s) until the element is visible, e.g. after an htmx swap or a page load. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits (up to 10 s) until the element's text contains {@code text}. */
    public void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    public String title() {
        return driver.getTitle();
    }

    public String heading() {
        return driver.findElement(By.cssSelector("main h1")).getText();
    }

    /** Accepts the browser's confirm() dialog an irreversible action asks first. */
    public void acceptConfirmation() {
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(ExpectedConditions.alertIsPresent())
                .accept();
    }

    /**
     * Runs axe-core on the page as it is now, and fails on any serious or critical violation, naming each rule and
     * the elements it found.
     */
    public Browser assertAccessible() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        assertThat(results.isErrored())
                .as("axe-core ran on %s", driver.getCurrentUrl())
                .isFalse();
        List<String> failing = results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
                .map(Browser::describe)
                .toList();
        assertThat(failing)
                .as("serious or critical accessibility violations on %s", driver.getCurrentUrl())
                .isEmpty();
        return this;
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): "
                + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget()))
                        .collect(Collectors.joining(", "));
    }

    /** Saves a screenshot of the page as {@code <name>.png} (see {@link #SCREENSHOTS}). */
    public Browser screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
