"""dealer_rebate: settling a quarter for every dealer."""

import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from bench.registry import bench_case


def _last_quarter(env):
    today = fields.Date.context_today(env["res.partner"])
    start = datetime.date(today.year, (today.month - 1) // 3 * 3 + 1, 1) - relativedelta(months=3)
    return start, start + relativedelta(months=3, days=-1)


def _program_setup(env):
    """A quarterly program over every dealer level, ending with the last full quarter."""
    start, end = _last_quarter(env)
    program = env["dealer.rebate.program"].create(
        {
            "name": "Bench quarterly rebate",
            "period_type": "quarter",
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
    "settle one quarter of rebates for every dealer (credit notes)",
    setup=_program_setup,
    sizes=("s", "m", "l"),
    repeat=3,
)
def settle_quarter(env, ctx):
    settlements = ctx["program"]._settle_ended_periods(until=ctx["until"])
    if not settlements:
        raise RuntimeError("no dealer earned a rebate over the last quarter of the benchmark data")
