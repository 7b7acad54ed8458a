"""dealer_rebate: settling rebates for every dealer, and for 1,000 dealers at the issue's scale."""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from bench.registry import bench_case


def _last_four_quarters(env):
    today = fields.Date.context_today(env["res.partner"])
    end = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1) - relativedelta(days=1)
    return end + relativedelta(days=1, years=-1), end


def _program_setup(env):
    """A program over every dealer level settling the last four full quarters as one period.

    One quarter of the generated data is too small for the scale the settlement is sized
    for (1,000 dealers, 200,000 invoice lines in the period): four quarters hold about
    43,000 dealer invoice lines at size m (about 800 to 860 dealers invoiced, depending on
    the day the data was generated) and 377,000 at size l (1,997 dealers).
    """
    start, end = _last_four_quarters(env)
    program = env["dealer.rebate.program"].create(
        {
            "name": "Bench yearly rebate",
            "period_type": "custom",
            "date_start": start,
            "date_end": end,
            "level_ids": [Command.set(env["dealer.level"].search([]).ids)],
            "tier_mode": "incremental",
            "tier_ids": [
                Command.create({"threshold": 0, "rate": 1.0}),
                Command.create({"threshold": 20_000, "rate": 2.0}),
                Command.create({"threshold": 50_000, "rate": 3.0}),
            ],
        }
    )
    return {"program": program, "until": end}


@bench_case(
    "settle four quarters of rebates for every dealer (credit notes)",
    setup=_program_setup,
    sizes=("s", "m", "l"),
    repeat=3,
)
def settle_quarter(env, ctx):
    settlements = ctx["program"]._settle_ended_periods(until=ctx["until"])
    if not settlements:
        raise RuntimeError("no dealer earned a rebate over the last four quarters of the benchmark data")


INVOICE_LINES_SQL = """
    SELECT COUNT(*)
      FROM account_move_line l
      JOIN account_move m ON m.id = l.move_id
     WHERE m.move_type = 'out_invoice' AND m.state = 'posted' AND l.display_type = 'product'
       AND m.invoice_date BETWEEN %s AND %s AND m.commercial_partner_id = ANY(%s)
"""


def _thousand_dealers_setup(env):
    """A custom program over 1,000 dealers and the last 14 complete months: 209,247 invoice lines at l."""
    today = fields.Date.context_today(env["res.partner"])
    end = today.replace(day=1) - relativedelta(days=1)
    start = end.replace(day=1) - relativedelta(months=13)
    dealers = env["res.partner"].search([("is_dealer", "=", True), ("parent_id", "=", False)], order="id", limit=1000)
    program = env["dealer.rebate.program"].create(
        {
            "name": "Bench rebate of 1,000 dealers",
            "period_type": "custom",
            "date_start": start,
            "date_end": end,
            "dealer_ids": [Command.set(dealers.ids)],
            "tier_mode": "retroactive",
            "tier_ids": [
                Command.create({"threshold": 0, "rate": 1.0}),
                Command.create({"threshold": 100_000, "rate": 2.0}),
                Command.create({"threshold": 300_000, "rate": 3.0}),
            ],
        }
    )
    env.cr.execute(INVOICE_LINES_SQL, [start, end, dealers.ids])
    print(f"    ({len(dealers):,} dealers, {env.cr.fetchone()[0]:,} invoice lines in the period)", flush=True)
    return {"program": program, "until": end}


@bench_case(
    "settle 14 months of rebates for 1,000 dealers (credit notes, ~200,000 invoice lines at l)",
    setup=_thousand_dealers_setup,
    sizes=("l",),
    sizes_reason="made for the target scale of size l (about 200,000 invoice lines in the 14 months settled)",
    repeat=1,
)
def settle_thousand_dealers(env, ctx):
    settlements = ctx["program"]._settle_ended_periods(until=ctx["until"])
    if len(settlements) < 900:
        raise RuntimeError(f"only {len(settlements)} of the 1,000 dealers were settled")
