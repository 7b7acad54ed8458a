from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class ChannelSaleSummary(models.Model):
    """One row per month x dealer x product x company of confirmed sales.

    Rebuilt in bulk SQL so the dashboard never scans the order lines.
    """

    _name = "channel.sale.summary"
    _description = "Channel Sales Summary"
    _order = "month desc, dealer_id, categ_id"
    _rec_name = "dealer_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    month = fields.Date(required=True, index=True, readonly=True, help="First day of the month of the order date.")
    dealer_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    region_id = fields.Many2one("dealer.region", string="Sales Region", index=True, readonly=True)
    level_id = fields.Many2one("dealer.level", string="Dealer Level", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, readonly=True)
    product_id = fields.Many2one("product.product", index=True, readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Untaxed Amount", readonly=True, help="In the company's currency.")
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    order_count = fields.Integer(
        string="Orders",
        readonly=True,
        help="Each order is counted once, on the row of its first product: the sum over rows is the number of orders.",
    )
    categ_order_count = fields.Integer(
        string="Orders in Category",
        readonly=True,
        help="Each order is counted once per product category, on the row of its first product of that "
        "category: the sum over the rows of one category is the number of orders buying it.",
    )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _refresh(self):
        """Recompute the whole summary from the confirmed orders, and write only the rows that changed.

        The aggregation over every order line is cheap in SQL; writing its rows is not (indexes and
        foreign keys are checked row by row). So the fresh figures go to a temporary table first, the
        rows that no longer match are deleted and only new or changed rows are inserted: a nightly run
        touches the few months that moved, a first run writes everything.
        """
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS channel_sale_summary_fresh")
        cr.execute(
            """
            CREATE TEMPORARY TABLE channel_sale_summary_fresh ON COMMIT DROP AS
            WITH lines AS (
                SELECT so.id AS order_id,
                       date_trunc('month', so.date_order)::date AS month,
                       d.id AS dealer_id,
                       d.dealer_region_id AS region_id,
                       d.dealer_level_id AS level_id,
                       d.user_id AS user_id,
                       COALESCE(l.product_id, 0) AS product_id,
                       pt.categ_id AS categ_id,
                       so.company_id AS company_id,
                       l.price_subtotal
                           / CASE COALESCE(so.currency_rate, 0) WHEN 0 THEN 1.0 ELSE so.currency_rate END AS amount,
                       l.product_uom_qty AS qty
                  FROM sale_order_line l
                  JOIN sale_order so ON so.id = l.order_id
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner d ON d.id = p.dealer_id
                  LEFT JOIN product_product pp ON pp.id = l.product_id
                  LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE so.state = 'sale'
                   AND l.display_type IS NULL
                   AND l.is_downpayment IS NOT TRUE
            ), firsts AS (
                SELECT order_id, MIN(product_id) AS product_id FROM lines GROUP BY order_id
            ), categ_firsts AS (
                SELECT order_id, categ_id, MIN(product_id) AS product_id FROM lines GROUP BY order_id, categ_id
            )
            SELECT l.month, l.dealer_id, l.region_id, l.level_id, l.user_id, NULLIF(l.product_id, 0) AS product_id,
                   l.categ_id, l.company_id, SUM(l.amount) AS amount, SUM(l.qty) AS qty,
                   COUNT(DISTINCT f.order_id) AS order_count, COUNT(DISTINCT cf.order_id) AS categ_order_count
              FROM lines l
              LEFT JOIN firsts f ON f.order_id = l.order_id AND f.product_id = l.product_id
              LEFT JOIN categ_firsts cf
                ON cf.order_id = l.order_id
               AND cf.categ_id IS NOT DISTINCT FROM l.categ_id
               AND cf.product_id = l.product_id
             GROUP BY l.month, l.dealer_id, l.region_id, l.level_id, l.user_id, l.product_id, l.categ_id,
                      l.company_id
            """
        )
        # Rows compare on every column; nullable ids as 0, so that PostgreSQL can hash the comparison.
        same_row = SQL(
            """
            s.month = f.month AND s.dealer_id = f.dealer_id AND s.company_id = f.company_id
            AND COALESCE(s.region_id, 0) = COALESCE(f.region_id, 0)
            AND COALESCE(s.level_id, 0) = COALESCE(f.level_id, 0)
            AND COALESCE(s.user_id, 0) = COALESCE(f.user_id, 0)
            AND COALESCE(s.product_id, 0) = COALESCE(f.product_id, 0)
            AND COALESCE(s.categ_id, 0) = COALESCE(f.categ_id, 0)
            AND s.amount = f.amount AND s.qty = f.qty
            AND s.order_count = f.order_count AND s.categ_order_count = f.categ_order_count
            """
        )
        cr.execute(
            SQL(
                """
                DELETE FROM channel_sale_summary s
                 WHERE NOT EXISTS (SELECT 1 FROM channel_sale_summary_fresh f WHERE %s)
                """,
                same_row,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO channel_sale_summary
                    (month, dealer_id, region_id, level_id, user_id, product_id, categ_id, company_id,
                     amount, qty, order_count, categ_order_count,
                     create_uid, create_date, write_uid, write_date)
                SELECT f.month, f.dealer_id, f.region_id, f.level_id, f.user_id, f.product_id, f.categ_id,
                       f.company_id, f.amount, f.qty, f.order_count, f.categ_order_count,
                       %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
                  FROM channel_sale_summary_fresh f
                 WHERE NOT EXISTS (SELECT 1 FROM channel_sale_summary s WHERE %s)
                """,
                self.env.uid,
                self.env.uid,
                same_row,
            )
        )
        cr.execute("DROP TABLE channel_sale_summary_fresh")
        self.invalidate_model()

    @api.model
    def action_refresh(self):
        """On demand from the dashboard: managers only, the rebuild covers every dealer."""
        if not self.env.user.has_group("dealer_base.group_dealer_manager"):
            raise AccessError(_("Only a Dealer Manager can refresh the channel figures."))
        self.sudo()._cron_refresh()
        return True

    @api.model
    def _cron_refresh(self):
        self._refresh()
        self.env["channel.payment.summary"]._refresh()
