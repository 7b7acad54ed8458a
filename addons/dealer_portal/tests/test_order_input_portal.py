import re
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_portal.controllers.order_input import DealerPortalOrderInput

from .order_input_common import OrderInputCase


@tagged("post_install", "-at_install")
class TestOrderInputPortal(HttpCase, OrderInputCase):
    def _token(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _post(self, url, data, files=None, token_page="/my/dealer/quick-order"):
        data = dict(data, csrf_token=self._token(token_page))
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def _upload(self, content, filename="order.xlsx"):
        return self._post(
            "/my/dealer/import/upload", {}, files={"order_file": (filename, content)}, token_page="/my/dealer/import"
        )

    def _previews(self, user):
        return self.env["dealer.order.import"].sudo().search([("user_id", "=", user.id)])

    # ------------------------------------------------------------
    # QUICK ORDER
    # ------------------------------------------------------------

    def test_quick_order_with_a_bad_line_shows_it_keeps_the_input_and_adds_nothing(self):
        self.authenticate("t_portal_a", "t_portal_a")
        form = {"lines": "T-KETTLE 2\nNOPE 1", "grid_sku": "", "grid_qty": ""}
        response = self._post("/my/dealer/quick-order/add", form)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Line 2", response.text)
        self.assertIn("Unknown product code NOPE", response.text)
        self.assertIn("T-KETTLE 2\nNOPE 1", response.text, "the pasted text is kept in the form")
        self.assertFalse(self._cart().order_line)

    def test_quick_order_adds_the_lines_to_the_cart_of_the_logged_in_dealer(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self._post("/my/dealer/quick-order/add", {"lines": "T-KETTLE，２\n\n电热水壶-01\t1"})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/dealer/cart"))
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 2, "电热水壶-01": 1})
        self.assertFalse(self.dealer_b._dealer_portal_cart(user=self.portal_b, create=False).order_line)

    def test_quick_order_form_sent_again_adds_its_lines_once_and_shows_the_cart(self):
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/quick-order")
        key = re.search(r'name="quick_order_key" value="([^"]+)"', page.text).group(1)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        form = {"lines": "T-KETTLE 2", "grid_sku": "T-CUPS", "grid_qty": "12", "quick_order_key": key}
        for _attempt in range(2):
            response = self.url_open(
                "/my/dealer/quick-order/add", data=dict(form, csrf_token=token), allow_redirects=False
            )
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my/dealer/cart"))
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 2, "T-CUPS": 12}, "the retried form added nothing")
        self.assertEqual(self._cart().dealer_quick_order_key, key)
        # A new form (a new key) adds again; so does a form without a key, as before.
        new_key = re.search(r'name="quick_order_key" value="([^"]+)"', self.url_open("/my/dealer/quick-order").text)
        self.assertNotEqual(new_key.group(1), key, "every rendered form has its own key")
        response = self._post("/my/dealer/quick-order/add", dict(form, quick_order_key=new_key.group(1)))
        self.assertEqual(response.status_code, 303)
        response = self._post("/my/dealer/quick-order/add", {"lines": "T-KETTLE 1"})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 5, "T-CUPS": 24})
        # The first form, sent again from a tab left open after the second one: still nothing added.
        response = self._post("/my/dealer/quick-order/add", form)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 5, "T-CUPS": 24})

    def test_quick_order_keeps_the_keys_of_the_last_forms_only(self):
        cart = self._cart()
        for number in range(25):
            self.assertEqual(cart._dealer_portal_add_quick_order("T-KETTLE 1", [], key=f"form-{number}"), [])
        kept = cart.dealer_quick_order_key.split()
        self.assertEqual(kept, [f"form-{number}" for number in range(5, 25)], "the last 20 forms' keys")
        self.assertEqual(self._lines(cart), {"T-KETTLE": 25})
        cart._dealer_portal_add_quick_order("T-KETTLE 1", [], key=" form-24\n")  # the same form, spaces aside
        self.assertEqual(self._lines(cart), {"T-KETTLE": 25})
        cart._dealer_portal_add_quick_order("T-KETTLE 1", [], key="form-23 form-24")  # one new key, never two
        self.assertEqual(self._lines(cart), {"T-KETTLE": 26})
        self.assertEqual(cart.dealer_quick_order_key.split()[-1], "form-23form-24")

    def test_quick_order_form_with_errors_keeps_nothing_and_can_be_sent_corrected(self):
        self.authenticate("t_portal_a", "t_portal_a")
        form = {"lines": "T-KETTLE 2\nNOPE 1", "quick_order_key": "form-1"}
        response = self._post("/my/dealer/quick-order/add", form)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._cart().dealer_quick_order_key, "a form refused leaves no key")
        self.assertIn('name="quick_order_key"', response.text)
        response = self._post("/my/dealer/quick-order/add", dict(form, lines="T-KETTLE 2"))
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 2})

    def test_posts_without_csrf_token_are_refused(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open("/my/dealer/quick-order/add", data={"lines": "T-KETTLE 2"}, allow_redirects=False)
        self.assertEqual(response.status_code, 400)
        files = {"order_file": ("order.xlsx", self._xlsx([("T-KETTLE", 1)]))}
        response = self.url_open("/my/dealer/import/upload", files=files, allow_redirects=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._previews(self.portal_a))
        preview = self.env(user=self.portal_a, su=True)["dealer.order.import"]._dealer_portal_create_preview(
            self.dealer_a, "order.xlsx", self._xlsx([("T-KETTLE", 1)])
        )
        response = self.url_open(f"/my/dealer/import/{preview.id}/apply", data={"apply": "1"}, allow_redirects=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._cart().order_line)

    def test_dealer_home_links_to_quick_order_and_import(self):
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer")
        self.assertIn('href="/my/dealer/quick-order"', page.text)
        self.assertIn('href="/my/dealer/import"', page.text)

    def test_non_dealer_user_is_sent_to_portal_home(self):
        self.authenticate("admin", "admin")
        for url in ("/my/dealer/quick-order", "/my/dealer/import"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)

    # ------------------------------------------------------------
    # IMPORT
    # ------------------------------------------------------------

    def test_upload_preview_and_apply_through_the_portal(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self._upload(self._xlsx([("T-KETTLE", 2), ("T-CUPS", 12)]))
        self.assertEqual(response.status_code, 303)
        preview = self._previews(self.portal_a)
        self.assertEqual(len(preview), 1)
        self.assertEqual(preview.dealer_id, self.dealer_a)
        self.assertTrue(response.headers["Location"].endswith(f"/my/dealer/import/{preview.id}"))
        page = self.url_open(f"/my/dealer/import/{preview.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_dealer_import_ready", page.text)
        self.assertIn("Boxed Cups", page.text)
        self.assertFalse(self._cart().order_line, "nothing is added before the dealer applies")
        response = self._post(f"/my/dealer/import/{preview.id}/apply", {}, token_page="/my/dealer/import")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/dealer/cart"))
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 2, "T-CUPS": 12})

    def test_import_applied_twice_adds_its_rows_once_and_answers_with_the_cart_both_times(self):
        self.authenticate("t_portal_a", "t_portal_a")
        self._upload(self._xlsx([("T-KETTLE", 2), ("T-CUPS", 12)]))
        preview = self._previews(self.portal_a)
        first = self._post(f"/my/dealer/import/{preview.id}/apply", {}, token_page="/my/dealer/import")
        second = self._post(f"/my/dealer/import/{preview.id}/apply", {}, token_page="/my/dealer/import")
        for response in (first, second):
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my/dealer/cart"))
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 2, "T-CUPS": 12})
        self.assertIn("already been added", self.url_open("/my/dealer/cart").text)

    def test_bad_rows_are_listed_with_their_row_numbers_and_cannot_be_applied(self):
        self.authenticate("t_portal_a", "t_portal_a")
        self._upload(self._xlsx([("T-KETTLE", 2), ("NOPE", 1), ("T-CUPS", 5)]))
        preview = self._previews(self.portal_a)
        page = self.url_open(f"/my/dealer/import/{preview.id}")
        self.assertIn("2 rows have errors", page.text)
        self.assertEqual(page.text.count("o_dealer_import_bad_row"), 2)
        self.assertNotIn("o_dealer_import_apply_form", page.text)
        response = self._post(f"/my/dealer/import/{preview.id}/apply", {}, token_page="/my/dealer/import")
        self.assertEqual(response.status_code, 200)
        self.assertIn("nothing was added", response.text)
        self.assertFalse(self._cart().order_line)

    def test_unreadable_upload_shows_a_message_and_keeps_nothing(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self._upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "order.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("not a spreadsheet", response.text)
        self.assertFalse(self._previews(self.portal_a))

    def test_template_download_is_an_xlsx_workbook(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open("/my/dealer/import/template.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK\x03\x04"))
        self.assertIn("spreadsheetml", response.headers["Content-Type"])

    # ------------------------------------------------------------
    # DEALER A AGAINST DEALER B
    # ------------------------------------------------------------

    def test_dealer_cannot_see_or_apply_another_dealers_preview(self):
        env_b = self.env(user=self.portal_b, su=True)
        preview_b = env_b["dealer.order.import"]._dealer_portal_create_preview(
            self.dealer_b, "secret-b.xlsx", self._xlsx([("T-KETTLE", 7)])
        )
        cart_b = self._cart(self.dealer_b, self.portal_b)
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open(f"/my/dealer/import/{preview_b.id}")
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("secret-b", page.text)
        response = self._post(f"/my/dealer/import/{preview_b.id}/apply", {}, token_page="/my/dealer/import")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("secret-b", response.text)
        self.assertEqual(preview_b.state, "preview")
        self.assertFalse(cart_b.order_line, "dealer B's cart is untouched")
        self.assertFalse(self._cart().order_line, "and nothing reached dealer A's cart")

    def test_preview_of_another_user_of_the_same_dealer_is_not_found(self):
        colleague = self._create_portal_user(self.dealer_a, "t_portal_a2")
        preview = self.env(user=colleague, su=True)["dealer.order.import"]._dealer_portal_create_preview(
            self.dealer_a, "order.xlsx", self._xlsx([("T-KETTLE", 1)])
        )
        self.authenticate("t_portal_a", "t_portal_a")
        self.assertEqual(self.url_open(f"/my/dealer/import/{preview.id}").status_code, 404)

    def test_previews_are_readable_by_rpc_only_by_their_user(self):
        preview_b = self.env(user=self.portal_b, su=True)["dealer.order.import"]._dealer_portal_create_preview(
            self.dealer_b, "secret-b.xlsx", self._xlsx([("T-KETTLE", 7)])
        )
        Preview = self.env["dealer.order.import"].with_user(self.portal_a)
        self.assertFalse(Preview.search([]))
        with self.assertRaises(Exception):  # noqa: B017 - AccessError or MissingError, both refuse
            Preview.browse(preview_b.id).read(["filename"])
        self.assertTrue(Preview.with_user(self.portal_b).search([]))

    def test_import_form_ignores_a_dealer_given_in_the_request(self):
        self.authenticate("t_portal_a", "t_portal_a")
        files = {"order_file": ("order.xlsx", self._xlsx([("T-KETTLE", 1)]))}
        data = {"dealer_id": self.dealer_b.id, "csrf_token": self._token("/my/dealer/import")}
        self.url_open("/my/dealer/import/upload", data=data, files=files, allow_redirects=False)
        self.assertEqual(self._previews(self.portal_a).dealer_id, self.dealer_a)

    # ------------------------------------------------------------
    # TOURS
    # ------------------------------------------------------------

    def _tour(self, name, url):
        # The cart page belongs to another part of the portal: the tours end on the dealer home.
        with patch.object(DealerPortalOrderInput, "_dealer_portal_after_add_url", lambda self: "/my/dealer"):
            self.start_tour(url, name, login="t_portal_a", timeout=180)

    def test_quick_order_tour(self):
        self._tour("dealer_portal_quick_order_tour", "/my/dealer/quick-order")
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 2, "T-CUPS": 12, "电热水壶-01": 1})

    def test_import_tour(self):
        self._tour("dealer_portal_import_tour", "/my/dealer/import")
        self.assertEqual(self._lines(self._cart()), {"T-KETTLE": 3, "电热水壶-01": 2})
