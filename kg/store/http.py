"""HTTP for remote stores: kept-alive connections, retries and authentication.

This module knows nothing about SPARQL. It sends a request and gives back the
status, the media type and the body, so that :mod:`kg.store.remote` can keep to
what a store means (graphs, queries, paging) while this keeps to how a server is
reached: ``http`` or ``https``, one kept-alive connection per host, retries with
backoff for requests that may be repeated, and HTTP Basic or Digest
authentication (RFC 7617, RFC 7616), which Virtuoso's ``/sparql-auth`` needs.

Credentials come from the caller or from ``$KG_STORE_USER`` and
``$KG_STORE_PASSWORD``. Basic is only sent once a server has asked for it, and
Digest answers the server's challenge; the password itself never travels for
Digest.

>>> HttpClient(user="kg", password="pw").auth
('kg', 'pw')
>>> _challenge('Digest realm="r", nonce="n1", qop="auth,auth-int", algorithm=MD5')
('digest', {'realm': 'r', 'nonce': 'n1', 'qop': 'auth,auth-int', 'algorithm': 'MD5'})
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import socket
import ssl
import time
import urllib.parse

from ..errors import StoreError

#: Errors after which a request may be sent again on a fresh connection.
RETRYABLE = (ConnectionError, socket.timeout, TimeoutError, http.client.RemoteDisconnected, http.client.BadStatusLine, OSError)


class Response:
    """What a server answered: status, media type (lower case, no parameters), body bytes, headers."""

    def __init__(self, status, media_type, body, headers):
        self.status = status
        self.media_type = media_type
        self.body = body
        self.headers = headers

    def message(self):
        """The server's own error message, cleanly, on one line.

        Servers answer errors in plain text, JSON or an HTML page; the text of the
        page is kept and its markup dropped, so the user reads what the server said.
        """
        text = self.body.decode("utf-8", "replace")
        if "html" in self.media_type or text.lstrip().startswith("<"):
            text = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", text)
            text = re.sub(r"<[^>]+>", " ", text)
        text = " ".join(text.split())
        for ref, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&")):
            text = text.replace(ref, char)
        return (text[:500] + "...") if len(text) > 500 else (text or "(no message)")


class HttpClient:
    """Sends requests to SPARQL servers over kept-alive connections.

    Args:
        timeout: seconds to wait for a server on each request.
        retries: extra attempts after a connection error, for idempotent requests only.
        headers: extra headers for every request.
        user, password: credentials for Basic or Digest authentication; default to
            ``$KG_STORE_USER`` and ``$KG_STORE_PASSWORD``.
        verify: check https certificates: True (the system's CAs), False, the path of
            a CA bundle (for a server with its own certificate authority), or an
            ``ssl.SSLContext``; defaults to ``$KG_STORE_CA_FILE`` when that is set.
    """

    def __init__(self, *, timeout=60.0, retries=3, headers=None, user=None, password=None, verify=True):
        self.timeout = float(timeout)
        self.retries = int(retries)
        self.headers = {"User-Agent": "kg", **(headers or {})}
        user = user if user is not None else os.environ.get("KG_STORE_USER")
        password = password if password is not None else os.environ.get("KG_STORE_PASSWORD")
        self.auth = (user, password or "") if user else None
        if verify is True and os.environ.get("KG_STORE_CA_FILE"):
            verify = os.environ["KG_STORE_CA_FILE"]
        if isinstance(verify, ssl.SSLContext):
            self._ssl = verify
        elif isinstance(verify, (str, os.PathLike)):
            try:
                self._ssl = ssl.create_default_context(cafile=str(verify))
            except (OSError, ssl.SSLError) as e:
                raise StoreError(f"{verify}: cannot read the CA bundle: {e}") from None
        else:
            self._ssl = ssl.create_default_context() if verify else ssl._create_unverified_context()
        self._connections = {}
        self._digest = {}  # netloc -> (challenge parameters, nonce count)
        self._basic = set()  # netlocs that asked for Basic

    def request(self, method, url, body=None, headers=None, *, idempotent):
        """Send one request, authenticating when the server asks.

        Returns:
            A :class:`Response`.

        Raises:
            StoreError: the server cannot be reached (after the retries allowed).
        """
        parts = urllib.parse.urlsplit(url)
        response = self._send(method, parts, body, headers, idempotent)
        if response.status == 401 and self.auth:
            kind, params = _challenge(response.headers.get("www-authenticate", ""))
            if kind == "digest":
                self._digest[parts.netloc] = [params, 0]
            elif kind == "basic":
                self._basic.add(parts.netloc)
            else:
                return response
            response = self._send(method, parts, body, headers, idempotent)
            if response.status == 401 and kind == "digest":
                # A stale nonce is answered with a fresh challenge: one more try with it.
                kind, params = _challenge(response.headers.get("www-authenticate", ""))
                if kind == "digest" and params.get("stale", "").lower() == "true":
                    self._digest[parts.netloc] = [params, 0]
                    response = self._send(method, parts, body, headers, idempotent)
        return response

    def close(self):
        """Close every kept-alive connection."""
        for conn in self._connections.values():
            conn.close()
        self._connections.clear()

    # --- internals -------------------------------------------------------

    def _send(self, method, parts, body, headers, idempotent):
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {**self.headers, **(headers or {})}
        authorization = self._authorization(method, parts.netloc, path)
        if authorization:
            headers["Authorization"] = authorization
        delay = 0.2
        for attempt in range(self.retries + 1):
            conn = self._connection(parts)
            if not idempotent:
                # A kept-alive connection that the server closed meanwhile would fail after
                # sending, and a non-idempotent request cannot then be repeated: start fresh.
                conn.close()
            sent = False
            try:
                conn.request(method, path, body=body, headers=headers)
                sent = True
                raw = conn.getresponse()
                data = raw.read()
                media_type = (raw.getheader("Content-Type") or "").split(";")[0].strip().lower()
                got = {k.lower(): v for k, v in raw.getheaders()}
                if got.get("connection", "").lower() == "close":
                    conn.close()
                return Response(raw.status, media_type, data, got)
            except ssl.SSLError as e:
                conn.close()
                raise StoreError(f"{parts.scheme}://{parts.netloc}{path}: TLS failed: {e}") from None
            except RETRYABLE as e:
                conn.close()
                # A request that reached the server is only repeated when that is harmless.
                if attempt == self.retries or (sent and not idempotent):
                    raise StoreError(f"{parts.scheme}://{parts.netloc}{parts.path}: cannot reach the SPARQL server: {e or type(e).__name__}") from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _connection(self, parts):
        if parts.scheme not in ("http", "https"):
            raise StoreError(f"{urllib.parse.urlunsplit(parts)}: a remote store needs an http:// or https:// URL")
        key = (parts.scheme, parts.netloc)
        conn = self._connections.get(key)
        if conn is None:
            if parts.scheme == "https":
                conn = http.client.HTTPSConnection(parts.netloc, timeout=self.timeout, context=self._ssl)
            else:
                conn = http.client.HTTPConnection(parts.netloc, timeout=self.timeout)
            self._connections[key] = conn
        return conn

    def _authorization(self, method, netloc, path):
        if not self.auth:
            return None
        user, password = self.auth
        if netloc in self._digest:
            state = self._digest[netloc]
            state[1] += 1
            return _digest_header(state[0], user, password, method, path, state[1])
        if netloc in self._basic:
            return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return None


def _challenge(header):
    """The scheme (lower case) and parameters of a WWW-Authenticate header.

    Digest is preferred when a server offers several schemes in one header.
    """
    if re.search(r"(?i)\bdigest\s", header):
        start = re.search(r"(?i)\bdigest\s", header).end()
        params = dict((k.lower(), v if v else w) for k, v, w in re.findall(r'([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))', header[start:]))
        return "digest", params
    if re.match(r"(?i)\s*basic\b", header) or re.search(r"(?i),\s*basic\b", header):
        return "basic", {}
    return None, {}


def _digest_header(challenge, user, password, method, uri, count):
    """The Authorization header answering a Digest challenge (RFC 7616, qop=auth)."""
    algorithm = challenge.get("algorithm", "MD5")
    base = algorithm.upper().removesuffix("-SESS")
    hasher = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}.get(base)
    if hasher is None:
        raise StoreError(f"the server asks for Digest with {algorithm}, which kg does not speak (MD5, SHA-256)")

    def h(text):
        return hasher(text.encode("utf-8")).hexdigest()

    realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
    cnonce = os.urandom(8).hex()
    nc = f"{count:08x}"
    ha1 = h(f"{user}:{realm}:{password}")
    if algorithm.upper().endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
    fields = {"username": user, "realm": realm, "nonce": nonce, "uri": uri, "algorithm": algorithm}
    if "auth" in qops:
        fields["response"] = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        extra = f", qop=auth, nc={nc}, cnonce=\"{cnonce}\""
    else:
        fields["response"] = h(f"{ha1}:{nonce}:{ha2}")
        extra = ""
    if "opaque" in challenge:
        fields["opaque"] = challenge["opaque"]
    quoted = ", ".join(f'{k}="{_quote(v)}"' if k != "algorithm" else f"{k}={v}" for k, v in fields.items())
    return f"Digest {quoted}{extra}"


def _quote(value):
    return value.replace("\\", "\\\\").replace('"', '\\"')


__all__ = ["HttpClient", "Response", "RETRYABLE"]
