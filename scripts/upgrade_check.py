"""What an upgrade must keep: a snapshot of a database before it, compared after it.

    upgrade_check.py snapshot DB FILE ADDONS          (ADDONS: the installed project add-ons)
    upgrade_check.py compare DB FILE ADDONS ADDONS_DIR

The snapshot holds, from the PostgreSQL connection of the environment (PGHOST...):
- the number of rows of every table;
- every row of the tables of the project's models, and every stored column the
  project's add-ons add to other models' tables, as JSON;
- every external id (module, name, model, res_id);
- every model and stored field the project's add-ons declare.

The comparison fails when a table has fewer rows; a row of those tables is gone
or holds another value in a column both layouts have (but write_date and
write_uid, which an upgrade may touch, and the translations it adds to a
translated field); an external id of the project no longer
exists under any module, or points at another record (abstract models may go; records Odoo recreates
from the add-ons' files - views, menus, actions, reports, assets - need only
their name) and is not among the REMOVED ones below; a model or field is gone; or an add-on of the current layout is
not installed.
"""

import json
import sys

import psycopg2

# Records that Odoo rebuilds from the add-ons' files at every upgrade: their ids may change.
REBUILT_MODELS = {
    "ir.ui.view",
    "ir.ui.menu",
    "ir.actions.act_window",
    "ir.actions.act_window.view",
    "ir.actions.server",
    "ir.actions.report",
    "ir.actions.client",
    "ir.actions.act_url",
    "ir.asset",
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.constraint",
    "ir.model.relation",
    "ir.model.access",
}
# External ids that the current code removed on purpose, with what replaced them.
REMOVED = {
    "dealer_pricing.product_pricelist_item_rule_portal": (
        "the portal rule on price list items became product_pricelist_item_rule_portal_own, "
        "which also covers the price lists an online shop grants (55940a4)"
    ),
}
# The registry's own tables: a model or field dropped on purpose (an abstract demo builder, say)
# lowers their counts; check_schema says which models with a table and which fields are gone.
SCHEMA_TABLES = {
    "ir_model",
    "ir_model_fields",
    "ir_model_fields_selection",
    "ir_model_constraint",
    "ir_model_relation",
    "ir_model_inherit",
}
# Columns an upgrade may rewrite without changing what a user sees.
TOUCHED_COLUMNS = {"write_date", "write_uid"}


def connect(db):
    return psycopg2.connect(dbname=db)


def tables(cr):
    cr.execute(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [name for (name,) in cr.fetchall()]


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s",
        [table],
    )
    return {name for (name,) in cr.fetchall()}


def project_models(cr, addons):
    """{model: (table, transient)} of the models the project's add-ons declare."""
    cr.execute(
        """SELECT m.model, m.transient FROM ir_model m
           JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
           WHERE d.module = ANY(%s)""",
        [addons],
    )
    return {model: (model.replace(".", "_"), transient) for model, transient in cr.fetchall()}


def project_fields(cr, addons):
    """[(model, field, stored column or None)] the project's add-ons declare."""
    cr.execute(
        """SELECT f.model, f.name, f.store, f.ttype FROM ir_model_fields f
           JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
           WHERE d.module = ANY(%s)""",
        [addons],
    )
    return [
        (model, name, name if store and ttype not in ("one2many", "many2many") else None)
        for model, name, store, ttype in cr.fetchall()
    ]


def rows(cr, table, cols):
    # PostgreSQL functions take at most 100 arguments: wide tables (res_company) are built by chunks.
    names = [f'"{c}"' for c in sorted(cols)]
    chunks = [", ".join(names[i : i + 100]) for i in range(0, len(names), 100)] or [""]
    select = " || ".join(f"json_build_array({chunk})::jsonb" for chunk in chunks)
    cr.execute(f'SELECT id, ({select})::text FROM "{table}"')
    return {str(rid): data for rid, data in cr.fetchall()}


def snapshot(db, path, addons):
    with connect(db) as conn, conn.cursor() as cr:
        all_tables = tables(cr)
        counts = {}
        for table in all_tables:
            cr.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cr.fetchone()[0]
        models = project_models(cr, addons)
        fields = project_fields(cr, addons)
        data = {}
        for table, transient in sorted(models.values()):
            if transient or table not in counts:
                continue
            cols = columns(cr, table) - TOUCHED_COLUMNS
            data[table] = {"columns": sorted(cols), "rows": rows(cr, table, cols)}
        # Stored columns the project adds to other models' tables.
        extra = {}
        for model, _name, column in fields:
            table = model.replace(".", "_")
            if column and model not in models and table in counts and column in columns(cr, table):
                extra.setdefault(table, set()).add(column)
        for table, cols in sorted(extra.items()):
            data[table] = {"columns": sorted(cols), "rows": rows(cr, table, cols)}
        cr.execute("SELECT module, name, model, res_id FROM ir_model_data")
        xmlids = sorted(cr.fetchall())
        cr.execute("SELECT id, model FROM ir_model")
        abstract = sorted(mid for mid, model in cr.fetchall() if model.replace(".", "_") not in counts)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(
            {
                "addons": addons,
                "counts": counts,
                "data": data,
                "xmlids": xmlids,
                "abstract_model_ids": abstract,
                # Abstract models (no table, no record) may go; models with a table may not.
                "models": sorted(m for m, (table, _transient) in models.items() if table in counts),
                "fields": sorted([m, n] for m, n, _c in fields),
            },
            f,
        )
    print(
        f"[test-upgrade] snapshot: {len(counts)} tables, {sum(len(d['rows']) for d in data.values())} rows "
        f"of {len(data)} project tables, {len(xmlids)} external ids"
    )


def check_modules(cr, current_addons, addons_dir, problem):
    cr.execute("SELECT name, state FROM ir_module_module WHERE name = ANY(%s)", [current_addons])
    states = dict(cr.fetchall())
    for addon in current_addons:
        if states.get(addon) != "installed":
            problem(f"add-on {addon} is {states.get(addon, 'unknown')} after the upgrade ({addons_dir})")


def translation_added(old, new):
    """Whether new is old with translations added: an upgrade loads the languages' terms of the
    records it updates (a field translated later keeps every value it had)."""
    return isinstance(old, dict) and isinstance(new, dict) and all(new.get(k) == v for k, v in old.items())


def check_rows(cr, before, problem):
    all_tables = set(tables(cr))
    for table, count in sorted(before["counts"].items()):
        if table not in all_tables:
            problem(f"table {table} ({count} rows) is gone")
            continue
        cr.execute(f'SELECT count(*) FROM "{table}"')
        now = cr.fetchone()[0]
        if now < count and table not in SCHEMA_TABLES:
            problem(f"table {table}: {count} rows before, {now} after")
    changed = 0
    for table, snap in sorted(before["data"].items()):
        if table not in all_tables:
            continue
        cols = [c for c in snap["columns"] if c in columns(cr, table)]
        index = [snap["columns"].index(c) for c in cols]
        after = rows(cr, table, cols)
        for rid, data in snap["rows"].items():
            if rid not in after:
                problem(f"{table} id {rid} is gone")
                continue
            old = json.loads(data)
            new = json.loads(after[rid])
            for col, a, b in zip(cols, [old[i] for i in index], new, strict=True):
                if a != b and not translation_added(a, b):
                    changed += 1
                    if changed <= 20:
                        problem(f"{table} id {rid}: {col} was {a!r}, is {b!r}")
    if changed > 20:
        problem(f"... {changed} changed values in all")


def check_xmlids(cr, before, problem):
    cr.execute("SELECT module, name, model, res_id FROM ir_model_data")
    now_ids = {}
    for module, name, model, res_id in cr.fetchall():
        now_ids.setdefault((name, model), set()).add((module, res_id))
    project = set(before["addons"])
    abstract = set(before.get("abstract_model_ids", ()))
    kept = 0
    for module, name, model, res_id in before["xmlids"]:
        if module not in project or f"{module}.{name}" in REMOVED or (model == "ir.model" and res_id in abstract):
            continue
        found = now_ids.get((name, model), set())
        ok = bool(found) if model in REBUILT_MODELS else any(rid == res_id for _m, rid in found)
        if ok:
            kept += 1
        else:
            where = ", ".join(f"{m}.{name} -> {rid}" for m, rid in sorted(found)) or "no record"
            problem(f"external id {module}.{name} ({model} {res_id}): {where}")
    return kept


def check_schema(cr, before, problem):
    cr.execute("SELECT model FROM ir_model")
    models = {m for (m,) in cr.fetchall()}
    for model in before["models"]:
        if model not in models:
            problem(f"model {model} is gone")
    cr.execute("SELECT model, name FROM ir_model_fields")
    fields = set(cr.fetchall())
    for model, name in before["fields"]:
        if (model, name) not in fields:
            problem(f"field {model}.{name} is gone")


def compare(db, path, current_addons, addons_dir):
    with open(path, encoding="utf-8") as f:
        before = json.load(f)
    problems = []
    with connect(db) as conn, conn.cursor() as cr:
        check_modules(cr, current_addons, addons_dir, problems.append)
        check_rows(cr, before, problems.append)
        kept = check_xmlids(cr, before, problems.append)
        check_schema(cr, before, problems.append)
        cr.execute(
            "SELECT module, count(*) FROM ir_model_data WHERE module = ANY(%s) GROUP BY module ORDER BY module",
            [current_addons],
        )
        per_module = ", ".join(f"{m} {n}" for m, n in cr.fetchall())
    rows_checked = sum(len(d["rows"]) for d in before["data"].values())
    print(
        f"[test-upgrade] compared {len(before['counts'])} tables, {rows_checked} rows of "
        f"{len(before['data'])} project tables, {kept} of the project's external ids kept"
    )
    print(f"[test-upgrade] external ids per add-on now: {per_module}")
    for text in problems:
        print(f"[test-upgrade] LOST: {text}", file=sys.stderr)
    if problems:
        print(f"[test-upgrade] {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("[test-upgrade] nothing lost")
    return 0


def main(argv):
    if len(argv) >= 4 and argv[0] == "snapshot":
        snapshot(argv[1], argv[2], argv[3].split(","))
        return 0
    if len(argv) >= 5 and argv[0] == "compare":
        return compare(argv[1], argv[2], argv[3].split(","), argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
