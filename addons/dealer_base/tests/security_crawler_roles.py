"""Role crawler: inside one dealer, does a route or a model give a user more than its role?

Two probes, with targets discovered like the cross-dealer crawler's
(security_crawler.py: the routing map, ir.model.access), filled with the
dealer's own records:

* ``RoleReadCrawler``: a user of the dealer who may not see some records
  (a buyer without the accountant role: invoices, journal items, statements,
  deposit movements, payments) fetches every route (as a page, with the
  dealer's order token, as a report and a PDF) and reads every
  portal-readable model through RPC. A finding is a response with one of the
  hidden records' markers, a PDF served for a hidden model's record, or a
  hidden record returned by ``search_read``/``read``.
* ``RolePostCrawler``: users each lacking some role post to every POST
  route (http with a valid CSRF token, and json) of the covered modules.
  Each post is rolled back after a snapshot of the dealer's records; a
  finding is a change the user's ``allowed(change, changes)`` refuses (the test
  states what each role may change; the routes are not listed).

Usage in an ``HttpCase``::

    findings = RoleReadCrawler(self, dealer, reader, markers, hidden={"account.move": ids}).crawl()
    findings = RolePostCrawler(self, dealer, probes=[(user, allowed)], form={...}).crawl()
"""

import inspect
import itertools
from collections import namedtuple

import werkzeug.routing.converters

from odoo.http import Request
from odoo.tools import SQL, mute_logger

from .security_crawler import PortalCrawler, portal_readable_models

# A change seen after a post: kind is "created", "deleted" or "changed"; fields are the changed ones,
# values their new values.
Change = namedtuple("Change", "model id kind fields values")
# Fields that move without anyone acting (bookkeeping, tokens, chatter).
UNWATCHED_FIELDS = {"write_date", "write_uid", "create_date", "create_uid", "access_token", "login_date"}
UNWATCHED_PREFIXES = ("message_", "activity_", "website_message")
UNWATCHED_MODELS = ("mail.", "bus.", "ir.", "res.users.log", "auth_totp.", "portal.")
MAX_POSTS_PER_ROUTE = 4
# Text given to any free-text parameter of a route.
PROBE_TEXT = "Role crawl probe"


class RoleCrawlerMixin:
    """Route arguments filled with the dealer's own records, the best-matching model first."""

    def argument_values(self, rule, name):
        values = super().argument_values(rule, name)
        converter = rule._converters[name]
        stem = name.removesuffix("_id")
        if isinstance(converter, werkzeug.routing.converters.NumberConverter):
            # role_id -> dealer.user.role, return_id -> dealer.return: the model named like the argument.
            named = [model for model in self.records_b if model.rsplit(".", 1)[-1] == stem]
            if named and not any(model == named[0] for model, _value in values[:1]):
                values = [(named[0], rid) for rid in self.records_b[named[0]]] + values
        return values


class RoleReadCrawler(RoleCrawlerMixin, PortalCrawler):
    """reader, a user of dealer, finds none of the hidden records on any route nor through RPC."""

    def __init__(self, case, dealer, reader, markers, hidden, **kwargs):
        self.reader = reader
        # model -> ids of the records reader must not see.
        self.hidden = {model: set(ids) for model, ids in hidden.items()}
        super().__init__(case, dealer, dealer, markers, **kwargs)

    def crawl(self):
        self.case.authenticate(self.reader.login, self.reader.login)
        return super().crawl()

    def crawl_http_route(self, rule, endpoint):
        methods = endpoint.routing.get("methods") or ["GET", "POST"]
        if "GET" not in methods:
            return
        has_args = bool(rule.arguments - set(rule.defaults or {}))
        for url, models in self.rule_urls(rule):
            variants = [{}]
            if has_args:
                variants += [
                    {"access_token": self.token_a},
                    {"report_type": "html", "access_token": self.token_a},
                    {"report_type": "pdf", "download": "true"},
                ]
            for params in variants:
                response = self.case.opener.get(self.absolute(url), params=params, timeout=30)
                self.check("GET", url, response, has_args and bool(set(models) & set(self.hidden)))

    def crawl_rpc(self):
        for model in portal_readable_models(self.env):
            url = f"/web/dataset/call_kw/{model}/search_read"
            kwargs = {"domain": [], "fields": ["display_name"], "limit": 500}
            self.check_rpc(model, url, self.call_kw(model, "search_read", [], kwargs))
            ids = sorted(self.hidden.get(model, ())) or self.records_b.get(model)
            if ids:
                url = f"/web/dataset/call_kw/{model}/read"
                self.check_rpc(model, url, self.call_kw(model, "read", [ids, ["display_name"]], {}))
        for marker in self.markers:
            url = "/web/dataset/call_kw/res.partner/name_search"
            self.check("RPC", url, self.call_kw("res.partner", "name_search", [], {"name": marker}), False)

    def check_rpc(self, model, url, response):
        self.check("RPC", url, response, False)
        result = response.json().get("result") if response.status_code == 200 else None
        shown = {row.get("id") for row in result or [] if isinstance(row, dict)} & self.hidden.get(model, set())
        if shown:
            self.findings.append(f"RPC {url}: returns hidden {model} records {sorted(shown)}")

    def check(self, method, url, response, targets_hidden):
        self.visited.append((method, url))
        probe = f"{method} {url} ({response.status_code})"
        if (
            targets_hidden
            and response.status_code == 200
            and "application/pdf" in response.headers.get("Content-Type", "")
        ):
            self.findings.append(f"{probe}: serves a PDF of a hidden record")
            return
        body = response.content.decode("utf-8", "replace")
        leaked = [marker for marker in self.markers if marker in body]
        if leaked:
            self.findings.append(f"{probe}: shows hidden data {leaked}")


class RolePostCrawler(RoleCrawlerMixin, PortalCrawler):
    """Each probe user posts to every POST route; a change its allowed(change, changes) refuses is a finding."""

    def __init__(self, case, dealer, probes, form=None, watched_models=(), **kwargs):
        super().__init__(case, dealer, dealer, markers=[], rpc=False, **kwargs)
        self.probes = probes
        self.form = dict(form or {})
        self.watched = self.watched_models(watched_models)
        self._columns = {}

    def watched_models(self, extra):
        """model -> partner fields, for the portal-readable models pointing to partners and extra."""
        watched = {}
        for name in set(portal_readable_models(self.env)) | set(extra) | {"res.partner"}:
            if name.startswith(UNWATCHED_MODELS) or name not in self.env:
                continue
            model = self.env[name]
            fields = [
                f.name
                for f in model._fields.values()
                if f.type == "many2one" and f.comodel_name == "res.partner" and f.store and f.name != "create_uid"
            ]
            if name == "res.partner":
                fields = ["id"]
            if fields:
                watched[name] = fields
        return watched

    # ------------------------------------------------------------
    # SNAPSHOTS
    # ------------------------------------------------------------

    def snapshot(self):
        """(model, id) -> stored values of every watched record of the dealer (one query per model)."""
        self.env.flush_all()
        self.env.invalidate_all()
        partner_ids = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.dealer_b.id)])
            .ids
        )
        state = {}
        for name, partner_fields in self.watched.items():
            model = self.env[name]
            columns = self.watched_columns(model)
            matches = SQL(" OR ").join(SQL("t.%s = ANY(%s)", SQL.identifier(f), partner_ids) for f in partner_fields)
            self.env.cr.execute(
                SQL("SELECT t.id, to_jsonb(t) FROM %s t WHERE %s", SQL.identifier(model._table), matches)
            )
            for rid, row in self.env.cr.fetchall():
                state[name, rid] = {column: row.get(column) for column in columns}
        return state

    def watched_columns(self, model):
        if model._name not in self._columns:
            self._columns[model._name] = [
                f.name
                for f in model._fields.values()
                if f.store
                and f.column_type
                and f.name not in UNWATCHED_FIELDS
                and not f.name.startswith(UNWATCHED_PREFIXES)
            ]
        return self._columns[model._name]

    @staticmethod
    def changes(before, after):
        found = []
        for key in before.keys() - after.keys():
            found.append(Change(*key, "deleted", (), {}))
        for key in after.keys() - before.keys():
            found.append(Change(*key, "created", tuple(after[key]), after[key]))
        for key in before.keys() & after.keys():
            changed = tuple(sorted(f for f in after[key] if after[key][f] != before[key].get(f)))
            if changed:
                found.append(Change(*key, "changed", changed, {f: after[key][f] for f in changed}))
        return found

    # ------------------------------------------------------------
    # CRAWLING
    # ------------------------------------------------------------

    def post_targets(self):
        """(url, endpoint, is_json) of every POST-able URL of the covered routes."""
        for rule, endpoint in self.portal_rules():
            is_json = endpoint.routing.get("type") in ("json", "jsonrpc")
            methods = endpoint.routing.get("methods") or ["GET", "POST"]
            if "POST" not in methods:
                continue
            has_args = bool(rule.arguments - set(rule.defaults or {}))
            if not (is_json or has_args or endpoint.routing.get("methods")):
                # Pages answering GET and POST alike: their POSTs are forms, kept for routes that declare POST.
                continue
            # Fewer URLs than the readers': each post costs a snapshot of the dealer's records.
            for url, _models in itertools.islice(self.rule_urls(rule), MAX_POSTS_PER_ROUTE):
                yield url, endpoint, is_json

    def parameters(self, endpoint, url):
        """The form posted to endpoint: its declared parameters with plausible values, then the test's form."""
        method = getattr(endpoint, "original_endpoint", None) or getattr(endpoint, "func", endpoint)
        params = {}
        for name in inspect.signature(method).parameters:
            if name in ("self", "kw", "kwargs", "post"):
                continue
            if name.endswith("_ids"):
                params[name] = []
            elif name.endswith("_id") or name in ("res_id", "thread_id"):
                stem = name.removesuffix("_id")
                ids = next((ids for model, ids in self.records_b.items() if model.rsplit(".", 1)[-1] == stem), None)
                params[name] = str((ids or [0])[0])
            elif "token" in name:
                params[name] = self.token_a
            else:
                params[name] = PROBE_TEXT
        params.update(self.form)
        return params

    def crawl(self):
        cr = self.env.cr
        targets = list(self.post_targets())
        with mute_logger("odoo.http", "odoo.addons.base.models.ir_http", "odoo.sql_db", "werkzeug"):
            for user, allowed in self.probes:
                self.case.authenticate(user.login, user.login)
                cr.execute("SAVEPOINT role_crawler")
                baseline = self.snapshot()
                for url, endpoint, is_json in targets:
                    params = self.parameters(endpoint, url)
                    if is_json:
                        response = self.post_json(url, params)
                    else:
                        params["csrf_token"] = Request.csrf_token(self.case)
                        response = self.case.opener.post(
                            self.absolute(url), data=params, timeout=30, allow_redirects=False
                        )
                    self.visited.append((user.login, "POST", url))
                    changes = self.changes(baseline, self.snapshot())
                    refused = [change for change in changes if not allowed(change, changes)]
                    if refused:
                        self.findings.append(
                            f"{user.login}: POST {url} ({response.status_code}) changed "
                            + "; ".join(f"{c.model}({c.id}) {c.kind} {list(c.fields)[:6]}" for c in refused[:5])
                        )
                    cr.execute("ROLLBACK TO SAVEPOINT role_crawler")
                    self.env.invalidate_all()
                cr.execute("RELEASE SAVEPOINT role_crawler")
        return self.findings
