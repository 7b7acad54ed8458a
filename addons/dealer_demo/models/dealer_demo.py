"""The demo brand's story across the add-ons: a brand in CNY, three
warehouses, a product range, six dealers with portal logins and a year of
order history, then what each add-on adds on top of it (level price lists
and agreed prices, credit limits and a deposit, rebate programs settled over
the history, warehouse priorities and safety stock, channel inventory
reports, promotions, dealer 1's colleagues, statement and return, the
dashboard figures and warnings).

Kept in Python because the history (orders confirmed, delivered, invoiced
and paid on past dates) goes through the business flows, which XML cannot
drive. Every record the story names gets an XML id of this module; the
whole story is made once per database (an upgrade, or a database whose
story came from an earlier layout, finds it made).
"""

import base64
import random
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.tools import file_open
from odoo.tools.convert import convert_file

# A one-page PDF standing in for a scanned business licence.
DEMO_LICENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

WAREHOUSES = [
    # (xml id, code, name, city, region xml id)
    ("warehouse_east", "SH", "华东仓（上海）", "上海", "region_east"),
    ("warehouse_south", "GZ", "华南仓（广州）", "广州", "region_south"),
    ("warehouse_north", "BJ", "华北仓（北京）", "北京", "region_north"),
]

# Product categories are named in the brand's language (Odoo does not translate them).
CATEGORIES = [
    ("categ_kitchen", "厨房电器"),
    ("categ_home", "生活电器"),
    ("categ_care", "个人护理"),
    ("categ_parts", "配件"),
]

# The brand's products in Chinese; the English names of PRODUCT_FAMILIES are their translation.
PRODUCT_NAMES_ZH = {
    "Rice Cooker 3L": "电饭煲 3L",
    "Rice Cooker 5L": "电饭煲 5L",
    "Electric Kettle 1.7L": "电热水壶 1.7L",
    "Induction Cooker": "电磁炉",
    "Soymilk Maker": "豆浆机",
    "Air Fryer 4L": "空气炸锅 4L",
    "Air Fryer 6L": "空气炸锅 6L",
    "Blender Pro": "破壁料理机",
    "Microwave Oven 20L": "微波炉 20L",
    "Electric Steamer": "电蒸锅",
    "Slow Cooker": "电炖锅",
    "Tower Fan": "塔扇",
    "Desk Fan": "台扇",
    "Air Purifier S": "空气净化器 S",
    "Air Purifier L": "空气净化器 L",
    "Dehumidifier 12L": "除湿机 12L",
    "Humidifier 4L": "加湿器 4L",
    "Robot Vacuum": "扫地机器人",
    "Cordless Vacuum": "无线吸尘器",
    "Electric Heater": "电暖器",
    "Steam Iron": "蒸汽熨斗",
    "Hair Dryer": "电吹风",
    "Hair Straightener": "直发器",
    "Electric Shaver": "电动剃须刀",
    "Electric Toothbrush": "电动牙刷",
    "Body Scale": "体脂秤",
    "Massage Gun": "筋膜枪",
    "Foot Spa": "足浴盆",
    "Beard Trimmer": "胡须修剪器",
    "Inner Pot 3L": "内胆 3L",
    "Inner Pot 5L": "内胆 5L",
    "HEPA Filter S": "HEPA 滤网 S",
    "HEPA Filter L": "HEPA 滤网 L",
    "Kettle Lid": "水壶盖",
    "Brush Heads (4 pcs)": "牙刷头（4 支装）",
    "Blender Jar": "料理杯",
    "Vacuum Battery": "吸尘器电池",
    "Fryer Basket": "炸篮",
    "Power Cord": "电源线",
    "Remote Control": "遥控器",
}

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

# How many days after the due date each dealer pays (one draw per invoice): dealers 1 to 5
# pay on time or early, dealers 3 and 4 with a rare slip, so that their orders confirm at once; dealer 6 pays
# weeks late and leaves its recent invoices unpaid, so that its orders are held.
PAYMENT_DELAYS = {
    1: [-8, -5, -3, 0, 0, 0, 0, 0, 0, 0],
    2: [-5, -3, 0, 0, 0, 0, 0, 0, 0, 0],
    3: [-3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3],
    4: [-3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2],
    5: [-5, -2, 0, 0, 0, 0, 0, 0, 0, 0],
    6: [4, 9, 18, 26, 35],
}

# Credit limits in CNY of the demo dealers (dealer 6, which leaves its recent invoices unpaid,
# ends up over its limit), and dealer 1's deposit.
CREDIT_LIMITS = {1: 800000.0, 2: 500000.0, 3: 400000.0, 4: 300000.0, 5: 200000.0, 6: 20000.0}
DEPOSIT = 50000.0

# Every user of the story works in China.
DEMO_TZ = "Asia/Shanghai"

# Level price lists: (xml id, name, level, [(discount %, minimum quantity)]).
LEVEL_PRICELISTS = [
    ("pricelist_level_platinum", ("Platinum Dealers", "铂金经销商价"), "dealer_level_platinum", [(15, 0)]),
    ("pricelist_level_gold", ("Gold Dealers", "金牌经销商价"), "dealer_level_gold", [(12, 0), (14, 100)]),
    ("pricelist_level_silver", ("Silver Dealers", "银牌经销商价"), "dealer_level_silver", [(8, 0)]),
]
# Agreed prices with quantity breaks: (xml id, dealer, product, minimum quantity, price, valid months).
DEALER_PRICES = [
    ("dealer_price_d001_ka001", 1, "product_ka_001", 0, 630, None),
    ("dealer_price_d001_ka001_100", 1, "product_ka_001", 100, 590, None),
    ("dealer_price_d001_ha007", 1, "product_ha_007", 0, 770, 6),
    ("dealer_price_d003_ka006", 3, "product_ka_006", 0, 600, None),
    ("dealer_price_d003_ka006_50", 3, "product_ka_006", 50, 575, None),
]

# (region, [warehouses by priority]): a region's own warehouse first, the others as fallback.
REGION_WAREHOUSES = [
    ("region_east", ["warehouse_east", "warehouse_south", "warehouse_north"]),
    ("region_south", ["warehouse_south", "warehouse_east", "warehouse_north"]),
    ("region_north", ["warehouse_north", "warehouse_east", "warehouse_south"]),
]

# Dealer 1's colleagues on the portal: login, name, roles, order limit (CNY).
COLLEAGUES = [
    ("dealer1_buyer", "王采购", ("buyer",), 20000.0),
    ("dealer1_finance", "赵会计", ("accountant",), 0.0),
]


class DealerDemo(models.AbstractModel):
    _name = "dealer.demo"
    _description = "Dealer Platform Demo Data"

    def _ref(self, name):
        return self.env.ref(f"dealer_demo.{name}")

    def _region(self, name):
        # The region tree is dealer_base's own demo data.
        return self.env.ref(f"dealer_base.{name}")

    def _set_xmlid(self, record, name):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"dealer_demo.{name}", "record": record, "noupdate": True}]
        )
        return record

    def _set_zh(self, record, field, text):
        """The Chinese translation of a translatable field (the source stays in English)."""
        record.update_field_translations(field, {"zh_CN": text})
        return record

    @api.model
    def _load_demo(self):
        if self.env.ref("dealer_demo.brand_company", raise_if_not_found=False):
            return  # made already: the story is made once per database
        self.env["res.lang"]._activate_lang("zh_CN")
        self.with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)._demo_all()

    def _demo_all(self):
        rng = random.Random(20241124)
        self._demo_regions()
        company = self._demo_company()
        warehouses = self._demo_warehouses(company)
        users = self._demo_salespeople(company)
        products = self._demo_products(company, rng)
        final_stock = self._demo_stock(company, warehouses, products, rng)
        dealers = self._demo_dealers(company, users)
        self._demo_history(company, dealers, products, rng)
        self._demo_final_stock(company, final_stock)
        # What each add-on adds to the story, in the order they used to load it.
        self._demo_credit(company)
        self._demo_pricing(company)
        self._demo_rebates(company)
        self._demo_warehouse_alerts()
        self.env["dealer.channel.inventory.demo"].with_company(company)._load_channel_demo()
        self.env["channel.warning"]._cron_run()
        self._demo_portal(company)
        self._demo_self_service(company)
        self._demo_payment(company)

    def _demo_regions(self):
        """The story's dealers live in dealer_base's region tree, its own demo data: loaded here when
        dealer_base was installed without demo data."""
        if not self.env.ref("dealer_base.region_cn", raise_if_not_found=False):
            convert_file(
                self.env, "dealer_base", "demo/dealer_base_demo.xml", {}, mode="init", noupdate=True, kind="demo"
            )

    def _demo_company(self):
        """The brand: the database's main company when the database was made for China (Odoo's
        database manager, like make run, sets the main company's country and currency when it
        creates a database, and accounting then comes with the Chinese localization); a company
        of its own otherwise (Odoo loads a chart on a main company without one only once every
        module of the installation is loaded, after this story has booked its invoices)."""
        env = self.env
        env.ref("base.CNY").active = True
        with file_open("dealer_demo/static/img/brand_logo.png", "rb") as logo:
            vals = {
                "name": "云杉家电 Spruce Appliances",
                "currency_id": env.ref("base.CNY").id,
                "country_id": env.ref("base.cn").id,
                "city": "上海",
                "street": "闵行区申长路 1 号",
                "email": "sales@spruce-appliances.example.com",
                "phone": "+86 21 5555 0100",
                "company_registry": "91310112MA1SPRUCE1",
                "logo": base64.b64encode(logo.read()),
            }
        main = env.ref("base.main_company")
        if main.country_id == env.ref("base.cn") and main.chart_template == "cn":
            company = main
            company.write(vals)
        else:
            company = env["res.company"].create(vals)
        self._set_xmlid(company, "brand_company")
        company.partner_id.tz = DEMO_TZ
        # Odoo's Chinese localization: its chart of accounts, the 13 %, 9 % and 6 % VAT, 13 % by
        # default on sales, prices including tax (含税价) as Chinese brands quote them.
        if company.chart_template != "cn":
            env["account.chart.template"].try_loading("cn", company=company, install_demo=False)
        if company.currency_id != env.ref("base.CNY"):
            company.currency_id = env.ref("base.CNY")
        admin = env.ref("base.user_admin")
        # Admin may work in the brand; its default company stays Odoo's, in which Odoo's own
        # tests run as admin (make run opens the demo database on the brand).
        admin.write({"company_ids": [Command.link(company.id)], "tz": DEMO_TZ})
        return company

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
        for key, login, name, (team_name, team_name_zh) in [
            ("east", "sales_east", "张伟", ("East & North China", "华东华北大区")),
            ("south", "sales_south", "李娜", ("South China", "华南大区")),
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
                    "tz": DEMO_TZ,
                }
            )
            team = self.env["crm.team"].create(
                {"name": team_name, "company_id": company.id, "user_id": user.id, "member_ids": [Command.link(user.id)]}
            )
            self._set_zh(team, "name", team_name_zh)
            self._set_xmlid(user, f"user_sales_{key}")
            self._set_xmlid(team, f"team_{key}")
            users[key] = user
        return users

    def _demo_products(self, company, rng):
        parent = self.env["product.category"].create({"name": "云杉家电"})
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
                self._set_zh(product.product_tmpl_id, "name", PRODUCT_NAMES_ZH[name])
                self._set_xmlid(product, f"product_{prefix.lower()}_{i:03d}")
                products |= product
        return products

    def _demo_stock(self, company, warehouses, products, rng):
        """Stock for a year of history; {(product, location): quantity on hand today} of the few
        items the north runs short of, set once the history has shipped (never below zero)."""
        Quant = self.env["stock.quant"].with_company(company)
        short = {}
        for warehouse in warehouses.values():
            for product in products:
                qty = rng.choice([0, 5]) if warehouse.code == "BJ" and rng.random() < 0.15 else rng.randint(400, 900)
                if qty < 400:
                    short[product, warehouse.lot_stock_id] = qty
                    qty = 600
                Quant._update_available_quantity(product, warehouse.lot_stock_id, qty)
        return short

    def _demo_final_stock(self, company, quantities):
        """Today's stock of the items short in the north: that much free, besides what the open
        orders reserved."""
        Quant = self.env["stock.quant"].with_company(company)
        for (product, location), qty in quantities.items():
            quants = Quant._gather(product, location, strict=True)
            on_hand = sum(quants.mapped("quantity"))
            reserved = sum(quants.mapped("reserved_quantity"))
            Quant._update_available_quantity(product, location, qty + reserved - on_hand)

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
                        "dealer_region_id": self._region(region).id,
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
                        "tz": DEMO_TZ,
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
        numbers = {dealer.id: n for n, dealer in dealers.items()}
        for invoice in to_pay:
            late = rng.choice(PAYMENT_DELAYS[numbers[invoice.partner_id.commercial_partner_id.id]])
            pay_date = min(invoice.invoice_date_due + timedelta(days=late), today - timedelta(days=1))
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"payment_date": pay_date})._create_payments()

    # ------------------------------------------------------------
    # What each add-on adds to the story
    # ------------------------------------------------------------

    def _demo_credit(self, company):
        """Credit limits, a deposit for dealer 1, the credit scores of the payment history."""
        env = self.with_company(company).env
        dealers = env["res.partner"]
        for n, limit in CREDIT_LIMITS.items():
            dealer = self._ref(f"dealer_{n}").with_company(company)
            dealer.credit_limit = limit
            dealers |= dealer
        journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
        payment = env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self._ref("dealer_1").id,
                "amount": DEPOSIT,
                "journal_id": journal.id,
                "date": fields.Date.context_today(self),
                "memo": "预存款 / Deposit",
                "is_dealer_deposit": True,
            }
        )
        payment.action_post()
        dealers.with_company(company)._dealer_compute_credit_score()

    def _demo_pricing(self, company):
        """One price list per dealer level, silver dealers without spare parts, agreed prices."""
        cny = self.env.ref("base.CNY")
        for xmlid, (name, name_zh), level, items in LEVEL_PRICELISTS:
            pricelist = self.env["product.pricelist"].create(
                {
                    "name": name,
                    "currency_id": cny.id,
                    "company_id": company.id,
                    "item_ids": [
                        Command.create(
                            dict(
                                {"applied_on": "3_global", "compute_price": "percentage", "percent_price": percent},
                                **({"min_quantity": min_qty} if min_qty else {}),
                            )
                        )
                        for percent, min_qty in items
                    ],
                }
            )
            self._set_zh(pricelist, "name", name_zh)
            self._set_xmlid(pricelist, xmlid)
            self.env.ref(f"dealer_base.{level}").pricelist_id = pricelist
        rule = self.env["dealer.assortment.rule"].create(
            {
                "level_id": self.env.ref("dealer_base.dealer_level_silver").id,
                "rule_type": "exclude",
                "categ_id": self._ref("categ_parts").id,
                "company_id": company.id,
            }
        )
        self._set_xmlid(rule, "assortment_silver_no_parts")
        # The demo dealers buy the brand's range, nothing else the database sells (Odoo's own demo
        # products): their own rules, which come before their level's, so the silver dealers'
        # list leaves the spare parts out too.
        for n, level in ((row[0], row[3]) for row in DEALERS):
            names = ["categ_kitchen", "categ_home", "categ_care"] if level == "silver" else ["categ_appliances"]
            for name in names:
                rule = self.env["dealer.assortment.rule"].create(
                    {
                        "dealer_id": self._ref(f"dealer_{n}").id,
                        "rule_type": "include",
                        "categ_id": self._ref(name).id,
                        "company_id": company.id,
                    }
                )
                self._set_xmlid(rule, f"assortment_dealer_{n}_{name}")
        today = fields.Date.context_today(self)
        for xmlid, n, product, min_qty, price, months in DEALER_PRICES:
            vals = {
                "dealer_id": self._ref(f"dealer_{n}").id,
                "product_id": self._ref(product).id,
                "company_id": company.id,
                "price": price,
            }
            if min_qty:
                vals["min_quantity"] = min_qty
            if months:
                vals["date_start"] = (today - relativedelta(months=1)).replace(day=1)
                vals["date_end"] = today + relativedelta(months=months)
            self._set_xmlid(self.env["dealer.price"].create(vals), xmlid)

    def _demo_rebates(self, company):
        """A quarterly rebate from January of last year, so that the whole demo year is covered and some
        quarters have ended, and a platinum annual rebate; accruals from the invoice history, the
        quarters already ended settled in draft credit notes."""
        today = fields.Date.context_today(self)
        levels = [self.env.ref(f"dealer_base.dealer_level_{level}").id for level in ("platinum", "gold", "silver")]
        quarterly = self.env["dealer.rebate.program"].create(
            {
                "name": "季度销售返利",
                "company_id": company.id,
                "period_type": "quarter",
                "date_start": today.replace(month=1, day=1) - relativedelta(years=1),
                "date_end": today.replace(month=12, day=31),
                "level_ids": [Command.set(levels)],
                "basis": "amount",
                "tier_mode": "retroactive",
                "tier_ids": [
                    Command.create({"threshold": 100000, "rate": 2.0}),
                    Command.create({"threshold": 300000, "rate": 3.0}),
                ],
            }
        )
        annual = self.env["dealer.rebate.program"].create(
            {
                "name": "铂金年度返利",
                "company_id": company.id,
                "period_type": "year",
                "date_start": today.replace(month=1, day=1),
                "date_end": today.replace(month=12, day=31),
                "level_ids": [Command.set(levels[:1])],
                "basis": "amount",
                "tier_mode": "incremental",
                "tier_ids": [
                    Command.create({"threshold": 800000, "rate": 1.0}),
                    Command.create({"threshold": 1500000, "rate": 2.0}),
                ],
            }
        )
        self._set_xmlid(quarterly, "program_q_rebate")
        self._set_xmlid(annual, "program_platinum_year")
        (quarterly | annual).action_recompute_accruals()
        quarterly._settle_ended_periods()

    def _demo_warehouse_alerts(self):
        """Warehouse priorities per region, safety stock on the items short in Beijing and a few fast
        movers, then the alerts and suggestions of the day."""
        warehouses = self.env["stock.warehouse"]
        for region, names in REGION_WAREHOUSES:
            for sequence, name in enumerate(names, start=1):
                warehouse = self._ref(name)
                warehouses |= warehouse
                self.env["stock.region.warehouse"].create(
                    {"region_id": self._region(region).id, "warehouse_id": warehouse.id, "sequence": sequence * 10}
                )
        admin = self.env.ref("base.user_admin")
        self._ref("warehouse_north").stock_alerts_user_id = admin
        self._ref("warehouse_east").stock_alerts_user_id = admin
        product_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "dealer_demo"), ("model", "=", "product.product")], order="id")
            .mapped("res_id")
        )
        products = self.env["product.product"].browse(product_ids)
        available = warehouses._get_available_qty(products)
        north = self._ref("warehouse_north")
        short = products.filtered(lambda p: available.get((p.id, north.id), 0.0) < 50)[:5]
        computed = (products - short)[:3]
        vals_list = []
        for warehouse in warehouses:
            for product in short:
                vals_list.append(
                    {
                        "product_id": product.id,
                        "warehouse_id": warehouse.id,
                        "company_id": warehouse.company_id.id,
                        "mode": "manual",
                        "manual_qty": 40,
                        "lead_time_days": 7,
                        "min_order_qty": 50,
                        "pack_size": 10,
                    }
                )
            for product in computed:
                vals_list.append(
                    {
                        "product_id": product.id,
                        "warehouse_id": warehouse.id,
                        "company_id": warehouse.company_id.id,
                        "mode": "computed",
                        "lead_time_days": 10,
                        "service_level_z": 1.65,
                        "min_order_qty": 20,
                        "pack_size": 6,
                    }
                )
        rules = self.env["stock.safety.stock"].create(vals_list)
        rules.action_compute_safety_stock()
        self.env["stock.alert"]._generate_alerts(rules)
        self.env["stock.replenishment.suggestion"]._generate(rules)
        self.env["stock.transfer.suggestion"]._generate(rules)

    def _demo_portal(self, company):
        """Ordering rules of a few products (spare parts by the box, fans from ten units) and two
        promotions: 5% off every dealer order from 20,000 (满减), 200 off with the code DEALER200."""
        (self._ref("product_ap_001") | self._ref("product_ap_002")).write({"dealer_pack_qty": 6, "dealer_min_qty": 6})
        (self._ref("product_ha_001") | self._ref("product_ha_002")).write({"dealer_min_qty": 10})
        Program = self.env["loyalty.program"]
        volume = Program.create(
            {
                "name": "Dealer volume promotion: 5% off orders from 20,000",
                "program_type": "promotion",
                "trigger": "auto",
                "applies_on": "current",
                "portal_visible": False,
                "company_id": company.id,
            }
        )
        self._set_zh(volume, "name", "经销商满减：订单满 20,000 享 95 折")
        self._set_xmlid(volume, "loyalty_program_volume")
        rule = self.env["loyalty.rule"].create(
            {
                "program_id": volume.id,
                "minimum_amount": 20000,
                "minimum_amount_tax_mode": "excl",
                "reward_point_mode": "order",
                "reward_point_amount": 1,
            }
        )
        self._set_xmlid(rule, "loyalty_rule_volume")
        reward = self.env["loyalty.reward"].create(
            {
                "program_id": volume.id,
                "reward_type": "discount",
                "description": "5% off the order",
                "discount": 5,
                "discount_mode": "percent",
                "discount_applicability": "order",
                "required_points": 1,
            }
        )
        self._set_zh(reward, "description", "订单 95 折")
        self._set_xmlid(reward, "loyalty_reward_volume")
        code = Program.create(
            {
                "name": "Dealer code DEALER200: 200 off orders from 3,000",
                "program_type": "promo_code",
                "trigger": "with_code",
                "applies_on": "current",
                "portal_visible": False,
                "company_id": company.id,
            }
        )
        self._set_zh(code, "name", "经销商优惠码 DEALER200：满 3,000 减 200")
        self._set_xmlid(code, "loyalty_program_code")
        rule = self.env["loyalty.rule"].create(
            {
                "program_id": code.id,
                "mode": "with_code",
                "code": "DEALER200",
                "minimum_amount": 3000,
                "minimum_amount_tax_mode": "excl",
            }
        )
        self._set_xmlid(rule, "loyalty_rule_code")
        reward = self.env["loyalty.reward"].create(
            {
                "program_id": code.id,
                "reward_type": "discount",
                "description": "200 off the order",
                "discount": 200,
                "discount_mode": "per_order",
                "discount_applicability": "order",
            }
        )
        self._set_zh(reward, "description", "订单立减 200")
        self._set_xmlid(reward, "loyalty_reward_code")

    def _demo_self_service(self, company):
        """Roles on dealer 1's users, a confirmed statement, a return request and a sub-dealer its
        parent may order for."""
        dealer_1 = self._ref("dealer_1")
        env = self.with_company(company).env
        portal = env.ref("base.group_portal")
        for login, name, roles, limit in COLLEAGUES:
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
                        "tz": DEMO_TZ,
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
                "user_id": self._ref("user_dealer_1").id,
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
                    "user_id": self._ref("user_dealer_1").id,
                    "line_ids": [Command.create({"sale_line_id": line.id, "quantity": 1})],
                }
            )
        self._ref("dealer_4").dealer_parent_may_order = True

    def _demo_payment(self, company):
        """The brand's ways to be paid online: AsiaPay (WeChat Pay, UnionPay, Alipay HK, in CNY) and
        Odoo's demo provider, both in test mode, and a wire transfer to the brand's bank account."""
        env = self.with_company(company).env
        bank = env["res.bank"].create({"name": "招商银行上海分行", "bic": "CMBCCNBS"})
        account = env["res.partner.bank"].create(
            {
                "acc_number": "6214 8312 3456 0088",
                "acc_holder_name": "云杉家电有限公司",
                "bank_id": bank.id,
                "partner_id": company.partner_id.id,
                "company_id": company.id,
            }
        )
        journal = env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        if journal and not journal.bank_account_id:
            journal.bank_account_id = account
        self._set_xmlid(account, "brand_bank_account")
        online = (
            env["payment.method"]
            .with_context(active_test=False)
            .search([("code", "in", ("wechat_pay", "unionpay", "alipay_hk"))])
        )
        setups = [
            (
                "payment.payment_provider_asiapay",
                "payment_provider_asiapay",
                {
                    "state": "test",
                    "asiapay_merchant_id": "88000001",
                    "asiapay_secure_hash_secret": "spruce-demo-secret",
                    "available_currency_ids": [Command.set(env.ref("base.CNY").ids)],
                    "payment_method_ids": [Command.link(method.id) for method in online],
                },
            ),
            ("payment.payment_provider_demo", "payment_provider_demo", {"state": "test"}),
            ("payment.payment_provider_transfer", "payment_provider_transfer", {"state": "enabled"}),
        ]
        for xmlid, name, vals in setups:
            provider = env.ref(xmlid)
            if provider.company_id != company:
                provider = provider.copy({"company_id": company.id})
            provider.write(dict(vals, is_published=True))
            self._set_xmlid(provider, name)
        # Odoo enables a payment method only once a provider supporting it is enabled (AsiaPay, above).
        online.active = True
        env["payment.provider"].search([("company_id", "=", company.id), ("code", "=", "custom")]).filtered(
            lambda p: p.custom_mode == "wire_transfer"
        ).action_recompute_pending_msg()
