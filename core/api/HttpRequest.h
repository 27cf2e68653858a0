// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace api {

// One HTTP request as plain values, copied out of the server's parser so it
// can outlive the connection's request object (QHttpServerRequest is reused
// per connection in Qt 6.4). The api layer never sees a socket.
struct HttpRequest
{
    QByteArray method; // "GET", "PUT", ... as sent (upper case)
    QByteArray path;   // percent-decoded path, e.g. "/v2/keys/a b"
    QByteArray query;  // raw query string without '?', still encoded
    QByteArray body;
    QByteArray peer; // the client's address ("127.0.0.1"); empty when unknown
    QList<QPair<QByteArray, QByteArray>> headers; // names as sent

    // Case-insensitive lookup of the first header with this name.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (name.compare(h.first, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

} // namespace api
