#!/usr/bin/env python3
"""The search page in a real browser (headless Chromium through Selenium), against a running server.

    python3 .ci/browser_test.py http://127.0.0.1:8080 [--screenshots DIR]

At desktop and at phone width: typing a name shows the glossary's terms across languages with
status badges; typing a sentence of the sample memory shows a fuzzy match with its score and the
differences marked; a sentence (English, and Russian with inflected names) lists the names found in
it with their entries; a name with no entry shows its transliterations, marked as such with their
standard; the page fits the width and the console stays free of errors (a violation of the
Content-Security-Policy would show there). Then a page opened with ?q= shows both at once;
its screenshot, search-page.png, is the README's (docs/search-page.png). Every wait is bounded.
"""

import argparse
import os
import sys
import tempfile
import time
from urllib.parse import urlencode

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 15
NAME = "Путин"
# A sentence of tmx/putin-xi-state-visit-2024.tmx with one word changed ("narrow" → "small"):
# it finds "The two leaders held talks in a narrow format." as a fuzzy match.
SENTENCE = "The two leaders held talks in a small format."
VIEWPORTS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}
# Sentences: the glossary panel lists the names found in them (annotate), inflected forms included.
SENTENCES = {
    "Xi Jinping welcomed Putin in Beijing": ["Xi Jinping", "Putin", "Beijing"],
    "Си Цзиньпин встретил Путина в Пекине.": ["Си Цзиньпин", "Путина", "Пекине"],
}
# A place name in pinyin that no shipped glossary holds: transliterated, marked as such.
UNKNOWN = ("Baishuitai", "Байшуйтай", "palladius")
# A glossary term that is also close to a heading of the memory: both halves of the page answer.
OVERVIEW = "no limits partnership"


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=en-US"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The driver is Debian's chromium-driver: named, so Selenium never tries to download one.
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(WAIT_SECONDS)
    driver.set_script_timeout(WAIT_SECONDS)
    return driver


def type_query(driver, text):
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)


def wait_for(driver, what, condition):
    try:
        # The page replaces its cards as each search answers: an element read mid-replacement is stale,
        # and the condition is simply tried again.
        return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException,)).until(lambda _: condition())
    except TimeoutException:
        status = driver.find_element(By.ID, "status").text
        raise AssertionError(f"{what}: not shown within {WAIT_SECONDS} s (status line: {status!r})") from None


def form_with_badge(driver, text):
    """The glossary form showing `text`, when it carries a status badge."""
    for form in driver.find_elements(By.CSS_SELECTOR, "#names .form"):
        if form.find_element(By.CLASS_NAME, "text").text == text and form.find_elements(By.CSS_SELECTOR, ".badge[class*='status-']"):
            return form
    return None


def check_names(driver):
    type_query(driver, NAME)
    english = wait_for(driver, "Vladimir Putin with a status badge", lambda: form_with_badge(driver, "Vladimir Putin"))
    chinese = wait_for(driver, "普京 with a status badge",
                       lambda: form_with_badge(driver, "普京") or form_with_badge(driver, "弗拉基米尔·普京"))
    badges = [form.find_element(By.CSS_SELECTOR, ".badge[class*='status-']").text for form in (english, chinese)]
    assert all(badge in ("preferred", "admitted", "deprecated", "forbidden") for badge in badges), badges
    return f"names: Vladimir Putin [{badges[0]}], {chinese.find_element(By.CLASS_NAME, 'text').text} [{badges[1]}]"


def check_matches(driver):
    type_query(driver, SENTENCE)

    def fuzzy_match():
        for match in driver.find_elements(By.CSS_SELECTOR, "#matches .match"):
            score = match.find_element(By.CLASS_NAME, "score").text
            if score.isdigit() and 0 < int(score) < 100 and "narrow" in match.find_element(By.CSS_SELECTOR, ".source").text:
                return match
        return None

    match = wait_for(driver, "a fuzzy TM match with a score", fuzzy_match)
    score = int(match.find_element(By.CLASS_NAME, "score").text)
    inserted = [node.text for node in match.find_elements(By.CSS_SELECTOR, ".source ins")]
    deleted = [node.text for node in match.find_elements(By.CSS_SELECTOR, ".source del")]
    assert inserted == ["narrow"] and deleted == ["small"], (inserted, deleted)
    target = match.find_element(By.CSS_SELECTOR, ".target").text
    target = target.removeprefix(match.find_element(By.CSS_SELECTOR, ".target .lang").text).strip()
    assert target, "the match shows no translation"
    return f"match: score {score}, +{inserted} -{deleted}, target {target!r}"


def check_sentences(driver):
    seen = []
    for sentence, expected in SENTENCES.items():
        type_query(driver, sentence)

        def found():
            if driver.find_element(By.ID, "q").get_attribute("value") != sentence:
                return None
            texts = [node.text for node in driver.find_elements(By.CSS_SELECTOR, "#names .occurrence .found")]
            return texts if all(any(name in text for text in texts) for name in expected) else None

        texts = wait_for(driver, f"the names of {sentence!r}", found)
        seen.append(f"{len(texts)} in {sentence[:24]!r}")

    def inflected_card():
        for card in driver.find_elements(By.CSS_SELECTOR, "#names .occurrence"):
            if "Путина" in card.find_element(By.CLASS_NAME, "found").text:
                kind = card.find_element(By.CSS_SELECTOR, ".badge.kind").text
                return (kind, card.text) if kind == "inflected" and "Vladimir Putin" in card.text else None
        return None

    wait_for(driver, "Путина marked inflected, with the English entry", inflected_card)
    return "sentences: " + ", ".join(seen)


def check_transliteration(driver):
    name, russian, scheme = UNKNOWN
    type_query(driver, name)

    def card():
        for node in driver.find_elements(By.CSS_SELECTOR, "#names .transliterations"):
            forms = node.find_elements(By.CSS_SELECTOR, ".form.transliteration")
            for form in forms:
                if form.find_element(By.CLASS_NAME, "text").text == russian:
                    badge = form.find_element(By.CLASS_NAME, "badge").text
                    statuses = node.find_elements(By.CSS_SELECTOR, ".badge[class*='status-']")
                    return badge, len(statuses)
        return None

    badge, statuses = wait_for(driver, f"{russian} among the transliterations of {name}", card)
    assert "transliteration" in badge and scheme in badge, badge
    assert statuses == 0, "a transliteration carries a term status"
    return f"transliteration: {name} → {russian} [{badge}]"


def check_layout(driver, width):
    overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the {width} px viewport"


def check_console(driver):
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, f"console errors: {errors}"


def set_viewport(driver, width, height, mobile):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def check_overview(driver, url, screenshots):
    set_viewport(driver, 1100, 640, False)
    driver.get(url.rstrip("/") + "/?" + urlencode({"q": OVERVIEW}))
    wait_for(driver, "names and matches for a query in the address",
             lambda: driver.find_elements(By.CSS_SELECTOR, "#names .concept") and driver.find_elements(By.CSS_SELECTOR, "#matches .match"))
    assert driver.find_element(By.ID, "q").get_attribute("value") == OVERVIEW
    driver.save_screenshot(os.path.join(screenshots, "search-page.png"))
    check_console(driver)
    print(f"ok   ?q={OVERVIEW}: names and matches shown")


def run(url, screenshots):
    driver = browser()
    try:
        for name, (width, height, mobile) in VIEWPORTS.items():
            set_viewport(driver, width, height, mobile)
            driver.get(url.rstrip("/") + "/")
            wait_for(driver, "the language pickers", lambda: len(driver.find_elements(By.CSS_SELECTOR, "#target option")) > 1)
            started = time.monotonic()
            names = check_names(driver)
            driver.save_screenshot(os.path.join(screenshots, f"search-{name}-names.png"))
            matches = check_matches(driver)
            driver.save_screenshot(os.path.join(screenshots, f"search-{name}-tm.png"))
            sentences = check_sentences(driver)
            driver.save_screenshot(os.path.join(screenshots, f"search-{name}-sentence.png"))
            transliteration = check_transliteration(driver)
            driver.save_screenshot(os.path.join(screenshots, f"search-{name}-transliteration.png"))
            check_layout(driver, width)
            check_console(driver)
            print(f"ok   {name} {width}x{height}: {names}; {matches}; {sentences}; {transliteration} ({time.monotonic() - started:.1f} s)")
        check_overview(driver, url, screenshots)
    finally:
        driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the running server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", help="folder for the PNG screenshots (default: a new temporary folder)")
    arguments = parser.parse_args()
    screenshots = arguments.screenshots or tempfile.mkdtemp(prefix="glossa-browser-")
    os.makedirs(screenshots, exist_ok=True)
    try:
        run(arguments.url, screenshots)
    except (AssertionError, WebDriverException) as error:
        print(f"FAIL {error}\nscreenshots: {screenshots}")
        print("browser: 0 passed, 1 failed")
        return 1
    print(f"screenshots: {screenshots}")
    print(f"browser: {len(VIEWPORTS) + 1} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
