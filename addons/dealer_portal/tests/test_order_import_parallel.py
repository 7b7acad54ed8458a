"""An order file's preview applied twice at the same moment over HTTP (a double click, two tabs),
each request in its own transaction: its lines are added to the cart once, and both requests
answer with the cart."""

from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_base.tests.common import LICENCE
from odoo.addons.dealer_base.tests.concurrency import ConcurrentHttpCase

LOGIN = "t_parallel_import"


@tagged("post_install", "-at_install")
class TestOrderImportParallel(ConcurrentHttpCase):
    def setUp(self):
        super().setUp()
        company_id = self.env.company.id

        def prepare(env):
            dealer = (
                env["res.partner"]
                .with_company(company_id)
                .create(
                    {
                        "name": "Parallel Import Dealer",
                        "is_company": True,
                        "is_dealer": True,
                        "dealer_code": "T-PAR-IMP",
                        "credit_limit": 1000000.0,
                        "user_id": env.ref("base.user_admin").id,
                        "dealer_licence": LICENCE,
                        "dealer_licence_filename": "licence.pdf",
                    }
                )
            )
            dealer._dealer_set_state("active")
            contact = env["res.partner"].create(
                {"name": "Parallel Import Buyer", "parent_id": dealer.id, "email": f"{LOGIN}@example.com"}
            )
            user = new_test_user(env, LOGIN, groups="base.group_portal", partner_id=contact.id)
            product = env["product.product"].create(
                {"name": "Parallel Import Service", "type": "service", "list_price": 240.0, "taxes_id": False}
            )
            preview = (
                env["dealer.order.import"]
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
            )
            return dealer.id, contact.id, user.id, product.id, preview.id

        self.dealer_id, self.contact_id, self.user_id, self.product_id, self.preview_id = self.committed(prepare)
        self.addCleanup(self.committed, self._cleanup)

    def _cleanup(self, env):
        env["dealer.order.import"].browse(self.preview_id).unlink()
        env["sale.order"].search([("partner_id", "child_of", self.dealer_id)]).unlink()
        env["res.users"].browse(self.user_id).unlink()
        env["product.product"].browse(self.product_id).unlink()
        env["res.partner"].browse([self.contact_id, self.dealer_id]).unlink()

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
