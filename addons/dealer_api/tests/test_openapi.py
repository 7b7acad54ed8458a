import re

from openapi_spec_validator import validate

from odoo.tests import HttpCase, tagged

from ..tools.openapi import API_PREFIX


@tagged("post_install", "-at_install")
class TestOpenApi(HttpCase):
    def _document(self, lang=None):
        response = self.url_open(API_PREFIX + "/openapi.json" + (f"?lang={lang}" if lang else ""))
        self.assertEqual(response.status_code, 200)
        return response.json()

    def test_document_is_valid_openapi_in_english_and_chinese(self):
        english = self._document()
        chinese = self._document("zh_CN")
        for document in (english, chinese):
            validate(document)
        self.assertEqual(english["openapi"], "3.0.3")
        self.assertEqual(set(english["paths"]), set(chinese["paths"]))
        self.assertEqual(english["paths"]["/me"]["get"]["summary"], "The key itself")
        self.assertRegex(chinese["paths"]["/me"]["get"]["summary"], r"[\u4e00-\u9fff]")
        self.assertRegex(chinese["info"]["description"], r"[\u4e00-\u9fff]")

    def test_document_lists_the_routes_of_the_installed_add_ons(self):
        document = self._document()
        routes = {
            re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule).removeprefix(API_PREFIX)
            for rule in self.env["ir.http"].routing_map().iter_rules()
            if getattr(rule.endpoint, "routing", {}).get("dealer_api")
        }
        self.assertIn("/me", routes)
        self.assertEqual(set(document["paths"]), routes)
        me = document["paths"]["/me"]["get"]
        self.assertEqual(me["security"], [{"bearerAuth": []}])
        self.assertIn("304", me["responses"])
        self.assertEqual(document["components"]["schemas"]["Error"]["required"], ["status", "error", "message"])
        for item in document["paths"].values():
            for operation in item.values():
                self.assertTrue(operation["summary"] and operation["description"], operation["operationId"])
                if "requestBody" in operation:
                    self.assertIn("409", operation["responses"])
                    self.assertIn("413", operation["responses"])
