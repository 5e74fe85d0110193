package com.accountsnapshot.console;

import java.util.List;
import java.util.Map;

import com.accountsnapshot.job.SnapshotRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's page in a real browser: its chart has one point per snapshot with markers where the status changed
 * or the change was significant, each snapshot lists its changes, two snapshots compare with exactly their
 * differing fields marked; an account of another customer does not exist for a customer-scoped user.
 */
class AccountPagesBrowserTest extends BrowserTest {

    private final long[] snapshots = new long[4];

    /**
     * Account 1 of customer 100 with four snapshots: the first; the status changed (and revenue +5 %, not
     * significant on its own); revenue +42.86 % (significant); nothing changed. Account 5 belongs to customer 200.
     */
    @BeforeEach
    void fourSnapshotsOfAccountOne() throws Exception {
        portfolio.account(1, 100, "Acme", "1000.00", "active", null)
                .account(2, 100, "Acme Labs", "10.00", "active", null)
                .account(5, 200, "Acme Rival", "10.00", "active", null)
                .trend(1, 100, 2026, 10, "70.00", "60.00", "65.00", "80.00", "75.00", "55.00");
        snapshot("2026-11-01T00:00:00Z");
        jdbc.update("UPDATE accounts SET account_status = 'at_risk', revenue = 1050.00 WHERE account_id = 1");
        snapshot("2026-11-10T00:00:00Z");
        jdbc.update("UPDATE accounts SET revenue = 1500.00 WHERE account_id = 1");
        snapshot("2026-11-20T00:00:00Z");
        snapshot("2026-11-25T00:00:00Z");
        List<Long> ids = jdbc.queryForList("SELECT snapshot_id FROM account_snapshots WHERE account_id = 1 "
                + "ORDER BY snapshot_sequence_number", Long.class);
        assertThat(ids).hasSize(4);
        for (int i = 0; i < 4; i++) {
            snapshots[i] = ids.get(i);
        }
    }

    private void snapshot(String asOf) throws Exception {
        runs.run(Map.of(SnapshotRequest.ACCOUNT_ID, "1", SnapshotRequest.AS_OF, asOf, SnapshotRequest.FORCE, "true"));
    }

    @Test
    void chartHasOnePointPerSnapshotWithMarkersAndEachSnapshotListsItsChanges() {
        // given
        signIn("viewer");

        // when
        open("/accounts/1");
        waitFor(driver -> script("return typeof Chart !== 'undefined' && Chart.getChart('revenue-chart') != null"));

        // then
        assertThat(find(By.id("account-name")).getText()).isEqualTo("Acme");
        assertThat(find(By.id("snapshot-count")).getText()).isEqualTo("4 snapshots");
        assertThat(script("return Chart.getChart('health-chart').data.datasets.map(d => d.label)")).isEqualTo(
                List.of("Overall", "Product usage", "Support", "Customer sentiment", "Business outcomes",
                        "Relationship strength"));
        assertThat(script("return Chart.getChart('health-chart').data.datasets.map(d => d.data.length)"))
                .isEqualTo(List.of(4L, 4L, 4L, 4L, 4L, 4L));
        assertThat(script("return Chart.getChart('health-chart').getDatasetMeta(0).data.length")).isEqualTo(4L);
        assertThat(script("return Chart.getChart('health-chart').data.datasets[0].data")).isEqualTo(
                List.of(70L, 70L, 70L, 70L));
        assertThat(script("return Chart.getChart('health-chart').data.datasets[0].pointStyle")).isEqualTo(
                List.of("circle", "triangle", "rectRot", "circle"));
        assertThat(script("return Chart.getChart('revenue-chart').data.datasets[0].data")).isEqualTo(
                List.of(1000L, 1050L, 1500L, 1500L));
        assertThat(changes(snapshots[1])).containsExactly("Account status: active → at_risk",
                "Revenue: 1000.00 → 1050.00");
        assertThat(changes(snapshots[2])).containsExactly("Revenue: 1050.00 → 1500.00");
        assertThat(find(By.cssSelector("tr[data-snapshot-id='" + snapshots[3] + "'] td:last-child")).getText())
                .isEqualTo("nothing");
        assertThat(find(By.cssSelector("tr[data-snapshot-id='" + snapshots[0] + "'] td:last-child")).getText())
                .isEqualTo("first snapshot");
        screenshot("account");
    }

    @Test
    void comparingTwoSnapshotsMarksExactlyTheFieldsThatDiffer() {
        // given
        signIn("viewer");
        open("/accounts/1");

        // when
        new Select(find(By.id("left"))).selectByValue(String.valueOf(snapshots[0]));
        new Select(find(By.id("right"))).selectByValue(String.valueOf(snapshots[2]));
        clickThrough(By.id("compare"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("comparison")));

        // then
        assertThat(path()).isEqualTo("/accounts/1/compare");
        List<String> differing = browser().findElements(By.cssSelector("#comparison tr.differs")).stream()
                .map(row -> row.getAttribute("data-field") + ": " + row.findElement(By.cssSelector("td.left")).getText()
                        + " | " + row.findElement(By.cssSelector("td.right")).getText())
                .toList();
        assertThat(differing).containsExactly("account_status: active | at_risk", "revenue: 1000.00 | 1500.00");
        assertThat(find(By.id("difference-count")).getText()).isEqualTo("2 of 44 tracked fields differ (marked ≠).");
        assertThat(find(By.cssSelector("#comparison tr[data-field='overall_health_score'] td.left")).getText())
                .isEqualTo("70.00");
        assertThat(browser().findElements(By.cssSelector("#comparison tr.differs td.mark")).stream()
                .map(WebElement::getText)).containsExactly("≠", "≠");
        screenshot("account-compare");
    }

    @Test
    void customerScopedUserFindsOnlyTheirCustomersAccountsAndAnotherCustomersIsNotFound() {
        // given
        signIn("scoped-viewer");

        // when
        open("/accounts?q=acme");
        List<String> found = browser().findElements(By.cssSelector("#accounts tr.account")).stream()
                .map(row -> row.getAttribute("data-account-id")).toList();
        open("/accounts/5");
        String outside = find(By.id("not-found")).getText();
        open("/accounts/1/compare?left=" + snapshots[0] + "&right=" + snapshots[1]);
        boolean ownComparable = present(By.id("comparison"));

        // then
        assertThat(found).containsExactly("1", "2");
        assertThat(outside).isEqualTo("No account has id 5");
        assertThat(ownComparable).isTrue();
    }

    @Test
    void searchByIdFindsThatAccountAndLinksToItsPage() {
        signIn("viewer");
        open("/accounts");
        screenshot("accounts");

        find(By.id("q")).sendKeys("5");
        clickThrough(By.id("search"));
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("accounts")));

        assertThat(browser().findElements(By.cssSelector("#accounts tr.account")).stream()
                .map(row -> row.getAttribute("data-account-id")).toList()).containsExactly("5");
        clickThrough(By.linkText("Acme Rival"));
        assertThat(path()).isEqualTo("/accounts/5");
    }

    private List<String> changes(long snapshotId) {
        return browser().findElements(By.cssSelector("tr[data-snapshot-id='" + snapshotId + "'] ul.changes li"))
                .stream().map(WebElement::getText).toList();
    }

    private Object script(String javascript) {
        return ((JavascriptExecutor) browser()).executeScript(javascript);
    }
}
