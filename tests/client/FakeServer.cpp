// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "FakeServer.h"

#include <QFile>
#include <QSslKey>
#include <QSslServer>

QByteArray FakeServer::Request::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

QByteArray FakeServer::Request::param(const QByteArray &name) const
{
    const QList<QByteArray> items = query().split('&');
    for (const QByteArray &item : items) {
        const int eq = item.indexOf('=');
        if ((eq < 0 ? item : item.left(eq)) == name)
            return eq < 0 ? QByteArray() : item.mid(eq + 1);
    }
    return QByteArray();
}

FakeServer::FakeServer(Tls tls, QObject *parent) : QObject(parent), m_tls(tls != Tls::Off)
{
    if (m_tls) {
        auto *ssl = new QSslServer;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        QFile cert(certificate(QStringLiteral("server.pem")));
        QFile key(certificate(QStringLiteral("server.key")));
        cert.open(QIODevice::ReadOnly);
        key.open(QIODevice::ReadOnly);
        conf.setLocalCertificate(QSslCertificate(cert.readAll()));
        conf.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa));
        if (tls == Tls::RequireClientCertificate) {
            conf.setCaCertificates(
                QSslCertificate::fromPath(certificate(QStringLiteral("ca.pem"))));
            conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
        } else {
            conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        }
        ssl->setSslConfiguration(conf);
        connect(ssl, &QSslServer::pendingConnectionAvailable, this, &FakeServer::acceptPending);
        m_server.reset(ssl);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    m_server->listen(QHostAddress::LocalHost, 0);
    connect(m_server.get(), &QTcpServer::newConnection, this, &FakeServer::acceptPending);
}

QString FakeServer::certificate(const QString &name)
{
    return QStringLiteral(QETCD_TEST_CERTS "/") + name;
}

void FakeServer::acceptPending()
{
    while (QTcpSocket *s = m_server->nextPendingConnection()) {
        s->setParent(this);
        connect(s, &QTcpSocket::readyRead, this, [this, s] { onReadable(s); });
        connect(s, &QTcpSocket::disconnected, this, [this, s] {
            m_buffers.remove(s);
            s->deleteLater();
        });
        if (s->bytesAvailable() > 0)
            onReadable(s);
    }
}

QUrl FakeServer::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_server->serverPort()));
}

void FakeServer::onReadable(QTcpSocket *s)
{
    QByteArray &buf = m_buffers[s];
    buf += s->readAll();
    for (;;) {
        const int end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        Request r;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.target = first.value(1);
        int length = 0;
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const int colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
            if (line.left(colon).trimmed().toLower() == "content-length")
                length = line.mid(colon + 1).trimmed().toInt();
        }
        if (buf.size() < end + 4 + length)
            return;
        r.body = buf.mid(end + 4, length);
        buf.remove(0, end + 4 + length);
        r.socket = s;
        requests.append(r);
        if (handler)
            handler(r);
    }
}

void FakeServer::respond(QTcpSocket *s, int status, const QByteArray &body,
                         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (!s)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    s->write(out);
    s->flush();
}

void FakeServer::startChunked(QTcpSocket *s, int status,
                              const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (!s)
        return;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Transfer-Encoding: chunked\r\n\r\n";
    s->write(out);
    s->flush();
}

void FakeServer::sendChunk(QTcpSocket *s, const QByteArray &data)
{
    if (!s)
        return;
    s->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    s->flush();
}

void FakeServer::endChunked(QTcpSocket *s)
{
    if (!s)
        return;
    s->write("0\r\n\r\n");
    s->flush();
}

void FakeServer::drop(QTcpSocket *s)
{
    if (s)
        s->abort();
}

QList<QPair<QByteArray, QByteArray>> FakeServer::etcdHeaders(quint64 index)
{
    return {{"Content-Type", "application/json"},
            {"X-Etcd-Index", QByteArray::number(index)},
            {"X-Raft-Index", QByteArray::number(index + 100)},
            {"X-Raft-Term", "2"},
            {"X-Etcd-Cluster-Id", "cdf818194e3a8c32"}};
}

QByteArray FakeServer::event(const QByteArray &action, const QByteArray &key,
                             const QByteArray &value, quint64 index)
{
    return "{\"action\":\"" + action + "\",\"node\":{\"key\":\"" + key + "\",\"value\":\"" + value +
           "\",\"modifiedIndex\":" + QByteArray::number(index) +
           ",\"createdIndex\":" + QByteArray::number(index) + "}}";
}

void FakeServer::closeAll()
{
    m_server->close();
    const auto sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *s : sockets)
        s->abort();
}
