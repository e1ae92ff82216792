"""Drive Debian's headless Chromium through Playwright, for tests and benchmarks.

`open_page` loads a local file and records what a test wants to assert never
happens: requests leaving the machine (they are also aborted), console errors,
uncaught page errors and dialogs (alert/confirm/prompt, e.g. from injected
script).
"""

import importlib.util
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def require_chromium():
    """Skip the calling test when Chromium or Playwright is missing, or fail if KG_REQUIRE_BROWSER=1.

    CI sets KG_REQUIRE_BROWSER=1 so that a missing browser cannot silently turn
    the browser tests into skips.
    """
    if importlib.util.find_spec("playwright") is None:
        message = "playwright is not installed (pip install -e '.[dev]')"
    elif not os.access(CHROMIUM, os.X_OK):
        message = f"{CHROMIUM} not found (apt-get install chromium)"
    else:
        return
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message}; KG_REQUIRE_BROWSER=1 requires it")
    pytest.skip(message)


def launch(playwright):
    """Launch Debian's Chromium headless, with background networking turned off."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)


@dataclass
class PageRecord:
    """What happened while a page was open."""

    page: object
    external_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)


@contextmanager
def open_page(browser, path, *, viewport=(1280, 800)):
    """Open a local file in a fresh context and yield a `PageRecord` while it is open.

    Args:
        browser: a Playwright ``Browser`` (see `launch`).
        path: the local file to open.
        viewport: width and height in CSS pixels.
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    record = PageRecord(page)

    def route(r):
        if r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            record.external_requests.append(r.request.url)
            r.abort()

    def on_request(request):
        # Also catches what routing does not see; a URL is recorded once.
        url = request.url
        if not url.startswith(LOCAL_SCHEMES) and url not in record.external_requests:
            record.external_requests.append(url)

    def on_dialog(dialog):
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", route)
    page.on("request", on_request)
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))
    page.on("dialog", on_dialog)
    try:
        page.goto(Path(path).resolve().as_uri())
        yield record
    finally:
        context.close()


def wait_settled(page, timeout_ms=30_000):
    """Wait until the kg page has laid out its graph; return kgView.settleMs.

    The page's Content-Security-Policy forbids eval, so predicates are passed
    to Playwright as functions ("() => ..."), never as bare expressions.
    """
    page.wait_for_function("() => window.kgView && window.kgView.settled === true", timeout=timeout_ms)
    return page.evaluate("kgView.settleMs")
