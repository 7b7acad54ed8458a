from odoo import models

from odoo.addons.payment_asiapay import const


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @staticmethod
    def _dealer_asiapay_amount_currency(notification_data):
        """AsiaPay's Amt and Cur; Cur is the numeric ISO 4217 code (payment_asiapay's
        CURRENCY_MAPPING), or already the letter code."""
        if notification_data.get("Amt") in (None, ""):
            return None
        currency = str(notification_data.get("Cur") or "").strip() or None
        if currency and currency.isdigit():
            by_number = {number: code for code, number in const.CURRENCY_MAPPING.items()}
            currency = by_number.get(currency, currency)
        return notification_data.get("Amt"), currency

    def _dealer_notification_amount_currency(self, notification_data):
        if self.provider_code == "asiapay":
            return self._dealer_asiapay_amount_currency(notification_data)
        return super()._dealer_notification_amount_currency(notification_data)

    def _dealer_notification_reference(self, provider_code, notification_data):
        if provider_code == "asiapay":
            return notification_data.get("Ref")
        return super()._dealer_notification_reference(provider_code, notification_data)
