"""kg.store.http against real HTTP servers on loopback: Basic auth, https, server messages, retries.

Digest authentication is exercised against Virtuoso in the store matrix; these
servers are Python's own http.server, which answers what each test needs.
"""

from __future__ import annotations

import base64
import http.server
import json
import ssl
import subprocess
import threading

import pytest

from kg.errors import StoreError
from kg.store import RemoteStore
from kg.store.http import HttpClient, Response

ASK_TRUE = json.dumps({"head": {}, "boolean": True}).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers ASK true to a request with the right Basic credentials, 401 otherwise."""

    protocol_version = "HTTP/1.1"
    seen = []

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append(self.headers.get("Authorization"))
        expected = "Basic " + base64.b64encode(b"kg:s3cret").decode()
        if self.headers.get("Authorization") != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg test"')
            body = b"<html><head><title>401</title></head><body><h1>Unauthorized</h1><p>Who &amp; why?</p></body></html>"
            self.send_header("Content-Type", "text/html")
        else:
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            body = ASK_TRUE
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(httpd, scheme="http"):
    return f"{scheme}://127.0.0.1:{httpd.server_address[1]}/"


def test_basic_credentials_are_sent_once_asked(server):
    store = RemoteStore(url(server), user="kg", password="s3cret")
    assert store.query("ASK {}") is True
    assert store.query("ASK {}") is True
    # The first request goes without credentials; once asked, every request carries them.
    assert Handler.seen[0] is None and Handler.seen[1].startswith("Basic ") and Handler.seen[2].startswith("Basic ")


def test_credentials_from_the_environment(server, monkeypatch):
    monkeypatch.setenv("KG_STORE_USER", "kg")
    monkeypatch.setenv("KG_STORE_PASSWORD", "s3cret")
    assert RemoteStore(url(server)).query("ASK {}") is True


def test_wrong_credentials_give_the_server_message_and_a_hint(server):
    with pytest.raises(StoreError) as e:
        RemoteStore(url(server), user="kg", password="nope", retries=0).query("ASK {}")
    text = str(e.value)
    assert text.splitlines()[0].endswith("query failed with 401: Unauthorized Who & why?")
    assert "KG_STORE_USER" in text


def test_https_with_the_servers_own_authority(server, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with pytest.raises(StoreError, match="TLS failed|certificate"):
        RemoteStore(url(server, "https"), user="kg", password="s3cret", retries=0).query("ASK {}")
    assert RemoteStore(url(server, "https"), user="kg", password="s3cret", verify=str(cert)).query("ASK {}") is True


def test_a_bad_ca_bundle_is_one_line(tmp_path):
    with pytest.raises(StoreError, match="cannot read the CA bundle"):
        HttpClient(verify=str(tmp_path / "missing.pem"))


def test_messages_from_text_json_and_html():
    assert Response(500, "text/plain", b"line one\nline two", {}).message() == "line one line two"
    page = b"<html><head><style>p{}</style></head><body><h1>Error</h1><script>x()</script><p>Bad &lt;query&gt;</p></body></html>"
    assert Response(400, "text/html", page, {}).message() == "Error Bad <query>"
