"""Screenshot pages of a running Odoo as a given user, with headless Chromium.

Usage: python scripts/screenshot.py BASE_URL DB LOGIN PASSWORD PATH OUT.png [PATH OUT.png ...]
Logs in through /web/session/authenticate, hands the session cookie to
Chromium over the DevTools protocol and captures each page.
SCREENSHOT_SIZE=390x844 captures as a phone (touch, mobile viewport); SCREENSHOT_FULL=1 captures
the whole page, not only the first screen.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import requests
import websocket


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _login(base, db, login, password):
    session = requests.Session()
    response = session.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}},
        timeout=60,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise SystemExit(f"login failed for {login}")
    return session.cookies.get("session_id")


class Page:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})


def main(base, db, login, password, *pairs):
    width, height = (int(n) for n in os.environ.get("SCREENSHOT_SIZE", "1366x900").split("x"))
    mobile = width < 768
    session_id = _login(base, db, login, password)
    port = _free_port()
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2))
                    break
                except OSError:
                    time.sleep(0.2)
            page = Page(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
            page.call("Network.enable")
            page.call("Network.setCookie", name="session_id", value=session_id, url=base)
            page.call(
                "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile
            )
            if mobile:
                page.call("Emulation.setTouchEmulationEnabled", enabled=True, maxTouchPoints=5)
            for path, out in zip(pairs[::2], pairs[1::2], strict=True):
                page.call("Page.navigate", url=base + path)
                # The web client loads its assets (built on first use) and data.
                time.sleep(float(os.environ.get("SCREENSHOT_WAIT", "6")))
                if os.environ.get("SCREENSHOT_FULL"):
                    size = page.call("Page.getLayoutMetrics")["cssContentSize"]
                    clip = {"x": 0, "y": 0, "width": width, "height": max(height, size["height"]), "scale": 1}
                    shot = page.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)
                else:
                    shot = page.call("Page.captureScreenshot", format="png")
                with open(out, "wb") as fh:
                    fh.write(base64.b64decode(shot["data"]))
                print("wrote", out)
        finally:
            proc.terminate()
            proc.wait(timeout=15)


if __name__ == "__main__":
    main(*sys.argv[1:])
