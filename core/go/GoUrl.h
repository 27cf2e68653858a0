// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace go {

// net/url's percent-escaping, byte for byte as Go writes it (uppercase hex),
// for the places where etcd or its client put a URL on the wire: the
// Location of a redirect, the paths and queries etcdctl sends. Pure
// functions over UTF-8 bytes; thread-safe.
class GoUrl
{
public:
    // url.URL.EscapedPath of a decoded path: unreserved characters and
    // $&+,/:;=@ stay, everything else is escaped.
    static QByteArray escapePath(const QByteArray &utf8);
    // url.QueryEscape: space becomes '+', only [A-Za-z0-9-_.~] stay.
    static QByteArray escapeQuery(const QByteArray &utf8);
};

} // namespace go
