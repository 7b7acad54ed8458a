import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ApiCase

ERROR_KEYS = {"status", "error", "message"}


@tagged("post_install", "-at_install")
class TestApiFrame(ApiCase):
    """What every endpoint gets from the frame, through an operation of the test's own."""

    def setUp(self):
        super().setUp()
        self.applied = []

        def echo(request):
            self.applied.append(request["payload"])
            return 200, {"status": "ok", "dealer": request["dealer"].dealer_code, "got": request["payload"]}

        self.enterContext(self._operation("echo", echo))

    def _assert_error(self, result, status, code):
        self.assertEqual(result[0], status, result)
        self.assertEqual(result[1]["error"], code, result)
        self.assertLessEqual(ERROR_KEYS, set(result[1]), result)

    def test_missing_unknown_and_revoked_keys_get_401_and_are_logged(self):
        before = self.Call.search_count([])
        for key in (None, "", "dk_wrong", self.key_a + "x"):
            status, answer, headers = self._process(key)
            self._assert_error((status, answer), 401, "invalid_key")
            self.assertIn("Bearer", headers["WWW-Authenticate"])
        self.key_b_record.with_user(self.manager).action_revoke()
        self._assert_error(self._process(self.key_b), 401, "invalid_key")
        self.assertEqual(self.Call.search_count([]), before + 5)
        self.assertFalse(self.applied)

    def test_every_write_needs_an_idempotency_key_and_a_replay_answers_the_first_result(self):
        self._assert_error(self._process(self.key_a, body={"n": 1}), 400, "idempotency_key_required")
        for bad in ("", "x" * 129, "with space", "中文"):
            self._assert_error(
                self._process(self.key_a, body={"n": 1}, headers={"Idempotency-Key": bad}),
                400,
                "invalid_idempotency_key",
            )
        headers = {"Idempotency-Key": "order-1"}
        first = self._process(self.key_a, body={"n": 1}, headers=headers)
        self.assertEqual(first[:2], (200, {"status": "ok", "dealer": "TA01", "got": {"n": 1}}))
        replay = self._process(self.key_a, body={"n": 1}, headers=headers)
        self.assertEqual(replay, (200, first[1], {"Idempotent-Replay": "true"}))
        self.assertEqual(self.applied, [{"n": 1}])
        # The same key with another body, or on another endpoint, is a conflict.
        self._assert_error(self._process(self.key_a, body={"n": 2}, headers=headers), 409, "idempotency_key_reused")
        self._assert_error(
            self._process(self.key_a, body={"n": 1}, headers=headers, path="/dealer_api/v1/other"),
            409,
            "idempotency_key_reused",
        )
        # Idempotency keys belong to the API key that sent them.
        self.assertEqual(self._process(self.key_b, body={"n": 2}, headers=headers)[0], 200)
        self.assertEqual(self.applied, [{"n": 1}, {"n": 2}])
        calls = self.Call.search([("key_id", "=", self.key_a_record.id), ("request_id", "=", "order-1")])
        originals = calls.filtered(lambda c: not c.replay_of_id)
        self.assertEqual(len(originals), 1)
        self.assertEqual((calls - originals).replay_of_id, originals)

    def test_a_failed_write_applied_nothing_and_its_key_may_be_used_again(self):
        outcomes = iter([(422, self.Call._error("invalid", "no")), (200, {"status": "ok"})])
        with self._operation("echo", lambda request: next(outcomes)):
            headers = {"Idempotency-Key": "retry-1"}
            self.assertEqual(self._process(self.key_a, body={"n": 1}, headers=headers)[0], 422)
            self.assertEqual(self._process(self.key_a, body={"n": 1}, headers=headers)[0], 200)

    def test_bodies_are_bounded_in_size_and_depth_and_must_be_json_objects(self):
        headers = {"Idempotency-Key": "b-1"}
        self._assert_error(self._process(self.key_a, body=None, headers=headers), 413, "too_large")
        self._assert_error(
            self._process(self.key_a, body=b"{" + b" " * (2 * 1024 * 1024) + b"}", headers=headers), 413, "too_large"
        )
        deep = b'{"a": ' + b"[" * 100000 + b"]" * 100000 + b"}"
        result = self._process(self.key_a, body=deep, headers=headers)
        self._assert_error(result, 400, "invalid_json")
        self.assertIn("10 levels", result[1]["message"])
        # Brackets inside strings are text, not nesting.
        self.assertEqual(self._process(self.key_a, body={"note": "[[[[[[[[[[[[[[[[[[[["}, headers=headers)[0], 200)
        for body in (b"{not json", b"\xff\xfe", b"", b"{'a': 1}"):
            self._assert_error(self._process(self.key_a, body=body, headers=headers), 400, "invalid_json")
        for body in (b"[]", b"42", b'"text"', b"null"):
            self._assert_error(self._process(self.key_a, body=body, headers=headers), 400, "invalid_payload")
        self.assertEqual(len(self.applied), 1)

    def test_nul_characters_in_parameters_or_bodies_are_refused(self):
        # PostgreSQL text cannot hold them: no endpoint may fail on one.
        headers = {"Idempotency-Key": "nul-1"}
        for body in ({"lines": [{"sku": "A\u0000"}]}, {"a\u0000": 1}, {"a": [[{"b": "\u0000"}]]}):
            result = self._process(self.key_a, body=body, headers=headers)
            self._assert_error(result, 400, "invalid_payload")
        result = self._process(self.key_a, method="GET", body=b"", params={"dealer": "TA01\x00"})
        self._assert_error(result, 400, "invalid_parameter")
        self.assertFalse(self.applied)

    def test_integration_keys_need_the_scope_and_name_the_dealer(self):
        route = {"scope": "catalog:read", "method": "GET"}
        self._assert_error(self._process(self.integration_key, **route), 400, "dealer_required")
        self._assert_error(
            self._process(self.integration_key, params={"dealer": "NOPE"}, **route), 404, "unknown_dealer"
        )
        status, answer, _headers = self._process(self.integration_key, params={"dealer": "TB01"}, **route)
        self.assertEqual((status, answer["dealer"]), (200, "TB01"))
        self.assertEqual(self.Call.search([], limit=1).dealer_id, self.dealer_b)
        result = self._process(self.integration_key, params={"dealer": "TB01"}, scope="orders:write", method="GET")
        self._assert_error(result, 403, "missing_scope")
        self.assertEqual(result[1]["scope"], "orders:write")
        result = self._process(self.integration_key, params={"dealer": "TB01"}, audience=("dealer",), method="GET")
        self._assert_error(result, 403, "wrong_key_type")

    def test_dealer_keys_act_for_their_own_dealer_only(self):
        route = {"scope": "catalog:read", "method": "GET"}
        status, answer, _headers = self._process(self.key_a, **route)
        self.assertEqual((status, answer["dealer"]), (200, "TA01"))
        self.assertEqual(self._process(self.key_a, params={"dealer": "TA01"}, **route)[0], 200)
        self._assert_error(self._process(self.key_a, params={"dealer": "TB01"}, **route), 403, "forbidden_dealer")
        self._assert_error(self._process(self.key_a, audience=("integration",), **route), 403, "wrong_key_type")
        self.dealer_a._action_dealer_suspend("Unpaid invoices")
        self._assert_error(self._process(self.key_a, **route), 403, "dealer_inactive")
        self._assert_error(
            self._process(self.integration_key, params={"dealer": "TA01"}, **route), 403, "dealer_inactive"
        )

    def test_reads_carry_an_etag_and_answer_304_when_nothing_changed(self):
        headers = self._process(self.key_a, method="GET")[2]
        etag = headers["ETag"]
        self.assertTrue(etag.startswith('W/"'))
        self.assertEqual(self._process(self.key_a, method="GET", headers={"If-None-Match": etag})[:2], (304, None))
        self.assertEqual(
            self._process(self.key_a, method="GET", headers={"If-None-Match": f'W/"other", {etag}'})[0], 304
        )
        self.assertEqual(self._process(self.key_a, method="GET", headers={"If-None-Match": 'W/"other"'})[0], 200)
        self.assertEqual(self._process(self.key_b, method="GET", headers={"If-None-Match": etag})[0], 200)
        self.assertEqual(self.Call.search([], limit=1).status_code, 200)

    def test_calls_over_the_rate_limit_are_refused_per_key_and_logged(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "3")
        statuses = [self._process(self.key_a, method="GET")[0] for _n in range(4)]
        self.assertEqual(statuses, [200, 200, 200, 429])
        self.assertEqual(self._process(self.key_a, method="GET")[2]["Retry-After"], "60")
        self.assertEqual(self._process(self.key_b, method="GET")[0], 200)
        calls = self.Call.search([("key_id", "=", self.key_a_record.id)])
        self.assertEqual(calls.mapped("status_code").count(429), 2)

    def test_a_failing_operation_is_logged_and_answers_a_stable_error(self):
        def fail(request):
            raise ValueError("boom")

        with self._operation("echo", fail), mute_logger("odoo.addons.dealer_api.models.dealer_api_call"):
            self._assert_error(self._process(self.key_a, method="GET"), 500, "internal_error")
        self.assertEqual(self.Call.search([], limit=1).status_code, 500)
        self._assert_error(self._process(self.key_a, method="GET", operation="nothing_here"), 404, "not_found")


@tagged("post_install", "-at_install")
class TestApiHttp(HttpCase, ApiCase):
    def _get(self, url, key=None, headers=None):
        headers = dict(headers or {})
        if key:
            headers["Authorization"] = f"Bearer {key}"
        with mute_logger("werkzeug"):
            return self.url_open(url, headers=headers)

    def test_me_tells_the_key_its_dealer_and_scopes(self):
        response = self._get("/dealer_api/v1/me", self.key_a)
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual((body["key"]["type"], body["dealer"]["code"]), ("dealer", "TA01"))
        self.assertNotIn(self.key_a, response.text)
        body = self._get("/dealer_api/v1/me", self.integration_key).json()
        self.assertEqual((body["key"]["scopes"], body["dealer"]), (["catalog:read"], None))
        # The first version's header still works.
        response = self._get("/dealer_api/v1/me", headers={"X-Dealer-Api-Key": self.key_b})
        self.assertEqual(response.json()["dealer"]["code"], "TB01")

    def test_http_answers_401_json_and_304_without_a_body(self):
        for headers in ({}, {"Authorization": "Bearer dk_nope"}, {"Authorization": "Basic abc"}):
            response = self._get("/dealer_api/v1/me", headers=headers)
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["error"], "invalid_key")
            self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
        first = self._get("/dealer_api/v1/me", self.key_a)
        again = self._get("/dealer_api/v1/me", self.key_a, {"If-None-Match": first.headers["ETag"]})
        self.assertEqual((again.status_code, again.content), (304, b""))

    def test_write_method_on_a_read_endpoint_is_not_served(self):
        with mute_logger("werkzeug", "odoo.http"):
            response = self.url_open(
                "/dealer_api/v1/me",
                data=json.dumps({}),
                headers={"Authorization": f"Bearer {self.key_a}", "Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 405)
        self.assertEqual((response.json()["error"], response.headers["Allow"]), ("method_not_allowed", "GET"))

    def test_a_path_no_endpoint_serves_answers_the_api_json_404(self):
        for path in ("/dealer_api/v1/nothing", "/dealer_api/v1/me/1", "/dealer_api/v1/orders/99999999999"):
            response = self._get(path, self.key_a)
            self.assertEqual(response.status_code, 404, path)
            self.assertEqual(response.json()["error"], "not_found", path)
            self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
