import json

from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_base.tests.concurrency import run_committed, run_concurrently

from ..controllers.payments import PAYMENTS_CREATE

PATH = "/dealer_api/v1/payments"
CODE = "TCONC01"


@tagged("post_install", "-at_install")
class TestApiPaymentsConcurrency(TransactionCase):
    """Two of the brand's systems pushing the same payment at the same moment record it once."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname

        def create(env):
            dealer = env["res.partner"].create(
                {"name": "Concurrent Dealer", "is_company": True, "is_dealer": True, "dealer_code": CODE}
            )
            keys = [
                env["dealer.api.key"]._generate_integration(f"Concurrent ERP {n}", ["payments:write"]) for n in (1, 2)
            ]
            return dealer.id, [record.id for record, _key in keys], [key for _record, key in keys]

        self.dealer_id, key_ids, self.keys = run_committed(self.dbname, create)

        def cleanup(env):
            payments = env["account.payment"].search([("partner_id", "=", self.dealer_id)])
            payments.action_draft()
            payments.unlink()
            env["dealer.api.call"].search([("key_id", "in", key_ids)]).unlink()
            env["dealer.api.key"].browse(key_ids).with_context(active_test=False).unlink()
            env["res.partner"].browse(self.dealer_id).unlink()

        self.addCleanup(run_committed, self.dbname, cleanup)

    def _push(self, key, idempotency):
        body = {"payments": [{"dealer": CODE, "amount": 88.0, "date": "2026-11-20", "reference": "BANK-RACE"}]}

        def push(env):
            return (
                env["dealer.api.call"]
                .sudo()
                ._process(
                    key,
                    {
                        "method": "POST",
                        "path": PATH,
                        "route": PAYMENTS_CREATE.route_values(),
                        "params": {},
                        "headers": {"Idempotency-Key": idempotency},
                        "body": json.dumps(body).encode(),
                        "ip_address": "127.0.0.1",
                    },
                )
            )

        return push

    def test_the_same_payment_pushed_twice_at_once_is_recorded_once(self):
        results = run_concurrently(
            self.dbname, [self._push(self.keys[0], "race-1"), self._push(self.keys[1], "race-2")]
        )
        self.assertTrue(all(result.ok for result in results), [result.error for result in results])
        statuses = sorted(result.result[0] for result in results)
        self.assertEqual(statuses, [200, 422])
        count = run_committed(
            self.dbname, lambda env: env["account.payment"].search_count([("partner_id", "=", self.dealer_id)])
        )
        self.assertEqual(count, 1)
