"""Numeric fuzzer: absurd quantities and amounts posted to every portal form of the project.

Like the cross-dealer crawler, it discovers its targets instead of listing them:

* the POST routes of the covered add-ons come from the routing map (http
  routes with ``auth='user'`` or ``auth='public'``);
* their quantity and amount parameters come from the forms the portal pages
  render (every GET page of the covered add-ons, its integer arguments filled
  with the logged-in dealer's own records): ``<input type="number">`` and
  fields named like a quantity or an amount; and from the route's own
  signature (``qty``, ``order_limit``, ``price``...) for a route no page
  links to.

Each numeric field of each form (one per name pattern: ``qty_12`` and
``qty_13`` are one field) is posted with each absurd value, huge, negative,
NaN, infinite and 1e308, the other fields as the page rendered them, with a
valid CSRF token. A finding is:

* an answer of 500 or more, to the POST or to the page it redirects to;
* a page that then fails to answer 200 within the request timeout (the next
  GET of the page that holds the form): a poisoned record;
* an absurd value saved: a stored float or monetary column of any table,
  written during the fuzz, holding NaN, an infinity or a value beyond
  STORED_BOUND.

Usage in an ``HttpCase`` logged in as a dealer's portal user::

    fuzzer = NumericFuzzer(self, dealer)
    self.assertFalse(fuzzer.fuzz())
"""

import inspect
import itertools
import re
from urllib.parse import urlsplit

import lxml.html
import requests

from odoo import http
from odoo.tools import SQL, mute_logger

from .security_crawler import ARGUMENT_MODELS, SKIPPED_PATHS, dealer_records, endpoint_modules, project_modules

ABSURD_VALUES = ("1e20", "-7", "NaN", "inf", "-inf", "1e308")
NUMERIC_NAME = re.compile(
    r"(?:^|_)(?:qty|quantity|quantities|amount|price|limit|onhand|on_hand|sold|discount)(?:_|$)", re.IGNORECASE
)
# Beyond any quantity or amount the platform accepts, and far below the absurd values posted.
STORED_BOUND = 1e15
TIMEOUT = 30
MAX_URLS_PER_PAGE = 2


class NumericFuzzer:
    def __init__(self, case, dealer, *, modules=None, values=ABSURD_VALUES, timeout=TIMEOUT):
        self.case = case
        self.env = case.env
        self.dealer = dealer
        self.modules = set(modules or project_modules(self.env))
        self.values = values
        self.timeout = timeout
        self.records = dealer_records(self.env, dealer)
        self.routing_map = self.env["ir.http"].routing_map()
        self.findings = []
        self.reported = set()
        self.posted = []
        self.stopped = False

    # ------------------------------------------------------------
    # DISCOVERY
    # ------------------------------------------------------------

    def rules(self, method):
        """(rule, endpoint) of the covered add-ons' http routes that answer method."""
        for rule in self.routing_map.iter_rules():
            endpoint = rule.endpoint
            routing = getattr(endpoint, "routing", {})
            if routing.get("type") not in (None, "http") or routing.get("auth") not in ("user", "public"):
                continue
            if SKIPPED_PATHS.search(rule.rule) or method not in (routing.get("methods") or ["GET", "POST"]):
                continue
            if endpoint_modules(endpoint) & self.modules:
                yield rule, endpoint

    def fill(self, rule, limit=MAX_URLS_PER_PAGE):
        """URLs of rule, its integer arguments filled with the dealer's own records (any model's, first)."""
        names = sorted(rule.arguments - set(rule.defaults or {}))
        own = [rid for ids in self.records.values() for rid in ids[:1]] or [0]
        choices = [self.records.get(ARGUMENT_MODELS.get(name.removesuffix("_id")), own)[:limit] for name in names]
        for combination in itertools.islice(itertools.product(*choices), limit):
            values = dict(zip(names, map(str, combination), strict=True))
            yield re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m, v=values: v.get(m.group(1), "0"), rule.rule)

    def post_rule(self, path):
        """The covered POST rule that serves path, or None."""
        try:
            rule, _args = self.routing_map.bind("localhost").match(path, method="POST", return_rule=True)
        except Exception:
            return None
        return rule if endpoint_modules(rule.endpoint) & self.modules else None

    def page_forms(self, page, text):
        """[(rule, action, values, numeric names)] of the POST forms of a page aimed at a covered route."""
        try:
            document = lxml.html.fromstring(text)
        except (ValueError, lxml.etree.ParserError):
            return []
        forms = []
        for form in document.forms:
            if (form.method or "GET").upper() != "POST":
                continue
            action = urlsplit(form.action or page).path or urlsplit(page).path
            rule = self.post_rule(action)
            if not rule:
                continue
            numeric = [
                element.name
                for element in form.inputs
                if element.name
                and element.tag == "input"
                and ((element.get("type") or "").lower() == "number" or NUMERIC_NAME.search(element.name))
            ]
            if numeric:
                forms.append((rule, action, dict(form.form_values()), numeric))
        return forms

    def signature_forms(self, rule, endpoint):
        """The form of a route that no page renders, from its signature's quantity and amount parameters."""
        parameters = [
            name
            for name in inspect.signature(endpoint).parameters
            if NUMERIC_NAME.search(name) and name not in rule.arguments
        ]
        if not parameters:
            return []
        return [(rule, url, dict.fromkeys(parameters, "1"), parameters) for url in self.fill(rule, limit=1)]

    def targets(self):
        """(page, rule, action, values, field) to fuzz: one per route and numeric field pattern."""
        seen = set()
        targets = []
        formed = set()
        for rule, _endpoint in self.rules("GET"):
            for page in self.fill(rule):
                response = self.get(page)
                if response is None or response.status_code != 200:
                    continue
                for post_rule, action, values, numeric in self.page_forms(page, response.text):
                    formed.add(post_rule.rule)
                    for field in numeric:
                        key = (post_rule.rule, re.sub(r"\d+", "#", field))
                        if key not in seen:
                            seen.add(key)
                            targets.append((page, post_rule, action, values, field))
        for rule, endpoint in self.rules("POST"):
            if rule.rule in formed:
                continue
            for _rule, action, values, numeric in self.signature_forms(rule, endpoint):
                for field in numeric:
                    if (rule.rule, field) not in seen:
                        seen.add((rule.rule, field))
                        targets.append((None, rule, action, values, field))
        return targets

    # ------------------------------------------------------------
    # FUZZING
    # ------------------------------------------------------------

    def fuzz(self):
        """Post every absurd value to every target; returns the findings (empty when all are bounded)."""
        with mute_logger("odoo.http", "odoo.addons.base.models.ir_http", "odoo.sql_db", "werkzeug"):
            targets = self.targets()
            self.xid = self.current_xid()
            for page, rule, action, values, field in targets:
                self.fuzz_target(page, rule, action, values, field)
                if self.stopped:
                    break
        return self.findings

    def fuzz_target(self, page, rule, action, values, field):
        for value in self.values:
            data = dict(values, csrf_token=http.Request.csrf_token(self.case))
            data[field] = value
            self.posted.append((action, field, value))
            probe = f"POST {action} {field}={value}"
            response = self.request("post", action, probe, data=data)
            if response is None:
                return
            if response.status_code >= 500:
                self.findings.append(f"{probe}: answered {response.status_code}")
            page_response = self.request("get", page or response.url, f"{probe}, then GET {page or response.url}")
            if page_response is None:
                return
            if page_response.status_code != 200:
                self.findings.append(f"{probe}, then GET {page or response.url}: {page_response.status_code}")
            if page:
                # Fresh hidden fields (a cart line may be gone) for the next value.
                fresh = [
                    form
                    for form in self.page_forms(page, page_response.text)
                    if form[0].rule == rule.rule and field in form[3]
                ]
                if not fresh:
                    return
                _rule, action, values, _numeric = fresh[0]
        self.check_stored(rule)

    def check_stored(self, rule):
        """Absurd values written during the fuzz in any stored float or monetary column."""
        self.env.invalidate_all()
        for table, columns in stored_number_columns(self.env):
            condition = SQL(" OR ").join(SQL("abs(%s) >= %s", SQL.identifier(c), STORED_BOUND) for c in columns)
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM %s WHERE xmin::text::bigint > %s AND (%s) LIMIT 10",
                    SQL.identifier(table),
                    self.xid,
                    condition,
                )
            )
            # Reported once: the next targets would find the same rows.
            new = [record_id for (record_id,) in self.env.cr.fetchall() if (table, record_id) not in self.reported]
            if new:
                self.reported.update((table, record_id) for record_id in new)
                self.findings.append(f"POST {rule.rule}: saved an absurd number in {table} {new}")

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def current_xid(self):
        """The newest transaction id: rows written later (by the requests, in savepoints) have a larger xmin."""
        with self.env.cr.savepoint(flush=False):
            self.env.cr.execute("CREATE TEMPORARY TABLE IF NOT EXISTS dealer_numeric_fuzz_xid (x int)")
            self.env.cr.execute("INSERT INTO dealer_numeric_fuzz_xid VALUES (1) RETURNING xmin::text::bigint")
            return self.env.cr.fetchone()[0]

    def get(self, url):
        return self.request("get", url, f"GET {url}")

    def request(self, method, url, probe, **kwargs):
        """The response, or None after a finding when the server did not answer in time."""
        if not url.startswith("http"):
            url = self.case.base_url() + url
        try:
            return getattr(self.case.opener, method)(url, timeout=self.timeout, **kwargs)
        except requests.exceptions.Timeout:
            self.findings.append(f"{probe}: no answer within {self.timeout} s")
            # The server is still busy with it: later requests would only wait behind it.
            self.stopped = True
            return None


def stored_number_columns(env):
    """[(table, [columns])] of the stored float and monetary fields of every model with a table."""
    tables = {}
    for model in env.registry.values():
        if model._abstract or not model._auto or model._table_query:
            continue
        columns = [
            name
            for name, field in model._fields.items()
            if field.store
            and field.type in ("float", "monetary")
            and (field.column_type or ("",))[0] in ("float8", "numeric")
        ]
        if columns:
            tables.setdefault(model._table, set()).update(columns)
    return sorted((table, sorted(columns)) for table, columns in tables.items())
