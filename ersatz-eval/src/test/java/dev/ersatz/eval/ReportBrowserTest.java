package dev.ersatz.eval;

import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report in a real browser (Debian's chromium and chromium-driver; .ci/run installs them): it
 * loads offline without script errors and every chart is drawn. Skipped, with a message, where chromium
 * or its driver is not installed.
 */
class ReportBrowserTest {
    @TempDir Path dir;

    private static Path find(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    @Test
    void report_headlessChromium_loadsWithoutErrorsAndDrawsEveryChart() throws Exception {
        Path chromium = find("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Path driver = find("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(chromium != null && driver != null,
                "chromium or chromedriver not installed (apt-get install chromium chromium-driver): browser test skipped");

        Table all = EvaluationJsonTest.penguins();
        Table train = TestTables.rows(all, 0, 200), hold = TestTables.rows(all, 200, 344);
        // Column names with markup and quotes must not break the page.
        Evaluation e = Evaluator.evaluate(train, "train </script> \"&'.csv", TestTables.shuffledColumns(train, 1), "syn.csv", hold, "hold.csv",
                dev.ersatz.core.detect.MetadataDetector.detect(train), Evaluator.Options.defaults().withTarget("sex"), Progress.NONE);
        Path html = dir.resolve("report.html");
        Files.writeString(html, e.toHtml(), StandardCharsets.UTF_8);
        assertThat(Files.readString(html)).doesNotContain("cdn").doesNotContain("src=\"http");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,2000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            browser.get(html.toUri().toString());
            JavascriptExecutor js = browser;
            Object errors = js.executeScript("return window.ersatzErrors;");
            Object made = js.executeScript("return window.ersatzCharts;");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> canvases = (List<Map<String, Object>>) js.executeScript(
                    "return Array.from(document.querySelectorAll('canvas')).map(function (c) {"
                    + " var chart = Chart.getChart(c); var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + " var ink = 0; for (var i = 3; i < px.length; i += 4) if (px[i] > 0) ink++;"
                    + " return {id: c.id, chart: !!chart, points: chart ? chart.data.datasets.reduce(function (s, d) { return s + d.data.length; }, 0) : 0,"
                    + " width: c.width, ink: ink}; });");
            List<String> severe = new ArrayList<>();
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) severe.add(entry.getMessage());
            }
            assertThat(severe).as("browser console errors").isEmpty();
            assertThat((List<?>) errors).as("script errors").isEmpty();
            // summary, 8 distributions, 3 heatmaps, utility, DCR histogram, attack risks
            assertThat(canvases).hasSize(1 + 8 + 3 + 1 + 1 + 1);
            assertThat(((Number) made).intValue()).isEqualTo(canvases.size());
            for (Map<String, Object> c : canvases) {
                assertThat(c.get("chart")).as("chart on %s", c.get("id")).isEqualTo(true);
                assertThat(((Number) c.get("points")).intValue()).as("data points of %s", c.get("id")).isPositive();
                assertThat(((Number) c.get("width")).intValue()).as("width of %s", c.get("id")).isPositive();
                assertThat(((Number) c.get("ink")).intValue()).as("drawn pixels of %s", c.get("id")).isGreaterThan(1000);
            }
            assertThat(browser.getTitle()).contains("syn.csv");
        } finally {
            browser.quit();
        }
    }
}
