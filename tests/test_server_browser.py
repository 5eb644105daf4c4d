"""The dashboard in headless Chromium against a real uvicorn server on loopback.

Screenshots go to $NEWSCODER_ARTIFACTS (or the test's tmp_path). Skipped when Chromium,
chromedriver or selenium are missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run"]



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    from newscoder.server import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(str(sample_db)), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip("headless Chromium and chromedriver are not installed "
                    "(apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="newscoder-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,800"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("NEWSCODER_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _ready(driver: Any, timeout: float = 15) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.body.dataset.ready === '1'"))


def _follow(driver: Any, element: Any, timeout: float = 15) -> None:
    """Click a link or button that changes the page's route and wait for the new view:
    the router runs on the hashchange event, after the click returns, so the old view's
    ready mark may still stand for a moment."""
    from selenium.webdriver.support.ui import WebDriverWait

    before = driver.current_url
    element.click()
    WebDriverWait(driver, timeout).until(lambda d: d.current_url != before)
    _ready(driver, timeout)


def _open(driver: Any, url: str) -> None:
    driver.get(url)
    _ready(driver)


def _shot(driver: Any, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path))
    assert path.stat().st_size > 5000
    return path


def test_server_browser_filter_open_event_and_evidence(server: str, browser: Any,
                                                       artifacts: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 800)
    _open(browser, server + "/")
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert len(rows) == 50
    _shot(browser, artifacts, "dashboard-events")

    actor = browser.find_element(By.ID, "f-actor")
    actor.clear()
    actor.send_keys("prk")
    _follow(browser, browser.find_element(By.ID, "apply"))
    assert "actor=PRK" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    assert rows
    assert all("(PRK)" in r.find_elements(By.TAG_NAME, "td")[2].text for r in rows)
    _shot(browser, artifacts, "dashboard-filtered")

    _follow(browser, rows[0].find_element(By.CSS_SELECTOR, "a.event-link"))
    event_id = browser.current_url.rsplit("/", 1)[1]
    record = browser.execute_script(
        f"return fetch('/api/events/{event_id}').then(r => r.json())")
    mark = browser.find_element(By.CSS_SELECTOR, "#evidence mark.trigger")
    assert mark.text.lower() == record["evidence"]["trigger"].lower()
    evidence = browser.find_element(By.ID, "evidence").text
    assert evidence == record["evidence"]["sentence"].strip()
    actor_marks = browser.find_elements(By.CSS_SELECTOR, "#evidence mark.actor")
    assert {m.text for m in actor_marks} <= {a["text"] for a in record["actor"]}
    _shot(browser, artifacts, "dashboard-event")

    _follow(browser, browser.find_element(By.ID, "doc-link"))
    text = browser.find_element(By.ID, "doc-text").text
    assert record["evidence"]["sentence"].split()[0] in text
    _shot(browser, artifacts, "dashboard-document")


def test_server_browser_timeline_map_and_actor(server: str, browser: Any,
                                               artifacts: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 800)
    _open(browser, server + "/#/timeline?actor=PRK&recipient=RUS&interval=week")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    assert "events" in browser.find_element(By.ID, "summary").text
    _shot(browser, artifacts, "dashboard-timeline")

    _open(browser, server + "/#/map")
    dots = browser.find_elements(By.CSS_SELECTOR, "svg.chart circle.map-dot")
    assert len(dots) > 10
    paths = browser.find_elements(By.CSS_SELECTOR, "svg.chart path.map-country")
    assert len(paths) >= 150
    # the outlines are drawn under the dots
    assert browser.execute_script(
        "const s = document.querySelector('svg.chart');"
        "return [...s.children].indexOf(s.querySelector('g.map-countries'))"
        " < [...s.children].indexOf(s.querySelector('circle.map-dot'))")
    fills = ("return [...document.querySelectorAll('path.map-country')]"
             ".map(p => getComputedStyle(p).fill)")
    plain = browser.execute_script(fills)
    assert len(set(plain)) == 1
    assert not browser.find_elements(By.CSS_SELECTOR, "path.map-country.shaded")
    _shot(browser, artifacts, "dashboard-map")
    browser.find_element(By.ID, "map-shade").click()
    shaded = browser.find_elements(By.CSS_SELECTOR, "path.map-country.shaded")
    assert shaded
    assert len(set(browser.execute_script(fills))) > 1
    assert shaded[0].get_attribute("data-iso3")
    _shot(browser, artifacts, "dashboard-map-shaded")
    browser.find_element(By.ID, "map-shade").click()
    assert browser.execute_script(fills) == plain

    _open(browser, server + "/#/actor/RUS")
    assert "Russia" in browser.find_element(By.TAG_NAME, "h1").text
    assert browser.find_elements(By.CSS_SELECTOR, "#events tbody tr")
    _shot(browser, artifacts, "dashboard-actor")


def test_server_browser_phone_width(server: str, browser: Any, artifacts: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        _open(browser, server + "/")
        width = browser.execute_script("return window.innerWidth")
        assert browser.execute_script("return document.body.scrollWidth") <= width + 1
        _shot(browser, artifacts, "phone-events")
        _follow(browser, browser.find_element(By.CSS_SELECTOR, "a.event-link"))
        assert browser.find_element(By.CSS_SELECTOR, "#evidence mark.trigger").is_displayed()
        assert browser.execute_script("return document.body.scrollWidth") <= width + 1
        _shot(browser, artifacts, "phone-event")
    finally:
        browser.set_window_size(1280, 800)


def test_server_browser_shows_api_errors(server: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, server + "/#/?actor=R1S")
    assert "three-letter" in browser.find_element(By.CSS_SELECTOR, ".error").text
