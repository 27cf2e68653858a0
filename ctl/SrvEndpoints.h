// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace ctl {

// etcdctl's --discovery-srv DOMAIN (the Go client's SRVDiscover): the client endpoints from
// _etcd-client-ssl._tcp.DOMAIN (https) and _etcd-client._tcp.DOMAIN (http), in that order,
// resolved with QDnsLookup. An error only when both lookups fail ("dns lookup errors: ...").
//
// The lookups ask the address in QETCD_DNS_NAMESERVER when it is set (a testing/diagnostic
// knob shared with qetcd; port 53), the system's resolver otherwise. lookup() blocks, spinning
// an event loop; main thread.
class SrvEndpoints
{
    Q_DECLARE_TR_FUNCTIONS(ctl::SrvEndpoints)
public:
    static QStringList lookup(const QString &domain, QString *error);
};

} // namespace ctl
