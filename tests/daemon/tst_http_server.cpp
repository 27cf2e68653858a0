// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// http::Server in one process, with a frontend that answers with the name of
// the thread it runs on: which thread serves a connection (a lone client, even
// one reconnecting for every request or beside one idle keep-alive
// connection, is served on the member's own thread; a further one is spread),
// and the bound on open connections. Observed through answers and socket
// signals, never the log nor a fixed wait.

#include "Connection.h"
#include "Server.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

namespace {

// Answers every request with the name of its thread; closes when asked to.
class ThreadNamer : public QAbstractHttpServer
{
protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        if (http::Connection *connection = http::Connection::of(socket))
            connection->requestDone();
        const QByteArray body = QThread::currentThread()->objectName().toUtf8();
        const bool close = request.value("Connection").toLower() == "close";
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) +
                      (close ? "\r\nConnection: close" : "") + "\r\n\r\n" + body);
        if (close)
            socket->disconnectFromHost();
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}
};

struct Client
{
    QTcpSocket socket;

    bool connectTo(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        return socket.waitForConnected(5000);
    }
    // Sends one GET and returns the body of its answer ("" on failure).
    QByteArray threadOfNextAnswer(bool close = false)
    {
        QByteArray request = "GET / HTTP/1.1\r\nHost: x\r\n";
        if (close)
            request += "Connection: close\r\n";
        socket.write(request + "\r\n");
        QByteArray got;
        const bool whole = QTest::qWaitFor(
            [&] {
                got += socket.readAll();
                const qsizetype end = got.indexOf("\r\n\r\n");
                if (end < 0)
                    return false;
                const qsizetype at = got.indexOf("Content-Length: ") + 16;
                const qsizetype length = got.mid(at, got.indexOf("\r\n", at) - at).toLongLong();
                return got.size() >= end + 4 + length;
            },
            5000);
        return whole ? got.mid(got.indexOf("\r\n\r\n") + 4) : QByteArray();
    }
};

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QThread::currentThread()->setObjectName(QStringLiteral("member")); }
    void aLoneClientIsServedOnTheMembersThread();
    void connectionsPastTheLimitAreClosed();
};

void TestHttpServer::aLoneClientIsServedOnTheMembersThread()
{
    http::Server server([] { return new ThreadNamer; }, 3, http::Server::Limits{1 << 20, 0, 0});
    QString error;
    const quint16 port = server.listen(QHostAddress::LocalHost, 0, std::nullopt, &error);
    QVERIFY2(port != 0, qPrintable(error));

    // A client reconnecting for every request: its thread is free again as soon as it left.
    for (int i = 0; i < 5; ++i) {
        Client once;
        QVERIFY(once.connectTo(port));
        QCOMPARE(once.threadOfNextAnswer(true), QByteArray("member"));
        QSignalSpy gone(&once.socket, &QAbstractSocket::disconnected);
        QVERIFY(once.socket.state() == QAbstractSocket::UnconnectedState || gone.wait(5000));
    }
    QCOMPARE(server.openConnections(), 0);
    // One idle keep-alive connection does not push a writer off the member's thread...
    Client idle;
    QVERIFY(idle.connectTo(port));
    QCOMPARE(idle.threadOfNextAnswer(), QByteArray("member"));
    Client writer;
    QVERIFY(writer.connectTo(port));
    QCOMPARE(writer.threadOfNextAnswer(), QByteArray("member"));
    // ...a third connection goes to a client thread.
    Client third;
    QVERIFY(third.connectTo(port));
    QCOMPARE(third.threadOfNextAnswer(), QByteArray("qetcd-client-1"));
    QCOMPARE(server.openConnections(), 3);
}

void TestHttpServer::connectionsPastTheLimitAreClosed()
{
    http::Server server([] { return new ThreadNamer; }, 1, http::Server::Limits{1 << 20, 0, 0});
    server.setMaxConnections(1);
    const quint16 port = server.listen(QHostAddress::LocalHost, 0, std::nullopt, nullptr);
    QVERIFY(port != 0);
    Client first;
    QVERIFY(first.connectTo(port));
    QCOMPARE(first.threadOfNextAnswer(), QByteArray("member"));

    // Closed as soon as it is accepted, without an answer.
    Client refused;
    QSignalSpy closed(&refused.socket, &QAbstractSocket::disconnected);
    refused.socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(closed.wait(5000));
    QCOMPARE(refused.socket.readAll(), QByteArray());

    // Once the first goes, a new one is served again.
    first.socket.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 5000);
    Client next;
    QVERIFY(next.connectTo(port));
    QCOMPARE(next.threadOfNextAnswer(), QByteArray("member"));
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
