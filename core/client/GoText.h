// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

// Text conventions of the Go etcd client and etcdctl, reproduced so that our
// output (curl commands, JSON, quoted names) matches theirs byte for byte.
// Pure functions; thread-safe.
namespace client::go {

// strconv.Quote: double-quoted with Go escapes (\a \b \f \n \r \t \v \\ \",
// \xNN for invalid bytes, \uNNNN / \UNNNNNNNN for non-printable runes).
QByteArray quote(const QByteArray &utf8);
inline QByteArray quote(const QString &s)
{
    return quote(s.toUtf8());
}

// encoding/json string literal with HTML escaping, as json.Marshal writes it
// (GoJson::string, the same rules as the server's answers).
QByteArray jsonString(const QByteArray &utf8);
inline QByteArray jsonString(const QString &s)
{
    return jsonString(s.toUtf8());
}

// net/url escaping of a whole path (url.URL.EscapedPath): keeps
// unreserved characters and $&+,/:;=@, escapes everything else.
QByteArray escapePath(const QString &path);

// url.QueryEscape: space becomes '+', only [A-Za-z0-9-_.~] stay as they are.
QByteArray escapeQuery(const QString &component);

// etcd's pathutil.CanonicalURLPath: path.Clean that keeps a trailing slash.
QString canonicalPath(const QString &path);

// The error encoding/json's Unmarshal reports for `body` when decoding it
// into a struct of type `goType`, or an empty string when it decodes (a JSON
// object, or null). Covers the answers that are not JSON at all ("404 page
// not found", HTML, nothing) exactly; other broken JSON approximately.
QString jsonDecodeError(const QByteArray &body, const QString &goType);

// time.Time JSON form of an RFC 3339 timestamp: fraction without trailing
// zeros, "Z" for UTC. Returns the input unchanged if it does not parse.
QString normalizeRfc3339(const QString &timestamp);

} // namespace client::go
