#include "ConnectionGuard.h"

#include "HttpWire.h"
#include "api/HttpResponse.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, qint64 maxBodyBytes)
    : QObject(socket), m_socket(socket), m_maxBodyBytes(maxBodyBytes)
{
    setObjectName(QStringLiteral("qetcd-connection-guard"));
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspect);
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void ConnectionGuard::requestDone()
{
    m_atRequestStart = true;
    m_headersSeen = false;
    m_bytesInRequest = 0;
}

void ConnectionGuard::inspect()
{
    if (m_rejected) {
        // Drain and drop whatever a refused client keeps sending.
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
    if (fresh.isEmpty())
        return;
    if (m_atRequestStart) {
        m_atRequestStart = false;
        const qsizetype eol = fresh.indexOf("\r\n");
        const QByteArray line = eol >= 0 ? fresh.left(eol) : fresh;
        m_http10 = line.endsWith("HTTP/1.0");
    }
    m_bytesInRequest += fresh.size();

    if (!m_headersSeen) {
        const qsizetype end = fresh.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_bytesInRequest > maxHeaderBytes)
                reject(431, "request headers too large");
            return;
        }
        m_headersSeen = true;
        const QByteArray head = fresh.left(end + 2).toLower();
        qint64 contentLength = 0;
        const qsizetype cl = head.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            const qsizetype lineEnd = head.indexOf("\r\n", cl + 2);
            bool ok = false;
            contentLength = head.mid(cl + 17, lineEnd - cl - 17).trimmed().toLongLong(&ok);
            if (!ok)
                contentLength = 0; // Qt's parser reports a malformed length itself
        }
        if (contentLength > m_maxBodyBytes) {
            reject(413, "request body too large");
            return;
        }
        const qsizetype bodyHere = fresh.size() - (end + 4);
        if (contentLength > bodyHere && head.contains("\r\nexpect: 100-continue"))
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        return;
    }
    // Bodies without Content-Length (chunked) are bounded by the running total.
    if (m_bytesInRequest > m_maxBodyBytes + maxHeaderBytes)
        reject(413, "request body too large");
}

void ConnectionGuard::reject(int status, const QByteArray &message)
{
    qCWarning(lcHttp) << "refusing request from" << m_socket->peerAddress().toString() << ":"
                      << message;
    m_rejected = true;
    HttpResponse r;
    r.status = status;
    r.addHeader("Content-Type", "application/json");
    r.body = "{\"message\":\"" + message + "\"}";
    m_socket->write(HttpWire::response(r, false, true));
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->disconnectFromHost();
}
