// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ListenUrls.h"

#include "http/Server.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>

namespace server {

Q_DECLARE_LOGGING_CATEGORY(lcMain)

namespace {

// The addresses a listen URL names: "localhost" means loopback, an IP literal
// itself, a name what it resolves to.
QList<QHostAddress> listenAddresses(const QUrl &url)
{
    const QString host = url.host();
    if (host == QLatin1String("localhost"))
        return {QHostAddress(QHostAddress::LocalHost)};
    QHostAddress literal;
    if (literal.setAddress(host))
        return {literal};
    const QHostInfo info = QHostInfo::fromName(host);
    return info.addresses().isEmpty() ? QList<QHostAddress>{}
                                      : QList<QHostAddress>{info.addresses().first()};
}

} // namespace

bool listenOnUrls(http::Server &server, const QList<QUrl> &urls,
                  const std::shared_ptr<transport::LiveTls> &tls, const char *what)
{
    for (const QUrl &url : urls) {
        const QList<QHostAddress> addresses = listenAddresses(url);
        if (addresses.isEmpty()) {
            qCCritical(lcMain).noquote() << "cannot resolve" << url.host();
            return false;
        }
        for (const QHostAddress &address : addresses) {
            std::shared_ptr<transport::LiveTls> urlTls;
            if (url.scheme() == QLatin1String("https")) {
                if (!tls) {
                    qCCritical(lcMain).noquote()
                        << QCoreApplication::translate("main",
                                                       "%1 needs --cert-file and --key-file")
                               .arg(url.toString());
                    return false;
                }
                urlTls = tls;
            }
            QString listenError;
            const quint16 port = server.listen(address, quint16(url.port()), urlTls, &listenError);
            if (port == 0) {
                qCCritical(lcMain).noquote()
                    << "cannot listen for" << what << "on" << url.toString() << ":" << listenError;
                return false;
            }
            // With port 0 the system picks the port: the line names the one it got (a test
            // member started on :0 learns its port here). Any other URL is logged as given.
            QUrl listening = url;
            if (url.port() == 0)
                listening.setPort(port);
            qCInfo(lcMain).noquote() << "listening for" << what << "on" << listening.toString();
        }
    }

    return true;
}

} // namespace server
