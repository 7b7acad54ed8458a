"""Demo data of the dealer self-service: roles on dealer 1's users, a confirmed
statement, a return request and a sub-dealer its parent may order for."""

from odoo import Command, api, models

DEMO_COLLEAGUES = [
    # login, name, roles, order limit (CNY)
    ("dealer1_buyer", "王采购", ("buyer",), 20000.0),
    ("dealer1_finance", "赵会计", ("accountant",), 0.0),
]


class DealerPortalSelfServiceDemo(models.AbstractModel):
    _name = "dealer.portal.self.service.demo"
    _description = "Dealer Self-Service Demo Data"

    @api.model
    def _load_demo(self):
        dealer_1 = self.env.ref("dealer_base.dealer_1", raise_if_not_found=False)
        if not dealer_1:
            return
        company = self.env.ref("dealer_base.brand_company")
        env = self.with_company(company).env
        portal = env.ref("base.group_portal")
        for login, name, roles, limit in DEMO_COLLEAGUES:
            contact = env["res.partner"].create(
                {"name": name, "parent_id": dealer_1.id, "email": f"{login}@dealer1.example.com", "lang": "zh_CN"}
            )
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": name,
                        "login": login,
                        "password": login,
                        "partner_id": contact.id,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(portal.ids)],
                    }
                )
            )
            env["dealer.user.role"].create(
                dict(
                    {f"is_{role}": role in roles for role in ("admin", "buyer", "approver", "accountant")},
                    user_id=user.id,
                    partner_id=dealer_1.id,
                    company_id=company.id,
                    order_limit=limit,
                )
            )
        Statement = env["dealer.statement"]
        date_from, date_to = Statement._dealer_default_period()
        data = Statement._dealer_statement_data(dealer_1, date_from, date_to, company)
        Statement.create(
            {
                "partner_id": dealer_1.id,
                "company_id": company.id,
                "date_from": date_from,
                "date_to": date_to,
                "opening_balance": data["opening"],
                "invoiced": data["invoiced"],
                "credited": data["credited"],
                "rebated": data["rebated"],
                "paid": data["paid"],
                "closing_balance": data["closing"],
                "state": "confirmed",
                "user_id": env.ref("dealer_base.user_dealer_1").id,
            }
        )
        order = env["sale.order"].search(
            [("partner_id", "=", dealer_1.id), ("state", "=", "sale"), ("order_line.qty_delivered", ">", 0)],
            order="date_order desc",
            limit=1,
        )
        line = order.order_line.filtered(lambda sol: sol.qty_delivered > 0)[:1]
        if line:
            env["dealer.return"].create(
                {
                    "partner_id": dealer_1.id,
                    "order_id": order.id,
                    "reason": "运输途中外包装破损 / Carton damaged in transit.",
                    "user_id": env.ref("dealer_base.user_dealer_1").id,
                    "line_ids": [Command.create({"sale_line_id": line.id, "quantity": 1})],
                }
            )
        dealer_4 = env.ref("dealer_base.dealer_4", raise_if_not_found=False)
        if dealer_4:
            dealer_4.dealer_parent_may_order = True
