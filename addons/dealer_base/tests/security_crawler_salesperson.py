"""Salesperson security crawler: can a salesperson of one region read another region's dealers?

A salesperson limited to its own dealers (``dealer_base.group_dealer_user``)
reaches through RPC every model its groups may read. The crawler discovers
those models instead of listing them, so a model added by any module is
covered without editing it:

* the models: every ``ir.model.access`` line granting read to the group, to a
  group it implies (sales, employee...) or to everyone;
* the targets: the records of the other dealers found through each model's
  stored partner many2one fields (as the portal crawler's ``dealer_records``
  does), then one step further through the many2one fields pointing to a
  record already found (order lines of the orders, move lines of the
  transfers, lines of returns...);
* the probe: ``search`` for those ids and ``read`` of them as the salesperson,
  which is what ``/web/dataset/call_kw`` runs for ``search_read``,
  ``web_search_read``, ``read`` and ``name_search``.

A finding is one of the other dealers' records that the salesperson sees.

Usage in a test::

    crawler = SalespersonCrawler(env, salesperson_a, dealers_b)
    self.assertFalse(crawler.crawl())
"""

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

# Standard Odoo shows these to every employee on purpose; what they point to keeps its own rules.
STANDARD_VISIBLE = frozenset(
    {
        # Who follows a document, not the document: Odoo lists followers to every employee.
        "mail.followers",
        # Users (portal logins included) are readable by every employee, for mentions and assignment.
        "res.users",
    }
)
TARGETS_PER_MODEL = 20


class SalespersonCrawler:
    def __init__(self, env, salesperson, dealers_b, *, group=None, models=None, skip=STANDARD_VISIBLE):
        self.env = env
        self.salesperson = salesperson
        self.dealers_b = dealers_b
        self.group = group or env.ref("dealer_base.group_dealer_user")
        self.models = [m for m in (models or group_readable_models(env, self.group)) if m not in skip]
        self.records_b = salesperson_targets(env, dealers_b, self.models)
        self.findings = []
        self.probed = []

    def crawl(self):
        """Probe every target model; returns the findings (empty when nothing leaks)."""
        with mute_logger("odoo.models", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model"):
            for model, ids in self.records_b.items():
                self.probe(model, ids)
        return self.findings

    def probe(self, model, ids):
        self.probed.append(model)
        Model = self.env[model].with_user(self.salesperson).with_context(active_test=False)
        try:
            visible = Model.search([("id", "in", ids)])
        except AccessError:
            return
        if visible:
            names = visible.sudo().mapped("display_name")[:3]
            self.findings.append(f"{model}: search shows {len(visible)} of the other dealers' records {names}")
            return
        try:
            Model.browse(ids).read(["display_name"])
        except AccessError:
            return
        self.findings.append(f"{model}: read returns the other dealers' records {ids[:3]}")


def group_readable_models(env, group):
    """Models that ``group`` (with the groups it implies) or everyone may read, per ir.model.access."""
    groups = group | group.trans_implied_ids
    access = (
        env["ir.model.access"]
        .sudo()
        .search([("perm_read", "=", True), "|", ("group_id", "=", False), ("group_id", "in", groups.ids)])
    )
    names = set(access.mapped("model_id.model"))
    return sorted(name for name in names if name in env and not env[name]._abstract and not env[name]._transient)


def salesperson_targets(env, dealers, models, limit=TARGETS_PER_MODEL):
    """model -> ids of ``dealers``' records among ``models``: through stored partner many2one
    fields, then through many2one fields pointing to a record found in the first step."""
    partners = env["res.partner"].sudo().with_context(active_test=False).search([("id", "child_of", dealers.ids)])
    records = {"res.partner": partners.ids[:limit]} if "res.partner" in models else {}
    found = {"res.partner": partners.ids}
    for step in (1, 2):
        for name in models:
            if name in records:
                continue
            model = env[name].sudo().with_context(active_test=False)
            domain = []
            for field in model._fields.values():
                if field.type != "many2one" or not field.store or field.name in ("create_uid", "write_uid"):
                    continue
                if step == 1 and field.comodel_name == "res.partner":
                    domain.append((field.name, "in", partners.ids))
                elif step == 2 and field.comodel_name != "res.partner" and field.comodel_name in found:
                    domain.append((field.name, "in", found[field.comodel_name]))
            if not domain:
                continue
            ids = model.search(["|"] * (len(domain) - 1) + domain, limit=limit, order="id desc").ids
            if ids:
                records[name] = ids
                found[name] = ids
    return records
