"""dealer_portal: a quick order and an order file imported into a dealer's cart.

The import case reads a 5,000-row .xlsx (one row per product, so 5,000 cart
lines), checks every row and adds them to the cart; Odoo's generic importer
(base_import) loads the same rows into the lines of a quotation for
comparison. The products missing from a size's catalogue are copied in SQL
by the setup (not timed, rolled back with the run).
"""

import base64
import io
import random

from odoo.tools import SQL

from bench.registry import bench_case

IMPORT_ROWS = 5000
QUICK_ORDER_LINES = 150
LARGE_FILE_SIZE = 20 * 1024 * 1024
_FILES = {}


def _column_list(env, table, skip):
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [name for (name,) in env.cr.fetchall() if name not in skip]


def _copy_products(env, source, count):
    """count copies of product source, with codes BI-1 to BI-<count>, inserted in two statements.

    The copies are rolled back with each run and made again by the next one's
    setup, with new ids: their codes do not depend on the ids, so that a file
    made once for the first run names the products of every run.
    """
    env.flush_all()
    template_columns = _column_list(env, "product_template", {"id", "name"})
    cols = SQL(", ").join(SQL.identifier(c) for c in template_columns)
    env.cr.execute(
        SQL(
            "INSERT INTO product_template (name, %s) SELECT jsonb_build_object('en_US', 'Bench import item ' || n), %s"
            " FROM product_template, generate_series(1, %s) n WHERE id = %s RETURNING id",
            cols,
            cols,
            count,
            source.product_tmpl_id.id,
        )
    )
    template_ids = [row[0] for row in env.cr.fetchall()]
    variant_columns = _column_list(env, "product_product", {"id", "product_tmpl_id", "default_code", "barcode"})
    vcols = SQL(", ").join(SQL.identifier(c) for c in variant_columns)
    vcols_from_source = SQL(", ").join(SQL("src.%s", SQL.identifier(c)) for c in variant_columns)
    env.cr.execute(
        SQL(
            "INSERT INTO product_product (product_tmpl_id, default_code, %s)"
            " SELECT t.id, 'BI-' || ROW_NUMBER() OVER (ORDER BY t.id), %s FROM product_template t, product_product src"
            " WHERE t.id = ANY(%s) AND src.id = %s",
            vcols,
            vcols_from_source,
            template_ids,
            source.id,
        )
    )
    env.invalidate_all()


def _dealer_and_products(env, count):
    """An active dealer and count authorised products it may order by the unit."""
    Product = env["product.product"]
    domain = [("sale_ok", "=", True), ("default_code", "!=", False)]
    products = Product.search(domain, order="id", limit=count)
    if len(products) < count:
        _copy_products(env, products[:1], count - len(products))
        products = Product.search(domain, order="id", limit=count)
    products.product_tmpl_id.write({"dealer_min_qty": 0, "dealer_pack_qty": 0})
    dealers = env["res.partner"].search(
        [("is_dealer", "=", True), ("parent_id", "=", False), ("dealer_state", "=", "active")], order="id"
    )
    for dealer in dealers:
        if not dealer._dealer_get_unauthorised(products):
            return dealer, products
    raise RuntimeError("no dealer of the benchmark data may buy every product: run `make data` again")


def _xlsx(rows, header=("SKU", "Quantity")):
    import openpyxl  # noqa: PLC0415 - only needed by the benchmark

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Order")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# ------------------------------------------------------------
# IMPORT A 5,000-ROW .XLSX
# ------------------------------------------------------------


def _import_setup(env):
    dealer, products = _dealer_and_products(env, IMPORT_ROWS)
    cart = dealer._dealer_portal_cart(user=env.user)
    native_order = env["sale.order"].create({"partner_id": dealer.id})
    return {
        "dealer": dealer,
        "cart": cart,
        "data": _xlsx((p.default_code, 1 + n % 7) for n, p in enumerate(products)),
        "native_order": native_order,
        "native_data": _xlsx(
            ((native_order.id, p.default_code, 1 + n % 7) for n, p in enumerate(products)),
            header=("Order", "SKU", "Quantity"),
        ),
    }


def _native_import(env, ctx):
    importer = env["base_import.import"].create(
        {
            "res_model": "sale.order.line",
            "file": ctx["native_data"],
            "file_name": "order.xlsx",
            "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    )
    result = importer.execute_import(
        ["order_id/.id", "product_id", "product_uom_qty"],
        ["Order", "SKU", "Quantity"],
        {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
            "date_format": "",
            "datetime_format": "",
        },
    )
    if result.get("messages") or len(ctx["native_order"].order_line) != IMPORT_ROWS:
        raise RuntimeError(f"Odoo's importer did not import the rows: {result.get('messages', [])[:3]}")


@bench_case(
    f"import a {IMPORT_ROWS:,}-row .xlsx order into the cart ¹",
    native=_native_import,
    setup=_import_setup,
    sizes=("s", "m", "l"),
    repeat=1,
    per_run=(IMPORT_ROWS, "lines"),
)
def import_xlsx_order(env, ctx):
    preview = env["dealer.order.import"]._dealer_portal_create_preview(ctx["dealer"], "order.xlsx", ctx["data"])
    if preview.error_count:
        raise RuntimeError(f"the benchmark file has bad rows: {preview.rows[:3]}")
    preview._dealer_portal_apply(ctx["cart"])
    if len(ctx["cart"].order_line) != IMPORT_ROWS:
        raise RuntimeError("the import did not add every row")


# ------------------------------------------------------------
# QUICK ORDER OF 150 LINES
# ------------------------------------------------------------


def _quick_order_setup(env):
    dealer, products = _dealer_and_products(env, QUICK_ORDER_LINES)
    return {
        "cart": dealer._dealer_portal_cart(user=env.user),
        "text": "\n".join(f"{p.default_code}\t{1 + n % 5}" for n, p in enumerate(products)),
    }


@bench_case(
    f"quick order of {QUICK_ORDER_LINES} pasted lines into the cart",
    setup=_quick_order_setup,
    repeat=3,
    per_run=(QUICK_ORDER_LINES, "lines"),
)
def quick_order(env, ctx):
    if ctx["cart"]._dealer_portal_add_quick_order(ctx["text"], []):
        raise RuntimeError("the quick order has errors")


# ------------------------------------------------------------
# A 20 MB FILE
# ------------------------------------------------------------


def _large_file(products):
    """A .xlsx of at least 20 MiB: one row per product and a remarks column of incompressible text."""
    rng = random.Random(5)
    # Random bytes in base64 deflate back to about their own size, plus the sheet's markup.
    remark_bytes = int(LARGE_FILE_SIZE / len(products) * 1.02)
    data = _xlsx(
        ((p.default_code, 1, base64.b64encode(rng.randbytes(remark_bytes)).decode()) for p in products),
        header=("SKU", "Quantity", "Remarks"),
    )
    if len(data) < LARGE_FILE_SIZE:
        raise RuntimeError(f"the large file is only {len(data) / 2**20:.1f} MiB")
    return data


def _large_setup(env):
    dealer, products = _dealer_and_products(env, IMPORT_ROWS)
    # Made once for the products it names: the same in every run of a size, not from one size to the next.
    key = (env.cr.dbname, tuple(sorted(products.mapped("default_code"))))
    if key not in _FILES:
        _FILES.clear()
        _FILES[key] = _large_file(products)
    return {"dealer": dealer, "cart": dealer._dealer_portal_cart(user=env.user), "data": _FILES[key]}


@bench_case(
    "import a 20 MiB .xlsx: 5,000 rows with a remarks column ²",
    setup=_large_setup,
    repeat=1,
    per_run=(IMPORT_ROWS, "lines"),
)
def import_large_xlsx(env, ctx):
    preview = env["dealer.order.import"]._dealer_portal_create_preview(ctx["dealer"], "order.xlsx", ctx["data"])
    if preview.error_count:
        raise RuntimeError(f"the benchmark file has bad rows: {preview.rows[:3]}")
    preview._dealer_portal_apply(ctx["cart"])
    if len(ctx["cart"].order_line) != IMPORT_ROWS:
        raise RuntimeError("the import did not add every row")
