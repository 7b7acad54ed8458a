from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_portal.tests.common import DealerPortalCase

URL = "/dealer_api/v1/catalog"


@tagged("post_install", "-at_install")
class TestApiCatalog(HttpCase, DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Key = cls.env["dealer.api.key"]
        cls.key_a_record, cls.key_a = Key._generate(cls.dealer_a, "ERP A")
        cls.key_b = Key._generate(cls.dealer_b, "ERP B")[1]
        cls.catalog_key = Key._generate_integration("Brand ERP", ["catalog:read"])[1]
        cls.feed_key = Key._generate_integration("Brand BI", ["feed:read"])[1]
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "1000")

    def _get(self, key, params=None, headers=None):
        headers = dict(headers or {}, Authorization=f"Bearer {key}")
        with mute_logger("werkzeug"):
            return self.opener.get(self.base_url() + URL, params=params, headers=headers, timeout=60)

    def _products(self, key, **params):
        """{sku: product} of every page of the catalog the key reads."""
        result, page = {}, 1
        while True:
            response = self._get(key, dict(params, page=page, limit=200))
            self.assertEqual(response.status_code, 200, response.text)
            body = response.json()
            result.update({product["sku"]: product for product in body["products"]})
            if page >= body["pages"]:
                return result
            page += 1

    def test_dealer_key_reads_what_it_may_order_at_its_prices_with_breaks(self):
        catalog = self._products(self.key_a)
        self.assertNotIn("PT-PAN", catalog)
        kettle = catalog["PT-KETTLE"]
        price, breaks = self.kettle._dealer_portal_prices(self.pricelist_a)[self.kettle.id]
        self.assertEqual((kettle["price"], kettle["breaks"]), (price, [{"min_qty": q, "price": p} for q, p in breaks]))
        self.assertEqual((kettle["price"], kettle["breaks"]), (100.0, [{"min_qty": 10.0, "price": 80.0}]))
        self.assertEqual(kettle["barcode"], "6900000000017")
        self.assertEqual(kettle["availability"], {"state": "in_stock", "expected_date": None})
        self.assertEqual(catalog["PT-FAN"]["breaks"], [])
        # The portal's catalog of the same dealer lists the same products.
        portal_products = self.env["product.product"].search(self.dealer_a._dealer_portal_catalog_domain())
        self.assertEqual(set(catalog), {p.default_code or None for p in portal_products})

    def test_another_dealers_key_never_sees_this_dealers_prices(self):
        catalog_b = self._products(self.key_b)
        self.assertIn("PT-PAN", catalog_b)
        self.assertEqual(catalog_b["PT-KETTLE"]["breaks"], [])
        for params in ({"dealer": "TA01"}, {"dealer": "TA01", "page": "1"}):
            response = self._get(self.key_b, params)
            self.assertEqual(response.status_code, 403)
            self.assertEqual(response.json()["error"], "forbidden_dealer")
            self.assertNotIn("80.0", response.text)

    def test_revoked_or_expired_key_gets_401(self):
        self.assertEqual(self._get(self.key_a).status_code, 200)
        expired = self.env["dealer.api.key"]._generate(
            self.dealer_a, "old", expires_on=fields.Datetime.now() - timedelta(seconds=1)
        )[1]
        self.key_a_record.with_user(self.manager).action_revoke()
        for key in (self.key_a, expired):
            response = self._get(key)
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json()["error"], "invalid_key")
            self.assertNotIn("PT-KETTLE", response.text)

    def test_integration_key_reads_a_named_dealers_catalog_with_the_scope_only(self):
        self.assertEqual(self._products(self.catalog_key, dealer="TA01"), self._products(self.key_a))
        response = self._get(self.feed_key, {"dealer": "TA01"})
        self.assertEqual((response.status_code, response.json()["error"]), (403, "missing_scope"))
        response = self._get(self.catalog_key)
        self.assertEqual((response.status_code, response.json()["error"]), (400, "dealer_required"))
        response = self._get(self.catalog_key, {"dealer": "NOPE"})
        self.assertEqual((response.status_code, response.json()["error"]), (404, "unknown_dealer"))

    def test_catalog_is_paged_and_refuses_absurd_pages(self):
        first = self._get(self.key_a, {"limit": 2}).json()
        second = self._get(self.key_a, {"limit": 2, "page": 2}).json()
        self.assertEqual((first["limit"], len(first["products"]), first["page"]), (2, 2, 1))
        self.assertEqual(first["total"], second["total"])
        self.assertEqual(first["pages"], -(-first["total"] // 2))
        self.assertFalse({p["sku"] for p in first["products"]} & {p["sku"] for p in second["products"]})
        beyond = self._get(self.key_a, {"limit": 2, "page": first["pages"] + 1}).json()
        self.assertEqual(beyond["products"], [])
        for params in ({"page": "0"}, {"page": "abc"}, {"page": "-1"}, {"limit": "201"}, {"limit": "1e3"}):
            response = self._get(self.key_a, params)
            self.assertEqual(response.status_code, 400, params)
            self.assertEqual(response.json()["error"], "invalid_parameter", params)

    def test_unchanged_catalog_answers_304_and_a_new_price_a_new_etag(self):
        # The page holding the fan, whatever other products the database has.
        page = next(
            n
            for n in range(1, 50)
            if "PT-FAN" in {p["sku"] for p in self._get(self.key_a, {"page": n}).json()["products"]}
        )
        first = self._get(self.key_a, {"page": page})
        etag = first.headers["ETag"]
        again = self._get(self.key_a, {"page": page}, headers={"If-None-Match": etag})
        self.assertEqual((again.status_code, again.content), (304, b""))
        self.env["dealer.price"].create({"dealer_id": self.dealer_a.id, "product_id": self.fan.id, "price": 150.0})
        changed = self._get(self.key_a, {"page": page}, headers={"If-None-Match": etag})
        self.assertEqual(changed.status_code, 200)
        self.assertNotEqual(changed.headers["ETag"], etag)
        fan = next(p for p in changed.json()["products"] if p["sku"] == "PT-FAN")
        self.assertEqual(fan["price"], 150.0)

    def test_catalog_queries_do_not_grow_with_the_number_of_products(self):
        self.env["product.product"].create(
            [self._product_vals(f"PT-Q-{n:02d}", f"Portal Quantity {n}", 10.0 + n) for n in range(30)]
        )
        Call = self.env["dealer.api.call"].sudo()

        def queries(limit):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            status, answer, _headers = Call._process(
                self.key_a,
                {
                    "method": "GET",
                    "path": URL,
                    "operation": "catalog",
                    "route": {"operation": "catalog", "method": "GET", "scope": "catalog:read"},
                    "params": {"limit": str(limit)},
                    "headers": {},
                    "body": b"",
                    "ip_address": "127.0.0.1",
                },
            )
            self.assertEqual((status, len(answer["products"])), (200, limit))
            return self.env.cr.sql_log_count - before

        queries(2)  # caches warmed (price list rules, parameters)
        few, many = queries(2), queries(30)
        # Flat: a page of 30 may span one more product category or unit than a page of 2 (one more
        # batch read where the database has other products), never a query per product.
        self.assertLessEqual(many - few, 2)
        self.assertLessEqual(many, 40)
