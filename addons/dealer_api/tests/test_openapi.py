import re

from openapi_spec_validator import validate

from odoo.tests import HttpCase, TransactionCase, tagged

from ..tools.openapi import API_PREFIX, PATH_ID_SCHEMA, ApiOperation, ApiParameter, operation_document


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


@tagged("post_install", "-at_install")
class TestOpenApiOperation(TransactionCase):
    def test_an_id_in_the_path_or_a_dealer_code_documents_404(self):
        order = ApiParameter("order_id", "The order.", location="path", schema=PATH_ID_SCHEMA, model="sale.order")
        by_id = ApiOperation(operation="t_by_id", method="GET", summary="s", audience=("dealer",), parameters=(order,))
        for_dealer = ApiOperation(operation="t_for_dealer", method="GET", summary="s")
        for_key = ApiOperation(operation="t_for_key", method="GET", summary="s", acts_for="key")
        self.assertIn("404", operation_document(by_id, "en_US")["responses"])
        self.assertIn("404", operation_document(for_dealer, "en_US")["responses"])
        self.assertNotIn("404", operation_document(for_key, "en_US")["responses"])
        path = operation_document(by_id, "en_US")["parameters"][0]
        self.assertEqual((path["in"], path["required"], path["schema"]["minimum"]), ("path", True, 1))
