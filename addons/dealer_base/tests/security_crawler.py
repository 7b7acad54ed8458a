"""Cross-dealer security crawler: can dealer A's portal user see dealer B's data?

The crawler discovers its targets instead of listing them, so a route or a
model added by any module is covered without editing it:

* every route of the routing map whose endpoint is defined (or overridden)
  by a project add-on or by portal/sale/account/stock/payment, with
  ``auth='user'`` or ``auth='public'``: each integer or ``model(...)`` route
  argument is filled with dealer B's record ids (by the converter's model,
  else by the argument's name, else with all of B's ids); every URL is
  fetched with no token, with dealer A's own access token, as an HTML report
  and as a PDF download, and posted to without a CSRF token;
* every model the portal group may read (``ir.model.access``): ``search_read``
  over everything, ``read`` of B's records (found through their partner
  fields) and ``name_search`` for B's name through ``/web/dataset/call_kw``.

A finding is a response that contains one of B's markers (dealer code and
name, order and invoice names...) or a PDF of one of B's records.

Usage in an ``HttpCase`` logged in as dealer A's portal user::

    crawler = PortalCrawler(self, dealer_a=..., dealer_b=..., markers=[...])
    self.assertFalse(crawler.crawl())
"""

import inspect
import itertools
import json
import os
import re

import werkzeug.routing.converters

from odoo import http
from odoo.modules.module import get_module_path
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_http import ModelConverter, ModelsConverter

# Odoo modules with portal-facing routes besides the project's own add-ons.
PORTAL_MODULES = {"portal", "sale", "sale_management", "sale_stock", "stock", "account", "account_payment", "payment"}
# Routes that would end the crawler's own session.
SKIPPED_PATHS = re.compile(r"logout|deactivate")
# Well-known argument names whose model cannot be read from the converter.
ARGUMENT_MODELS = {
    "order": "sale.order",
    "sale_order": "sale.order",
    "invoice": "account.move",
    "move": "account.move",
    "picking": "stock.picking",
    "partner": "res.partner",
    "res": None,
    "thread": None,
}
MAX_URLS_PER_ROUTE = 8


class PortalCrawler:
    def __init__(self, case, dealer_a, dealer_b, markers, *, extra_modules=(), modules=None, rpc=True):
        self.case = case
        self.env = case.env
        self.dealer_a = dealer_a
        self.dealer_b = dealer_b
        self.markers = [m for m in markers if m]
        self.modules = set(modules or (PORTAL_MODULES | project_modules(self.env))) | set(extra_modules)
        self.rpc = rpc
        self.records_b = dealer_records(self.env, dealer_b)
        token_a = self.env["sale.order"].sudo().search([("partner_id", "child_of", dealer_a.id)], limit=1)
        self.token_a = token_a._portal_ensure_token() if token_a else "0" * 36
        self.findings = []
        self.visited = []

    # ------------------------------------------------------------
    # DISCOVERY
    # ------------------------------------------------------------

    def portal_rules(self):
        """(rule, endpoint) of every portal-reachable route of the covered modules."""
        routing_map = self.env["ir.http"].routing_map()
        for rule in routing_map.iter_rules():
            endpoint = rule.endpoint
            routing = getattr(endpoint, "routing", {})
            if routing.get("auth") not in ("user", "public") or SKIPPED_PATHS.search(rule.rule):
                continue
            if endpoint_modules(endpoint) & self.modules:
                yield rule, endpoint

    def argument_values(self, rule, name):
        converter = rule._converters[name]
        if isinstance(converter, ModelConverter | ModelsConverter):
            return [(converter.model, rid) for rid in self.records_b.get(converter.model, [])]
        if isinstance(converter, werkzeug.routing.converters.NumberConverter):
            model = ARGUMENT_MODELS.get(name.removesuffix("_id"))
            if model in self.records_b:
                return [(model, rid) for rid in self.records_b[model]]
            return [(m, rid) for m, ids in self.records_b.items() for rid in ids[:2]]
        # Tokens, slugs and the like: a value that grants nothing.
        return [(None, self.token_a if "token" in name else "0")]

    def rule_urls(self, rule):
        names = sorted(rule.arguments - set(rule.defaults or {}))
        choices = [self.argument_values(rule, name) for name in names]
        for combination in itertools.islice(itertools.product(*choices), MAX_URLS_PER_ROUTE):
            values = {name: str(value) for name, (_model, value) in zip(names, combination, strict=True)}
            # Filled by hand: model() converters would only build from records.
            url = re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m, v=values: v.get(m.group(1), "0"), rule.rule)
            yield url, [model for model, _value in combination if model]

    # ------------------------------------------------------------
    # CRAWLING
    # ------------------------------------------------------------

    def crawl(self):
        """Run every probe; returns the findings (empty when nothing leaks)."""
        with mute_logger("odoo.http", "odoo.addons.base.models.ir_http", "odoo.sql_db", "werkzeug"):
            for rule, endpoint in self.portal_rules():
                if endpoint.routing.get("type") in ("json", "jsonrpc"):
                    self.crawl_json_route(rule, endpoint)
                else:
                    self.crawl_http_route(rule, endpoint)
            if self.rpc:
                self.crawl_rpc()
        return self.findings

    def crawl_http_route(self, rule, endpoint):
        methods = endpoint.routing.get("methods") or ["GET", "POST"]
        has_args = bool(rule.arguments - set(rule.defaults or {}))
        for url, _models in self.rule_urls(rule):
            if "GET" in methods:
                variants = [{}]
                if has_args:
                    variants += [
                        {"access_token": self.token_a},
                        {"report_type": "html", "access_token": self.token_a},
                        {"report_type": "pdf", "download": "true"},
                    ]
                for params in variants:
                    self.check(
                        "GET", url, self.case.opener.get(self.absolute(url), params=params, timeout=30), has_args
                    )
            if "POST" in methods and has_args:
                # No csrf_token: only a route with csrf=False may act on it.
                response = self.case.opener.post(self.absolute(url), data={"access_token": self.token_a}, timeout=30)
                self.check("POST", url, response, has_args)

    def crawl_json_route(self, rule, endpoint):
        parameters = set(inspect.signature(endpoint).parameters) - rule.arguments
        for url, models in self.rule_urls(rule):
            for model, ids in self.records_b.items():
                params = {}
                for name in parameters:
                    if name in ("res_model", "thread_model", "model"):
                        params[name] = models[0] if models else model
                    elif name in ("res_id", "thread_id") or name.endswith("_id"):
                        params[name] = ids[0]
                    elif name.endswith("_ids"):
                        params[name] = ids
                    elif "token" in name:
                        params[name] = self.token_a
                self.check("JSON", url, self.post_json(url, params), True)
                if not parameters:
                    break

    def crawl_rpc(self):
        for model in portal_readable_models(self.env):
            url = f"/web/dataset/call_kw/{model}/search_read"
            kwargs = {"domain": [], "fields": ["display_name"], "limit": 500}
            self.check("RPC", url, self.call_kw(model, "search_read", [], kwargs), False)
            ids = self.records_b.get(model)
            if ids:
                url = f"/web/dataset/call_kw/{model}/read"
                self.check("RPC", url, self.call_kw(model, "read", [ids], {}), False)
        for name in (self.dealer_b.name, self.dealer_b.dealer_code):
            url = "/web/dataset/call_kw/res.partner/name_search"
            self.check("RPC", url, self.call_kw("res.partner", "name_search", [], {"name": name}), False)

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def absolute(self, url):
        return self.case.base_url() + url

    def post_json(self, url, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        return self.case.opener.post(
            self.absolute(url), data=json.dumps(payload), headers={"Content-Type": "application/json"}, timeout=30
        )

    def call_kw(self, model, method, args, kwargs):
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self.post_json(f"/web/dataset/call_kw/{model}/{method}", params)

    def check(self, method, url, response, targets_b):
        self.visited.append((method, url))
        probe = f"{method} {url} ({response.status_code})"
        if response.history:
            probe += f" -> {response.url.removeprefix(self.case.base_url())}"
        content_type = response.headers.get("Content-Type", "")
        if targets_b and response.status_code == 200 and "application/pdf" in content_type:
            self.findings.append(f"{probe}: serves a PDF of dealer {self.dealer_b.dealer_code}'s record")
            return
        body = response.content.decode("utf-8", "replace")
        leaked = [marker for marker in self.markers if marker in body]
        if leaked:
            self.findings.append(f"{probe}: shows dealer {self.dealer_b.dealer_code}'s data {leaked}")


def endpoint_modules(endpoint):
    """The add-ons that define or override a route's method."""
    method = getattr(endpoint, "func", endpoint)
    controller = getattr(method, "__self__", None)
    if controller is None:
        return {module_of(method.__module__)}
    name = method.__name__
    return {module_of(cls.__module__) for cls in type(controller).mro() if name in cls.__dict__}


def module_of(python_module):
    parts = python_module.split(".")
    return parts[2] if parts[:2] == ["odoo", "addons"] and len(parts) > 2 else ""


def project_modules(env):
    """Installed add-ons that live next to dealer_base (the project's addons directory)."""
    root = os.path.dirname(get_module_path("dealer_base"))
    installed = env["ir.module.module"].sudo().search([("state", "=", "installed")]).mapped("name")
    return {name for name in installed if (get_module_path(name, display_warning=False) or "").startswith(root + "/")}


def portal_readable_models(env):
    """Models the portal group (or everyone) may read according to ir.model.access."""
    portal = env.ref("base.group_portal")
    access = (
        env["ir.model.access"]
        .sudo()
        .search([("perm_read", "=", True), "|", ("group_id", "=", False), ("group_id", "=", portal.id)])
    )
    names = set(access.mapped("model_id.model"))
    return sorted(name for name in names if name in env and not env[name]._abstract and not env[name]._transient)


def dealer_records(env, dealer, limit=20):
    """model -> ids of the dealer's records, for every portal-readable model
    that points to partners (found by its stored partner many2one fields)."""
    records = {"res.partner": env["res.partner"].sudo().search([("id", "child_of", dealer.id)]).ids}
    for name in portal_readable_models(env):
        model = env[name].sudo()
        fields = [
            f.name
            for f in model._fields.values()
            if f.type == "many2one" and f.comodel_name == "res.partner" and f.store and f.name != "create_uid"
        ]
        if not fields or name == "res.partner":
            continue
        domain = ["|"] * (len(fields) - 1) + [(f, "child_of", dealer.id) for f in fields]
        ids = model.with_context(active_test=False).search(domain, limit=limit, order="id desc").ids
        if ids:
            records[name] = ids
    return records


def plant_routes(case, module):
    """Serve the routes of the controllers defined with ``__module__`` in ``odoo.addons.<module>``
    as if that module were installed, for the rest of the test only (the crawlers' planted leaks)."""
    registry = case.env.registry
    registry._init_modules.add(module)
    registry.clear_cache("routing")

    def unplant():
        registry._init_modules.discard(module)
        http.Controller.children_classes.pop(module, None)
        registry.clear_cache("routing")

    case.addCleanup(unplant)
