"""The month-end mix for locust (runs in its own virtualenv, never imports Odoo).

Dealers log in, browse and search the catalog, add to their cart, quick-order,
check out (credit terms or deposit), sometimes send the same checkout form twice
at once, and open their orders, statement and credit pages, and Odoo's own
/my/orders pages; the brand's users open the channel dashboard and the order
review queue. The accounts come from LOAD_ACCOUNTS (written by
``python -m bench.load prepare``); what the dealers saw of their checkouts is written
to LOAD_JOURNAL when the run stops, with the figures of every page.
"""

import itertools
import json
import os
import random
import re
import threading
import time

import gevent
from locust import HttpUser, between, events, task

ACCOUNTS = json.loads(open(os.environ["LOAD_ACCOUNTS"], encoding="utf-8").read())
JOURNAL = os.environ["LOAD_JOURNAL"]
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0") or 0)
DOUBLE_SUBMIT_SHARE = float(os.environ.get("LOAD_DOUBLE_SUBMIT", "0.2"))
# A dealer's or customer's pause between two actions, in seconds: "min,max" (LOAD_THINK); the brand's 2 to 5.
THINK = tuple(float(value) for value in os.environ.get("LOAD_THINK", "1,3").split(",")[:2])
# What Odoo shows instead of the page when a request failed on the server.
ERROR_MARKERS = (
    "Internal Server Error",
    "could not serialize",
    "cannot follow twice",
    "o_error_detail",
    "Odoo Server Error",
    "Traceback (most recent call last)",
)
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
SUBMIT_KEY = re.compile(r'name="submit_key"\s+value="([^"]+)"')
SHIPPING = re.compile(r'name="partner_shipping_id"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="partner_shipping_id"')
QTY_INPUT = re.compile(r'name="qty_(\d+)"')
ORDER_URL = re.compile(r"/my/dealer/orders/(\d+)")
ODOO_ORDER = re.compile(r"/my/orders/(\d+)")

_dealers = itertools.cycle(ACCOUNTS["dealers"])
_brand = itertools.cycle(ACCOUNTS["brand"])
_customers = itertools.cycle(ACCOUNTS["customers"] or [None])
_lock = threading.Lock()
JOURNAL_DATA = {
    "checkouts": [],
    "double_submits": [],
    "error_pages": [],
    "rejected": {},
    "requests": 0,
    # [seconds since the start, page, response time in ms, failed] of every request: the check computes
    # the figures of the steady state (every user logged in) apart from those of the whole run.
    "samples": [],
}


def _error_page(response):
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    text = response.text or ""
    for marker in ERROR_MARKERS:
        if marker in text:
            return marker
    return None


class Portal(HttpUser):
    abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One connection per request, as the reverse proxy of docs/production.md talks to Odoo (nginx's
        # default): a prefork worker closes a kept-alive connection left idle past its socket timeout,
        # and a request sent on it at that moment would fail in the client, not in Odoo.
        self.client.headers["Connection"] = "close"

    def page(self, method, url, name, **kwargs):
        """One request, failed in the statistics when the server erred or showed an error page."""
        with self.client.request(method, url, name=name, catch_response=True, **kwargs) as response:
            problem = _error_page(response)
            if problem:
                response.failure(problem)
                JOURNAL_DATA["error_pages"].append(
                    {
                        "page": name,
                        "url": url,
                        "status": response.status_code,
                        "problem": problem,
                        "at": time.time(),
                        "user": getattr(self, "login", ""),
                    }
                )
            elif response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
            elif "/web/login" in response.url and not url.startswith("/web/login"):
                response.failure("sent to the login page")
            else:
                response.success()
            return response

    def reject(self, what):
        """A business refusal shown to the user (not an error): counted by kind."""
        JOURNAL_DATA["rejected"][what] = JOURNAL_DATA["rejected"].get(what, 0) + 1

    def log_in(self, account, landing):
        self.login = account["login"]
        page = self.page("GET", "/web/login", "login form")
        token = CSRF.search(page.text or "")
        response = self.page(
            "POST",
            "/web/login",
            "login",
            data={
                "login": account["login"],
                "password": account["password"],
                "csrf_token": token and token.group(1),
                "redirect": landing,
            },
        )
        if "/web/login" in response.url:
            JOURNAL_DATA["error_pages"].append(
                {
                    "page": "login",
                    "url": "/web/login",
                    "status": response.status_code,
                    "problem": "login refused",
                    "at": time.time(),
                    "user": self.login,
                }
            )


class Dealer(Portal):
    weight = 8
    wait_time = between(*THINK)

    def on_start(self):
        with _lock:
            account = next(_dealers)
        self.account = account
        self.orders = []
        self.log_in(account, "/my/dealer")

    def _csrf(self, response):
        found = CSRF.search(response.text or "")
        return found.group(1) if found else ""

    @task(2)
    def home(self):
        self.page("GET", "/my/dealer", "dealer home")

    @task(4)
    def catalog(self):
        self.page("GET", f"/my/dealer/catalog/page/{random.randint(1, 3)}", "catalog page")

    @task(2)
    def search(self):
        self.page("GET", "/my/dealer/catalog", "catalog search", params={"search": random.choice(ACCOUNTS["words"])})

    @task(4)
    def add_to_cart(self):
        page = self.page("GET", "/my/dealer/catalog", "catalog page")
        ids = QTY_INPUT.findall(page.text or "")
        if not ids:
            return
        data = {f"qty_{pid}": random.randint(1, 5) for pid in random.sample(ids, min(len(ids), random.randint(1, 3)))}
        data["csrf_token"] = self._csrf(page)
        response = self.page("POST", "/my/dealer/catalog/add", "catalog add", data=data)
        if "Nothing was added" in (response.text or "") or "未添加" in (response.text or ""):
            self.reject("catalog add")

    @task(2)
    def quick_order(self):
        page = self.page("GET", "/my/dealer/quick-order", "quick order form")
        codes = random.sample(self.account["codes"], min(len(self.account["codes"]), 3))
        lines = "\n".join(f"{code}\t{random.randint(1, 4)}" for code in codes)
        response = self.page(
            "POST",
            "/my/dealer/quick-order/add",
            "quick order add",
            data={"lines": lines, "csrf_token": self._csrf(page)},
        )
        if "/quick-order" in response.url:
            self.reject("quick order")

    @task(2)
    def checkout(self):
        self.page("GET", "/my/dealer/cart", "cart")
        form = self.page("GET", "/my/dealer/checkout", "checkout form")
        if "/my/dealer/checkout" not in form.url:
            self.reject("checkout: empty cart")
            return
        text = form.text or ""
        key, shipping = SUBMIT_KEY.search(text), SHIPPING.search(text)
        if not key or not shipping:
            self.reject("checkout: form not found")
            return
        method = "deposit" if self.account["deposit"] and random.random() < 0.5 else "credit"
        data = {
            "csrf_token": self._csrf(form),
            "submit_key": key.group(1),
            "partner_shipping_id": shipping.group(1) or shipping.group(2),
            "dealer_payment_method": method,
            "client_order_ref": f"LOAD-{self.login}-{int(time.time() * 1000) % 10**8}",
        }
        if random.random() < DOUBLE_SUBMIT_SHARE:
            # The same form sent twice at once (a double click): both must show one and the same order.
            jobs = [
                gevent.spawn(self.page, "POST", "/my/dealer/checkout/submit", "checkout submit (double)", data=data)
                for _n in range(2)
            ]
            gevent.joinall(jobs)
            ids = []
            for job in jobs:
                found = job.value is not None and ORDER_URL.search(job.value.url)
                ids.append(int(found.group(1)) if found else None)
            JOURNAL_DATA["double_submits"].append(
                {"login": self.login, "key": data["submit_key"], "orders": ids, "method": method}
            )
            placed = [order_id for order_id in ids if order_id]
        else:
            response = self.page("POST", "/my/dealer/checkout/submit", "checkout submit", data=data)
            found = ORDER_URL.search(response.url)
            placed = [int(found.group(1))] if found else []
        if placed:
            for order_id in sorted(set(placed)):
                JOURNAL_DATA["checkouts"].append(
                    {"login": self.login, "order_id": order_id, "key": data["submit_key"], "method": method}
                )
                self.orders.append(order_id)
        else:
            self.reject(f"checkout refused ({method})")

    @task(2)
    def orders_page(self):
        listing = self.page("GET", "/my/dealer/orders", "dealer orders")
        ids = self.orders or ORDER_URL.findall(listing.text or "")
        if ids:
            self.page("GET", f"/my/dealer/orders/{random.choice(ids)}", "dealer order")

    @task(1)
    def statement(self):
        self.page("GET", "/my/dealer/statement", "statement")

    @task(1)
    def credit(self):
        self.page("GET", "/my/dealer/credit", "credit")


class Customer(Portal):
    """An ordinary customer outside the channel: Odoo's own /my/orders pages, to compare the dealer's with."""

    weight = 1
    wait_time = between(*THINK)

    def on_start(self):
        with _lock:
            account = next(_customers)
        if not account:
            raise RuntimeError("no customer login")
        self.log_in(account, "/my")

    @task
    def odoo_orders_page(self):
        listing = self.page("GET", "/my/orders", "odoo /my/orders")
        ids = ODOO_ORDER.findall(listing.text or "")
        if ids:
            self.page("GET", f"/my/orders/{random.choice(ids)}", "odoo /my/orders/<id>")


class Brand(Portal):
    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        with _lock:
            account = next(_brand)
        self.login = account["login"]
        self.rpc_id = 0
        result = self.rpc(
            "/web/session/authenticate",
            "login (brand)",
            {"db": ACCOUNTS["db"], "login": account["login"], "password": account["password"]},
        )
        if not result:
            raise RuntimeError(f"the brand user {account['login']} cannot log in")

    def rpc(self, url, name, params):
        self.rpc_id += 1
        payload = {"jsonrpc": "2.0", "method": "call", "id": self.rpc_id, "params": params}
        with self.client.post(url, json=payload, name=name, catch_response=True) as response:
            try:
                body = response.json()
            except ValueError:
                body = {"error": {"message": f"HTTP {response.status_code}, not JSON"}}
            if response.status_code >= 500 or body.get("error"):
                message = str(body.get("error", {}).get("data", {}).get("message") or body.get("error"))[:300]
                response.failure(message)
                JOURNAL_DATA["error_pages"].append(
                    {
                        "page": name,
                        "url": url,
                        "status": response.status_code,
                        "problem": message,
                        "at": time.time(),
                        "user": self.login,
                    }
                )
                return None
            response.success()
            return body.get("result")

    def call(self, name, model, method, args, kwargs=None):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            name,
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @task(3)
    def dashboard(self):
        self.call("channel dashboard", "channel.dashboard", "get_dashboard_data", [{}])

    @task(2)
    def review_queue(self):
        self.call(
            "review queue",
            "sale.order",
            "web_search_read",
            [],
            {
                "domain": [["dealer_review_state", "=", "review"], ["state", "in", ["draft", "sent"]]],
                "specification": {
                    "name": {},
                    "partner_id": {"fields": {"display_name": {}}},
                    "dealer_review_reasons": {},
                    "amount_total": {},
                    "dealer_payment_method": {},
                },
                "limit": 80,
            },
        )


@events.request.add_listener
def _count(name, response_time, exception=None, **_kwargs):
    JOURNAL_DATA["requests"] += 1
    JOURNAL_DATA["samples"].append(
        [round(time.time() - JOURNAL_DATA["started"], 3), name, round(response_time, 1), exception is not None]
    )
    if MAX_REQUESTS and JOURNAL_DATA["requests"] == MAX_REQUESTS and _environment.get("env"):
        # The request budget is spent: stop every user (the run is bounded in count as well as time).
        gevent.spawn(_environment["env"].runner.quit)


_environment = {}


@events.init.add_listener
def _init(environment, **_kwargs):
    _environment["env"] = environment
    JOURNAL_DATA["started"] = time.time()


@events.spawning_complete.add_listener
def _spawned(user_count, **_kwargs):
    # Every user has started (and is logging in): the steady state begins after the warm-up that follows.
    JOURNAL_DATA["spawned"] = round(time.time() - JOURNAL_DATA["started"], 3)
    JOURNAL_DATA["users"] = user_count


@events.quitting.add_listener
def _write_journal(environment, **_kwargs):
    JOURNAL_DATA["stopped"] = time.time()
    pages = {}
    for (name, method), entry in environment.stats.entries.items():
        if not entry.num_requests:
            continue
        pages[name] = {
            "method": method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99),
            "avg_ms": round(entry.avg_response_time, 1),
        }
    JOURNAL_DATA["pages"] = pages
    JOURNAL_DATA["errors"] = [
        {"page": error.name, "method": error.method, "error": str(error.error), "count": error.occurrences}
        for error in environment.stats.errors.values()
    ]
    with open(JOURNAL, "w", encoding="utf-8") as stream:
        json.dump(JOURNAL_DATA, stream, indent=1, ensure_ascii=False)
