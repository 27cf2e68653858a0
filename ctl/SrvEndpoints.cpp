// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/SrvEndpoints.h"

#include <QDnsLookup>
#include <QEventLoop>
#include <QHostAddress>

namespace ctl {

QStringList SrvEndpoints::lookup(const QString &domain, QString *error)
{
    const QHostAddress nameserver(qEnvironmentVariable("QETCD_DNS_NAMESERVER"));
    QStringList endpoints;
    QStringList errors;
    const std::pair<const char *, const char *> services[] = {{"etcd-client-ssl", "https"},
                                                              {"etcd-client", "http"}};
    for (const auto &[service, scheme] : services) {
        const QString name = QStringLiteral("_%1._tcp.%2").arg(QLatin1String(service), domain);
        QDnsLookup dns(QDnsLookup::SRV, name);
        if (!nameserver.isNull())
            dns.setNameserver(nameserver);
        QEventLoop loop;
        QObject::connect(&dns, &QDnsLookup::finished, &loop, &QEventLoop::quit);
        dns.lookup();
        if (!dns.isFinished())
            loop.exec();
        if (dns.error() != QDnsLookup::NoError) {
            errors.append(QStringLiteral("lookup %1: %2").arg(name, dns.errorString()));
            continue;
        }
        for (const QDnsServiceRecord &record : dns.serviceRecords()) {
            QString target = record.target();
            if (target.endsWith(QLatin1Char('.')))
                target.chop(1);
            if (target.contains(QLatin1Char(':')))
                target = QLatin1Char('[') + target + QLatin1Char(']');
            endpoints.append(
                QStringLiteral("%1://%2:%3").arg(QLatin1String(scheme), target).arg(record.port()));
        }
    }
    if (errors.size() == 2) {
        *error = QStringLiteral("dns lookup errors: %1 and %2").arg(errors.at(0), errors.at(1));
        return {};
    }
    return endpoints;
}

} // namespace ctl
