// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Go's text rules as the client and qetcdctl apply them to what a server
// sends (core/client/GoText: strconv.Quote, JSON string escaping, URL
// escaping, path cleaning, RFC 3339 normalization, encoding/json's error
// wording) and the server-side Go rules of core/go (GoPath, GoUrl, GoStrconv).
// Invariants: escaping decodes back to the input; cleaning is idempotent.
// Input: any bytes (text from a server or a user).
#include "FuzzInput.h"
#include "client/GoText.h"
#include "go/GoPath.h"
#include "go/GoStrconv.h"
#include "go/GoUrl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace client;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    const bool validUtf8 = text.toUtf8() == bytes;

    const QByteArray quoted = client::go::quote(bytes);
    FUZZ_CHECK(quoted.size() >= 2 && quoted.startsWith('"') && quoted.endsWith('"'));

    const QByteArray json = client::go::jsonString(bytes);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "]", &pe);
    FUZZ_CHECK(pe.error == QJsonParseError::NoError);
    if (validUtf8)
        FUZZ_CHECK(doc.array().at(0).toString() == text);

    const QByteArray path = client::go::escapePath(text);
    FUZZ_CHECK(QByteArray::fromPercentEncoding(path) == text.toUtf8());
    QByteArray query = client::go::escapeQuery(text);
    FUZZ_CHECK(!query.contains(' '));
    FUZZ_CHECK(QByteArray::fromPercentEncoding(query.replace('+', ' ')) == text.toUtf8());
    FUZZ_CHECK(::go::GoUrl::escapePath(bytes) == client::go::escapePath(QString::fromUtf8(bytes)) ||
               !validUtf8);

    const QString canonical = client::go::canonicalPath(text);
    FUZZ_CHECK(client::go::canonicalPath(canonical) == canonical);
    const QString clean = ::go::GoPath::clean(text);
    FUZZ_CHECK(::go::GoPath::clean(clean) == clean && ::go::GoPath::isClean(clean));
    FUZZ_CHECK(::go::GoPath::isClean(text) == (clean == text));
    const QByteArray keep = ::go::GoPath::cleanKeepingSlash(bytes);
    FUZZ_CHECK(::go::GoPath::cleanKeepingSlash(keep) == keep &&
               ::go::GoPath::isCleanKeepingSlash(keep));
    FUZZ_CHECK(::go::GoPath::isCleanKeepingSlash(bytes) == (keep == bytes));

    ::go::GoStrconv::parseBool(text);
    client::go::normalizeRfc3339(text);
    client::go::jsonDecodeError(bytes, QStringLiteral("client.Response"));
    return 0;
}
