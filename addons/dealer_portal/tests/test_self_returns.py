import base64

from odoo.exceptions import AccessError, UserError
from odoo.http import Request
from odoo.tests import Form, HttpCase, tagged

from .common_self_service import EXE_BYTES, PNG_BYTES, SelfServiceCase


@tagged("post_install", "-at_install")
class TestDealerReturns(HttpCase, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.back_office = cls._manager_user()
        cls.order_a = cls._delivered_order(cls.dealer_a, qty=5)
        cls.line_a = cls.order_a.order_line
        cls.order_b = cls._delivered_order(cls.dealer_b, qty=5)
        cls.Return = cls.env["dealer.return"]

    def _request(self, qty, user=None, order=None, photos=(), reason="Damaged in transit"):
        user = user or self.buyer_a
        order = (order or self.order_a).with_user(user)
        line = order.sudo().order_line
        return self.Return.with_user(user)._dealer_portal_request(order, {str(line.id): qty}, reason, photos)

    def test_request_within_delivered_quantity_with_photos(self):
        request = self._request(2, photos=[("crack.png", PNG_BYTES)])
        self.assertEqual(
            (request.state, request.partner_id, request.line_ids.quantity), ("requested", self.dealer_a, 2)
        )
        self.assertEqual(base64.b64decode(request.photo_ids.datas), PNG_BYTES)
        self.assertTrue(request.activity_ids, "the salesperson is asked to decide")
        # What is requested is no longer returnable.
        returnable = self.Return._dealer_returnable_quantities(self.order_a)
        self.assertEqual(returnable[self.line_a], 3)

    def test_quantity_above_delivered_minus_requested_is_refused(self):
        with self.assertRaisesRegex(UserError, "at most 5"):
            self._request(6)
        self._request(2)
        with self.assertRaisesRegex(UserError, "at most 3"):
            self._request(4)
        with self.assertRaisesRegex(UserError, "positive number"):
            self._request("-1")
        with self.assertRaisesRegex(UserError, "at least one line"):
            self._request(0)
        with self.assertRaisesRegex(UserError, "Say why"):
            self._request(1, reason=" ")
        self.assertEqual(self.Return.search_count([("order_id", "=", self.order_a.id)]), 1)

    def test_forged_or_oversized_photos_are_refused_and_nothing_saved(self):
        with self.assertRaisesRegex(UserError, "not a JPEG or PNG"):
            self._request(1, photos=[("photo.png", EXE_BYTES)])
        with self.assertRaisesRegex(UserError, "larger than 5 MB"):
            self._request(1, photos=[("big.png", PNG_BYTES + b"0" * (5 * 1024 * 1024))])
        self.assertFalse(self.Return.search([("order_id", "=", self.order_a.id)]))
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "dealer.return")]))

    def test_other_dealers_order_cannot_be_returned_or_seen(self):
        with self.assertRaises(AccessError):
            self._request(1, order=self.order_b)
        request_b = self._request(1, user=self.portal_b, order=self.order_b, photos=[("b.png", PNG_BYTES)])
        photo_b = request_b.photo_ids
        with self.assertRaises(AccessError):
            photo_b.with_user(self.portal_a).read(["datas"])
        self.assertFalse(self.Return.with_user(self.portal_a).search([("id", "=", request_b.id)]))
        with self.assertRaises(AccessError):
            request_b.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            request_b.with_user(self.portal_b).action_approve()
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self.assertEqual(self.url_open(f"/my/dealer/returns/{request_b.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/dealer/returns/new/{self.order_b.id}").status_code, 404)
        self.assertIn(self.url_open(f"/web/content/{photo_b.id}").status_code, (403, 404))

    def test_approval_creates_the_return_and_receipt_the_credit_note(self):
        request = self._request(2)
        with self.assertRaisesRegex(UserError, "reason for the rejection"):
            request.with_user(self.back_office).action_reject()
        request.with_user(self.back_office).action_approve()
        self.assertEqual(request.state, "approved")
        picking = request.picking_ids
        self.assertEqual(picking.picking_type_code, "incoming")
        self.assertEqual(picking.move_ids.product_uom_qty, 2)
        self.assertTrue(picking.move_ids.to_refund)
        picking.move_ids.quantity = 2
        picking.button_validate()
        self.assertEqual(request.state, "refunded")
        credit_note = request.credit_note_id
        self.assertEqual((credit_note.move_type, credit_note.state), ("out_refund", "posted"))
        self.assertEqual(credit_note.amount_untaxed, 200.0)
        self.assertEqual(credit_note.invoice_line_ids.sale_line_ids, self.line_a)
        self.assertEqual(self.line_a.qty_delivered, 3)
        # Received goods are out of the delivered quantity, so out of what may still be returned.
        self.assertEqual(self.Return._dealer_returnable_quantities(self.order_a)[self.line_a], 3)

    def test_back_office_form_rejects_with_a_reason(self):
        request = self._request(1)
        with Form(request.with_user(self.back_office)) as form:
            form.reject_reason = "Not our product"
        request.with_user(self.back_office).action_reject()
        self.assertEqual((request.state, request.reject_reason), ("rejected", "Not our product"))
        self.assertIn(request, self.Return.with_user(self.back_office).search([("state", "=", "rejected")]))

    def test_rejection_keeps_the_reason_and_frees_the_quantity(self):
        request = self._request(5)
        request.with_user(self.back_office).reject_reason = "Outside the warranty"
        request.with_user(self.back_office).action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertIn("Outside the warranty", request.message_ids[0].body)
        self.assertEqual(self.Return._dealer_returnable_quantities(self.order_a)[self.line_a], 5)
        with self.assertRaisesRegex(UserError, "not waiting"):
            request.with_user(self.back_office).action_approve()

    def test_return_page_upload_refuses_forged_photo(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        response = self.opener.post(
            f"{self.base_url()}/my/dealer/returns/new/{self.order_a.id}",
            data={"csrf_token": Request.csrf_token(self), f"qty_{self.line_a.id}": "1", "reason": "Broken"},
            files=[("photos", ("photo.jpg", EXE_BYTES, "image/jpeg"))],
            timeout=60,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not a JPEG or PNG photo", response.text)
        self.assertFalse(self.Return.search([("order_id", "=", self.order_a.id)]))

    def test_return_page_refuses_absurd_quantities_with_a_message(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        for qty in ("1e308", "1e20", "2000000"):
            response = self.opener.post(
                f"{self.base_url()}/my/dealer/returns/new/{self.order_a.id}",
                data={"csrf_token": Request.csrf_token(self), f"qty_{self.line_a.id}": qty, "reason": "Broken"},
                timeout=60,
            )
            self.assertEqual(response.status_code, 200, qty)
            self.assertIn("above the maximum of 1,000,000 per line", response.text, qty)
        self.assertFalse(self.Return.search([("order_id", "=", self.order_a.id)]))

    def test_tour_return_request_approval_credit_note(self):
        self.start_tour("/my/dealer", "dealer_portal_return_request_tour", login=self.portal_a.login, timeout=120)
        request = self.Return.search([("order_id", "=", self.order_a.id)])
        self.assertEqual((request.state, request.line_ids.quantity), ("requested", 2))
        request.with_user(self.back_office).action_approve()
        request.picking_ids.move_ids.quantity = 2
        request.picking_ids.button_validate()
        self.assertEqual(request.state, "refunded")
        self.start_tour("/my/dealer/returns", "dealer_portal_return_refunded_tour", login=self.portal_a.login)

    def test_tour_back_office_approves_a_return(self):
        request = self._request(1, reason="Lid broken")
        self.start_tour("/odoo", "dealer_portal_back_office_returns_tour", login=self.back_office.login, timeout=120)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.picking_ids.picking_type_code, "incoming")
