"""Every operation of the dealer API refuses what it must: no key, a revoked or expired key, a key
outside its scope or audience, another dealer (by code or by record id), and unbounded bodies."""

from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_api.controllers.main import DealerApiController, dealer_api_route
from odoo.addons.dealer_api.tests.api_crawler import ApiCrawler, api_operations
from odoo.addons.dealer_api.tests.common import ApiCase
from odoo.addons.dealer_api.tools.openapi import PATH_ID_SCHEMA, ApiOperation, ApiParameter
from odoo.addons.dealer_base.tests.security_crawler import plant_routes

LEAK_MODULE = "dealer_test_api_leak"
LEAK_ORDER = ApiOperation(
    operation="test_leak_order",
    method="GET",
    summary="An order by id",
    description="A careless endpoint: any order by its id.",
    scope="orders:read",
    parameters=(ApiParameter("order_id", "The order.", location="path", schema=PATH_ID_SCHEMA, model="sale.order"),),
    response_schema={"type": "object"},
)
UNDECLARED_ID = ApiOperation(
    operation="test_undeclared_id",
    method="GET",
    summary="An order by id",
    description="An endpoint whose path id names no model.",
    parameters=(ApiParameter("order_id", "The order.", location="path", schema=PATH_ID_SCHEMA),),
    response_schema={"type": "object"},
)


@tagged("post_install", "-at_install")
class TestApiCrawler(HttpCase, ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Long, unique markers: short ones could turn up by chance in an answer.
        cls.secure_a = cls._create_dealer("APIA-30581", "Aquila Api Dealer A", cls.sales_a)
        cls.secure_b = cls._create_dealer("APIB-90417", "Zephyr Api Dealer B", cls.sales_b)

    def test_every_api_operation_refuses_other_keys_dealers_and_unbounded_bodies(self):
        crawler = ApiCrawler(self, self.secure_a, self.secure_b)
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        # Discovered from the routing map, not listed: every operation was probed.
        probed = {(method, url.split("?")[0]) for method, url, _what in crawler.visited}
        for rule, operation in api_operations(self.env):
            if "<" not in rule.rule:
                self.assertIn((operation.method, rule.rule), probed)
        self.assertIn(("GET", "/dealer_api/v1/catalog", "dealer A's key naming dealer B"), crawler.visited)
        self.assertIn(("POST", "/dealer_api/v1/stock_reports", "a body over 2 MB"), crawler.visited)

    def test_crawler_catches_an_endpoint_answering_another_dealers_record(self):
        self._plant_leaky_endpoint()
        crawler = ApiCrawler(self, self.secure_a, self.secure_b, modules={LEAK_MODULE})
        findings = crawler.crawl()
        order_b = self.env["sale.order"].search([("partner_id", "=", self.secure_b.id)], limit=1)
        leak = f"/dealer_api/v1/test_leak/orders/{order_b.id}"
        # B's order was found through the fixture of the model the path parameter declares.
        self.assertIn(leak, {url for _method, url, _what in crawler.visited})
        for caller in ("dealer A's key", "an integration key acting for APIA-30581"):
            leaks = [f for f in findings if f"{caller} with dealer APIB-90417's sale.order" in f]
            self.assertTrue([f for f in leaks if "200 instead of 404" in f], findings)
            self.assertTrue([f for f in leaks if order_b.name in f and "shows dealer APIB-90417" in f], findings)
        # The refusals the frame makes still hold on the careless endpoint.
        self.assertFalse([f for f in findings if "instead of 401" in f or "instead of 403" in f], findings)

    def test_crawler_fails_an_id_in_the_path_that_names_no_model(self):
        self._plant_leaky_endpoint()
        crawler = ApiCrawler(self, self.secure_a, self.secure_b, modules={LEAK_MODULE})
        findings = crawler.crawl()
        self.assertIn(
            "GET /test_undeclared/{order_id} (test_undeclared_id): "
            'integer path parameter order_id declares no model: give its ApiParameter model="<model>" so that '
            "the crawler tries another dealer's records",
            findings,
        )

    def _plant_leaky_endpoint(self):
        """An endpoint answering any order by its id through sudo, as a careless module would add it,
        and one whose path id names no model; live for this test only."""

        class LeakyApi(DealerApiController):
            __module__ = f"odoo.addons.{LEAK_MODULE}.controllers.api"

            @dealer_api_route("/test_leak/orders/<int:order_id>", LEAK_ORDER)
            def test_leak_order(self, order_id, **kw):
                return self._dealer_api_respond(LEAK_ORDER)

            @dealer_api_route("/test_undeclared/<int:order_id>", UNDECLARED_ID)
            def test_undeclared_id(self, order_id, **kw):
                return self._dealer_api_respond(UNDECLARED_ID)

        def leaky_order(call, request):
            order_id = int(request["log"]["path"].rsplit("/", 1)[1])
            order_sudo = call.env["sale.order"].sudo().browse(order_id).exists()
            return 200, {"status": "ok", "order": order_sudo.name, "dealer": order_sudo.partner_id.name}

        # Found by Odoo among DealerApiController's subclasses, which it holds only weakly.
        self.leaky_api = LeakyApi
        handler = patch.object(type(self.Call), "_dealer_api_test_leak_order", new=leaky_order, create=True)
        handler.start()
        self.addCleanup(handler.stop)
        plant_routes(self, LEAK_MODULE)
