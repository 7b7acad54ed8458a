import re
from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerCheckout(HttpCase, DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.promo = cls.env["loyalty.program"].create(
            {
                "name": "Portal Test 10% from 500",
                "program_type": "promotion",
                "trigger": "auto",
                "applies_on": "current",
                "rule_ids": [Command.create({"minimum_amount": 500, "minimum_amount_tax_mode": "excl"})],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                        }
                    )
                ],
            }
        )
        cls.code_program = cls.env["loyalty.program"].create(
            {
                "name": "Portal Test code PT5K: 5% off kettles",
                "program_type": "promo_code",
                "trigger": "with_code",
                "applies_on": "current",
                "rule_ids": [Command.create({"mode": "with_code", "code": "PT5K"})],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 5,
                            "discount_mode": "percent",
                            "discount_applicability": "specific",
                            "discount_product_ids": [Command.set(cls.kettle.ids)],
                        }
                    )
                ],
            }
        )

    def _checkout_form(self, **values):
        return dict(
            {
                "partner_shipping_id": self.address_a.id,
                "client_order_ref": "PO-2026-001",
                "commitment_date": (date.today() + timedelta(days=7)).isoformat(),
                "note": "Call before delivery",
                "dealer_payment_method": "credit",
            },
            **values,
        )

    def test_checkout_confirms_the_order_with_reference_date_address_and_note(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 2}])
        self.assertEqual(self.url_open("/my/dealer/checkout").status_code, 200)
        response = self._post("/my/dealer/checkout/submit", self._checkout_form())
        self.assertTrue(response.url.endswith(f"/my/dealer/orders/{cart.id}?submitted=1"))
        self.assertIn("o_dealer_order_confirmed", response.text)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.partner_shipping_id, self.address_a)
        self.assertEqual(cart.client_order_ref, "PO-2026-001")
        self.assertEqual(cart.commitment_date.date(), date.today() + timedelta(days=7))
        self.assertIn("Call before delivery", str(cart.note))
        self.assertEqual(cart.dealer_submitted_by_id, self.portal_a)
        self.assertFalse(cart.dealer_cart_user_id)
        self.assertIn(cart.dealer_portal_state, ("confirmed", "preparing"))
        # The dealer is told, in the chatter and by mail.
        self.assertTrue(cart.message_ids.filtered(lambda m: f"Order {cart.name} confirmed" in (m.subject or "")))
        # A new cart starts empty.
        self.assertFalse(self._cart(self.dealer_a, self.portal_a).order_line)

    def test_checkout_form_sent_twice_places_one_order_and_shows_it_both_times(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 2}])
        page = self.url_open("/my/dealer/checkout").text
        key = re.search(r'name="submit_key" value="([^"]+)"', page).group(1)
        form = self._checkout_form(submit_key=key)
        first = self._post("/my/dealer/checkout/submit", form, allow_redirects=False)
        second = self._post("/my/dealer/checkout/submit", form, allow_redirects=False)
        order_url = f"/my/dealer/orders/{cart.id}?submitted=1"
        self.assertTrue(first.headers["Location"].endswith(order_url))
        self.assertTrue(second.headers["Location"].endswith(order_url), "the second click shows the same order")
        self.assertEqual(cart.state, "sale")
        submitted = self.env["sale.order"].search(
            [("partner_id", "child_of", self.dealer_a.id), ("dealer_submitted_by_id", "=", self.portal_a.id)]
        )
        self.assertEqual(submitted, cart, "one order")
        self.assertFalse(self._cart(self.dealer_a, self.portal_a).order_line)
        # Another rendering of the checkout is another form: its key is new.
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 1}])
        page = self.url_open("/my/dealer/checkout").text
        self.assertNotIn(key, page)

    def test_bad_checkout_lists_every_error_and_changes_nothing(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 2}])
        shipping = cart.partner_shipping_id
        b_address = self.env["res.partner"].create(
            {"name": "Dealer B Depot", "parent_id": self.dealer_b.id, "type": "delivery"}
        )
        response = self._post(
            "/my/dealer/checkout/submit",
            self._checkout_form(
                partner_shipping_id=b_address.id,
                commitment_date="2001-01-01",
                dealer_payment_method="cash",
                client_order_ref="X" * 80,
            ),
        )
        for message in (
            "Choose one of your delivery addresses",
            "is in the past",
            "Choose a payment method",
            "too long",
        ):
            self.assertIn(message, response.text)
        self.assertNotIn("Dealer B Depot", response.text)
        self.assertEqual(cart.state, "draft")
        self.assertEqual(cart.dealer_cart_user_id, self.portal_a)
        self.assertEqual(cart.partner_shipping_id, shipping)
        self.assertFalse(cart.client_order_ref)

    def test_deposit_pays_the_order_and_never_goes_below_zero(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.fan.id, "qty": 2}])
        response = self._post("/my/dealer/checkout/submit", self._checkout_form(dealer_payment_method="deposit"))
        self.assertIn("choose another payment method", response.text)
        self.assertEqual(cart.state, "draft")
        self.env["dealer.deposit.move"].create(
            {"partner_id": self.dealer_a.id, "amount": 1000.0, "name": "Bank transfer 0001"}
        )
        self._post("/my/dealer/checkout/submit", self._checkout_form(dealer_payment_method="deposit"))
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.dealer_deposit_paid, 400.0)
        self.assertEqual(self.dealer_a.dealer_deposit_balance, 600.0)
        page = self.url_open("/my/dealer/credit").text
        self.assertIn("Bank transfer 0001", page)
        self.assertIn(cart.name, page)

    def test_promotions_and_codes_give_the_back_office_amounts(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 10}])
        page = self.url_open("/my/dealer/cart").text
        self.assertIn("o_dealer_cart_reward", page)
        self.assertIn("o_dealer_price_rule", page)
        response = self._post("/my/dealer/cart/coupon", {"code": "NOPE"})
        self.assertIn("invalid", response.text)
        self._post("/my/dealer/cart/coupon", {"code": "PT5K"})
        self.url_open("/my/dealer/cart")
        # 10 kettles at the break price 80 = 800: -10% on the order and -5% on the kettles.
        self.assertLess(cart.amount_untaxed, 720.0)
        self.assertEqual(
            cart.order_line.filtered("is_reward_line").reward_id.program_id, self.promo | self.code_program
        )
        # The same order in the back office, with sale_loyalty's own buttons.
        order = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [Command.create({"product_id": self.kettle.id, "product_uom_qty": 10})],
            }
        )
        order._update_programs_and_rewards()
        for coupon, rewards in order._get_claimable_rewards().items():
            order._apply_program_reward(rewards, coupon)
        status = order._try_apply_code("PT5K")
        for coupon, rewards in status.items():
            order._apply_program_reward(rewards, coupon)
        self.assertEqual(order.amount_untaxed, cart.amount_untaxed)
        # Removing the code drops its reward; the automatic promotion stays.
        code_line = cart.order_line.filtered(lambda line: line.reward_id.program_id == self.code_program)
        self._post("/my/dealer/cart/remove", {"line_id": code_line.id})
        self.url_open("/my/dealer/cart")
        self.assertEqual(cart.amount_untaxed, 720.0)

    def test_cart_lines_are_updated_and_removed_with_the_same_checks(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows(
            [{"ref": "1", "product_id": self.kettle.id, "qty": 2}, {"ref": "2", "product_id": self.cups.id, "qty": 6}]
        )
        cups = cart.order_line.filtered(lambda line: line.product_id == self.cups)
        kettle = cart.order_line - cups
        response = self._post("/my/dealer/cart/update", {"line_id": cups.id, "qty": "8"})
        self.assertIn("packs of 6", response.text)
        self.assertEqual(cups.product_uom_qty, 6)
        self._post("/my/dealer/cart/update", {"line_id": kettle.id, "qty": "12"})
        self.assertEqual(kettle.product_uom_qty, 12)
        self.assertEqual(kettle.price_unit, 80.0)
        self._post("/my/dealer/cart/remove", {"line_id": cups.id})
        self.assertEqual(cart.order_line.filtered(lambda line: not line.is_reward_line).product_id, self.kettle)

    def test_reorder_copies_lines_at_todays_prices_and_lists_refused_ones(self):
        past = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [
                    Command.create({"product_id": self.kettle.id, "product_uom_qty": 10, "price_unit": 95.0}),
                    Command.create({"product_id": self.fan.id, "product_uom_qty": 1}),
                ],
            }
        )
        past.action_confirm()
        self.env["dealer.assortment.rule"].create(
            {"dealer_id": self.dealer_a.id, "rule_type": "exclude", "product_id": self.fan.id}
        )
        self.authenticate("t_portal_a", "t_portal_a")
        response = self._post(f"/my/dealer/orders/{past.id}/reorder")
        self.assertIn("Portal Fan is not in your authorised assortment", response.text)
        cart = self._cart(self.dealer_a, self.portal_a)
        lines = cart.order_line.filtered(lambda line: not line.is_reward_line)
        self.assertEqual(lines.product_id, self.kettle)
        self.assertEqual(lines.price_unit, 80.0)

    def test_cart_and_checkout_say_before_submitting_whether_the_order_will_be_held(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 2}])
        cart.write({"partner_shipping_id": self.address_a.id, "dealer_payment_method": "credit"})
        for url in ("/my/dealer/cart", "/my/dealer/checkout"):
            page = self.url_open(url).text
            self.assertIn("o_dealer_outlook_ok", page, url)
            self.assertNotIn("o_dealer_outlook_hold", page, url)
        # A minimum above the order and a credit limit it exceeds: both said before submitting.
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.min_order_amount", "100000")
        self.dealer_a.credit_limit = 100.0
        for url in ("/my/dealer/cart", "/my/dealer/checkout"):
            page = self.url_open(url).text
            self.assertIn("o_dealer_outlook_hold", page, url)
            self.assertIn("below the minimum order amount", page, url)
            self.assertIn("Credit limit of Dealer A Trading exceeded", page, url)
        cart_page = self.url_open("/my/dealer/cart").text
        self.assertRegex(cart_page, r'class="[^"]*o_dealer_cart_credit[^"]*text-danger')
        foretold = cart._dealer_portal_submit_outlook(self.portal_a)["hold"]
        self.assertEqual(len(foretold), 2)
        # What the pages said is what the submission does.
        self.assertFalse(cart.with_user(self.portal_a).sudo()._dealer_portal_submit())
        self.assertEqual(cart.dealer_review_reasons.splitlines(), foretold)
