"""Every operation of the dealer API answers as its OpenAPI document says, whatever it is sent.

The document is read from the running server (/dealer_api/v1/openapi.json), so an endpoint any
add-on adds is fuzzed without editing this test. For each operation, schemathesis generates
requests from the document (valid ones, then invalid ones) and sends them with a dealer key and
with an integration key holding every scope acting for the same dealer (those of the key kinds
the operation takes: the security crawler covers the refusals). Each answer must not be a 5xx,
its status must be documented, its content type and body must match the documented response.

Bounded and deterministic: a few examples per operation, key and mode, derandomized, no shrinking.
Everything the calls write is in the test's transaction (HttpCase requests share its cursor),
rolled back at the end.
"""

import hypothesis
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_api.tests.api_crawler import API_SEEDS, api_operations, load_api_fixtures
from odoo.addons.dealer_api.tests.common import ApiCase
from odoo.addons.dealer_api.tools.openapi import API_PREFIX

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Examples per operation, key and generation mode: enough to cross every branch of the
# parameters' schemas, few enough for the whole API in well under three minutes.
EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 15, schemathesis.GenerationMode.NEGATIVE: 10}


@tagged("post_install", "-at_install")
class TestApiContract(HttpCase, ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "100000")
        scopes = cls.env["dealer.api.scope"].search([])
        cls.all_scopes_key = cls.env["dealer.api.key"]._generate_integration("Brand ERP, all scopes", scopes)[1]
        cls.fixtures = load_api_fixtures(cls.env)
        # Data for the reads to answer (each add-on's tests/api_fixtures.py).
        for seed in API_SEEDS:
            seed(cls.env, cls.dealer_a)

    def _schema(self):
        response = self.url_open(API_PREFIX + "/openapi.json")
        self.assertEqual(response.status_code, 200)
        return schemathesis.openapi.from_dict(response.json())

    def _callers(self, operation):
        """(name, headers, fixed query) of the keys that take the operation, acting for dealer A."""
        own_dealer = {"dealer": self.dealer_a.dealer_code} if operation.acts_for == "dealer" else {}
        if "dealer" in operation.audience:
            yield "dealer key", {"Authorization": f"Bearer {self.key_a}"}, {}
        if "integration" in operation.audience:
            yield "integration key", {"Authorization": f"Bearer {self.all_scopes_key}"}, own_dealer

    def _path_ids(self, operation):
        """Dealer A's own records for the path ids, so that valid requests reach an existing record."""
        return {
            parameter.name: self.fixtures[parameter.model](self.env, self.dealer_a).id
            for parameter in operation.parameters
            if parameter.location == "path" and parameter.model in self.fixtures
        }

    def _fuzz(self, api_operation, mode, *, headers, query, path_ids, statuses):
        """Failures (texts) of the generated requests of one operation, key and mode; adds the
        statuses answered to ``statuses``."""
        failures = []
        fixed = {"query": query} if query else {}
        if mode == schemathesis.GenerationMode.POSITIVE and path_ids:
            fixed["path_parameters"] = path_ids

        @hypothesis.settings(
            max_examples=EXAMPLES[mode],
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @hypothesis.given(case=api_operation.as_strategy(generation_mode=mode, **fixed))
        def run(case):
            response = case.call(
                base_url=self.base_url() + API_PREFIX, session=self.opener, headers=headers, timeout=60
            )
            statuses.add(response.status_code)
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except (Failure, FailureGroup) as error:
                # Collected, not raised: every operation is fuzzed, whatever the first one did.
                failures.append(str(error))

        run()
        return failures

    def test_every_operation_answers_as_its_contract_says(self):
        schema = self._schema()
        operations = {operation.operation: operation for _rule, operation in api_operations(self.env)}
        findings, fuzzed, answered = [], set(), {}
        with mute_logger("odoo.http", "werkzeug"):
            for result in schema.get_all_operations():
                api_operation = result.ok()
                operation = operations[api_operation.definition.raw["operationId"]]
                path_ids = self._path_ids(operation)
                for name, headers, query in self._callers(operation):
                    for mode in EXAMPLES:
                        statuses = answered.setdefault((operation.operation, operation.method), set())
                        failures = self._fuzz(
                            api_operation, mode, headers=headers, query=query, path_ids=path_ids, statuses=statuses
                        )
                        if failures:
                            findings.append(
                                f"{api_operation.label} with a {name} ({mode.value}): {len(failures)} failing "
                                f"request(s), the first:\n{failures[0]}"
                            )
                        fuzzed.add((operation.operation, name, mode))
        if findings:
            self.fail("\n\n".join(findings))
        # Every operation of the document was fuzzed with each kind of key it takes, in both modes.
        expected = {
            (operation.operation, name, mode)
            for operation in operations.values()
            for name, _headers, _query in self._callers(operation)
            for mode in EXAMPLES
        }
        self.assertEqual(fuzzed, expected)
        self.assertIn(("catalog", "integration key", schemathesis.GenerationMode.NEGATIVE), fuzzed)
        # Each read answered successfully at least once: its documented answer was checked, not only errors.
        unanswered = [name for (name, method), statuses in answered.items() if method == "GET" and 200 not in statuses]
        self.assertFalse(unanswered, f"reads that never answered 200: {answered}")
