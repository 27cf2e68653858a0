// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>
#include <QStringList>

namespace server::config {

// etcd's --cipher-suites names (Go's crypto/tls constants, which are the IANA names) and the
// OpenSSL names of the same TLS 1.2 suites. etcd refuses a name it does not know; so does
// qetcd. TLS 1.3 suites are not configurable, in Go as here. Pure; any thread.
class CipherSuites
{
public:
    // The OpenSSL name of `ianaName` ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" ->
    // "ECDHE-RSA-AES128-GCM-SHA256"); empty if etcd does not know the name.
    static QString openSslName(const QString &ianaName);
    // Splits a comma list and checks every name; the first unknown one is the error.
    static QString parse(const QString &text, QStringList *names);
};

} // namespace server::config
