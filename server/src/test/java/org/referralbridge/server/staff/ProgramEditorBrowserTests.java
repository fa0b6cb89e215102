package org.referralbridge.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.referralbridge.server.AdminApi;
import org.referralbridge.server.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

/** The program manager's programs list and editor in a real headless Chromium, and the talking points it sets. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgramEditorBrowserTests {

    private static final String TALKING_POINT =
            "Ask about our friends program: your friend's first visit earns you" + " a thank-you.";

    @LocalServerPort
    int port;

    private Browser browser;

    @BeforeAll
    void start() {
        StaffAccounts.addAll(port);
        browser = Browser.start(port);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void createsAGiftCardProgramAfterSeeingItsMedicareConsequenceAndTheFrontDeskSeesItsTalkingPoints() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        browser.signIn(StaffAccounts.PROGRAM_ADMIN, StaffAccounts.PASSWORD);
        try {
            browser.open("/program").assertAccessible();
            browser.find(By.linkText("Programs")).click();
            browser.waitForText(By.cssSelector("main h1"), "Programs");
            browser.assertAccessible();
            browser.find(By.linkText("New program")).click();
            browser.waitForText(By.cssSelector("main h1"), "New program");
            browser.assertAccessible();

            type("f-key", "friends-editor");
            type("f-name", "Friends of the practice");
            date("f-start", today);
            browser.find(By.id("f-defaultProgram")).click();
            type("f-rewards-0-items-0-id", "gift-card");
            new Select(browser.find(By.id("f-rewards-0-items-0-kind"))).selectByValue("cash-equivalent");
            type("f-rewards-0-items-0-retailValue", "25");
            type("f-rewards-0-items-0-description", "$25 gift card");
            type("f-talkingPoints", TALKING_POINT);
            button("check").click();

            browser.waitFor(By.id("consequences"));
            String medicare = browser.find(By.cssSelector("#consequences li[data-scenario=medicare] > span"))
                    .getText();
            assertThat(medicare)
                    .startsWith("For Medicare referrers, item gift-card ($25.00 cash-equivalent: $25 gift card)"
                            + " becomes thank-you only")
                    .contains(
                            "rule: OIG-CASH-EQUIVALENT, source: OIG FAQ on gift cards and cash equivalents (2023);"
                                    + " 42 U.S.C. 1320a-7a(a)(5)",
                            "rule: OIG-NOMINAL-ITEM-15");
            assertThat(browser.find(By.cssSelector("#consequences li[data-scenario=commercial] > span"))
                            .getText())
                    .contains("For commercially insured referrers, item gift-card", "is given as defined");
            assertThat(browser.find(By.cssSelector("#consequences li[data-scenario=referred-medicare] > span"))
                            .getText())
                    .contains("becomes thank-you only", "AKS-REFERRED-BENEFICIARY", "42 U.S.C. 1320a-7b(b)");
            browser.assertAccessible();
            browser.driver()
                    .executeScript(
                            "arguments[0].scrollIntoView({block: 'center'});", browser.find(By.id("consequences")));
            browser.screenshot("program-editor");

            // a change that alters the consequences after Check: Save shows them again instead of saving
            WebElement description = browser.find(By.id("f-rewards-0-items-0-description"));
            description.clear();
            description.sendKeys("$25 coffee shop gift card");
            button("save").click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("#consequences [role=status]"), "Not saved yet");
            assertThat(browser.find(By.cssSelector("#consequences li[data-scenario=medicare] > span"))
                            .getText())
                    .contains("$25 coffee shop gift card", "becomes thank-you only");
            assertThat(browser.find(By.id("f-name")).getAttribute("value")).isEqualTo("Friends of the practice");

            button("save").click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("main h1"), "Program friends-editor");
            assertThat(browser.find(By.cssSelector("main [role=status]")).getText())
                    .contains("Program friends-editor created");
            browser.assertAccessible();

            Map<String, Object> stored = AdminApi.client(port)
                    .get()
                    .uri("/api/programs/friends-editor")
                    .retrieve()
                    .body(new ParameterizedTypeReference<>() {});
            Map<?, ?> program = (Map<?, ?>) stored.get("program");
            assertThat(program.get("name")).isEqualTo("Friends of the practice");
            assertThat(program.get("start")).isEqualTo(today);
            assertThat(program.get("isDefault")).isEqualTo(true);
            assertThat(program.get("talkingPoints")).isEqualTo(TALKING_POINT);
            Map<?, ?> rule = (Map<?, ?>) ((List<?>) program.get("rewards")).get(0);
            assertThat(rule.get("id")).isEqualTo("first-visit");
            Map<?, ?> item = (Map<?, ?>) ((List<?>) rule.get("items")).get(0);
            assertThat(item.get("id")).isEqualTo("gift-card");
            assertThat(item.get("kind")).isEqualTo("cash-equivalent");
            assertThat(item.get("description")).isEqualTo("$25 coffee shop gift card");
            Map<?, ?> value = (Map<?, ?>) item.get("retailValue");
            assertThat(((Number) value.get("value")).intValue()).isEqualTo(25);
            assertThat(value.get("currency")).isEqualTo("USD");
            assertThat(((Map<?, ?>) program.get("success")).get("withinDays")).isEqualTo(90);
            assertThat(stored.get("updatedBy")).isEqualTo(StaffAccounts.PROGRAM_ADMIN);

            // a change to the stored program goes through the same check
            browser.open("/program/programs/friends-editor").assertAccessible();
            assertThat(browser.find(By.id("f-key")).getAttribute("readonly")).isNotNull();
            type("f-name", "Friends and family");
            button("check").click();
            browser.waitFor(By.id("consequences"));
            button("save").click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("main [role=status]"), "Program friends-editor saved");
            assertThat(browser.find(By.id("f-name")).getAttribute("value")).isEqualTo("Friends and family");

            // a second default program is refused in plain words, with what was typed kept
            browser.open("/program/programs/new");
            type("f-key", "second-default");
            type("f-name", "Second default");
            date("f-start", today);
            browser.find(By.id("f-defaultProgram")).click();
            type("f-rewards-0-items-0-id", "thanks");
            new Select(browser.find(By.id("f-rewards-0-items-0-kind"))).selectByValue("recognition");
            button("check").click();
            browser.waitForText(
                    By.cssSelector("#consequences li[data-scenario=medicare] > span"), "is given as defined");
            button("save").click();
            browser.acceptConfirmation();
            browser.waitForText(By.cssSelector("main [role=alert]"), "Not saved");
            assertThat(browser.find(By.cssSelector("main [role=alert]")).getText())
                    .contains("program 'friends-editor' is already the default");
            assertThat(browser.find(By.id("f-key")).getAttribute("value")).isEqualTo("second-default");
            browser.assertAccessible();

            browser.open("/program/programs");
            WebElement row = browser.find(By.xpath("//main//tr[th/a[text()='friends-editor']]"));
            assertThat(row.getText()).contains("Friends and family", "Active", "Default", "Defined here");
            browser.assertAccessible().screenshot("program-programs");
            browser.open("/program/programs?q=FRIENDS");
            assertThat(browser.find(By.cssSelector("main table")).getText()).contains("friends-editor");
            browser.open("/program/programs?q=no-such-program").assertAccessible();
            assertThat(browser.find(By.cssSelector("main .empty")).getText()).contains("no-such-program");
        } finally {
            browser.signOut();
        }

        browser.signIn(StaffAccounts.FRONT_DESK, StaffAccounts.PASSWORD);
        try {
            browser.open("/front-desk/patients");
            assertThat(browser.find(By.cssSelector(".talking-points")).getText())
                    .contains("What to say", TALKING_POINT);
            browser.assertAccessible();
        } finally {
            browser.signOut();
        }
    }

    @Test
    void anInvalidProgramComesBackWithEachProblemNextToItsFieldAndNothingTypedIsLost() {
        browser.signIn(StaffAccounts.PROGRAM_ADMIN, StaffAccounts.PASSWORD);
        try {
            browser.open("/program/programs/new");
            type("f-key", "broken-dates");
            type("f-name", "Spring mugs");
            date("f-start", "2027-03-01");
            date("f-end", "2027-02-01");
            type("f-rewards-0-items-0-id", "mug");
            new Select(browser.find(By.id("f-rewards-0-items-0-kind"))).selectByValue("in-kind");
            type("f-rewards-0-items-0-retailValue", "12.50");

            // rows come and go server-side, with what was typed kept
            submit("add-item-0");
            assertThat(browser.findAll(By.id("f-rewards-0-items-1-id"))).hasSize(1);
            submit("add-tier");
            assertThat(browser.find(By.id("f-name")).getAttribute("value")).isEqualTo("Spring mugs");
            assertThat(new Select(browser.find(By.id("f-tiers-0-item"))).getOptions())
                    .extracting(WebElement::getText)
                    .contains("mug");
            submit("remove-item-0-1");
            assertThat(browser.findAll(By.id("f-rewards-0-items-1-id"))).isEmpty();
            assertThat(browser.findAll(By.id("f-tiers-0-threshold"))).hasSize(1);
            type("f-tiers-0-threshold", "three");
            button("check").click();

            WebElement summary = browser.waitFor(By.cssSelector("main [role=alert]"));
            assertThat(summary.getText())
                    .contains("Last day: is before start (2027-03-01)", "Tier 1: Successful referrals: a whole number");
            assertThat(browser.find(By.id("f-end-error")).getText())
                    .contains("is before start (2027-03-01); the last active day must be on or after the first");
            assertThat(browser.find(By.id("f-end")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.find(By.id("f-end")).getAttribute("aria-describedby"))
                    .contains("f-end-error");
            assertThat(browser.find(By.id("f-tiers-0-period-error")).getText()).contains("must be one of");
            assertThat(browser.find(By.id("f-key")).getAttribute("value")).isEqualTo("broken-dates");
            assertThat(browser.find(By.id("f-name")).getAttribute("value")).isEqualTo("Spring mugs");
            assertThat(browser.find(By.id("f-start")).getAttribute("value")).isEqualTo("2027-03-01");
            assertThat(browser.find(By.id("f-end")).getAttribute("value")).isEqualTo("2027-02-01");
            assertThat(browser.find(By.id("f-rewards-0-items-0-retailValue")).getAttribute("value"))
                    .isEqualTo("12.50");
            assertThat(new Select(browser.find(By.id("f-rewards-0-items-0-kind")))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("in-kind");
            assertThat(browser.find(By.id("f-tiers-0-threshold")).getAttribute("value"))
                    .isEqualTo("three");
            assertThat(browser.findAll(By.id("consequences"))).isEmpty();
            assertThat(browser.findAll(By.cssSelector("button[value=save]"))).isEmpty();
            browser.assertAccessible();

            int status = AdminApi.client(port)
                    .get()
                    .uri("/api/programs/broken-dates")
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(status).as("nothing was saved").isEqualTo(404);

            browser.open("/program/programs/no-such-program");
            assertThat(browser.heading()).isEqualTo("Not found");
            assertThat(browser.find(By.cssSelector("main")).getText()).contains("no program with the key");
        } finally {
            browser.signOut();
        }
    }

    private void type(String id, String text) {
        WebElement field = browser.find(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a date input's value as the browser would store it (typing depends on the browser's locale). */
    private void date(String id, String isoDate) {
        browser.driver().executeScript("arguments[0].value = arguments[1];", browser.find(By.id(id)), isoDate);
    }

    /** Clicks a button of the form that reloads the page, and waits for the new page. */
    private void submit(String action) {
        WebElement page = browser.find(By.tagName("html"));
        button(action).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));
        browser.waitFor(By.cssSelector("main h1"));
    }

    private WebElement button(String action) {
        return browser.find(
                By.cssSelector("main form button[name=action][value='" + action + "']:not(.visually-hidden)"));
    }
}
