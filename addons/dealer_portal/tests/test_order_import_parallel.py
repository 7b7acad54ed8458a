"""An order file's preview applied twice at the same moment over HTTP (a double click, two tabs),
each request in its own transaction: its lines are added to the cart once, and both requests
answer with the cart."""

from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import ConcurrentHttpCase

LOGIN = "t_parallel_import"


@tagged("post_install", "-at_install")
class TestOrderImportParallel(ConcurrentHttpCase):
    def setUp(self):
        super().setUp()

        def preview(dealer, product, user):
            return (
                dealer.env["dealer.order.import"]
                .with_user(user)
                .sudo()
                .create(
                    {
                        "dealer_id": dealer.id,
                        "filename": "order.xlsx",
                        "rows": [{"row": 2, "sku": "PAR-IMP", "qty": 3.0, "product_id": product.id}],
                        "row_count": 1,
                        "error_count": 0,
                    }
                )
                .id
            )

        self.preview_id = self.committed_dealer(
            "T-PAR-IMP", login=LOGIN, credit_limit=1000000.0, product={"list_price": 240.0}, prepare=preview
        )
        self.addCleanup(self.committed, lambda env: env["dealer.order.import"].browse(self.preview_id).unlink())

    def _cart_lines(self, env):
        carts = env["sale.order"].search([("partner_id", "child_of", self.dealer_id)])
        return len(carts), carts.order_line.mapped("product_uom_qty")

    def test_a_preview_applied_twice_at_once_adds_its_lines_once(self):
        browser = self.new_session(LOGIN, LOGIN)
        page = self.get(browser, f"/my/dealer/import/{self.preview_id}")
        self.assertEqual(page.status_code, 200)
        url = f"/my/dealer/import/{self.preview_id}/apply"
        form = {"csrf_token": self.csrf_token_of(page.text)}
        responses = self.post_together([(browser, url, form), (browser, url, form)])
        for response in responses:
            self.assertEqual(response.status_code, 303, response.text[:2000])
            self.assertTrue(response.headers["Location"].endswith("/my/dealer/cart"), "both show the cart")
        self.assertEqual(self.committed(self._cart_lines), (1, [3.0]), "one cart, the file's lines once")
        state = self.committed(lambda env: env["dealer.order.import"].browse(self.preview_id).state)
        self.assertEqual(state, "applied")
