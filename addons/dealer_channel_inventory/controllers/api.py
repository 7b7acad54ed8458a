from odoo import http
from odoo.http import request

from ..models.dealer_api_call import MAX_BODY_BYTES

API_KEY_HEADER = "X-Dealer-Api-Key"


class DealerStockApi(http.Controller):
    """JSON endpoint for dealers' own systems: stock reports in, reports and suggested orders out.

    Authenticated by the dealer's API key in a header, not by a session: CSRF does
    not apply (a browser never sends the header by itself), and the dealer is the
    key's, whatever the session or the body says.
    """

    @staticmethod
    def _api_body(httprequest):
        """The body of a POST, or None when it declares more than the cap: a larger body is never read."""
        if httprequest.method != "POST":
            return b""
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return None
        return httprequest.get_data(cache=False)

    def _api_response(self, operation, **params):
        httprequest = request.httprequest
        calls_sudo = request.env["dealer.api.call"].sudo()
        status, answer, headers = calls_sudo._process(
            httprequest.headers.get(API_KEY_HEADER),
            {
                "method": httprequest.method,
                "path": httprequest.path,
                "operation": operation,
                "params": params,
                "body": self._api_body(httprequest),
                "ip_address": httprequest.remote_addr,
            },
        )
        return request.make_json_response(answer, headers=list(headers.items()), status=status)

    @http.route(
        "/dealer_api/v1/stock_reports",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
    )
    def dealer_api_stock_reports(self, period=None, **kw):
        return self._api_response("stock_reports", period=period)

    @http.route(
        "/dealer_api/v1/suggestions", type="http", auth="public", methods=["GET"], csrf=False, save_session=False
    )
    def dealer_api_suggestions(self, **kw):
        return self._api_response("suggestions")
