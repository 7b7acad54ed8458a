from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_payment.tests.test_topup_common import TopupCase
from odoo.addons.payment_asiapay import const


@tagged("post_install", "-at_install")
class TestAsiapayNotification(TopupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.asiapay = (
            cls.env.ref("payment.payment_provider_asiapay")
            .sudo()
            .copy(
                {
                    "company_id": cls.company.id,
                    "state": "test",
                    "asiapay_merchant_id": "88000001",
                    "asiapay_secure_hash_secret": "secret",
                    "available_currency_ids": [Command.set(cls.currency.ids)],
                }
            )
        )
        cls.tx = cls._topup_tx(
            cls.dealer_a,
            88.0,
            provider_id=cls.asiapay.id,
            payment_method_id=cls.env.ref("payment.payment_method_card").id,
            reference="DEP-ASIAPAY-1",
        )

    def _data(self, **values):
        return dict(
            {"Ref": self.tx.reference, "Amt": "88.00", "Cur": const.CURRENCY_MAPPING.get(self.currency.name)},
            **values,
        )

    def test_asiapay_data_is_read(self):
        Tx = self.env["payment.transaction"]
        self.assertEqual(
            Tx._dealer_asiapay_amount_currency({"Ref": "X", "Amt": "88.00", "Cur": "156"}), ("88.00", "CNY")
        )
        self.assertEqual(Tx._dealer_asiapay_amount_currency({"Amt": 1.5, "Cur": "EUR"}), (1.5, "EUR"))
        self.assertIsNone(Tx._dealer_asiapay_amount_currency({"Ref": "X"}))
        self.assertEqual(self.tx._dealer_notification_reference("asiapay", {"Ref": "R1"}), "R1")

    def test_matching_notification_passes_the_check(self):
        self.tx._dealer_check_notification("asiapay", self._data())
        self.assertEqual(self.tx.state, "draft")

    def test_tampered_notification_is_refused_before_anything_changes(self):
        for data in (self._data(Amt="1.00"), self._data(Amt="nan"), self._data(Cur="999999"), self._data(Ref="OTHER")):
            with self.subTest(data=data), self.assertRaises(ValidationError):
                self.tx._dealer_check_notification("asiapay", data)
        with self.assertRaises(ValidationError):
            self.env["payment.transaction"]._handle_notification_data("asiapay", self._data(Amt="1.00"))
        self.assertEqual(self.tx.state, "draft")
        self.assertFalse(self.tx.payment_id)
