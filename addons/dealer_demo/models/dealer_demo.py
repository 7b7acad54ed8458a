"""Demo data of the dealer platform: a brand in CNY, three warehouses, a
product range, six dealers with portal logins and a year of order history.

Kept in Python because the history (orders confirmed, delivered, invoiced
and paid on past dates) goes through the business flows, which XML cannot
drive. Every record gets an XML id so other modules' demo data can use it.
"""

import base64
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

# A one-page PDF standing in for a scanned business licence.
DEMO_LICENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

REGIONS = [
    # (xml id, code, name, type, parent xml id)
    ("region_cn", "CN", "中国", "country", None),
    ("region_east", "CN-E", "华东", "region", "region_cn"),
    ("region_south", "CN-S", "华南", "region", "region_cn"),
    ("region_north", "CN-N", "华北", "region", "region_cn"),
    ("region_shanghai", "CN-SH", "上海", "province", "region_east"),
    ("region_zhejiang", "CN-ZJ", "浙江", "province", "region_east"),
    ("region_hangzhou", "CN-ZJ-HZ", "杭州", "city", "region_zhejiang"),
    ("region_guangdong", "CN-GD", "广东", "province", "region_south"),
    ("region_guangzhou", "CN-GD-GZ", "广州", "city", "region_guangdong"),
    ("region_shenzhen", "CN-GD-SZ", "深圳", "city", "region_guangdong"),
    ("region_beijing", "CN-BJ", "北京", "province", "region_north"),
    ("region_tianjin", "CN-TJ", "天津", "province", "region_north"),
]

WAREHOUSES = [
    # (xml id, code, name, city, region xml id)
    ("warehouse_east", "SH", "East China Warehouse (Shanghai)", "Shanghai", "region_east"),
    ("warehouse_south", "GZ", "South China Warehouse (Guangzhou)", "Guangzhou", "region_south"),
    ("warehouse_north", "BJ", "North China Warehouse (Beijing)", "Beijing", "region_north"),
]

CATEGORIES = [
    ("categ_kitchen", "Kitchen Appliances"),
    ("categ_home", "Home Appliances"),
    ("categ_care", "Personal Care"),
    ("categ_parts", "Accessories & Parts"),
]

# (category, SKU prefix, base names, list price range)
PRODUCT_FAMILIES = [
    (
        "categ_kitchen",
        "KA",
        [
            "Rice Cooker 3L",
            "Rice Cooker 5L",
            "Electric Kettle 1.7L",
            "Induction Cooker",
            "Soymilk Maker",
            "Air Fryer 4L",
            "Air Fryer 6L",
            "Blender Pro",
            "Microwave Oven 20L",
            "Electric Steamer",
            "Slow Cooker",
        ],
        (129, 899),
    ),
    (
        "categ_home",
        "HA",
        [
            "Tower Fan",
            "Desk Fan",
            "Air Purifier S",
            "Air Purifier L",
            "Dehumidifier 12L",
            "Humidifier 4L",
            "Robot Vacuum",
            "Cordless Vacuum",
            "Electric Heater",
            "Steam Iron",
        ],
        (99, 2499),
    ),
    (
        "categ_care",
        "PC",
        [
            "Hair Dryer",
            "Hair Straightener",
            "Electric Shaver",
            "Electric Toothbrush",
            "Body Scale",
            "Massage Gun",
            "Foot Spa",
            "Beard Trimmer",
        ],
        (59, 699),
    ),
    (
        "categ_parts",
        "AP",
        [
            "Inner Pot 3L",
            "Inner Pot 5L",
            "HEPA Filter S",
            "HEPA Filter L",
            "Kettle Lid",
            "Brush Heads (4 pcs)",
            "Blender Jar",
            "Vacuum Battery",
            "Fryer Basket",
            "Power Cord",
            "Remote Control",
        ],
        (19, 199),
    ),
]

DEALERS = [
    # (n, code, name, level, region, warehouse, salesperson, parent n, city, street, registry)
    (
        1,
        "D001",
        "上海恒通商贸有限公司",
        "platinum",
        "region_shanghai",
        "warehouse_east",
        "east",
        None,
        "上海",
        "浦东新区张江路 88 号",
        "91310115MA1H8X0001",
    ),
    (
        2,
        "D002",
        "杭州联华电器有限公司",
        "gold",
        "region_hangzhou",
        "warehouse_east",
        "east",
        None,
        "杭州",
        "西湖区文三路 120 号",
        "91330106MA2B7Y0002",
    ),
    (
        3,
        "D003",
        "广州粤丰贸易有限公司",
        "gold",
        "region_guangzhou",
        "warehouse_south",
        "south",
        None,
        "广州",
        "天河区体育西路 66 号",
        "91440106MA5C6Z0003",
    ),
    (
        4,
        "D004",
        "深圳鹏达电器商行",
        "silver",
        "region_shenzhen",
        "warehouse_south",
        "south",
        3,
        "深圳",
        "福田区华强北路 18 号",
        "91440304MA5D5A0004",
    ),
    (
        5,
        "D005",
        "北京京北经贸有限公司",
        "platinum",
        "region_beijing",
        "warehouse_north",
        "east",
        None,
        "北京",
        "朝阳区建国路 99 号",
        "91110105MA0E4B0005",
    ),
    (
        6,
        "D006",
        "天津海河家电有限公司",
        "silver",
        "region_tianjin",
        "warehouse_north",
        "east",
        None,
        "天津",
        "和平区南京路 200 号",
        "91120101MA0F3C0006",
    ),
]

CONTACTS = ["王磊", "陈静", "刘洋", "赵敏", "孙涛", "周婷"]

# Monthly purchase volume (in order lines) by level, and a seasonality curve
# with the 618 and Double 11 peaks.
LEVEL_ORDERS = {"platinum": 2, "gold": 2, "silver": 1}
SEASON = {1: 1.1, 2: 0.7, 3: 0.9, 4: 1.0, 5: 1.2, 6: 1.5, 7: 0.9, 8: 0.9, 9: 1.1, 10: 1.2, 11: 1.6, 12: 1.3}


class DealerBaseDemo(models.AbstractModel):
    _name = "dealer.base.demo"
    _description = "Dealer Platform Demo Data"

    def _ref(self, name):
        return self.env.ref(f"dealer_base.{name}")

    def _set_xmlid(self, record, name):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"dealer_base.{name}", "record": record, "noupdate": True}]
        )
        return record

    @api.model
    def _load_demo(self):
        if self.env.ref("dealer_base.brand_company", raise_if_not_found=False):
            return  # loaded already: the demo is made once per database
        self.env["res.lang"]._activate_lang("zh_CN")
        self.with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)._demo_all()

    def _demo_all(self):
        rng = random.Random(20241124)
        company = self._demo_company()
        self._demo_regions()
        warehouses = self._demo_warehouses(company)
        users = self._demo_salespeople(company)
        products = self._demo_products(company, rng)
        self._demo_stock(company, warehouses, products, rng)
        dealers = self._demo_dealers(company, users)
        self._demo_history(company, dealers, products, rng)

    def _demo_company(self):
        env = self.env
        env.ref("base.CNY").active = True
        company = env["res.company"].create(
            {
                "name": "云杉家电 Spruce Appliances",
                "currency_id": env.ref("base.CNY").id,
                "country_id": env.ref("base.cn").id,
                "city": "上海",
                "street": "闵行区申长路 1 号",
                "email": "sales@spruce-appliances.example.com",
                "phone": "+86 21 5555 0100",
                "company_registry": "91310112MA1SPRUCE1",
            }
        )
        self._set_xmlid(company, "brand_company")
        env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
        # The generic chart sets its own currency; nothing is posted yet, so CNY can follow.
        company.currency_id = env.ref("base.CNY")
        vat = env["account.tax"].create(
            {
                "name": "VAT 13%",
                "amount": 13.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": company.id,
                "tax_group_id": env["account.tax.group"].search([("company_id", "=", company.id)], limit=1).id,
            }
        )
        company.account_sale_tax_id = vat
        admin = env.ref("base.user_admin")
        # Admin may work in the brand; its default company stays Odoo's, in which Odoo's own
        # tests run as admin (make run opens the demo database on the brand).
        admin.write({"company_ids": [Command.link(company.id)]})
        return company

    def _demo_regions(self):
        for xmlid, code, name, rtype, parent in REGIONS:
            region = self.env["dealer.region"].create(
                {
                    "name": name,
                    "code": code,
                    "region_type": rtype,
                    "parent_id": parent and self._ref(parent).id,
                    "country_id": self.env.ref("base.cn").id if rtype == "country" else False,
                }
            )
            self._set_xmlid(region, xmlid)

    def _demo_warehouses(self, company):
        Warehouse = self.env["stock.warehouse"].with_company(company)
        result = {}
        for xmlid, code, name, city, _region in WAREHOUSES:
            warehouse = Warehouse.search([("company_id", "=", company.id), ("code", "=", code)], limit=1)
            if not warehouse and code == "SH":
                warehouse = Warehouse.search([("company_id", "=", company.id)], limit=1)
            address = self.env["res.partner"].create(
                {"name": name, "city": city, "country_id": self.env.ref("base.cn").id, "company_id": company.id}
            )
            vals = {"name": name, "code": code, "partner_id": address.id}
            if warehouse:
                warehouse.write(vals)
            else:
                warehouse = Warehouse.create(dict(vals, company_id=company.id))
            result[xmlid] = self._set_xmlid(warehouse, xmlid)
        return result

    def _demo_salespeople(self, company):
        groups = [self.env.ref("dealer_base.group_dealer_user").id, self.env.ref("base.group_user").id]
        users = {}
        for key, login, name, team_name in [
            ("east", "sales_east", "张伟 Zhang Wei", "East & North China"),
            ("south", "sales_south", "李娜 Li Na", "South China"),
        ]:
            user = self.env["res.users"].create(
                {
                    "name": name,
                    "login": login,
                    "password": login,
                    "email": f"{login}@spruce-appliances.example.com",
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.set(groups)],
                    "lang": "zh_CN",
                }
            )
            team = self.env["crm.team"].create(
                {"name": team_name, "company_id": company.id, "user_id": user.id, "member_ids": [Command.link(user.id)]}
            )
            self._set_xmlid(user, f"user_sales_{key}")
            self._set_xmlid(team, f"team_{key}")
            users[key] = user
        return users

    def _demo_products(self, company, rng):
        parent = self.env["product.category"].create({"name": "Appliances"})
        self._set_xmlid(parent, "categ_appliances")
        Product = self.env["product.product"].with_company(company)
        products = Product
        for categ_xmlid, name in CATEGORIES:
            self._set_xmlid(self.env["product.category"].create({"name": name, "parent_id": parent.id}), categ_xmlid)
        for categ_xmlid, prefix, names, (low, high) in PRODUCT_FAMILIES:
            for i, name in enumerate(names, start=1):
                price = round(rng.uniform(low, high) / 10) * 10 - 1
                product = Product.create(
                    {
                        "name": name,
                        "default_code": f"{prefix}-{i:03d}",
                        "barcode": f"69{rng.randrange(10**10, 10**11)}",
                        "type": "consu",
                        "is_storable": True,
                        "categ_id": self._ref(categ_xmlid).id,
                        "list_price": price,
                        "standard_price": round(price * rng.uniform(0.45, 0.6), 2),
                        "taxes_id": [Command.set(company.account_sale_tax_id.ids)],
                        "invoice_policy": "delivery",
                    }
                )
                self._set_xmlid(product, f"product_{prefix.lower()}_{i:03d}")
                products |= product
        return products

    def _demo_stock(self, company, warehouses, products, rng):
        Quant = self.env["stock.quant"].with_company(company)
        for warehouse in warehouses.values():
            for product in products:
                # Plenty for a year of history, and a few items short in the north.
                qty = rng.choice([0, 5]) if warehouse.code == "BJ" and rng.random() < 0.15 else rng.randint(400, 900)
                if qty:
                    Quant._update_available_quantity(product, warehouse.lot_stock_id, qty)

    def _demo_dealers(self, company, users):
        levels = {
            "platinum": self.env.ref("dealer_base.dealer_level_platinum"),
            "gold": self.env.ref("dealer_base.dealer_level_gold"),
            "silver": self.env.ref("dealer_base.dealer_level_silver"),
        }
        term = self.env.ref("account.account_payment_term_30days")
        portal = self.env.ref("base.group_portal")
        dealers = {}
        for n, code, name, level, region, _warehouse, sales, parent, city, street, registry in DEALERS:
            # Company-dependent fields (payment terms) belong to the brand company.
            dealer = (
                self.env["res.partner"]
                .with_company(company)
                .create(
                    {
                        "name": name,
                        "is_company": True,
                        "is_dealer": True,
                        "dealer_code": code,
                        "dealer_level_id": levels[level].id,
                        "dealer_region_id": self._ref(region).id,
                        "dealer_team_id": self._ref(f"team_{sales}").id,
                        "dealer_parent_id": parent and dealers[parent].id,
                        "user_id": users[sales].id,
                        "company_registry": registry,
                        "city": city,
                        "street": street,
                        "country_id": self.env.ref("base.cn").id,
                        "phone": f"+86 400 800 {1000 + n}",
                        "email": f"orders@dealer{n}.example.com",
                        "property_payment_term_id": term.id,
                        "dealer_licence": base64.b64encode(DEMO_LICENCE_PDF),
                        "dealer_licence_filename": f"licence-{code}.pdf",
                        "lang": "zh_CN",
                    }
                )
            )
            contact = self.env["res.partner"].create(
                {
                    "name": CONTACTS[n - 1],
                    "parent_id": dealer.id,
                    "type": "contact",
                    "email": f"dealer{n}@dealer{n}.example.com",
                    "function": "采购经理",
                    "lang": "zh_CN",
                }
            )
            self.env["res.partner"].create(
                {
                    "name": f"{city}仓库",
                    "parent_id": dealer.id,
                    "type": "delivery",
                    "street": f"{city}物流园 {n} 号库",
                    "city": city,
                    "country_id": self.env.ref("base.cn").id,
                }
            )
            user = (
                self.env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": contact.name,
                        "login": f"dealer{n}",
                        "password": f"dealer{n}",
                        "partner_id": contact.id,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(portal.ids)],
                    }
                )
            )
            dealer.action_dealer_submit()
            dealer.action_dealer_approve()
            self._set_xmlid(dealer, f"dealer_{n}")
            self._set_xmlid(contact, f"dealer_{n}_contact")
            self._set_xmlid(user, f"user_dealer_{n}")
            dealers[n] = dealer
        return dealers

    def _demo_history_plan(self, dealers, products, rng):
        """(order values, (day, last step reached, dealer number)) for a year of orders."""
        today = fields.Date.context_today(self)
        warehouses = {row[0]: self._ref(row[5]) for row in DEALERS}
        levels = {row[0]: row[3] for row in DEALERS}
        term = self.env.ref("account.account_payment_term_30days")
        # Dealers order from a favourite range of about half the catalogue.
        ranges = {n: rng.sample(list(products), k=len(products) // 2) for n in dealers}
        # The latest orders stop at each step of the flow, to show every state.
        last_month_stage = {1: "draft", 3: "draft", 2: "confirmed", 5: "confirmed", 4: "delivered"}
        vals_list, plan = [], []
        for months_back in range(12, -1, -1):
            month_start = (today - relativedelta(months=months_back)).replace(day=1)
            for n, dealer in dealers.items():
                count = LEVEL_ORDERS[levels[n]]
                # Dealer 6 slows down over the last quarter (a decline to spot).
                if n == 6 and months_back < 3:
                    count = 1 if months_back == 2 else 0
                for k in range(count):
                    day = month_start + timedelta(days=3 + 11 * k + rng.randint(0, 8))
                    if day >= today:
                        continue
                    lines = [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": max(1, int(rng.randint(4, 30) * SEASON[day.month])),
                            }
                        )
                        for product in rng.sample(ranges[n], k=rng.randint(3, 6))
                    ]
                    vals_list.append(
                        {
                            "partner_id": dealer.id,
                            "user_id": dealer.user_id.id,
                            "team_id": dealer.dealer_team_id.id,
                            "warehouse_id": warehouses[n].id,
                            "payment_term_id": term.id,
                            "client_order_ref": f"PO-{dealer.dealer_code}-{day:%Y%m}-{k + 1}",
                            "order_line": lines,
                        }
                    )
                    if months_back == 0:
                        stage = last_month_stage.get(n, "invoiced")
                    elif n == 6 and months_back <= 3:
                        stage = "invoiced"  # dealer 6 leaves its recent invoices unpaid
                    else:
                        stage = "paid"
                    plan.append((day, stage, n))
        return vals_list, plan

    def _demo_history(self, company, dealers, products, rng):
        """A year of orders: confirmed, delivered, invoiced and mostly paid.

        Each step runs once over all orders (batched), then the dates are set
        back to when each order happened.
        """
        SaleOrder = self.env["sale.order"].with_company(company)
        today = fields.Date.context_today(self)
        vals_list, plan = self._demo_history_plan(dealers, products, rng)
        orders = SaleOrder.create(vals_list)
        steps = list(zip(orders, plan, strict=True))

        def at(stages):
            return SaleOrder.union(*[order for order, (_day, stage, _n) in steps if stage in stages])

        at(["confirmed", "delivered", "invoiced", "paid"]).action_confirm()
        for order, (day, _stage, _n) in steps:
            order.date_order = datetime.combine(day, time(10, 0))
        delivered = at(["delivered", "invoiced", "paid"])
        pickings = delivered.picking_ids
        for move in pickings.move_ids:
            move.quantity = move.product_uom_qty
        pickings.move_ids.picked = True
        pickings.with_context(skip_backorder=True, skip_sms=True).button_validate()
        for order, (day, _stage, _n) in steps:
            if order in delivered:
                shipped = datetime.combine(day + timedelta(days=2), time(15, 0))
                order.picking_ids.date_done = shipped
                order.picking_ids.move_ids.date = shipped
        invoiced = at(["invoiced", "paid"])
        invoices = invoiced._create_invoices(grouped=True)
        for invoice in invoices:
            day = invoice.invoice_line_ids.sale_line_ids.order_id.date_order.date() + timedelta(days=2)
            invoice.write({"invoice_date": day, "date": day})
        invoices.action_post()
        to_pay = at(["paid"]).invoice_ids
        for invoice in to_pay:
            late = rng.choice([-8, -3, 0, 0, 2, 6, 14])
            pay_date = min(invoice.invoice_date_due + timedelta(days=late), today - timedelta(days=1))
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"payment_date": pay_date})._create_payments()
