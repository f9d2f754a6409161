#!/usr/bin/env python3
"""Opens a jdgen site's careers page in headless Chromium, driven over the DevTools protocol.

Checks, and prints one JSON report (exit 1 on any failure):
  - scripts off: the filter menus stay hidden, the filter links show, and every posting in
    jobs/ is reachable by a visible link;
  - scripts on: the menus replace the links; choosing a role, then a role and a work
    arrangement, shows exactly the cards whose data says so; "Show all" shows every card;
    Tab reaches every menu and the button, each with a label;
  - no console message of level error or warning, and no uncaught exception, on any page;
  - screenshots at phone (390 px) and desktop (1280 px) widths, light and dark, saved in OUT.

Usage: site_check.py SITE_DIR OUT_DIR   (needs the `websocket-client` package and chromium)
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank",
]


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="jdgen-chromium-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        self.process = subprocess.Popen(
            [binary, f"--user-data-dir={self.profile}", *FLAGS],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.events = []
        for domain in ["Page", "Runtime", "Log"]:
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[index]
                    return message
            self.events.append(json.loads(self.socket.recv()))
        raise RuntimeError(f"no {event}")

    def open(self, url):
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self):
        """Console errors and warnings, uncaught exceptions and log errors seen so far."""
        found = []
        for message in self.events:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log {params['entry']['level']}: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        return found

    def screenshot(self, path, width, height, dark=False):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        self.call("Emulation.setEmulatedMedia",
                  features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}])
        self.call("Runtime.evaluate", expression="document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        time.sleep(0.2)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


VISIBLE_CARD_LINKS = """Array.from(document.querySelectorAll('.card h3 a'))
  .filter(a => a.getClientRects().length > 0).map(a => a.getAttribute('href'))"""
VISIBLE_CARDS = """Array.from(document.querySelectorAll('.card'))
  .filter(c => c.getClientRects().length > 0).map(c => c.querySelector('a').getAttribute('href'))"""


def cards_where(browser, **wanted):
    """The links of the cards whose data attributes match `wanted`, by the page's own markup."""
    conditions = " && ".join(f"c.dataset.{k} === {json.dumps(v)}" for k, v in wanted.items()) or "true"
    return browser.js(f"""Array.from(document.querySelectorAll('.card'))
      .filter(c => {conditions}).map(c => c.querySelector('a').getAttribute('href'))""")


def choose(browser, name, value):
    browser.js(f"""(() => {{ const s = document.querySelector('select[name={name}]');
      s.value = {json.dumps(value)}; s.dispatchEvent(new Event('change', {{bubbles: true}})); }})()""")


def main(site, out):
    os.makedirs(out, exist_ok=True)
    index = "file://" + os.path.abspath(os.path.join(site, "index.html"))
    jobs = sorted(f"jobs/{name}" for name in os.listdir(os.path.join(site, "jobs")))
    report = {"failures": [], "screenshots": []}
    fail = report["failures"].append
    browser = Browser()
    try:
        # Scripts off.
        browser.call("Emulation.setScriptExecutionDisabled", value=True)
        browser.open(index)
        if browser.js("getComputedStyle(document.getElementById('filter')).display") != "none":
            fail("scripts off: the filter menus show, but nothing would run them")
        if not browser.js("document.getElementById('filter-links').getClientRects().length > 0"):
            fail("scripts off: the filter links are hidden")
        linked = sorted(browser.js(VISIBLE_CARD_LINKS))
        if linked != jobs:
            fail(f"scripts off: visible posting links {linked} are not the pages {jobs}")
        filter_links = browser.js("Array.from(document.querySelectorAll('#filter-links a')).map(a => a.getAttribute('href'))")
        for link in filter_links:
            if not os.path.exists(os.path.join(site, link)):
                fail(f"scripts off: the filter link {link} leads nowhere")
        report["scripts_off"] = {"posting_links": len(linked), "filter_links": len(filter_links)}
        browser.screenshot(os.path.join(out, "index-noscript-phone.png"), 390, 844)
        report["screenshots"].append("index-noscript-phone.png")

        # Scripts on.
        browser.call("Emulation.setScriptExecutionDisabled", value=False)
        browser.open(index)
        if browser.js("getComputedStyle(document.getElementById('filter')).display") == "none":
            fail("scripts on: the filter menus stay hidden")
        if browser.js("document.getElementById('filter-links').getClientRects().length > 0"):
            fail("scripts on: the filter links still show beside the menus")
        if sorted(browser.js(VISIBLE_CARDS)) != jobs:
            fail("scripts on: not every card shows before a filter is chosen")
        labels = browser.js("""Array.from(document.querySelectorAll('#filter select'))
          .map(s => [s.name, s.labels.length ? s.labels[0].textContent.trim() : ''])""")
        for name, label in labels:
            if not label:
                fail(f"the {name} menu has no label")
        roles = browser.js("Array.from(document.querySelector('select[name=role]').options).map(o => o.value).filter(v => v)")
        checks = []
        for role in roles:
            choose(browser, "role", role)
            shown, expected = sorted(browser.js(VISIBLE_CARDS)), sorted(cards_where(browser, role=role))
            status = browser.js("document.getElementById('shown').textContent")
            checks.append({"role": role, "shown": len(shown), "status": status})
            if shown != expected or not expected:
                fail(f"role {role}: shown {shown}, expected {expected}")
            if not status.startswith(f"{len(expected)} position"):
                fail(f"role {role}: the status says '{status}' for {len(expected)} cards")
        workplaces = browser.js("Array.from(document.querySelector('select[name=workplace]').options).map(o => o.value).filter(v => v)")
        if roles and workplaces:
            choose(browser, "role", roles[0])
            choose(browser, "workplace", workplaces[-1])
            shown = sorted(browser.js(VISIBLE_CARDS))
            expected = sorted(cards_where(browser, role=roles[0], workplace=workplaces[-1]))
            checks.append({"role": roles[0], "workplace": workplaces[-1], "shown": len(shown)})
            if shown != expected:
                fail(f"role {roles[0]} and {workplaces[-1]}: shown {shown}, expected {expected}")
            browser.js("document.querySelector('#filter button[type=reset]').click()")
            time.sleep(0.1)
            if sorted(browser.js(VISIBLE_CARDS)) != jobs:
                fail("'Show all positions' does not show every card again")
        report["scripts_on"] = checks
        # Keyboard: Tab from the top reaches every menu and the button.
        browser.js("document.activeElement && document.activeElement.blur()")
        reached = []
        for _ in range(12):
            browser.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
            browser.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
            reached.append(browser.js("document.activeElement.name || document.activeElement.tagName"))
        for control in [name for name, _ in labels] + ["BUTTON"]:
            if control not in reached:
                fail(f"Tab never reaches the {control} control: {reached}")
        report["tab_order"] = reached
        for width, height, name in [(390, 844, "phone"), (1280, 900, "desktop")]:
            browser.screenshot(os.path.join(out, f"index-{name}.png"), width, height)
            report["screenshots"].append(f"index-{name}.png")
        browser.screenshot(os.path.join(out, "index-phone-dark.png"), 390, 844, dark=True)
        report["screenshots"].append("index-phone-dark.png")
        if roles:
            choose(browser, "role", roles[0])
            browser.screenshot(os.path.join(out, "index-desktop-filtered.png"), 1280, 900)
            report["screenshots"].append("index-desktop-filtered.png")
        # A posting's page and a filter page: they load, link back, and log nothing.
        if jobs:
            browser.open("file://" + os.path.abspath(os.path.join(site, jobs[0])))
            back = browser.js("document.querySelector('nav.back a') && document.querySelector('nav.back a').getAttribute('href')")
            if back != "../index.html":
                fail(f"{jobs[0]} links back to {back}")
            browser.screenshot(os.path.join(out, "posting-phone.png"), 390, 844)
            report["screenshots"].append("posting-phone.png")
        if filter_links:
            browser.open("file://" + os.path.abspath(os.path.join(site, filter_links[0])))
            browser.screenshot(os.path.join(out, "filter-page-desktop.png"), 1280, 900)
            report["screenshots"].append("filter-page-desktop.png")
        for problem in browser.problems():
            fail(problem)
    finally:
        browser.close()
    print(json.dumps(report, indent=2))
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
