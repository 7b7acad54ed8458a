"""A webhook receiver for the tests: an HTTP server on 127.0.0.1 in a thread, keeping what it got."""

import hashlib
import hmac
import http.server
import socket
import threading
import time


class WebhookReceiver:
    """Records every POST (headers, body) and answers ``status``; ``url`` is where it listens.

    ``closed_url()`` gives the URL of a port nobody listens on: a receiver that is down.
    """

    def __init__(self, status=200, delay=0):
        self.status = status
        self.delay = delay
        self.requests = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.delay:
                    time.sleep(receiver.delay)
                receiver.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def closed_url():
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        return f"http://127.0.0.1:{port}/events"


def verify(secret, header, body, tolerance=300):
    """What a receiver does with X-Dealer-Signature (the README's recipe)."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return abs(time.time() - int(parts["t"])) <= tolerance and hmac.compare_digest(expected, parts["v1"])
