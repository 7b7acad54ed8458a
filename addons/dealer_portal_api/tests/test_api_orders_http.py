from odoo.tests import HttpCase, tagged

from .common import ApiHttpMixin, ApiOrdersCase

API = "/dealer_api/v1"


@tagged("post_install", "-at_install")
class TestApiOrdersHttp(ApiHttpMixin, HttpCase, ApiOrdersCase):
    def test_dealer_system_places_an_order_and_follows_it_through_the_urls(self):
        body = {"lines": [{"sku": "PT-KETTLE", "qty": 2}], "client_order_ref": "ERP-77"}
        placed = self._send("POST", "/orders", self.key_a, body, headers={"Idempotency-Key": "erp-77"})
        self.assertEqual(placed.status_code, 200, placed.text)
        order = placed.json()["order"]
        self.assertEqual((order["state"], order["client_order_ref"]), ("confirmed", "ERP-77"))
        again = self._send("POST", "/orders", self.key_a, body, headers={"Idempotency-Key": "erp-77"})
        self.assertEqual((again.json(), again.headers.get("Idempotent-Replay")), (placed.json(), "true"))
        read = self._send("GET", f"/orders/{order['id']}", self.key_a)
        self.assertEqual((read.status_code, read.json()["order"]["id"]), (200, order["id"]))
        unchanged = self._send(
            "GET", f"/orders/{order['id']}", self.key_a, headers={"If-None-Match": read.headers["ETag"]}
        )
        self.assertEqual(unchanged.status_code, 304)
        self.assertEqual(self._send("GET", f"/orders/{order['id']}", self.key_b).status_code, 404)
        listed = self._send("GET", "/orders", self.orders_key, params={"dealer": "TA01", "state": "confirmed"})
        self.assertEqual([o["id"] for o in listed.json()["orders"]], [order["id"]])
        for path in ("/orders", "/invoices", "/returns"):
            self.assertEqual(self._send("GET", path, self.catalog_key, params={"dealer": "TA01"}).status_code, 403)

    def test_refused_lines_answer_422_through_the_url(self):
        body = {"lines": [{"sku": "PT-PAN", "qty": 1}, {"sku": "PT-KETTLE", "qty": 1}]}
        response = self._send("POST", "/orders", self.key_a, body, headers={"Idempotency-Key": "pan-1"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["line"], 1)
        self.assertEqual(self._send("POST", "/orders", self.key_a, body).status_code, 400)
        self.assertFalse(self._dealer_orders(self.dealer_a))

    def test_openapi_document_describes_the_order_endpoints_in_both_languages(self):
        english = self.url_open(API + "/openapi.json").json()
        chinese = self.url_open(API + "/openapi.json?lang=zh_CN").json()
        for path in ("/orders", "/orders/{order_id}", "/invoices", "/statement", "/returns"):
            self.assertIn(path, english["paths"])
        create = english["paths"]["/orders"]["post"]
        self.assertEqual(create["x-dealer-api-scope"], "orders:write")
        self.assertIn("422", create["responses"])
        self.assertIn("administrator", create["description"])
        self.assertRegex(chinese["paths"]["/orders"]["post"]["description"], r"[\u4e00-\u9fff]")
        self.assertRegex(chinese["paths"]["/statement"]["get"]["summary"], r"[\u4e00-\u9fff]")
