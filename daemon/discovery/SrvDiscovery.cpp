// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "SrvDiscovery.h"

#include "FlagValue.h"

#include <QDnsLookup>
#include <QHostInfo>
#include <QLoggingCategory>

namespace server::discovery {

Q_DECLARE_LOGGING_CATEGORY(lcDiscovery)

SrvDiscovery::SrvDiscovery(const QString &domain, const QString &name, const QList<QUrl> &peerUrls,
                           const QHostAddress &nameserver, bool requireSelf, QObject *parent)
    : QObject(parent), m_domain(domain), m_name(name), m_peerUrls(peerUrls),
      m_nameserver(nameserver), m_requireSelf(requireSelf)
{
    qRegisterMetaType<Outcome>();
    m_services = {{QStringLiteral("etcd-server-ssl"), QStringLiteral("https"), {}, {}},
                  {QStringLiteral("etcd-server"), QStringLiteral("http"), {}, {}}};
}

void SrvDiscovery::start()
{
    if (!m_nameserver.isNull())
        qCInfo(lcDiscovery, "SRV lookups ask %s (QETCD_DNS_NAMESERVER)",
               qPrintable(m_nameserver.toString()));
    lookup(0);
}

void SrvDiscovery::lookup(int index)
{
    if (index >= m_services.size()) {
        resolveAll();
        return;
    }
    const QString name = QStringLiteral("_%1._tcp.%2").arg(m_services.at(index).name, m_domain);
    auto *dns = new QDnsLookup(QDnsLookup::SRV, name, this);
    if (!m_nameserver.isNull())
        dns->setNameserver(m_nameserver);
    connect(dns, &QDnsLookup::finished, this, [this, dns, index, name] {
        dns->deleteLater();
        Service &service = m_services[index];
        if (dns->error() != QDnsLookup::NoError) {
            service.error = QStringLiteral("lookup %1: %2").arg(name, dns->errorString());
        } else {
            for (const QDnsServiceRecord &r : dns->serviceRecords()) {
                DiscoveryLogic::SrvRecord record;
                record.scheme = service.scheme;
                record.target = r.target();
                record.port = r.port();
                service.records.append(record);
            }
        }
        lookup(index + 1);
    });
    dns->lookup();
}

void SrvDiscovery::resolveAll()
{
    // Everything to resolve is started at once; resolved() counts the answers down.
    m_pending = 1;
    for (qsizetype s = 0; s < m_services.size(); ++s) {
        for (qsizetype i = 0; i < m_services.at(s).records.size(); ++i) {
            QString target = m_services.at(s).records.at(i).target;
            if (target.endsWith(QLatin1Char('.')))
                target.chop(1);
            ++m_pending;
            QHostInfo::lookupHost(target, this, [this, s, i](const QHostInfo &info) {
                m_services[s].records[i].addresses = info.addresses();
                resolved();
            });
        }
    }
    for (const QUrl &url : std::as_const(m_peerUrls)) {
        m_own.append({url, {}});
        const qsizetype i = m_own.size() - 1;
        ++m_pending;
        QHostInfo::lookupHost(url.host(), this, [this, i](const QHostInfo &info) {
            m_own[i].addresses = info.addresses();
            resolved();
        });
    }
    resolved();
}

void SrvDiscovery::resolved()
{
    if (--m_pending == 0)
        complete();
}

void SrvDiscovery::complete()
{
    Outcome outcome;
    QStringList errors;
    QList<DiscoveryLogic::SrvRecord> records;
    for (const Service &service : std::as_const(m_services)) {
        if (!service.error.isEmpty())
            errors.append(QStringLiteral("error querying DNS SRV records for _%1 %2")
                              .arg(service.name, service.error));
        records += service.records;
    }
    if (errors.size() == m_services.size()) {
        for (const QString &e : std::as_const(errors))
            qCWarning(lcDiscovery).noquote() << e;
        outcome.error = QStringLiteral("srv: too many errors querying DNS SRV records (\"%1\", "
                                       "\"%2\")")
                            .arg(errors.at(0), errors.at(1));
        emit finished(outcome);
        return;
    }
    const DiscoveryLogic::SrvCluster cluster =
        DiscoveryLogic::clusterFromSrv(records, m_name, m_own);
    for (const QString &note : cluster.notes)
        qCWarning(lcDiscovery).noquote() << note;
    for (const QString &entry : cluster.entries)
        qCInfo(lcDiscovery, "got bootstrap from DNS for etcd-server at %s", qPrintable(entry));
    outcome.clusterText = cluster.entries.join(QLatin1Char(','));
    if (cluster.entries.isEmpty() && !cluster.error.isEmpty()) {
        outcome.error = cluster.error;
    } else if (const QString e =
                   config::FlagValue::parseInitialCluster(outcome.clusterText, &outcome.members);
               !e.isEmpty()) {
        outcome.error = cluster.error.isEmpty() ? e : cluster.error;
    } else {
        bool found = false;
        for (const config::Config::ClusterMember &m : std::as_const(outcome.members))
            found = found || m.name == m_name;
        if (!found && m_requireSelf)
            outcome.error = cluster.error.isEmpty()
                                ? QStringLiteral("cannot find local etcd member \"%1\" in SRV "
                                                 "records")
                                      .arg(m_name)
                                : cluster.error;
    }
    emit finished(outcome);
}

} // namespace server::discovery
