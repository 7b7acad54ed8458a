from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_topup_common import TopupCase

LOGGER = "odoo.addons.dealer_payment.models.payment_transaction"


def _announced(tx, notification_data):
    """A provider whose notifications carry the amount and currency (as AsiaPay's do)."""
    if "amount" not in notification_data:
        return None
    return notification_data["amount"], notification_data.get("currency")


@tagged("post_install", "-at_install")
class TestNotificationGuard(TopupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A payment of an order or invoice of dealer A (no top-up): guarded as well.
        cls.order_tx = cls.Transaction.create(
            {
                "provider_id": cls.provider.id,
                "payment_method_id": cls.provider.payment_method_ids[:1].id,
                "reference": cls.Transaction._compute_reference(cls.provider.code, prefix="S-DEALER-A"),
                "amount": 250.0,
                "currency_id": cls.currency.id,
                "partner_id": cls.portal_a.partner_id.id,
            }
        )

    def _guarded(self):
        return patch.object(type(self.Transaction), "_dealer_notification_amount_currency", _announced)

    def test_notification_for_another_reference_is_refused_and_logged(self):
        for tx in (self._topup_tx(self.dealer_a, 100.0), self.order_tx):
            with self.subTest(tx=tx.reference), self.assertLogs(LOGGER, "WARNING") as logs:
                with self.assertRaises(ValidationError):
                    tx._handle_notification_data("custom", {"reference": "DEP-TB01-9"})
            self.assertIn(tx.reference, logs.output[0])
            self.assertEqual(tx.state, "draft")

    def test_notification_with_wrong_amount_or_currency_is_refused(self):
        tx = self._topup_tx(self.dealer_a, 100.0)
        wrong = [
            {"amount": "1000.00", "currency": self.currency.name},
            {"amount": 99.99},
            {"amount": "nan"},
            {"amount": "inf"},
            {"amount": "abc"},
            {"amount": "100.00", "currency": "XXX" if self.currency.name != "XXX" else "YYY"},
        ]
        with self._guarded():
            for data in wrong:
                with self.subTest(data=data), self.assertLogs(LOGGER, "WARNING") as logs:
                    with self.assertRaises(ValidationError):
                        self._notify(tx, **data)
                self.assertIn(tx.reference, logs.output[0])
                self.assertEqual(tx.state, "draft")
            self._notify(tx, amount="100.00", currency=self.currency.name)
        self.assertEqual(tx.state, "pending")
        self._confirm(tx)
        self.assertEqual(self._balance(self.dealer_a), 100.0)

    def test_same_notification_twice_makes_one_payment(self):
        tx = self.order_tx
        with self._guarded():
            self._notify(tx, amount=250.0)
            self._notify(tx, amount=250.0)
        self._confirm(tx)
        self._confirm(tx)
        payments = self.env["account.payment"].search([("payment_transaction_id", "=", tx.id)])
        self.assertEqual(len(payments), 1)
        self.assertFalse(payments.is_dealer_deposit, "an order's payment is not a deposit")
        self.assertEqual(payments.partner_id, self.dealer_a)
        self.assertEqual(self._balance(self.dealer_a), 0.0)

    def test_other_customers_keep_odoo_behaviour(self):
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        tx = self.Transaction.create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.provider.payment_method_ids[:1].id,
                "reference": self.Transaction._compute_reference(self.provider.code, prefix="WALKIN"),
                "amount": 10.0,
                "currency_id": self.currency.id,
                "partner_id": customer.id,
            }
        )
        with self._guarded():
            # Not refused: Odoo's providers alone decide on a payment of somebody else.
            self._notify(tx, reference="ELSEWHERE", amount=1.0)
        self.assertEqual(tx.state, "pending")

    def test_provider_data_is_read_per_provider(self):
        Tx = self.Transaction
        # Odoo's demo provider sends the reference and the simulated state only.
        self.assertIsNone(Tx._dealer_demo_amount_currency({"reference": "X", "simulated_state": "done"}))
        self.assertEqual(Tx._dealer_demo_amount_currency({"reference": "X", "amount": "5.00"}), ("5.00", None))
        self.assertEqual(Tx._dealer_demo_amount_currency({"amount": 5.0, "currency": "CNY"}), (5.0, "CNY"))
        self.assertEqual(Tx._dealer_notification_reference("demo", {"reference": "R2"}), "R2")
        self.assertIsNone(Tx._dealer_notification_reference("none", {"reference": "R3"}))
