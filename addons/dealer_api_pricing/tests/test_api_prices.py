import json
from datetime import date

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_api.tests.common import ApiCase
from odoo.addons.dealer_pricing.tests.common import DealerPricingCase

from ..controllers.api import PRICES_UPSERT

URL = "/dealer_api/v1/prices"


class PricesApiCase(ApiCase, DealerPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Key = cls.env["dealer.api.key"]
        cls.prices_record, cls.prices_key = Key._generate_integration("Brand ERP prices", ["prices:write"])
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "1000")

    def _upsert(self, key, prices, idempotency_key="upsert-1", body=None):
        """(status, answer, headers) of POST /prices through the frame, as the route declares it."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        return self._process(
            key,
            body=body if body is not None else {"prices": prices},
            headers=headers,
            path=URL,
            **PRICES_UPSERT.route_values(),
        )

    def _prices(self, *dealers):
        dealers = dealers or (self.dealer_a, self.dealer_b)
        prices = self.env["dealer.price"].search([("dealer_id", "in", [d.id for d in dealers])])
        return sorted(
            (p.dealer_code, p.default_code, p.price, p.min_quantity, p.date_start, p.date_end) for p in prices
        )

    def _history(self):
        return self.env["dealer.price.history"].search(
            [("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)], order="id"
        )


@tagged("post_install", "-at_install")
class TestApiPrices(PricesApiCase):
    def test_new_changed_and_unchanged_prices_are_applied_and_counted(self):
        kettle_a = self._price(self.dealer_a, 80.0)
        self._price(self.dealer_a, 75.0, min_quantity=10)
        status, answer, _headers = self._upsert(
            self.prices_key,
            [
                {"dealer": "TA01", "sku": "T-KETTLE", "price": 78},
                {"dealer": "TA01", "sku": "T-KETTLE", "price": 75.0, "min_qty": 10},
                {"dealer": "TA01", "sku": "T-KETTLE", "price": 70, "min_qty": 50},
                {
                    "dealer": "TB01",
                    "sku": "T-LID",
                    "price": 150.5,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                },
                {"dealer": "TA01", "sku": "T-LID", "price": 180, "min_qty": None, "date_start": None},
            ],
        )
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer, {"status": "ok", "created": 3, "updated": 1, "unchanged": 1})
        self.assertEqual(
            self._prices(),
            [
                ("TA01", "T-KETTLE", 70.0, 50.0, False, False),
                ("TA01", "T-KETTLE", 75.0, 10.0, False, False),
                ("TA01", "T-KETTLE", 78.0, 0.0, False, False),
                ("TA01", "T-LID", 180.0, 0.0, False, False),
                ("TB01", "T-LID", 150.5, 0.0, date(2026, 1, 1), date(2026, 12, 31)),
            ],
        )
        self.assertEqual(kettle_a.price, 78.0, "the price of the same dealer, SKU, quantity and dates is updated")
        # The dealer's orders take the new prices, as after an import.
        order = self._sale(self.dealer_a, [(self.product, 60)])
        self.assertEqual(order.order_line.price_unit, 70.0)
        self.assertEqual(self._sale(self.dealer_a, [(self.product, 1)]).order_line.price_unit, 78.0)
        # The history records each change, with the key that made it.
        through_api = self._history().filtered("api_key_id")
        self.assertEqual(
            sorted((h.change_type, h.product_id.default_code, h.old_price, h.new_price) for h in through_api),
            [
                ("create", "T-KETTLE", 0.0, 70.0),
                ("create", "T-LID", 0.0, 150.5),
                ("create", "T-LID", 0.0, 180.0),
                ("write", "T-KETTLE", 80.0, 78.0),
            ],
        )
        self.assertEqual(through_api.api_key_id, self.prices_record)
        # Sent again under another idempotency key, the same prices change nothing.
        status, answer, _headers = self._upsert(
            self.prices_key,
            [
                {"dealer": "TA01", "sku": "T-KETTLE", "price": 78},
                {
                    "dealer": "TB01",
                    "sku": "T-LID",
                    "price": 150.5,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                },
            ],
            idempotency_key="upsert-2",
        )
        self.assertEqual((status, answer), (200, {"status": "ok", "created": 0, "updated": 0, "unchanged": 2}))
        self.assertEqual(self._history().filtered("api_key_id"), through_api)

    def test_one_wrong_row_saves_nothing_and_every_wrong_row_is_listed(self):
        kettle_a = self._price(self.dealer_a, 80.0, date_start=date(2026, 1, 1))
        history = self._history()
        good = {"dealer": "TB01", "sku": "T-KETTLE", "price": 90}
        status, answer, _headers = self._upsert(
            self.prices_key,
            [
                good,
                {"dealer": "NOPE", "sku": "T-LID", "price": 150},
                {"dealer": "TA01", "sku": "NO-SKU", "price": 150},
                {"dealer": "TB01", "sku": "T-LID", "price": -1},
                {"dealer": "TB01", "sku": "T-LID", "price": 1e20},
                {"dealer": "TB01", "sku": "T-LID", "price": 10, "min_qty": -1},
                {"dealer": "TA01", "sku": "T-KETTLE", "price": 75, "date_start": "2026-03-01"},
                {"dealer": "TB01", "sku": "T-KETTLE", "price": 91},
                {"dealer": "TB01", "sku": "T-LID", "price": 10, "date_start": "2026-06-30", "date_end": "2026-01-01"},
                {"dealer": "TB01", "sku": "T-LID", "price": 10, "date_start": "30/06/2026"},
                {"dealer": "TB01", "sku": "T-LID", "price": "10"},
                {"level": "T-PLAIN", "sku": "T-LID", "price": 10},
                {"dealer": "TB01", "sku": "T-LID", "price": 10, "min_quantity": 5},
                ["TB01", "T-LID", 10],
                {"dealer": 7, "sku": "T-LID", "price": 10},
            ],
        )
        self.assertEqual(status, 422, answer)
        self.assertEqual((answer["status"], answer["error"]), ("error", "invalid_rows"))
        errors = {error["row"]: error for error in answer["errors"]}
        self.assertEqual(sorted(errors), list(range(2, 16)), "the good row is not listed")
        messages = {row: error["message"] for row, error in errors.items()}
        self.assertEqual(messages[2], "unknown dealer code NOPE")
        self.assertEqual((errors[3]["dealer"], errors[3]["sku"], messages[3]), ("TA01", "NO-SKU", "unknown SKU NO-SKU"))
        self.assertEqual(messages[4], "the price must be positive")
        self.assertEqual(messages[5], "the price 1e+20 is above the maximum of 1,000,000,000")
        self.assertEqual(messages[6], "the minimum quantity cannot be negative")
        self.assertIn("overlaps an existing price", messages[7])
        self.assertEqual(messages[8], "overlaps row 1 for the same dealer, SKU and minimum quantity")
        self.assertEqual(messages[9], "the validity ends before it starts")
        self.assertEqual(messages[10], "a date is not a date (use YYYY-MM-DD)")
        self.assertEqual(messages[11], "the price is not a number")
        self.assertIn("name a dealer", messages[12])
        self.assertEqual(messages[13], "unknown field min_quantity")
        self.assertEqual((errors[14]["sku"], messages[14]), (None, "a price must be a JSON object"))
        self.assertEqual(messages[15], "dealer must be a string")
        self.assertEqual(self._prices(), [("TA01", "T-KETTLE", 80.0, 0.0, date(2026, 1, 1), False)])
        self.assertEqual(kettle_a.price, 80.0)
        self.assertEqual(self._history(), history, "nothing is recorded either")
        # The idempotency key of a refused call may be used again, once the rows are right.
        status, answer, _headers = self._upsert(self.prices_key, [good])
        self.assertEqual((status, answer["created"]), (200, 1))

    def test_a_price_the_currency_rounds_to_zero_is_refused_and_nothing_is_saved(self):
        prices = [
            {"dealer": "TA01", "sku": "T-LID", "price": 10},
            {"dealer": "TA01", "sku": "T-KETTLE", "price": 0.001},
        ]
        status, answer, _headers = self._upsert(self.prices_key, prices)
        self.assertEqual((status, answer["error"]), (422, "invalid_rows"), answer)
        self.assertIn("must be positive", answer["message"])
        self.assertEqual(self._prices(), [])
        self.assertFalse(self._history())

    def test_dealer_keys_and_integration_keys_without_the_scope_are_refused(self):
        prices = [{"dealer": "TA01", "sku": "T-KETTLE", "price": 1}]
        for key, error in (
            (self.key_a, "wrong_key_type"),
            (self.key_b, "wrong_key_type"),
            (self.integration_key, "missing_scope"),
        ):
            status, answer, _headers = self._upsert(key, prices)
            self.assertEqual((status, answer["error"]), (403, error))
        status, answer, _headers = self._upsert("ik_unknown", prices)
        self.assertEqual((status, answer["error"]), (401, "invalid_key"))
        self.assertEqual(self._prices(), [])

    def test_a_replay_applies_once_and_the_same_key_with_another_body_is_409(self):
        prices = [{"dealer": "TA01", "sku": "T-KETTLE", "price": 81}, {"dealer": "TB01", "sku": "T-LID", "price": 150}]
        first = self._upsert(self.prices_key, prices, idempotency_key="erp-42")
        self.assertEqual(first[:2], (200, {"status": "ok", "created": 2, "updated": 0, "unchanged": 0}))
        history = self._history()
        replay = self._upsert(self.prices_key, prices, idempotency_key="erp-42")
        self.assertEqual(replay[:2], first[:2], "the replay answers the first result")
        self.assertEqual(replay[2].get("Idempotent-Replay"), "true")
        self.assertEqual(self._history(), history, "and applies nothing again")
        other = self._upsert(self.prices_key, [{"dealer": "TA01", "sku": "T-KETTLE", "price": 99}], "erp-42")
        self.assertEqual((other[0], other[1]["error"]), (409, "idempotency_key_reused"))
        self.assertEqual(self._prices(self.dealer_a), [("TA01", "T-KETTLE", 81.0, 0.0, False, False)])
        missing = self._upsert(self.prices_key, prices, idempotency_key=None)
        self.assertEqual((missing[0], missing[1]["error"]), (400, "idempotency_key_required"))

    def test_a_body_without_one_to_5000_prices_is_refused(self):
        row = {"dealer": "TA01", "sku": "T-KETTLE", "price": 81}
        bodies = [
            {},
            {"prices": []},
            {"prices": {"0": row}},
            {"prices": [row], "dealer": "TA01"},
            {"prices": [row] * 5001},
        ]
        for number, body in enumerate(bodies):
            status, answer, _headers = self._upsert(self.prices_key, None, idempotency_key=f"bad-{number}", body=body)
            self.assertEqual((status, answer["error"]), (400, "invalid_payload"), body if number < 4 else 5001)
        self.assertEqual(self._prices(), [])

    def test_queries_do_not_grow_with_the_rows(self):
        products = self.env["product.product"].create(
            [{"name": f"Test Bulk {n}", "default_code": f"T-BULK-{n:03d}", "list_price": 10.0} for n in range(200)]
        )
        self._upsert(self.prices_key, [{"dealer": "TA01", "sku": "T-LID", "price": 1}], "warm-up")

        def queries(products, price, idempotency_key):
            rows = [
                {"dealer": ("TA01", "TB01")[n % 2], "sku": product.default_code, "price": price + n}
                for n, product in enumerate(products)
            ]
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            status, answer, _headers = self._upsert(self.prices_key, rows, idempotency_key)
            self.assertEqual(status, 200, answer)
            return self.env.cr.sql_log_count - before, answer

        # Odoo inserts and updates rows by batches of 100: a query more per table written (prices, their
        # price list items, the history) and hundred rows, none per row.
        few, answer = queries(products[:10], 50, "few-create")
        self.assertEqual(answer["created"], 10)
        many, answer = queries(products[10:], 50, "many-create")
        self.assertEqual(answer["created"], 190)
        self.assertLessEqual(many, few + 6, "creating 190 prices costs about what creating 10 does")
        few, answer = queries(products[:10], 60, "few-update")
        self.assertEqual(answer["updated"], 10)
        many, answer = queries(products, 70, "many-update")
        self.assertEqual(answer["updated"], 200)
        self.assertLessEqual(many, few + 6, "updating 200 prices costs about what updating 10 does")
        self.assertEqual(len(self._history().filtered(lambda h: h.change_type == "write")), 210)


@tagged("post_install", "-at_install")
class TestApiPricesHttp(HttpCase, PricesApiCase):
    def _post(self, key, body, idempotency_key):
        headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": idempotency_key}
        headers["Content-Type"] = "application/json"
        with mute_logger("werkzeug"):
            return self.opener.post(self.base_url() + URL, data=json.dumps(body), headers=headers, timeout=60)

    def test_brand_system_upserts_prices_through_the_url_and_a_dealer_key_cannot(self):
        body = {"prices": [{"dealer": "TA01", "sku": "T-KETTLE", "price": 88.5, "min_qty": 5}]}
        response = self._post(self.key_a, body, "http-1")
        self.assertEqual((response.status_code, response.json()["error"]), (403, "wrong_key_type"))
        response = self._post(self.prices_key, body, "http-1")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json(), {"status": "ok", "created": 1, "updated": 0, "unchanged": 0})
        self.assertEqual(self._prices(), [("TA01", "T-KETTLE", 88.5, 5.0, False, False)])
        document = self.url_open("/dealer_api/v1/openapi.json").json()
        operation = document["paths"]["/prices"]["post"]
        self.assertEqual(
            (operation["x-dealer-api-scope"], operation["x-dealer-api-keys"]), ("prices:write", ["integration"])
        )
        self.assertIn("422", operation["responses"])
        chinese = self.url_open("/dealer_api/v1/openapi.json?lang=zh_CN").json()["paths"]["/prices"]["post"]
        self.assertEqual(chinese["summary"], "批量新建或更新经销商价格")
        self.assertRegex(chinese["description"], r"^[\u4e00-\u9fff]")
