"""The review pages in a real browser: Debian's headless Chromium, driven by Selenium.

Opens the run report, a document page, the dashboard and the quarantine queue of a small
generated warehouse (tests/review_site.py) from disk, as a reviewer's double-click would:
every image loads, every chart renders, the bundled Chinese font is used, no console
error, and the release command is shown for each quarantined document.

Skips when Chromium is not installed (apt-get install -y chromium chromium-driver; CI's
.ci/run does). With JUESUAN_SCREENSHOTS=DIR it also saves full-page screenshots there.
"""

from __future__ import annotations

import base64
import os
import tempfile
import time
from pathlib import Path

import pytest

from juesuan.report.webfont import FAMILY

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1400,1000")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="no Chromium here: apt-get install -y chromium chromium-driver (CI's .ci/run installs it)")


@pytest.fixture()
def site(review_site):
    return review_site  # tests/conftest.py: built once per session


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.TemporaryDirectory(prefix="juesuan-chromium-")
    options.add_argument(f"--user-data-dir={profile.name}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        profile.cleanup()


def open_page(driver, path: Path) -> None:
    """Load a page from disk with every (lazy) image fetched and decoded, fonts ready."""
    driver.get(path.resolve().as_uri())
    driver.execute_script("document.querySelectorAll('img').forEach(function (i) { i.loading = 'eager'; });")
    deadline = time.monotonic() + 30
    while not driver.execute_script("return [...document.images].every(i => i.complete)"):
        assert time.monotonic() < deadline, "images still loading after 30 s"
        time.sleep(0.1)
    driver.execute_async_script(
        "var done = arguments[0]; Promise.all([document.fonts.ready].concat("
        "[...document.images].map(i => i.decode().catch(() => null)))).then(() => done(true));")


def broken_images(driver) -> list[str]:
    return driver.execute_script("return [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src)")


def console_errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def chinese_font_used(driver) -> bool:
    return driver.execute_script(
        "return document.fonts.check('16px \"' + arguments[0] + '\"', '示例市决算') && "
        "[...document.fonts].some(f => f.family.replace(/\"/g, '') === arguments[0] && f.status === 'loaded')",
        FAMILY)


def screenshot(driver, name: str, height: int | None = None) -> None:
    folder = os.environ.get("JUESUAN_SCREENSHOTS")
    if not folder:
        return
    total = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": 1400, "height": min(height or total, total), "scale": 1}})
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def test_run_report_and_document_pages_show_every_image(site, browser):
    tampered = site.reports / f"documents/{site.ids['tampered']}.html"
    assert tampered in site.written.document_pages
    pages = [("run-report", site.written.run_report), ("document-page", tampered)]
    pages += [(path.stem, path) for path in site.written.document_pages if path != tampered]
    for name, path in pages:
        open_page(browser, path)
        assert broken_images(browser) == [], name
        assert console_errors(browser) == [], name
        assert chinese_font_used(browser), f"{name}: the bundled {FAMILY} font was not used"
        if path == tampered:
            text = browser.find_element("tag name", "body").text
            assert f"juesuan release {site.ids['tampered']} --operator NAME" in text
        if name in ("run-report", "document-page"):
            assert browser.execute_script("return document.images.length") > 0, name
            marks = browser.execute_script(
                "return [...document.querySelectorAll('.hl')].filter(h => h.getBoundingClientRect().width > 2).length")
            assert marks > 0, f"{name}: no visible highlight"
            screenshot(browser, name, 2400)


def test_pointing_at_a_figure_marks_its_cell_on_the_page(site, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(browser, site.reports / f"documents/{site.ids['tampered']}.html")
    figure = browser.find_element("css selector", 'td[title="合计 / 基本支出"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", figure)
    ActionChains(browser).move_to_element(figure).perform()
    marked = browser.execute_script(
        "return [...document.querySelectorAll('.cellbox.on')].map(b => b.dataset.cell)")
    assert marked == [figure.get_attribute("data-cell")]
    assert console_errors(browser) == []


def test_dashboard_renders_each_chart(site, browser):
    open_page(browser, site.written.dashboard)
    charts = browser.execute_script(
        "return [...document.querySelectorAll('[data-chart] img')].map(i => "
        "[i.closest('[data-chart]').dataset.chart, i.naturalWidth, i.getBoundingClientRect().width])")
    assert [name for name, _, _ in charts] == ["function-by-year", "basic-vs-project", "sangong-by-year",
                                               "sangong-by-unit", "outcomes", "yoy-units"]
    assert all(natural > 0 and shown > 200 for _, natural, shown in charts), charts
    assert broken_images(browser) == []
    assert console_errors(browser) == []
    assert chinese_font_used(browser)
    assert browser.find_element("id", "budget-execution").is_displayed()
    screenshot(browser, "dashboard")


def test_queue_shows_the_release_command_for_each_quarantined_document(site, browser):
    open_page(browser, site.written.queue)
    text = browser.find_element("tag name", "body").text
    for role in ("tampered", "moved"):
        assert f"juesuan release {site.ids[role]} --operator NAME" in text
    assert site.ids["seed"] not in text
    assert broken_images(browser) == [] and console_errors(browser) == []
    screenshot(browser, "queue")
