"""A quick-order form sent twice at the same moment over HTTP (a double click, a retried request),
each request in its own transaction: its lines are added once, to one cart, and both requests
answer with the cart."""

import re

from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import ConcurrentHttpCase

LOGIN = "t_parallel_quick"


@tagged("post_install", "-at_install")
class TestQuickOrderParallel(ConcurrentHttpCase):
    def setUp(self):
        super().setUp()
        self.committed_dealer(
            "T-PAR-QO", login=LOGIN, credit_limit=1000000.0, product={"default_code": "T-PAR-QO-1", "list_price": 240.0}
        )

    def _cart_lines(self, env):
        carts = env["sale.order"].search([("partner_id", "child_of", self.dealer_id)])
        return len(carts), carts.order_line.mapped("product_uom_qty")

    def _send_twice(self, sessions=1):
        """The same form (its key) sent twice at the same moment: by one session (a double click),
        or by two sessions of the user (a request retried by a proxy on another connection)."""
        posts = []
        key = None
        browser = None
        for _session in range(2):
            if browser is None or sessions == 2:
                browser = self.new_session(LOGIN, LOGIN)
                page = self.get(browser, "/my/dealer/quick-order")
                self.assertEqual(page.status_code, 200)
            key = key or re.search(r'name="quick_order_key" value="([^"]+)"', page.text).group(1)
            form = {"csrf_token": self.csrf_token_of(page.text), "quick_order_key": key, "lines": "T-PAR-QO-1 3"}
            posts.append((browser, "/my/dealer/quick-order/add", form))
        for response in self.post_together(posts):
            self.assertEqual(response.status_code, 303, response.text[:2000])
            self.assertTrue(response.headers["Location"].endswith("/my/dealer/cart"), "both show the cart")

    def test_first_quick_order_sent_twice_at_once_makes_one_cart_with_its_lines_once(self):
        self._send_twice()
        self.assertEqual(self.committed(self._cart_lines), (1, [3.0]), "one cart, the form's lines once")

    def test_quick_order_sent_twice_at_once_to_a_cart_adds_its_lines_once(self):
        def cart_with_a_line(env):
            dealer = env["res.partner"].browse(self.dealer_id)
            cart = dealer._dealer_portal_cart(user=env["res.users"].browse(self.user_id))
            cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.product_id, "qty": 1}])

        self.committed(cart_with_a_line)
        self._send_twice(sessions=2)
        self.assertEqual(self.committed(self._cart_lines), (1, [4.0]), "the form's lines added once")
