# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors

"""Minimal etcd v2 HTTP client for the chaos suite (standard library only).

One request per connection: a killed, paused or partitioned member then costs
at most one timeout and never poisons a pooled connection. Thread-safe (no
shared state).
"""

import http.client
import json
import urllib.parse

CLIENT_PORT = 2379
PEER_PORT = 2380


class Unanswered(Exception):
    """No HTTP answer (refused, reset, timed out): the request may or may not have taken effect."""


def request(ip, method, path, params=None, form=None, body=None, timeout=2.0):
    """Returns (http status, X-Etcd-Index or None, decoded JSON or None); raises Unanswered."""
    if params:
        path += "?" + urllib.parse.urlencode(params)
    headers = {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body)
        headers["Content-Type"] = "application/json"
    conn = http.client.HTTPConnection(ip, CLIENT_PORT, timeout=timeout)
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        index = resp.getheader("X-Etcd-Index")
    except (OSError, http.client.HTTPException) as e:
        raise Unanswered(str(e) or type(e).__name__)
    finally:
        conn.close()
    try:
        doc = json.loads(raw) if raw else None
    except ValueError:
        doc = None
    return resp.status, int(index) if index and index.isdigit() else None, doc


def open_watch(ip, key, wait_index, timeout):
    """Long-polls one recursive watch; returns (status, index header, doc) like request()."""
    return request(ip, "GET", "/v2/keys" + key,
                   params={"wait": "true", "recursive": "true", "waitIndex": str(wait_index)},
                   timeout=timeout)
