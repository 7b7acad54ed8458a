import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .channel_common import ChannelCase

URL = "/dealer_api/v1/stock_reports"


@tagged("post_install", "-at_install")
class TestDealerApi(HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Key = cls.env["dealer.api.key"]
        cls.key_a_record, cls.key_a = Key._generate(cls.dealer_a, "ERP A")
        cls.key_b_record, cls.key_b = Key._generate(cls.dealer_b, "ERP B")

    def _call(self, key, payload=None, method="POST", url=URL, params=None):
        headers = {"Content-Type": "application/json"}
        if key:
            headers["X-Dealer-Api-Key"] = key
        data = json.dumps(payload) if isinstance(payload, dict | list) else payload
        with mute_logger("werkzeug"):
            return self.opener.request(method, self.base_url() + url, data=data, headers=headers, params=params)

    def _payload(self, request_id="r-1", **line):
        return {
            "request_id": request_id,
            "period": self._week(0),
            "lines": [dict({"sku": "T-CH-1", "on_hand": 12, "sold": 3}, **line)],
        }

    def _calls(self, dealer=None):
        return self.env["dealer.api.call"].search([("dealer_id", "=", dealer.id)] if dealer else [])

    def test_key_is_stored_hashed_and_shown_once(self):
        self.assertTrue(self.key_a.startswith("dk_"))
        self.env.cr.execute("SELECT key_hash FROM dealer_api_key WHERE id = %s", [self.key_a_record.id])
        stored = self.env.cr.fetchone()[0]
        self.assertNotIn(self.key_a, stored)
        self.assertNotIn("key_hash", self.key_a_record.read()[0])
        self.assertEqual(self.env["dealer.api.key"]._authenticate(self.key_a), self.key_a_record)
        wrong = self.key_a[:-1] + ("1" if self.key_a.endswith("0") else "0")
        self.assertFalse(self.env["dealer.api.key"]._authenticate(wrong))

    def test_only_dealer_managers_generate_and_revoke_keys(self):
        with self.assertRaises(AccessError):
            self.env["dealer.api.key"].with_user(self.sales_a)._generate(self.dealer_a, "mine")
        with self.assertRaises(AccessError):
            self.key_a_record.with_user(self.sales_a).action_revoke()
        self.env["dealer.api.key"].with_user(self.manager)._generate(self.dealer_a, "by manager")

    def test_calls_without_a_valid_key_are_refused_and_logged(self):
        before = self.env["dealer.api.call"].search_count([])
        for key in (None, "dk_wrong", self.key_a + "x"):
            response = self._call(key, self._payload())
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["error"], "invalid_key")
        self.assertEqual(self.env["dealer.api.call"].search_count([]), before + 3)
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))

    def test_valid_report_is_saved_for_the_keys_dealer_only(self):
        payload = self._payload(dealer_id=self.dealer_b.id)
        payload["dealer"] = self.dealer_b.dealer_code
        response = self._call(self.key_a, payload)
        self.assertEqual(response.status_code, 200, response.text)
        body = response.json()
        self.assertEqual(body["status"], "ok")
        self.assertEqual(body["reports"][0]["lines"], 1)
        self.assertTrue(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_b.id)]))
        call = self._calls(self.dealer_a)
        self.assertEqual((call.status_code, call.request_id, call.key_id), (200, "r-1", self.key_a_record))

    def test_dealer_reads_only_its_own_reports_and_suggestions(self):
        self._report(self.dealer_b, [(self.p1, 4, 10)], self._week(0))
        self._report(self.dealer_a, [(self.p2, 9, 1)], self._week(0))
        response = self._call(self.key_a, method="GET", params={"period": self._week(0)})
        self.assertEqual(response.status_code, 200)
        self.assertEqual([line["sku"] for line in response.json()["lines"]], ["T-CH-2"])
        response = self._call(self.key_a, method="GET", url="/dealer_api/v1/suggestions")
        self.assertEqual([s["sku"] for s in response.json()["suggestions"]], [])
        response = self._call(self.key_b, method="GET", url="/dealer_api/v1/suggestions")
        suggestion = response.json()["suggestions"][0]
        self.assertEqual((suggestion["sku"], suggestion["suggested_qty"]), ("T-CH-1", 36))
        self.assertIn("4 weeks target", suggestion["reasoning"])

    def test_bad_lines_are_all_listed_and_nothing_is_saved(self):
        payload = self._payload()
        payload["lines"].append({"sku": "NOPE", "on_hand": -1, "sold": 1})
        response = self._call(self.key_a, payload)
        self.assertEqual(response.status_code, 422)
        errors = response.json()["errors"]
        self.assertEqual({e["line"] for e in errors}, {"line 2"})
        self.assertEqual(len(errors), 2)
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))
        for body in ("{not json", json.dumps({"lines": "x"})):
            self.assertEqual(self._call(self.key_a, body).status_code, 400)

    def test_deeply_nested_json_is_refused_logged_and_counted(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "2")
        deep = '{"lines": [], "x": ' + "[" * 100000 + "]" * 100000 + "}"
        response = self._call(self.key_a, deep)
        self.assertEqual(response.status_code, 400)
        self.assertIn("nested more than 10 levels", response.json()["message"])
        # Brackets inside strings are text, not nesting.
        payload = self._payload(note="[[[[[[[[[[[[[[[[[[[[[[[[")
        self.assertEqual(self._call(self.key_a, payload).status_code, 200)
        self.assertEqual(self._calls(self.dealer_a).mapped("status_code"), [200, 400])
        self.assertEqual(self._call(self.key_a, deep).status_code, 429)

    def test_absurd_quantities_are_refused_and_nothing_is_saved(self):
        for value in (1e20, 1e308, "NaN", "Infinity", -1, 1000001):
            response = self._call(self.key_a, self._payload(request_id=None, on_hand=value))
            self.assertEqual(response.status_code, 422, value)
            self.assertEqual(len(response.json()["errors"]), 1, value)
        # JSON's own NaN and Infinity literals, which Python's parser accepts.
        for literal in ("NaN", "Infinity", "-Infinity", "1e400"):
            line = '{"sku": "T-CH-1", "on_hand": ' + literal + ', "sold": 0}'
            body = '{"period": "' + self._week(0) + '", "lines": [' + line + "]}"
            self.assertEqual(self._call(self.key_a, body).status_code, 422, literal)
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))

    def test_replayed_request_returns_the_first_answer_without_applying_it_again(self):
        first = self._call(self.key_a, self._payload())
        self.assertEqual(first.status_code, 200)
        # Meanwhile the dealer corrects the figure through the portal.
        self._report(self.dealer_a, [(self.p1, 11, 3)], self._week(0))
        replay = self._call(self.key_a, self._payload())
        self.assertEqual(replay.status_code, 200)
        self.assertEqual(replay.json(), first.json())
        self.assertEqual(replay.headers.get("Idempotent-Replay"), "true")
        line = self.Report.search([("dealer_id", "=", self.dealer_a.id)]).line_ids
        self.assertEqual(line.onhand_qty, 11)
        calls = self._calls(self.dealer_a)
        self.assertEqual(len(calls), 2)
        self.assertEqual(calls[0].replay_of_id, calls[1])
        conflict = self._call(self.key_a, self._payload(on_hand=99))
        self.assertEqual(conflict.status_code, 409)
        self.assertEqual(line.onhand_qty, 11)

    def test_revoked_key_is_refused(self):
        self.assertEqual(self._call(self.key_a, method="GET").status_code, 200)
        self.key_a_record.with_user(self.manager).action_revoke()
        self.assertFalse(self.key_a_record.active)
        self.assertEqual(self._call(self.key_a, method="GET").status_code, 401)
        self.assertEqual(self._call(self.key_b, method="GET").status_code, 200)

    def test_calls_over_the_rate_limit_are_refused_per_key(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "3")
        statuses = [self._call(self.key_a, method="GET").status_code for _n in range(4)]
        self.assertEqual(statuses, [200, 200, 200, 429])
        response = self._call(self.key_a, method="GET")
        self.assertEqual(response.headers.get("Retry-After"), "60")
        self.assertEqual(self._call(self.key_b, method="GET").status_code, 200)
        self.assertEqual(self._calls(self.dealer_a).mapped("status_code").count(429), 2)

    def test_api_keys_and_calls_are_hidden_from_salespeople_and_portal(self):
        portal = new_test_user(self.env, "t_api_portal", groups="base.group_portal")
        for user in (self.sales_a, portal):
            with self.assertRaises(AccessError):
                self.env["dealer.api.key"].with_user(user).search([])
            with self.assertRaises(AccessError):
                self.env["dealer.api.call"].with_user(user).search([])

    def test_bearer_key_and_idempotency_header_work_like_the_first_version(self):
        headers = {"Authorization": f"Bearer {self.key_a}", "Idempotency-Key": "erp-42"}
        payload = self._payload(request_id=None)
        with mute_logger("werkzeug"):
            first = self.url_open(URL, data=json.dumps(payload), headers=headers)
            replay = self.url_open(URL, data=json.dumps(payload), headers=headers)
            other = self.url_open(URL, data=json.dumps(self._payload(request_id=None, on_hand=7)), headers=headers)
        self.assertEqual(first.status_code, 200, first.text)
        self.assertEqual(first.json()["request_id"], "erp-42")
        self.assertEqual((replay.status_code, replay.headers.get("Idempotent-Replay")), (200, "true"))
        self.assertEqual(other.status_code, 409)
        self.assertEqual(other.json()["error"], "idempotency_key_reused")
        self.assertEqual(self.Report.search([("dealer_id", "=", self.dealer_a.id)]).line_ids.onhand_qty, 12)

    def test_body_over_two_megabytes_is_refused_unread(self):
        body = '{"lines": [], "pad": "' + "x" * (2 * 1024 * 1024) + '"}'
        response = self._call(self.key_a, body)
        self.assertEqual(response.status_code, 413)
        self.assertEqual(response.json()["error"], "too_large")

    def test_integration_keys_do_not_send_stock_reports(self):
        _record, key = self.env["dealer.api.key"]._generate_integration("ERP", ["catalog:read"])
        response = self._call(key, self._payload(), params={"dealer": self.dealer_a.dealer_code})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["error"], "wrong_key_type")

    def test_stock_report_endpoints_are_in_the_openapi_document(self):
        document = self.url_open("/dealer_api/v1/openapi.json").json()
        self.assertEqual(set(document["paths"]["/stock_reports"]), {"get", "post"}, sorted(document["paths"]))
        self.assertIn("/suggestions", document["paths"])
