from odoo import Command
from odoo.tests import Form, new_test_user

from odoo.addons.product.models.product_pricelist import Pricelist as OdooPricelist

from .common import DealerCase


class NonDealerCase(DealerCase):
    """Odoo as its users know it, next to the dealers: a Sales / User who sees only its own
    documents and a Billing user, none of them in a dealer group, and a retail customer outside
    the dealer channel.

    Every module that extends sale or account runs these tests with its own code installed (a
    subclass with ``allow_inherited_tests_method``): no AccessError, and every figure equals
    Odoo's own computation, made in the same test. dealer_stock's ``NonDealerStockCase`` adds
    the warehouse for modules that extend stock.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.salesman = new_test_user(cls.env, "t_plain_salesman", groups="sales_team.group_sale_salesman")
        cls.billing_user = new_test_user(cls.env, "t_plain_billing", groups="account.group_account_invoice")
        cls.customer = cls.env["res.partner"].create({"name": "Retail Customer", "email": "retail@example.com"})
        cls.goods = cls.env["product.product"].create(cls._goods_vals())
        cls._stock_goods()
        # The salesman's own order for a dealer, confirmed by the back office.
        cls.dealer_order = cls.env["sale.order"].create(cls._dealer_order_vals())
        cls.dealer_order.action_confirm()

    @classmethod
    def _goods_vals(cls):
        return {"name": "Desk Lamp", "list_price": 80.0, "taxes_id": [Command.clear()], "invoice_policy": "order"}

    @classmethod
    def _stock_goods(cls):
        """Hook: put the goods in stock (nothing to do without a warehouse)."""

    @classmethod
    def _dealer_order_vals(cls):
        return {
            "partner_id": cls.dealer_a.id,
            "user_id": cls.salesman.id,
            "order_line": [Command.create({"product_id": cls.goods.id, "product_uom_qty": 4})],
        }

    # ------------------------------------------------------------
    # Odoo's own computations, for comparison
    # ------------------------------------------------------------

    def _odoo_price(self, pricelist, product, qty):
        """The unit price Odoo's own price list code gives, whatever the add-ons override."""
        if not pricelist:
            return product.lst_price
        return OdooPricelist._compute_price_rule(pricelist, product, qty)[product.id][0]

    def _odoo_credit_to_invoice(self, partner):
        """What Odoo's sale module adds to a customer's credit: its confirmed orders left to invoice."""
        orders = self.env["sale.order"].search([("partner_id", "=", partner.id), ("state", "=", "sale")])
        return sum(orders.mapped("amount_to_invoice"))

    # ------------------------------------------------------------
    # Helpers acting as Odoo's users
    # ------------------------------------------------------------

    def _sell_as_salesman(self, partner, qty=3.0, product=None):
        with Form(self.env["sale.order"].with_user(self.salesman)) as order_form:
            order_form.partner_id = partner
            with order_form.order_line.new() as line:
                line.product_id = product or self.goods
                line.product_uom_qty = qty
        order = order_form.record
        order.action_confirm()
        return order

    def _invoice_as_salesman(self, order):
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_user(self.salesman)
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({})
        )
        wizard.create_invoices()
        return order.invoice_ids

    def _post_and_pay_as_billing(self, invoice):
        invoice = invoice.with_user(self.billing_user)
        invoice.action_post()
        self.env["account.payment.register"].with_user(self.billing_user).with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({}).action_create_payments()
        return invoice

    # ------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------

    def test_plain_salesman_sells_and_invoices_a_retail_customer_as_in_odoo(self):
        order = self._sell_as_salesman(self.customer)
        self.assertEqual(order.state, "sale")
        price = self._odoo_price(order.pricelist_id, self.goods, 3.0)
        self.assertEqual(order.order_line.price_unit, price)
        self.assertEqual(order.amount_total, price * 3)
        self.assertEqual(order.partner_credit_warning, "")
        # Every field of the order, as the salesman's form and list read it.
        order.with_user(self.salesman).read()
        invoice = self._invoice_as_salesman(order)
        self.assertEqual(invoice.amount_total, order.amount_total)
        invoice = self._post_and_pay_as_billing(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertTrue(invoice.currency_id.is_zero(invoice.amount_residual))
        invoice.read()
        invoice.line_ids.read()
        self.assertEqual(order.amount_to_invoice, 0.0)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_plain_salesman_opens_a_dealers_order(self):
        order = self.dealer_order.with_user(self.salesman)
        with Form(order) as order_form:
            self.assertEqual(order_form.partner_id, self.dealer_a)
        # Every field of the order, as Odoo's own access tests read it.
        order.read()
        # The partner forms, as the salesman opens them from the order.
        for partner in (self.dealer_a, self.customer):
            self.assertEqual(Form(partner.with_user(self.salesman)).name, partner.name)

    def test_billing_user_posts_and_is_paid_a_dealers_invoice(self):
        invoice = self.dealer_order._create_invoices()
        self.assertEqual(invoice.amount_total, self.dealer_order.amount_total)
        invoice = self._post_and_pay_as_billing(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        invoice.read()
        invoice._get_reconciled_payments().read()
        self.assertEqual(self.dealer_order.amount_to_invoice, 0.0)
