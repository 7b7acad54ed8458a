import math

from odoo.models import INSERT_BATCH_SIZE
from odoo.tests import tagged

from .order_input_common import OrderInputCase


@tagged("post_install", "-at_install")
class TestQuickOrder(OrderInputCase):
    def test_pasted_lines_in_any_separator_are_added(self):
        cart = self._cart()
        text = "T-KETTLE\t2\n\nT-CUPS, 12\n  T-KETTLE 3  \n电热水壶-01;1\n"
        self.assertEqual(cart._dealer_portal_add_quick_order(text, []), [])
        self.assertEqual(self._lines(cart), {"T-KETTLE": 5, "T-CUPS": 12, "电热水壶-01": 1})

    def test_full_width_characters_and_thousands_separators_are_read(self):
        cart = self._cart()
        # Full-width code, comma, space and digits (全角), an ideographic space, grouped thousands.
        text = "Ｔ－ＫＥＴＴＬＥ，１２\nT-CUPS\u30001,200\nT-KETTLE 1 000\n电热水壶-01\t２"
        self.assertEqual(cart._dealer_portal_add_quick_order(text, []), [])
        self.assertEqual(self._lines(cart), {"T-KETTLE": 1012, "T-CUPS": 1200, "电热水壶-01": 2})

    def test_one_bad_line_adds_nothing_and_every_error_names_its_line(self):
        cart = self._cart()
        text = "T-KETTLE 2\nNOPE 1\n\nT-PAN 1\nT-CUPS 13\nT-CUPS 6\nT-KETTLE -1\nT-KETTLE\nT-KETTLE 3 pcs"
        errors = cart._dealer_portal_add_quick_order(text, [])
        refs = [ref for ref, _message in errors]
        self.assertEqual(refs, ["Line 2", "Line 4", "Line 5", "Line 6", "Line 7", "Line 8", "Line 9"])
        messages = dict(errors)
        self.assertIn("NOPE", messages["Line 2"])
        self.assertIn("authorised", messages["Line 4"])
        self.assertIn("packs of 6", messages["Line 5"])
        self.assertIn("minimum", messages["Line 6"])
        self.assertIn("positive", messages["Line 7"])
        self.assertIn("quantity", messages["Line 8"])
        self.assertFalse(cart.order_line, "nothing is added while a line is bad")

    def test_grid_rows_are_checked_with_the_pasted_lines(self):
        cart = self._cart()
        errors = cart._dealer_portal_add_quick_order("T-KETTLE 1", [("T-CUPS", "12"), ("", ""), ("", "5"), ("X", "1")])
        self.assertEqual([ref for ref, _m in errors], ["Grid row 3", "Grid row 4"])
        self.assertFalse(cart.order_line)
        self.assertEqual(cart._dealer_portal_add_quick_order("T-KETTLE 1", [("T-CUPS", "12"), ("", "")]), [])
        self.assertEqual(self._lines(cart), {"T-KETTLE": 1, "T-CUPS": 12})

    def test_the_same_quick_order_form_is_added_once(self):
        cart = self._cart()
        self.assertEqual(cart._dealer_portal_add_quick_order("T-KETTLE 2", [], key="k1"), [])
        self.assertEqual(cart._dealer_portal_add_quick_order("T-KETTLE 2", [], key="k1"), [])
        self.assertEqual(self._lines(cart), {"T-KETTLE": 2})
        self.assertEqual(cart._dealer_portal_add_quick_order("T-KETTLE 2", [], key="k2"), [])
        self.assertEqual(self._lines(cart), {"T-KETTLE": 4})

    def test_an_empty_quick_order_says_what_to_do(self):
        errors = self._cart()._dealer_portal_add_quick_order("\n  \n", [("", "")])
        self.assertEqual(len(errors), 1)
        self.assertIn("at least one", errors[0][1])

    def test_too_many_pasted_lines_are_refused_with_a_message(self):
        cart = self._cart()
        text = "\n".join(f"T-KETTLE {n}" for n in range(1, 2200))
        with self.assertRaisesRegex(Exception, "at most 2000 lines"):
            cart._dealer_portal_add_quick_order(text, [])
        self.assertFalse(cart.order_line)

    def _emptied_cart_and_text(self, count):
        cart = self._cart()
        cart.order_line.unlink()
        text = "\n".join(f"{p.default_code} 2" for p in self.many[:count])
        self.env.flush_all()
        self.env.invalidate_all()
        return cart, text

    def _add(self, cart, text, count):
        self.assertEqual(cart._dealer_portal_add_quick_order(text, []), [])
        self.env.flush_all()
        self.assertEqual(len(cart.order_line), count)

    def test_queries_do_not_grow_with_the_number_of_lines(self):
        cart, text = self._emptied_cart_and_text(5)
        self._add(cart, text, 5)  # warms the registry caches
        cart, text = self._emptied_cart_and_text(10)
        before = self.cr.sql_log_count
        self._add(cart, text, 10)
        ten = self.cr.sql_log_count - before
        cart, text = self._emptied_cart_and_text(150)
        # Odoo inserts and updates rows by batches of 100: 150 lines take one more INSERT and UPDATE.
        batches = math.ceil(150 / INSERT_BATCH_SIZE) - 1
        with self.assertQueryCount(ten + 2 * batches):
            self._add(cart, text, 150)
