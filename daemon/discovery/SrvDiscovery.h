// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "DiscoveryLogic.h"

#include <QHostAddress>
#include <QObject>

namespace server::discovery {

// --discovery-srv: etcd 2.2's SRVGetCluster with QDnsLookup. Asks for
// _etcd-server-ssl._tcp.<domain> (https) and _etcd-server._tcp.<domain> (http), resolves every
// target and this member's advertised peer URLs (QHostInfo, the system resolver, as etcd's
// net.ResolveTCPAddr), and names the records that are this member `name`, the others 0, 1, ...
// (DiscoveryLogic::clusterFromSrv). Fails only when both lookups fail, or when no record is
// this member.
//
// The SRV lookups ask `nameserver` when it is set (QETCD_DNS_NAMESERVER, a testing knob; Qt
// 6.4 takes an address and uses port 53), the system's resolver otherwise.
// Emits finished() once. The thread that created it only.
class SrvDiscovery : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        QString error; // "" on success
        QString clusterText;
        QList<config::Config::ClusterMember> members;
    };
    // `requireSelf`: a member must find itself among the records; a proxy need not.
    SrvDiscovery(const QString &domain, const QString &name, const QList<QUrl> &peerUrls,
                 const QHostAddress &nameserver, bool requireSelf = true,
                 QObject *parent = nullptr);
    void start();

signals:
    void finished(const server::discovery::SrvDiscovery::Outcome &outcome);

private:
    void lookup(int index);
    void resolveAll();
    void resolved();
    void complete();

    struct Service
    {
        QString name; // "etcd-server-ssl"
        QString scheme;
        QString error;
        QList<DiscoveryLogic::SrvRecord> records;
    };
    QString m_domain;
    QString m_name;
    QList<QUrl> m_peerUrls;
    QHostAddress m_nameserver;
    bool m_requireSelf;
    QList<Service> m_services;
    QList<DiscoveryLogic::OwnUrl> m_own;
    int m_pending = 0;
};

} // namespace server::discovery

Q_DECLARE_METATYPE(server::discovery::SrvDiscovery::Outcome)
