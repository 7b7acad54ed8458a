"""The dealer API's security crawler: every operation of every API route, probed with what must be refused.

The operations are discovered, not listed: every route of Odoo's routing map that carries
``routing["dealer_api"]`` (``dealer_api_route``), so an endpoint added by any add-on is covered
without editing the crawler. For each operation:

* no key, an unknown key, a revoked key and an expired key answer 401;
* an integration key holding every scope but the operation's answers 403, an integration key on
  an operation for dealers' systems only answers 403, a dealer key on an operation for the
  brand's systems only answers 403, a dealer key naming another dealer in ``?dealer=`` answers 403;
* each integer path parameter names records of the model its ``ApiParameter.model`` declares:
  dealer A's key (or an integration key acting for A) with dealer B's record answers 404 and shows
  nothing of B, while A's own record is found (so the 404 is about B, not about every id). The
  records come from per-model fixtures (below); an integer path parameter without a model, or a
  model without a fixture, is a finding saying what to add;
* a write refuses a body over 2 MB (413), nested 11 levels deep (400) and invalid JSON (400).

Every answer must be the API's JSON (never 5xx, never an HTML page).

Fixtures: an add-on whose endpoints take ids of a model adds ``tests/api_fixtures.py``::

    from odoo.addons.dealer_api.tests.api_crawler import api_fixture

    @api_fixture("dealer.return")
    def dealer_return(env, dealer):
        return ...  # a record of ``dealer`` (created in the test's transaction)

and may add ``@api_seed`` functions ``(env, dealer)`` giving a dealer data its reads answer
(the contract fuzzing reads them). ``load_api_fixtures`` imports the file of every installed add-on.

Usage in an ``HttpCase``::

    crawler = ApiCrawler(self, dealer_a, dealer_b)
    self.assertFalse(crawler.crawl())
"""

import importlib
import json
import os
import re
import uuid
from datetime import timedelta

import werkzeug.routing.converters

from odoo import fields
from odoo.modules.module import get_module_path
from odoo.tools import mute_logger

from odoo.addons.dealer_base.tests.security_crawler import endpoint_modules

from ..models.dealer_api_call import MAX_BODY_BYTES, MAX_JSON_DEPTH
from ..tools.openapi import openapi_path

_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
# model -> function(env, dealer) returning a record of the dealer.
API_FIXTURES = {}
# functions(env, dealer) giving a dealer data for the API's reads.
API_SEEDS = []


def api_fixture(model):
    """Register ``function(env, dealer) -> record`` as the way to get a record of ``model`` of a dealer."""

    def register(function):
        API_FIXTURES[model] = function
        return function

    return register


def api_seed(function):
    """Register ``function(env, dealer)``: gives the dealer data the API's reads answer."""
    if function not in API_SEEDS:
        API_SEEDS.append(function)
    return function


def load_api_fixtures(env):
    """Import ``tests/api_fixtures.py`` of every installed add-on that has one; returns API_FIXTURES."""
    installed = env["ir.module.module"].sudo().search([("state", "=", "installed")]).mapped("name")
    for name in sorted(installed):
        path = get_module_path(name, display_warning=False)
        if path and os.path.isfile(os.path.join(path, "tests", "api_fixtures.py")):
            importlib.import_module(f"odoo.addons.{name}.tests.api_fixtures")
    return API_FIXTURES


def api_operations(env, modules=None):
    """(rule, operation) of every operation of the API's routes (of ``modules`` only, if given)."""
    for rule in env["ir.http"].routing_map().iter_rules():
        operations = getattr(rule.endpoint, "routing", {}).get("dealer_api")
        if not operations or (modules is not None and not endpoint_modules(rule.endpoint) & set(modules)):
            continue
        for operation in operations:
            yield rule, operation


def example_value(schema):
    """The smallest value valid for a JSON schema of the API (required properties only, one item per list)."""
    schema = schema or {}
    if "example" in schema:
        return schema["example"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "object")
    if kind == "object":
        properties = schema.get("properties") or {}
        value = {name: example_value(properties.get(name)) for name in schema.get("required", [])}
    elif kind == "array":
        value = [example_value(schema.get("items"))] * max(schema.get("minItems", 1), 1)
    elif kind in ("integer", "number"):
        value = max(schema.get("minimum", 1), 1)
    else:
        value = True if kind == "boolean" else "x" * max(schema.get("minLength", 1), 1)
    return value


def nested_json(depth):
    """A JSON object nested ``depth`` levels deep."""
    return ('{"a":' * depth + "1" + "}" * depth).encode()


class ApiCrawler:
    def __init__(self, case, dealer_a, dealer_b, *, modules=None):
        self.case = case
        self.env = case.env
        self.dealer_a = dealer_a
        self.dealer_b = dealer_b
        self.modules = modules
        self.fixtures = load_api_fixtures(self.env)
        Key = self.env["dealer.api.key"].sudo()
        self.key_a = Key._generate(dealer_a, "Crawler A")[1]
        self.revoked_key = Key._generate(dealer_a, "Crawler revoked")
        self.revoked_key[0].action_revoke()
        self.revoked_key = self.revoked_key[1]
        past = fields.Datetime.now() - timedelta(seconds=1)
        self.expired_key = Key._generate(dealer_a, "Crawler expired", expires_on=past)[1]
        self.scopes = self.env["dealer.api.scope"].sudo().search([])
        self.integration_key = Key._generate_integration("Crawler brand", self.scopes)[1]
        self._scope_keys = {}
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "100000")
        self.findings = []
        self.visited = []

    # ------------------------------------------------------------
    # CRAWLING
    # ------------------------------------------------------------

    def crawl(self):
        """Probe every operation; returns the findings (empty when every refusal holds)."""
        with mute_logger("odoo.http", "odoo.sql_db", "werkzeug", "odoo.addons.dealer_api.models.dealer_api_call"):
            for rule, operation in api_operations(self.env, self.modules):
                self.crawl_operation(rule, operation)
        return self.findings

    def crawl_operation(self, rule, operation):
        label = f"{operation.method} {openapi_path(rule.rule)} ({operation.operation})"
        path_ids = self.path_parameters(rule, operation, label)
        if path_ids is None:
            return
        url_a = self.url(rule, {name: record_a.id for name, (record_a, _record_b) in path_ids.items()})
        dealer_audience = "dealer" in operation.audience
        integration_audience = "integration" in operation.audience
        acts_for_dealer = operation.acts_for == "dealer"
        # Who may call it for dealer A: the check of each refusal is that this caller is not refused.
        if dealer_audience:
            caller = (self.key_a, {})
        elif acts_for_dealer:
            caller = (self.integration_key, {"dealer": self.dealer_a.dealer_code})
        else:
            caller = (self.integration_key, {})

        for name, key in (
            ("no key", None),
            ("an unknown key", "dk_" + "0" * 40),
            ("a revoked key", self.revoked_key),
            ("an expired key", self.expired_key),
        ):
            self.expect(label, name, operation, url_a, 401, key=key, params=caller[1], error="invalid_key")
        # (None when the operation's scope is the only one there is.)
        key = self.key_without_scope(operation.scope) if integration_audience and operation.scope else None
        if key:
            params = {"dealer": self.dealer_a.dealer_code} if acts_for_dealer else {}
            what = f"an integration key without {operation.scope}"
            self.expect(label, what, operation, url_a, 403, key=key, params=params, error="missing_scope")
        if not integration_audience:
            params = {"dealer": self.dealer_a.dealer_code}
            key = self.integration_key
            self.expect(
                label, "an integration key", operation, url_a, 403, key=key, params=params, error="wrong_key_type"
            )
        if not dealer_audience:
            self.expect(label, "a dealer key", operation, url_a, 403, key=self.key_a, error="wrong_key_type")
        elif acts_for_dealer:
            params = {"dealer": self.dealer_b.dealer_code}
            what = "dealer A's key naming dealer B"
            self.expect(label, what, operation, url_a, 403, key=self.key_a, params=params, error="forbidden_dealer")
        if operation.method != "GET":
            self.crawl_body_bounds(label, operation, url_a, caller)
        # Dealer A's own callers with dealer B's ids: its key, and an integration key acting for A.
        callers = [(self.key_a, {})] if dealer_audience else []
        if integration_audience and acts_for_dealer:
            callers.append((self.integration_key, {"dealer": self.dealer_a.dealer_code}))
        for caller in callers if path_ids else ():
            self.crawl_path_ids(label, rule, operation, path_ids, caller)

    def crawl_path_ids(self, label, rule, operation, path_ids, caller):
        for name, (record_a, record_b) in path_ids.items():
            ids = {other: pair[0].id for other, pair in path_ids.items()}
            markers = [self.dealer_b.dealer_code, self.dealer_b.name, record_b.display_name]
            url_b = self.url(rule, dict(ids, **{name: record_b.id}))
            what = f"{caller_name(caller)} with dealer {self.dealer_b.dealer_code}'s {record_b._name} in {name}"
            response = self.expect(label, what, operation, url_b, 404, key=caller[0], params=caller[1])
            if response is not None:
                leaked = [marker for marker in markers if marker and marker in response.text]
                if leaked:
                    self.findings.append(f"{label}: {what} shows dealer {self.dealer_b.dealer_code}'s data {leaked}")
            # A's own record is found: the 404 above is about B's record, not about any id.
            url_a = self.url(rule, ids)
            response = self.call(operation, url_a, *caller)
            self.visited.append((operation.method, url_a, f"{caller_name(caller)} with its own {name}"))
            if response.status_code == 404:
                self.findings.append(
                    f"{label}: {caller_name(caller)} gets 404 for dealer {self.dealer_a.dealer_code}'s own "
                    f"{record_a._name} #{record_a.id}: the fixture of {record_a._name} or the endpoint is wrong"
                )

    def crawl_body_bounds(self, label, operation, url, caller):
        key, params = caller
        for what, body, status in (
            ("a body over 2 MB", b'{"a":"' + b"x" * MAX_BODY_BYTES + b'"}', 413),
            (f"a body nested {MAX_JSON_DEPTH + 1} levels deep", nested_json(MAX_JSON_DEPTH + 1), 400),
            ("a body that is not JSON", b'{"lines": [', 400),
        ):
            self.expect(label, what, operation, url, status, key=key, params=params, body=body)

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def path_parameters(self, rule, operation, label):
        """{argument: (record of A, record of B)} of the rule's integer path arguments; None (and a
        finding) when one cannot be filled."""
        declared = {p.name: p for p in operation.parameters if p.location == "path"}
        result = {}
        for name in sorted(rule.arguments - set(rule.defaults or {})):
            if not isinstance(rule._converters[name], werkzeug.routing.converters.NumberConverter):
                self.findings.append(f"{label}: path parameter {name} is not an id: the crawler cannot fill it")
                return None
            model = declared[name].model if name in declared else None
            if not model:
                self.findings.append(
                    f"{label}: integer path parameter {name} declares no model: give its ApiParameter "
                    f'model="<model>" so that the crawler tries another dealer\'s records'
                )
                return None
            fixture = self.fixtures.get(model)
            if not fixture:
                self.findings.append(
                    f"{label}: no API fixture gives a dealer's {model}: add @api_fixture({model!r}) to "
                    "tests/api_fixtures.py of the add-on (see dealer_api/tests/api_crawler.py)"
                )
                return None
            result[name] = (fixture(self.env, self.dealer_a), fixture(self.env, self.dealer_b))
        return result

    def key_without_scope(self, scope):
        if scope not in self._scope_keys:
            others = self.scopes.filtered(lambda s: s.code != scope) or self.scopes.browse()
            if others:
                key = self.env["dealer.api.key"].sudo()._generate_integration(f"Crawler without {scope}", others)[1]
            else:
                key = None
            self._scope_keys[scope] = key
        return self._scope_keys[scope]

    @staticmethod
    def url(rule, values):
        # Filled by hand: the converters would only build from their own values.
        return _ARGUMENT.sub(lambda match: str(values[match.group(1)]), rule.rule)

    def call(self, operation, url, key, params, body=None):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        if operation.method != "GET":
            headers["Idempotency-Key"] = f"crawl-{uuid.uuid4().hex}"
            if body is None:
                body = json.dumps(example_value(operation.request_schema)).encode()
        return self.case.opener.request(
            operation.method, self.case.base_url() + url, params=params, data=body, headers=headers, timeout=60
        )

    def expect(self, label, what, operation, url, status, *, key=None, params=None, error=None, body=None):
        """Call, and record a finding unless the answer is the API's JSON error ``status`` (``error``)."""
        self.visited.append((operation.method, url, what))
        response = self.call(operation, url, key, params or {}, body=body)
        probe = f"{label} with {what}"
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code != status:
            self.findings.append(f"{probe}: {response.status_code} instead of {status}: {response.text[:300]}")
        elif not isinstance(answer, dict) or answer.get("status") != "error":
            self.findings.append(f"{probe}: the answer is not the API's JSON error: {response.text[:300]}")
        elif error and answer.get("error") != error:
            self.findings.append(f"{probe}: error {answer.get('error')!r} instead of {error!r}")
        elif not response.headers.get("Content-Type", "").startswith("application/json"):
            self.findings.append(f"{probe}: answered as {response.headers.get('Content-Type')}")
        return response


def caller_name(caller):
    key, params = caller
    if key.startswith("dk_"):
        return "dealer A's key"
    return f"an integration key acting for {params['dealer']}" if params.get("dealer") else "an integration key"
