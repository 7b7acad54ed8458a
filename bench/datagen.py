"""Scale data for the benchmarks, reproducible from a seed.

The few master records (regions, teams, salespeople, categories, products,
dealers, warehouses) are created through the ORM so that every computed
field and constraint holds; the history (sale orders and lines, posted
invoices and their journal items, payments, stock on hand) is written with
``COPY`` in batches, with consistent totals: tax-free lines, invoice totals
equal to their order's, paid invoices with no residual. Orders follow a
seasonal curve (peaks in June and November, slow February) and a few big
dealers and best-selling products dominate, as in a real channel.
"""

import datetime
import io
import itertools
import random
import sys
import time

from bench.registry import SIZES

SEED = 20261122
REGIONS = {
    # region: provinces (res.country.state code of China) and cities
    "华东": {"沪": ["上海"], "浙": ["杭州", "宁波", "温州"], "苏": ["南京", "苏州", "无锡"], "鲁": ["济南", "青岛"]},
    "华南": {"粤": ["广州", "深圳", "佛山", "东莞"], "闽": ["福州", "厦门"], "桂": ["南宁"]},
    "华北": {"京": ["北京"], "津": ["天津"], "冀": ["石家庄", "唐山"]},
    "华中": {"鄂": ["武汉", "宜昌"], "湘": ["长沙"], "豫": ["郑州", "洛阳"]},
    "西部": {"蜀": ["成都", "绵阳"], "渝": ["重庆"], "陕": ["西安"]},
}
CATEGORIES = ["厨房电器", "生活电器", "个护电器", "清洁电器", "配件耗材"]
PRODUCT_WORDS = ["电饭煲", "电水壶", "破壁机", "空气炸锅", "吸尘器", "电吹风", "净水器", "微波炉", "电烤箱", "加湿器"]
WAREHOUSES = [("BSH", "上海仓"), ("BGZ", "广州仓"), ("BBJ", "北京仓")]
MONTH_WEIGHT = {1: 0.9, 2: 0.6, 3: 0.9, 4: 1.0, 5: 1.1, 6: 1.8, 7: 1.0, 8: 0.9, 9: 1.0, 10: 1.1, 11: 2.0, 12: 1.3}
HISTORY_DAYS = 730
BATCH_ORDERS = 5_000


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, label, total):
        self.label, self.total, self.done, self.start = label, max(total, 1), 0, time.monotonic()

    def update(self, step):
        self.done += step
        now = time.monotonic()
        if self.done < self.total and now - getattr(self, "shown", 0) < 0.5:
            return
        self.shown = now
        ratio = min(self.done / self.total, 1.0)
        elapsed = time.monotonic() - self.start
        eta = elapsed / ratio - elapsed if ratio else 0
        bar = "#" * int(ratio * 30)
        sys.stderr.write(f"\r[data] {self.label:<22} [{bar:<30}] {ratio:6.1%} {elapsed:6.0f}s eta {eta:4.0f}s")
        sys.stderr.flush()
        if self.done >= self.total:
            sys.stderr.write("\n")


def log(message):
    sys.stderr.write(f"[data] {time.strftime('%H:%M:%S')} {message}\n")
    sys.stderr.flush()


def _copy_value(value):
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")
    return str(value)


def required_defaults(env, model, columns):
    """{column: default} of the NOT NULL columns of ``model`` that ``columns`` leave out.

    Installed add-ons may add required fields (with a default) to the tables the history
    is copied into; the database has no default for them, the ORM's default is used.
    """
    Model = env[model]
    env.cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL""",
        [Model._table],
    )
    missing = [name for (name,) in env.cr.fetchall() if name not in columns and name in Model._fields]
    defaults = Model.default_get(missing)
    return {name: Model._fields[name].convert_to_column(defaults.get(name), Model) for name in missing}


class Copier:
    """Rows for one table, sent with COPY; ids handed out from the table's sequence.

    ``constants`` ({column: value}) are added to every row.
    """

    def __init__(self, cr, table, columns, with_id=True, constants=None):
        constants = constants or {}
        self.cr, self.table, self.with_id = cr, table, with_id
        self.columns = [*columns, *constants]
        self.constants = "".join("\t" + _copy_value(value) for value in constants.values())
        self.rows = []
        self.next_id = None
        if with_id:
            cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            self.next_id = cr.fetchone()[0] + 1

    def new_id(self):
        self.next_id += 1
        return self.next_id - 1

    def add(self, *values):
        self.rows.append("\t".join(map(_copy_value, values)) + self.constants)

    def flush(self):
        if not self.rows:
            return
        buffer = io.StringIO("\n".join(self.rows) + "\n")
        self.cr.copy_expert(f"COPY {self.table} ({', '.join(self.columns)}) FROM STDIN", buffer)
        self.rows = []

    def finish(self):
        self.flush()
        if self.with_id:
            self.cr.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(%s, 1))", [self.table, self.next_id - 1]
            )


def seasonal_dates(rng, count, today):
    """``count`` dates over the last two years, by month weight and growth."""
    days = [today - datetime.timedelta(days=d) for d in range(HISTORY_DAYS)]
    weights = [MONTH_WEIGHT[d.month] * (1 + 0.4 * (HISTORY_DAYS - i) / HISTORY_DAYS) for i, d in enumerate(days)]
    return sorted(rng.choices(days, weights=weights, k=count))


# ------------------------------------------------------------
# MASTER DATA (ORM)
# ------------------------------------------------------------


def create_products(env, spec, rng):
    log(f"{spec['products']} products in {len(CATEGORIES)} categories")
    parent = env["product.category"].create({"name": "云杉家电"})
    categories = env["product.category"].create([{"name": name, "parent_id": parent.id} for name in CATEGORIES])
    progress = Progress("products", spec["products"])
    templates = env["product.template"]
    for start in range(0, spec["products"], 1000):
        vals = []
        for n in range(start, min(start + 1000, spec["products"])):
            price = round(rng.lognormvariate(5.5, 0.8), 0) + 9
            vals.append(
                {
                    "name": f"{rng.choice(PRODUCT_WORDS)} {n:05d}",
                    "default_code": f"B-{n:05d}",
                    "categ_id": categories[n % len(categories)].id,
                    "list_price": price,
                    "standard_price": round(price * 0.62, 2),
                    "type": "consu",
                    "is_storable": True,
                    "invoice_policy": "order",
                }
            )
        templates |= templates.create(vals)
        progress.update(len(vals))
    return templates.product_variant_ids


def create_master_data(env, spec, rng):
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    company = env.company
    china = env.ref("base.cn")
    company.write({"country_id": china.id})
    data = {"company": company}

    log("regions, teams and salespeople")
    region_model = env["dealer.region"]
    country = region_model.create({"name": "中国", "code": "B-CN", "region_type": "country", "country_id": china.id})
    regions, cities = {}, []
    salesperson_group = env.ref("dealer_base.group_dealer_user")
    for r_index, (region_name, provinces) in enumerate(REGIONS.items()):
        region = region_model.create(
            {"name": region_name, "code": f"B-R{r_index}", "region_type": "region", "parent_id": country.id}
        )
        users = env["res.users"].create(
            [
                {
                    "name": f"{region_name}销售{n}",
                    "login": f"bench_sales_{r_index}_{n}",
                    "password": f"bench_sales_{r_index}_{n}",
                    "groups_id": [(4, salesperson_group.id)],
                }
                for n in range(2)
            ]
        )
        team = env["crm.team"].create({"name": f"{region_name}团队", "member_ids": [(6, 0, users.ids)]})
        regions[region] = {"team": team, "users": users}
        for p_index, (state_code, city_names) in enumerate(provinces.items()):
            state = env["res.country.state"].search([("country_id", "=", china.id), ("code", "=", state_code)])
            province = region_model.create(
                {
                    "name": state.name or state_code,
                    "code": f"B-R{r_index}P{p_index}",
                    "region_type": "province",
                    "parent_id": region.id,
                }
            )
            for c_index, city_name in enumerate(city_names):
                city = region_model.create(
                    {
                        "name": city_name,
                        "code": f"B-R{r_index}P{p_index}C{c_index}",
                        "region_type": "city",
                        "parent_id": province.id,
                    }
                )
                cities.append((region, state, city))
    data["regions"], data["cities"] = regions, cities
    data["native_user"] = env["res.users"].create(
        {
            "name": "Native Salesperson",
            "login": "bench_native_sales",
            "password": "bench_native_sales",
            "groups_id": [(4, env.ref("sales_team.group_sale_salesman_all_leads").id)],
        }
    )

    data["products"] = create_products(env, spec, rng)

    log(f"{spec['dealers']} dealers and {spec['dealers'] // 5} ordinary customers")
    levels = env["dealer.level"].search([])
    licence = "JVBERi0xLjQKJSVFT0YK"  # a minimal PDF
    dealer_vals = []
    for n in range(spec["dealers"]):
        region, state, city = rng.choice(cities)
        dealer_vals.append(
            {
                "name": f"{city.name}经销商{n:05d}有限公司",
                "is_company": True,
                "is_dealer": True,
                "dealer_code": f"BD{n:05d}",
                "dealer_level_id": rng.choice(levels).id,
                "dealer_region_id": city.id,
                "country_id": china.id,
                "state_id": state.id,
                "city": city.name,
                "user_id": rng.choice(regions[region]["users"]).id,
                "dealer_team_id": regions[region]["team"].id,
                "dealer_state": "active",
                "dealer_licence": licence,
                "dealer_licence_filename": "licence.pdf",
                "email": f"bd{n:05d}@dealer.example.com",
            }
        )
    progress = Progress("dealers", len(dealer_vals))
    dealers = env["res.partner"]
    for start in range(0, len(dealer_vals), 500):
        dealers |= dealers.create(dealer_vals[start : start + 500])
        progress.update(len(dealer_vals[start : start + 500]))
    # One dealer in ten buys through a bigger dealer of its region.
    by_region = {}
    for dealer in dealers - dealers[9::10]:
        by_region.setdefault(dealer.dealer_region_id.parent_id.parent_id, []).append(dealer)
    for dealer in dealers[9::10]:
        if dealer.dealer_region_id.parent_id.parent_id not in by_region:
            continue
        parent_dealer = rng.choice(by_region[dealer.dealer_region_id.parent_id.parent_id][:5])
        dealer.dealer_parent_id = parent_dealer
    data["dealers"] = dealers
    customers = env["res.partner"].create(
        [
            {
                "name": f"{city.name}零售客户{n:05d}",
                "is_company": True,
                "country_id": china.id,
                "state_id": state.id,
                "city": city.name,
            }
            for n, (_region, state, city) in enumerate(rng.choices(cities, k=spec["dealers"] // 5))
        ]
    )
    data["customers"] = customers

    log("warehouses")
    data["warehouses"] = env["stock.warehouse"].create(
        [{"name": name, "code": code, "company_id": company.id} for code, name in WAREHOUSES]
    )
    env.flush_all()
    return data


# ------------------------------------------------------------
# PORTAL LOGINS (LOAD TEST)
# ------------------------------------------------------------

DEALER_LOGINS = 60
CUSTOMER_LOGINS = 5
PORTAL_PASSWORD = "bench_portal"  # every portal login's password; the brand's salespeople: login = password
DEPOSIT_TOP_UP = 500_000.0


def create_portal_logins(env, dealer_count=DEALER_LOGINS, customer_count=CUSTOMER_LOGINS):
    """Portal logins for the load test (make load); returns {"dealers": [login...], "customers": [login...]}.

    The first ``dealer_count`` dealers that order for themselves get a login
    (bench_dealer_<code>, the dealer's administrator); every other one of them
    gets a deposit top-up, so that checkouts can pay from the deposit. The first
    ``customer_count`` ordinary customers get one too (bench_customer_<n>):
    Odoo's own portal order pages are theirs. The password is PORTAL_PASSWORD.
    Partners that have their login already are left as they are: the function
    may run again on a generated database.
    """
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    Partner = env["res.partner"]
    dealers = Partner.search(
        [
            ("is_dealer", "=", True),
            ("parent_id", "=", False),
            ("dealer_state", "=", "active"),
            ("dealer_parent_id", "=", False),
            ("dealer_code", "=like", "BD%"),
        ],
        order="dealer_code",
        limit=dealer_count,
    )
    customers = Partner.search(
        [("is_dealer", "=", False), ("is_company", "=", True), ("name", "like", "零售客户")],
        order="id",
        limit=customer_count,
    )
    wanted = [(dealer, f"bench_dealer_{dealer.dealer_code.lower()}") for dealer in dealers]
    wanted += [(customer, f"bench_customer_{n}") for n, customer in enumerate(customers)]
    users = env["res.users"].with_context(active_test=False)
    existing = set(users.search([("login", "in", [login for _partner, login in wanted])]).mapped("login"))
    portal = env.ref("base.group_portal")
    new_users = users
    for index, (partner, login) in enumerate(wanted):
        if login in existing:
            continue
        contact = Partner.create(
            {
                "name": f"{partner.name} 采购",
                "parent_id": partner.id,
                "type": "contact",
                "email": f"{login}@example.com",
            }
        )
        new_users |= users.create({"login": login, "partner_id": contact.id, "groups_id": [(6, 0, [portal.id])]})
        if partner.is_dealer and index % 2 == 0:
            env["dealer.deposit.move"].create(
                {"name": "Bench top-up", "partner_id": partner.id, "amount": DEPOSIT_TOP_UP}
            )
    # One hash for every login (hashing each password would cost a second per user); set again on the
    # logins made before, so that the password is the documented one.
    env.flush_all()
    hashed = users._crypt_context().hash(PORTAL_PASSWORD)
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE login = ANY(%s)", [hashed, [login for _partner, login in wanted]]
    )
    env.invalidate_all()
    log(f"{len(new_users)} portal logins created ({len(wanted)} in all)")
    return {
        "dealers": [login for partner, login in wanted if partner.is_dealer],
        "customers": [login for partner, login in wanted if not partner.is_dealer],
    }


# ------------------------------------------------------------
# HISTORY (COPY)
# ------------------------------------------------------------

SO_COLUMNS = (
    "id name company_id partner_id partner_invoice_id partner_shipping_id currency_id user_id team_id state "
    "invoice_status delivery_status date_order create_date write_date create_uid write_uid amount_untaxed amount_tax "
    "amount_total currency_rate locked require_signature require_payment prepayment_percent picking_policy "
    "warehouse_id"
).split()
SOL_COLUMNS = (
    "id order_id sequence company_id currency_id order_partner_id salesman_id product_id product_uom state "
    "qty_delivered_method invoice_status name product_uom_qty price_unit technical_price_unit discount price_subtotal "
    "price_tax price_total price_reduce_taxexcl price_reduce_taxinc qty_delivered qty_invoiced qty_to_invoice "
    "untaxed_amount_invoiced untaxed_amount_to_invoice customer_lead is_downpayment is_expense create_date write_date "
    "create_uid write_uid"
).split()
AM_COLUMNS = (
    "id name sequence_prefix sequence_number journal_id company_id partner_id commercial_partner_id currency_id "
    "invoice_user_id state move_type auto_post payment_state date invoice_date invoice_date_due invoice_origin "
    "invoice_partner_display_name amount_untaxed amount_tax amount_total amount_residual amount_untaxed_signed "
    "amount_untaxed_in_currency_signed amount_tax_signed amount_total_signed amount_total_in_currency_signed "
    "amount_residual_signed invoice_currency_rate posted_before is_move_sent create_date write_date create_uid "
    "write_uid team_id"
).split()
AML_COLUMNS = (
    "id move_id journal_id company_id company_currency_id currency_id account_id partner_id product_id "
    "product_uom_id move_name parent_state name display_type date invoice_date date_maturity debit credit balance "
    "amount_currency amount_residual amount_residual_currency quantity price_unit price_subtotal price_total discount "
    "reconciled sequence create_date write_date create_uid write_uid"
).split()
PAY_COLUMNS = (
    "id name journal_id company_id currency_id partner_id payment_method_line_id payment_method_id state "
    "payment_type partner_type memo date amount amount_company_currency_signed is_reconciled is_matched "
    "create_date write_date create_uid write_uid"
).split()


def line_counts(rng, order_count, lines):
    """Line counts per order (1..19, 10 on average) that add up to exactly ``lines``."""
    counts = [rng.randint(1, 19) for _n in range(order_count)]
    drift, index = lines - sum(counts), 0
    while drift:
        step = 1 if drift > 0 else -1
        if 1 <= counts[index % order_count] + step <= 40:
            counts[index % order_count] += step
            drift -= step
        index += 1
    return counts


class HistoryWriter:
    """Sale orders, their invoices and payments, as COPY rows."""

    def __init__(self, env, data, rng):
        self.env, self.rng, self.today = env, rng, datetime.date.today()
        company = data["company"]
        self.company_id, self.currency_id = company.id, company.currency_id.id
        journals = env["account.journal"].search([("company_id", "=", company.id)])
        self.sale_journal = journals.filtered(lambda j: j.type == "sale")[:1]
        self.bank_journal = journals.filtered(lambda j: j.type == "bank")[:1]
        self.pay_method_line = self.bank_journal.inbound_payment_method_line_ids[:1]
        self.receivable_id = (
            env["account.account"]
            .search([("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1)
            .id
        )
        self.income_id = self.sale_journal.default_account_id.id
        self.uom_id = env.ref("uom.product_uom_unit").id
        self.products = [(p.id, p.display_name, p.list_price) for p in data["products"]]
        # Best sellers and big dealers dominate; cumulative weights, computed once.
        self.product_weights = list(itertools.accumulate(1 / (i + 10) for i in range(len(self.products))))
        dealers = data["dealers"]
        levels = dealers.mapped("dealer_level_id").sorted("sequence")
        discounts = {level: 0.25 - 0.05 * i for i, level in enumerate(levels)}
        self.buyers = [
            (d.id, d.name, d.user_id.id, d.dealer_team_id.id, discounts.get(d.dealer_level_id, 0.1)) for d in dealers
        ]
        self.buyers += [(c.id, c.name, data["native_user"].id, None, 0.0) for c in data["customers"]]
        self.buyer_weights = list(itertools.accumulate(rng.paretovariate(1.2) for _buyer in self.buyers))
        self.warehouse_ids = data["warehouses"].ids
        cr = env.cr
        copiers = {
            "so": ("sale.order", SO_COLUMNS),
            "sol": ("sale.order.line", SOL_COLUMNS),
            "am": ("account.move", AM_COLUMNS),
            "aml": ("account.move.line", AML_COLUMNS),
            "pay": ("account.payment", PAY_COLUMNS),
        }
        for attribute, (model, columns) in copiers.items():
            constants = required_defaults(env, model, columns)
            setattr(self, attribute, Copier(cr, env[model]._table, columns, constants=constants))
        self.rel = Copier(cr, "sale_order_line_invoice_rel", ["invoice_line_id", "order_line_id"], with_id=False)
        self.pay_rel = Copier(cr, "account_move__account_payment", ["invoice_id", "payment_id"], with_id=False)
        self.sequence = env["ir.sequence"].search(
            [("code", "=", "sale.order"), ("company_id", "in", [company.id, False])], limit=1
        )
        self.so_number = self.sequence.number_next_actual
        self.invoice_numbers, self.payment_numbers = {}, {}

    def order(self, order_date, line_count):
        rng = self.rng
        partner_id, partner_name, user_id, team_id, discount = rng.choices(self.buyers, cum_weights=self.buyer_weights)[
            0
        ]
        age = (self.today - order_date).days
        state = "draft" if age < 14 and rng.random() < 0.3 else "sale"
        invoiced = state == "sale" and age > 30
        paid = invoiced and (age > 75 or (age > 45 and rng.random() < 0.6)) and rng.random() < 0.95
        stamp = datetime.datetime.combine(order_date, datetime.time(rng.randint(8, 18), rng.randint(0, 59)))
        order_id = self.so.new_id()
        name = f"{self.sequence.prefix or 'S'}{self.so_number:0{self.sequence.padding or 5}d}"
        self.so_number += 1
        lines, total = [], 0.0
        for seq, (product_id, product_name, list_price) in enumerate(
            rng.choices(self.products, cum_weights=self.product_weights, k=line_count)
        ):
            qty = rng.choice((1, 2, 5, 10, 10, 20, 50))
            price = round(list_price * (1 - discount), 2)
            subtotal = round(qty * price, 2)
            total += subtotal
            line_id = self.sol.new_id()
            delivered = qty if state == "sale" and (invoiced or rng.random() < 0.5) else 0
            # Products are invoiced on ordered quantities (invoice policy "order").
            to_invoice = qty if state == "sale" and not invoiced else 0
            status = "invoiced" if invoiced else ("to invoice" if to_invoice else "no")
            self.sol.add(
                line_id, order_id, 10 + seq, self.company_id, self.currency_id, partner_id, user_id, product_id,
                self.uom_id, state, "stock_move", status, product_name, qty, price, price, 0, subtotal, 0, subtotal,
                price, price, delivered, qty if invoiced else 0, to_invoice, subtotal if invoiced else 0,
                subtotal if to_invoice else 0, 0, False, False, stamp, stamp, 1, 1,
            )  # fmt: skip
            lines.append((line_id, product_id, product_name, qty, price, subtotal))
        total = round(total, 2)
        self.so.add(
            order_id, name, self.company_id, partner_id, partner_id, partner_id, self.currency_id, user_id, team_id,
            state, "invoiced" if invoiced else ("to invoice" if state == "sale" else "no"),
            "full" if invoiced else ("pending" if state == "sale" else None), stamp, stamp, stamp, 1, 1, total, 0,
            total, 1.0, False, False, False, 1.0, "direct", self.warehouse_ids[partner_id % len(self.warehouse_ids)],
        )  # fmt: skip
        if invoiced:
            buyer = (partner_id, partner_name, user_id, team_id)
            self.invoice(buyer, (name, order_date, stamp), lines, total=total, paid=paid)

    def invoice(self, buyer, order, lines, *, total, paid):
        partner_id, partner_name, user_id, team_id = buyer
        origin, order_date, stamp = order
        invoice_id = self.am.new_id()
        invoice_date = order_date + datetime.timedelta(days=self.rng.randint(2, 10))
        due = invoice_date + datetime.timedelta(days=30)
        year = invoice_date.year
        self.invoice_numbers[year] = number = self.invoice_numbers.get(year, 0) + 1
        prefix = f"{self.sale_journal.code}/{year}/"
        invoice_name = f"{prefix}{number:05d}"
        residual = 0.0 if paid else total
        journal_id, company_id, currency_id = self.sale_journal.id, self.company_id, self.currency_id
        self.am.add(
            invoice_id, invoice_name, prefix, number, journal_id, company_id, partner_id, partner_id, currency_id,
            user_id, "posted", "out_invoice", "no", "paid" if paid else "not_paid", invoice_date, invoice_date, due,
            origin, partner_name, total, 0, total, residual, total, total, 0, total, total, residual, 1.0, True, True,
            stamp, stamp, 1, 1, team_id,
        )  # fmt: skip
        for seq, (line_id, product_id, product_name, qty, price, subtotal) in enumerate(lines):
            aml_id = self.aml.new_id()
            self.aml.add(
                aml_id, invoice_id, journal_id, company_id, currency_id, currency_id, self.income_id, partner_id,
                product_id, self.uom_id, invoice_name, "posted", product_name, "product", invoice_date, invoice_date,
                None, 0, subtotal, -subtotal, -subtotal, 0, 0, qty, price, subtotal, subtotal, 0, False, 10 + seq,
                stamp, stamp, 1, 1,
            )  # fmt: skip
            self.rel.add(aml_id, line_id)
        self.aml.add(
            self.aml.new_id(), invoice_id, journal_id, company_id, currency_id, currency_id, self.receivable_id,
            partner_id, None, None, invoice_name, "posted", invoice_name, "payment_term", invoice_date, invoice_date,
            due, total, 0, total, total, residual, residual, 0, 0, 0, 0, 0, paid, 1000, stamp, stamp, 1, 1,
        )  # fmt: skip
        if paid:
            self.payment((invoice_id, invoice_name), partner_id, due=due, total=total, stamp=stamp)

    def payment(self, invoice, partner_id, *, due, total, stamp):
        invoice_id, invoice_name = invoice
        pay_date = min(due + datetime.timedelta(days=self.rng.randint(-25, 15)), self.today)
        self.payment_numbers[pay_date.year] = number = self.payment_numbers.get(pay_date.year, 0) + 1
        payment_id = self.pay.new_id()
        method_line = self.pay_method_line
        self.pay.add(
            payment_id, f"P{self.bank_journal.code}/{pay_date.year}/{number:05d}", self.bank_journal.id,
            self.company_id, self.currency_id, partner_id, method_line.id, method_line.payment_method_id.id, "paid",
            "inbound", "customer", invoice_name, pay_date, total, total, True, True, stamp, stamp, 1, 1,
        )  # fmt: skip
        self.pay_rel.add(invoice_id, payment_id)

    def flush(self):
        for copier in (self.so, self.sol, self.am, self.aml, self.pay, self.rel, self.pay_rel):
            copier.flush()
        self.env.cr.commit()

    def finish(self):
        for copier in (self.so, self.sol, self.am, self.aml, self.pay, self.rel, self.pay_rel):
            copier.finish()
        self.sequence.number_next_actual = self.so_number
        self.env.cr.commit()


def generate_history(env, data, spec, rng):
    order_count = max(spec["lines"] // 10, 1)
    dates = seasonal_dates(rng, order_count, datetime.date.today())
    counts = line_counts(rng, order_count, spec["lines"])
    writer = HistoryWriter(env, data, rng)
    progress = Progress("orders and invoices", spec["lines"])
    for index, (order_date, line_count) in enumerate(zip(dates, counts, strict=True)):
        writer.order(order_date, line_count)
        if (index + 1) % BATCH_ORDERS == 0:
            writer.flush()
        progress.update(line_count)
    writer.finish()

    log("stock on hand")
    quant = Copier(
        env.cr, "stock_quant", "id product_id location_id company_id quantity reserved_quantity in_date".split()
    )
    now = datetime.datetime.now()
    locations = data["warehouses"].mapped("lot_stock_id").ids
    for product in data["products"].ids:
        for location_id in locations:
            if rng.random() < 0.8:
                quant.add(quant.new_id(), product, location_id, data["company"].id, rng.randint(0, 500), 0, now)
    quant.finish()
    env.invalidate_all()
    env.cr.commit()


def generate(env, size, seed=SEED, module_generators=None):
    """Fill a freshly installed database (no demo data) with the ``size`` data set."""
    spec = SIZES[size]
    rng = random.Random(seed)
    started = time.monotonic()
    data = create_master_data(env, spec, rng)
    env.cr.commit()
    generate_history(env, data, spec, rng)
    for module, generator in sorted((module_generators or {}).items()):
        log(f"{module}: its own data")
        generator(env, size, random.Random(f"{seed}-{module}"))
        env.flush_all()
        env.cr.commit()
    create_portal_logins(env)
    env["ir.config_parameter"].sudo().set_param("dealer_bench.size", size)
    env["ir.config_parameter"].sudo().set_param("dealer_bench.seed", str(seed))
    env.cr.execute("ANALYZE")
    env.cr.commit()
    log(f"size {size} generated in {time.monotonic() - started:.0f}s")
