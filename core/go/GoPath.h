// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

namespace go {

// Go's rules for slash-separated paths where etcd's behaviour depends on
// them: path.Clean (the store's key names) and net/http's ServeMux cleanPath
// (which paths a request may name before a handler runs; anything else is
// redirected). One implementation for the store, the v2 API and the client.
// Pure functions over UTF-8 bytes or UTF-16 text ('/' and '.' are ASCII in
// both, so a segment never splits a character); thread-safe.
class GoPath
{
public:
    // path.Clean of the path rooted at "/": drops empty and "." segments, a
    // ".." removes the segment before it (never above the root), no
    // trailing slash but for "/" itself. "a//b/../c" -> "/a/c".
    static QString clean(const QString &path);

    // net/http's cleanPath (etcd's pathutil.CanonicalURLPath): clean() that
    // keeps a trailing slash. A request path that differs from this is
    // answered 301 to it by Go's ServeMux, before any etcd handler.
    static QString cleanKeepingSlash(const QString &path);
    static QByteArray cleanKeepingSlash(const QByteArray &path);

    // True when clean(path) == path, without building anything: the store's
    // and the API's hot paths only pay for cleaning what needs it.
    static bool isClean(QStringView path);
    // True when cleanKeepingSlash(path) == path.
    static bool isCleanKeepingSlash(QByteArrayView path);
};

} // namespace go
