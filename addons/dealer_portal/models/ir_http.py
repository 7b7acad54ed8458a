import threading

from odoo import models
from odoo.http import request

from ..controllers.replica import SAFE_METHODS, mark_session_wrote


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        # What a user changes goes through routes of logged-in users; logging in (auth "none")
        # changes nothing the portal shows.
        request.dealer_portal_user_route = rule.endpoint.routing.get("auth") == "user"
        return super()._pre_dispatch(rule, args)

    @classmethod
    def _post_dispatch(cls, response):
        # Read-your-writes (controllers/replica.py): a request that may have written sends the
        # session's next pages to the primary. A read-only request retried on the primary wrote;
        # one served read-only (JSON reads are POSTs too) did not. Only portal users read the
        # portal's replica pages: an employee's session is left as Odoo keeps it. Before super():
        # Odoo's dispatcher saves the session there.
        mode = getattr(threading.current_thread(), "cursor_mode", None)
        if (
            request.session.uid
            and getattr(request, "dealer_portal_user_route", False)
            and request.env.user.share
            and (mode == "ro->rw" or (mode == "rw" and request.httprequest.method not in SAFE_METHODS))
        ):
            mark_session_wrote()
        return super()._post_dispatch(response)
