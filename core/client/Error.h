// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "etcd/ErrorCode.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace client {

// Why a client call failed, as a value. Either the server answered with an
// etcd error body (kind Etcd: errorCode, message, cause, index), or with an
// HTTP status the call did not expect (kind Http, message from the body), or
// the request never got an answer (transport kinds). When every endpoint
// failed, kind is ClusterUnavailable and attempts() holds one error per
// endpoint tried, in order.
// toString() words each case like the Go etcd client does, because that is
// the text etcdctl users and scripts know.
class Error : public etcd::ErrorCodes
{
public:
    enum class Kind {
        None,
        Etcd,               // etcd error body: errorCode/message/cause/index
        Http,               // unexpected HTTP status (members, auth, ...)
        Connection,         // refused, reset, unknown host: never got through
        ConnectionClosed,   // the member closed the connection without an answer ("EOF")
        HeaderTimeout,      // no response headers within the per-request timeout
        ServerUnavailable,  // 5xx from one member (e.g. no leader)
        Tls,                // handshake or certificate problem
        Protocol,           // the body was not what the API promises
        Deadline,           // the whole call ran out of time (--total-timeout)
        ClusterUnavailable, // every endpoint failed; see attempts()
        NoEndpoints,        // nothing to talk to
        Configuration,      // e.g. unreadable certificate file
        Cancelled,          // aborted by the caller
    };

    // The etcd errorCode values are inherited from etcd::ErrorCodes (the one
    // table, shared with the server): Error::KeyNotFound, Error::Code, ...
    // The client's former names of 202 and 203, kept for callers:
    static constexpr Code TtlNotANumber = TtlNaN;
    static constexpr Code IndexNotANumber = IndexNaN;

    Error() = default;
    static Error etcd(int errorCode, const QString &message, const QString &cause, quint64 index,
                      int httpStatus);
    static Error make(Kind kind, const QString &message, const QUrl &endpoint = {},
                      int httpStatus = 0);
    static Error clusterUnavailable(const QList<Error> &attempts);
    // The error of a keys response that is not 200/201: etcd's JSON error
    // body, or an Http error when the body is not one.
    static Error fromKeysBody(const QByteArray &body, int httpStatus, const QUrl &endpoint = {});

    bool isError() const { return m_kind != Kind::None; }
    explicit operator bool() const { return isError(); }
    Kind kind() const { return m_kind; }
    int errorCode() const { return m_errorCode; } // etcd code, 0 unless kind() == Etcd
    QString message() const { return m_message; }
    QString cause() const { return m_cause; }
    quint64 index() const { return m_index; }
    int httpStatus() const { return m_httpStatus; }
    QUrl endpoint() const { return m_endpoint; }
    QList<Error> attempts() const { return m_attempts; }

    // The watched history no longer reaches back to the requested index
    // (errorCode 401): re-read the state and watch again from there.
    bool isHistoryCleared() const
    {
        return m_kind == Kind::Etcd && m_errorCode == EventIndexCleared;
    }
    // etcdctl treats these as "cannot reach the cluster" (exit code 2).
    bool isConnectionError() const;

    // "100: Key not found (/foo) [12]" for etcd errors; Go client wording otherwise.
    QString toString() const;
    // etcdctl's second line for cluster errors: "error #0: ...\n" per endpoint.
    QString detail() const;

private:
    Kind m_kind = Kind::None;
    int m_errorCode = 0;
    QString m_message;
    QString m_cause;
    quint64 m_index = 0;
    int m_httpStatus = 0;
    QUrl m_endpoint;
    QList<Error> m_attempts;
};

} // namespace client

Q_DECLARE_METATYPE(client::Error)
