"""Cross-module checks on the project's add-ons as shipped."""

import ast
import pathlib
import re

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import xml_translate

ADDONS = pathlib.Path(__file__).resolve().parent.parent / "addons"
MODULES = sorted(p.parent for p in ADDONS.glob("*/__manifest__.py"))


def _po_entries(path):
    """msgid -> msgstr of a .po file (multi-line strings joined)."""
    entries, key, current, msgid, msgstr = {}, None, [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgid "):
            key, current = "msgid", [line[6:]]
        elif line.startswith("msgstr "):
            msgid, key, current = "".join(ast.literal_eval(s) for s in current), "msgstr", [line[7:]]
        elif line.startswith('"') and key:
            current.append(line)
        elif not line.strip() and key == "msgstr":
            msgstr = "".join(ast.literal_eval(s) for s in current)
            entries[msgid] = msgstr
            key = None
    entries.pop("", None)
    return entries


@tagged("post_install", "-at_install")
class TestProjectModules(TransactionCase):
    def test_every_module_is_installed(self):
        names = [m.name for m in MODULES]
        installed = self.env["ir.module.module"].search([("name", "in", names), ("state", "=", "installed")])
        self.assertEqual(sorted(installed.mapped("name")), names)

    def test_manifests_follow_conventions(self):
        for module in MODULES:
            manifest = ast.literal_eval((module / "__manifest__.py").read_text())
            self.assertRegex(manifest["version"], r"^18\.0\.\d+\.\d+\.\d+$", module.name)
            self.assertNotIn("description", manifest, module.name)
            for key in ("license", "author", "depends", "installable"):
                self.assertIn(key, manifest, module.name)
            self.assertTrue((module / "readme" / "DESCRIPTION.md").exists(), module.name)
            self.assertTrue((module / "README.rst").exists(), module.name)

    def test_every_string_is_translated_to_chinese(self):
        for module in MODULES:
            pot = module / "i18n" / f"{module.name}.pot"
            po = module / "i18n" / "zh_CN.po"
            self.assertTrue(pot.exists() and po.exists(), f"{module.name}: .pot and zh_CN.po are required")
            terms = _po_entries(pot)
            translated = _po_entries(po)
            missing = [msgid for msgid in terms if not translated.get(msgid)]
            self.assertFalse(missing, f"{module.name}: untranslated in zh_CN.po: {missing[:10]}")

    def test_every_view_term_is_in_the_translation_template(self):
        # A view changed after its module's .pot was made shows its new words in English.
        for module in MODULES:
            msgids = set(_po_entries(module / "i18n" / f"{module.name}.pot"))
            views = self.env["ir.model.data"].search([("module", "=", module.name), ("model", "=", "ir.ui.view")])
            stale = set()
            for view in self.env["ir.ui.view"].browse(views.mapped("res_id")).with_context(lang="en_US"):
                terms = []
                xml_translate(lambda term, terms=terms: terms.append(term) or term, view.arch_db or "")
                stale.update(term for term in terms if re.search(r"[A-Za-z]", term) and term not in msgids)
            self.assertFalse(stale, f"{module.name}: view terms missing from its .pot: {sorted(stale)[:10]}")

    def test_chinese_translation_is_loaded_by_odoo(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        for module in MODULES:
            self.env["ir.module.module"]._load_module_terms([module.name], ["zh_CN"], overwrite=True)
        level = self.env.ref("dealer_base.dealer_level_gold").with_context(lang="zh_CN")
        self.assertTrue(re.search(r"[\u4e00-\u9fff]", level.name), level.name)
