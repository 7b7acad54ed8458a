from odoo import api, fields, models


class ChannelPaymentSummary(models.Model):
    """Customer invoices per due month and dealer: how many were paid by their due date."""

    _name = "channel.payment.summary"
    _description = "Channel Payment Punctuality"
    _order = "month desc, dealer_id"
    _rec_name = "dealer_id"

    month = fields.Date(required=True, index=True, readonly=True, help="First day of the month of the due date.")
    dealer_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    region_id = fields.Many2one("dealer.region", string="Sales Region", index=True, readonly=True)
    level_id = fields.Many2one("dealer.level", string="Dealer Level", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    invoice_count = fields.Integer(string="Invoices Due", readonly=True)
    on_time_count = fields.Integer(string="Paid on Time", readonly=True)

    @api.model
    def _refresh(self):
        """Rebuild from the posted customer invoices already due, in one statement."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("DELETE FROM channel_payment_summary")
        cr.execute(
            """
            WITH inv AS (
                SELECT m.id, m.invoice_date_due, m.company_id, d.id AS dealer_id,
                       d.dealer_region_id AS region_id, d.dealer_level_id AS level_id, d.user_id,
                       m.payment_state IN ('paid', 'in_payment')
                           AND COALESCE((
                               SELECT MAX(apr.max_date)
                                 FROM account_move_line ml
                                 JOIN account_partial_reconcile apr ON apr.debit_move_id = ml.id
                                WHERE ml.move_id = m.id AND ml.display_type = 'payment_term'
                           ), m.invoice_date_due) <= m.invoice_date_due AS on_time
                  FROM account_move m
                  JOIN res_partner p ON p.id = m.partner_id
                  JOIN res_partner d ON d.id = p.dealer_id
                 WHERE m.move_type = 'out_invoice'
                   AND m.state = 'posted'
                   AND m.invoice_date_due < CURRENT_DATE
            )
            INSERT INTO channel_payment_summary
                (month, dealer_id, region_id, level_id, user_id, company_id, invoice_count, on_time_count,
                 create_uid, create_date, write_uid, write_date)
            SELECT date_trunc('month', invoice_date_due)::date, dealer_id, region_id, level_id, user_id,
                   company_id, COUNT(*), COUNT(*) FILTER (WHERE on_time),
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM inv
             GROUP BY 1, dealer_id, region_id, level_id, user_id, company_id
            """,
            {"uid": self.env.uid},
        )
        self.invalidate_model()
