// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The daemon over real sockets: the HTTP edge cases Qt HttpServer 6.4 leaves
// to us (HEAD, keep-alive reuse, Connection: close, HTTP/1.0, Expect:
// 100-continue, size limits, unknown methods, garbage), watches (long-poll,
// stream, a client vanishing mid-watch) and the process itself (flags, logs,
// SIGTERM).
#include "DaemonProcess.h"
#include "RawHttpClient.h"
#include "TestCertificates.h"

#include <algorithm>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTest>

namespace {

QByteArray bodyOf(const QByteArray &response)
{
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

quint64 etcdIndexOf(const QByteArray &response)
{
    const qsizetype at = response.indexOf("X-Etcd-Index: ");
    if (at < 0)
        return 0;
    const qsizetype eol = response.indexOf("\r\n", at);
    return response.mid(at + 14, eol - at - 14).toULongLong();
}

} // namespace

class TestDaemonHttp : public QObject
{
    Q_OBJECT

    DaemonProcess daemon;
    QNetworkAccessManager nam;
    const quint16 metricsPort = DaemonProcess::freePort();

    QByteArray request(const QByteArray &method, const QString &path, const QByteArray &form = {},
                       int *status = nullptr)
    {
        QNetworkRequest req(QUrl(daemon.clientUrl().toString() + path));
        if (!form.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(req, method, form));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            return "timeout";
        if (status)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return reply->readAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Three client threads whatever the machine: connections land on different ones.
        daemon.setExtraArguments(
            {QStringLiteral("--max-request-bytes"), QStringLiteral("4096"),
             QStringLiteral("--client-threads"), QStringLiteral("3"),
             QStringLiteral("--listen-metrics-urls"),
             QStringLiteral("http://%1:%2").arg(daemon.host()).arg(metricsPort)});
        QVERIFY2(daemon.start(), daemon.output().constData());
    }

    void startupLogSaysWhereItListens()
    {
        QVERIFY(daemon.output().contains("listening for client requests on " +
                                         daemon.clientUrl().toString().toUtf8()));
    }

    // --listen-metrics-urls (etcd 3.4): a port for scrapers with /metrics and /health and
    // nothing else, so opening it to monitoring opens no key.
    void metricsUrlsServeOnlyMetricsAndHealth()
    {
        QVERIFY(daemon.output().contains(
            QStringLiteral("listening for metrics requests on http://%1:%2")
                .arg(daemon.host())
                .arg(metricsPort)
                .toUtf8()));
        auto ask = [this](const QByteArray &request) {
            RawHttpClient c(metricsPort);
            c.send(request);
            return c.readResponse();
        };
        QTRY_VERIFY_WITH_TIMEOUT(bodyOf(ask("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"))
                                     .contains("\netcd_server_has_leader 1\n"),
                                 10000);
        QVERIFY(ask("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 200"));
        QVERIFY(ask("GET /v2/keys/ HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 404"));
        QVERIFY(ask("GET /v2/members HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 404"));
        const QByteArray put = ask("PUT /v2/keys/viaMetrics HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Type: application/x-www-form-urlencoded\r\n"
                                   "Content-Length: 7\r\n\r\nvalue=1");
        QVERIFY(put.startsWith("HTTP/1.1 404"));
        int status = 0;
        request("GET", QStringLiteral("/v2/keys/viaMetrics"), {}, &status);
        QCOMPARE(status, 404); // nothing was written
    }

    void connectionsLeaveNoLogLines()
    {
        // Administrators read this log: a connection is not an event worth a line.
        // The member answers /version before it has elected itself: let the start-up
        // lines end first.
        QTRY_VERIFY_WITH_TIMEOUT(daemon.output().contains("leader is now"), 10000);
        const qsizetype before = daemon.output().size();
        for (int i = 0; i < 5; ++i) {
            RawHttpClient c(daemon.clientPort());
            c.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n");
            QVERIFY(c.readResponse().startsWith("HTTP/1.1 200"));
        }
        // A request that is logged (refused for size) marks the end: only its line follows.
        RawHttpClient marker(daemon.clientPort());
        marker.send("PUT /v2/keys/big HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n");
        QVERIFY(marker.readResponse().startsWith("HTTP/1.1 413"));
        QTRY_VERIFY_WITH_TIMEOUT(daemon.output().mid(before).contains("refusing request from"),
                                 5000);
        const QByteArray after = daemon.output().mid(before);
        QCOMPARE(after.count('\n'), 1);
        QVERIFY(!daemon.output().contains("not listening"));
    }

    void keepAliveReuse()
    {
        RawHttpClient c(daemon.clientPort());
        c.send("PUT /v2/keys/ka HTTP/1.1\r\nHost: x\r\nContent-Type: "
               "application/x-www-form-urlencoded\r\n"
               "Content-Length: 7\r\n\r\nvalue=1");
        const QByteArray first = c.readResponse();
        QVERIFY(first.startsWith("HTTP/1.1 20"));
        for (int i = 0; i < 3; ++i) {
            c.send("GET /v2/keys/ka HTTP/1.1\r\nHost: x\r\n\r\n");
            const QByteArray r = c.readResponse();
            QVERIFY2(r.startsWith("HTTP/1.1 200 OK"), r.constData());
            QVERIFY(bodyOf(r).contains("\"value\":\"1\""));
        }
        QCOMPARE(c.socket.state(), QAbstractSocket::ConnectedState);
    }

    void everyConnectionSeesAcknowledgedWrites()
    {
        // Connections are spread over the client threads and plain reads are
        // answered there: a write answered on one connection must be visible
        // at once to a read on any other.
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (int i = 0; i < 6; ++i)
            clients.push_back(std::make_unique<RawHttpClient>(daemon.clientPort()));
        for (int i = 0; i < 300; ++i) {
            RawHttpClient &writer = *clients[i % 6];
            RawHttpClient &reader = *clients[(i + 1 + (i / 6) % 5) % 6]; // never the writer
            const QByteArray value = QByteArray::number(i);
            writer.send(RawHttpClient::putRequest("seen", value));
            const QByteArray w = writer.readResponse();
            QVERIFY2(w.startsWith("HTTP/1.1 20"), w.constData());
            reader.send("GET /v2/keys/seen HTTP/1.1\r\nHost: x\r\n\r\n");
            const QByteArray r = reader.readResponse();
            QVERIFY2(bodyOf(r).contains("\"value\":\"" + value + "\""), r.constData());
            QVERIFY(etcdIndexOf(r) >= etcdIndexOf(w));
        }
    }

    void compareAndSwapCounterAcrossThreads()
    {
        // Six connections (spread over the threads) increment one counter
        // with read-then-compareAndSwap: reads served on client threads must
        // never let two increments from the same value both succeed, and a
        // watcher sees every successful one exactly once.
        request("PUT", QStringLiteral("/v2/keys/counter"), "value=0");
        RawHttpClient watcher(daemon.clientPort());
        watcher.send("GET /v2/keys/counter?wait=true&stream=true HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }));

        constexpr int clientsCount = 6;
        constexpr int perClient = 15;
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (int i = 0; i < clientsCount; ++i)
            clients.push_back(std::make_unique<RawHttpClient>(daemon.clientPort()));
        std::vector<int> done(clientsCount, 0);
        std::vector<QByteArray> seen(clientsCount);
        int conflicts = 0;
        for (int round = 0; round < 2000; ++round) {
            if (std::all_of(done.begin(), done.end(), [](int d) { return d == perClient; }))
                break;
            for (int i = 0; i < clientsCount; ++i) {
                if (done[i] == perClient)
                    continue;
                clients[i]->send("GET /v2/keys/counter HTTP/1.1\r\nHost: x\r\n\r\n");
                const QJsonObject o =
                    QJsonDocument::fromJson(bodyOf(clients[i]->readResponse())).object();
                seen[i] = o.value(QLatin1String("node"))
                              .toObject()
                              .value(QLatin1String("value"))
                              .toString()
                              .toUtf8();
                QVERIFY(!seen[i].isEmpty());
            }
            for (int i = 0; i < clientsCount; ++i) {
                if (done[i] == perClient)
                    continue;
                const QByteArray next = QByteArray::number(seen[i].toInt() + 1);
                const QByteArray form = "value=" + next + "&prevValue=" + seen[i];
                clients[i]->send("PUT /v2/keys/counter HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                 "application/x-www-form-urlencoded\r\nContent-Length: " +
                                 QByteArray::number(form.size()) + "\r\n\r\n" + form);
                const QByteArray answer = clients[i]->readResponse();
                if (answer.startsWith("HTTP/1.1 200")) {
                    ++done[i];
                } else {
                    QVERIFY2(answer.startsWith("HTTP/1.1 412"), answer.constData());
                    ++conflicts;
                }
            }
        }
        const int total = clientsCount * perClient;
        QVERIFY(bodyOf(request("GET", QStringLiteral("/v2/keys/counter")))
                    .contains("\"value\":\"" + QByteArray::number(total) + "\""));
        QVERIFY(conflicts > 0); // the clients did race
        QVERIFY(watcher.readUntil([total](const QByteArray &b) {
            return b.count("\"action\":\"compareAndSwap\"") == total;
        }));
        // A last write as a marker: events stream in order, so a repeated
        // compareAndSwap event would come before it.
        request("PUT", QStringLiteral("/v2/keys/counter"), "value=end");
        QVERIFY(watcher.readUntil(
            [](const QByteArray &b) { return b.contains("\"action\":\"set\""); }));
        QCOMPARE(watcher.buffer.count("\"action\":\"compareAndSwap\""), total);
    }

    void readsOnEveryThreadAreCounted()
    {
        request("PUT", QStringLiteral("/v2/keys/counted"), "value=1");
        auto gets = [this] {
            const QJsonObject o =
                QJsonDocument::fromJson(request("GET", QStringLiteral("/v2/stats/store"))).object();
            return std::make_pair(o.value(QLatin1String("getsSuccess")).toInteger(),
                                  o.value(QLatin1String("getsFail")).toInteger());
        };
        const auto before = gets();
        for (int c = 0; c < 4; ++c) {
            RawHttpClient client(daemon.clientPort());
            for (int i = 0; i < 15; ++i) {
                client.send(i % 3 ? "GET /v2/keys/counted HTTP/1.1\r\nHost: x\r\n\r\n"
                                  : "GET /v2/keys/not-there HTTP/1.1\r\nHost: x\r\n\r\n");
                QVERIFY(!client.readResponse().isEmpty());
            }
        }
        const auto after = gets();
        QCOMPARE(after.first - before.first, 40);
        QCOMPARE(after.second - before.second, 20);
    }

    void watchSeesWritesFromEveryConnectionInOrder()
    {
        RawHttpClient watcher(daemon.clientPort());
        watcher.send("GET /v2/keys/mixed?wait=true&recursive=true&stream=true "
                     "HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }));
        // Eight connections write at once, round after round, with reads in between.
        std::vector<std::unique_ptr<RawHttpClient>> clients;
        for (int i = 0; i < 8; ++i)
            clients.push_back(std::make_unique<RawHttpClient>(daemon.clientPort()));
        for (int round = 0; round < 25; ++round) {
            for (int i = 0; i < 8; ++i)
                clients[i]->send(RawHttpClient::putRequest("mixed/c" + QByteArray::number(i),
                                                           QByteArray::number(round)) +
                                 "GET /v2/keys/mixed?recursive=true HTTP/1.1\r\nHost: x\r\n\r\n");
            // Pipelined: the write's answer comes first, and the read behind it sees the write.
            for (int i = 0; i < 8; ++i) {
                const QByteArray written = clients[i]->readResponse();
                QVERIFY2(written.startsWith("HTTP/1.1 20"), written.constData());
                QVERIFY(bodyOf(written).contains("\"action\":\"set\""));
                const QByteArray read = clients[i]->readResponse();
                QVERIFY2(read.startsWith("HTTP/1.1 200"), read.constData());
                QVERIFY2(bodyOf(read).contains("\"key\":\"/mixed/c" + QByteArray::number(i) +
                                               "\",\"value\":\"" + QByteArray::number(round) +
                                               "\""),
                         read.constData());
            }
        }
        QVERIFY(watcher.readUntil(
            [](const QByteArray &b) { return b.count("\"action\":\"set\"") == 200; }, 10000));
        // Every event once, in index order, whichever thread took the write.
        quint64 last = 0;
        int events = 0;
        for (qsizetype at = watcher.buffer.indexOf("{\"action\""); at >= 0;
             at = watcher.buffer.indexOf("{\"action\"", at + 1)) {
            const qsizetype end = watcher.buffer.indexOf("\r\n", at);
            const QJsonObject event =
                QJsonDocument::fromJson(watcher.buffer.mid(at, end - at)).object();
            const quint64 index = quint64(event.value(QLatin1String("node"))
                                              .toObject()
                                              .value(QLatin1String("modifiedIndex"))
                                              .toInteger());
            QVERIFY2(index > last, watcher.buffer.mid(at, end - at).constData());
            last = index;
            ++events;
        }
        QCOMPARE(events, 200);
    }

    void headHasNoBody()
    {
        request("PUT", QStringLiteral("/v2/keys/head"), "value=abc");
        RawHttpClient c(daemon.clientPort());
        c.send("HEAD /v2/keys/head HTTP/1.1\r\nHost: x\r\n\r\nGET /v2/keys/head HTTP/1.1\r\nHost: "
               "x\r\n\r\n");
        QVERIFY(c.readUntil(
            [](const QByteArray &b) { return b.count("HTTP/1.1 200") == 2 && b.endsWith("}\n"); }));
        // The HEAD answer ends right after its headers; the next bytes are the GET's status line.
        const qsizetype firstEnd = c.buffer.indexOf("\r\n\r\n");
        QVERIFY(c.buffer.mid(firstEnd + 4).startsWith("HTTP/1.1 200 OK"));
        QVERIFY(c.buffer.left(firstEnd).contains("Content-Length:"));
    }

    void connectionCloseIsHonoured()
    {
        RawHttpClient c(daemon.clientPort());
        c.send("GET /version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QVERIFY(c.waitClosed());
        QVERIFY(c.buffer.startsWith("HTTP/1.1 200 OK"));
        QVERIFY(c.buffer.contains("Connection: close"));
        QVERIFY(c.buffer.endsWith("{\"etcdserver\":\"2.2.4\",\"etcdcluster\":\"2.2.0\"}"));
    }

    void http10IsClosedAfterTheAnswer()
    {
        RawHttpClient c(daemon.clientPort());
        c.send("GET /health HTTP/1.0\r\n\r\n");
        QVERIFY(c.waitClosed());
        QVERIFY(c.buffer.endsWith("{\"health\":\"true\"}"));
    }

    void expectContinueIsAnswered()
    {
        RawHttpClient c(daemon.clientPort());
        const QByteArray body = "value=" + QByteArray(2000, 'x');
        c.send("PUT /v2/keys/big HTTP/1.1\r\nHost: x\r\nContent-Type: "
               "application/x-www-form-urlencoded\r\n"
               "Expect: 100-continue\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY(c.readUntil(
            [](const QByteArray &b) { return b.contains("HTTP/1.1 100 Continue\r\n\r\n"); }, 3000));
        c.buffer.clear();
        c.send(body);
        const QByteArray r = c.readResponse();
        QVERIFY2(r.startsWith("HTTP/1.1 201 Created"), r.constData());
    }

    void oversizedBodyGets413AndChangesNothing()
    {
        RawHttpClient c(daemon.clientPort());
        c.send("PUT /v2/keys/huge HTTP/1.1\r\nHost: x\r\nContent-Type: "
               "application/x-www-form-urlencoded\r\n"
               "Content-Length: 100000\r\n\r\nvalue=");
        QVERIFY(c.waitClosed());
        QVERIFY2(c.buffer.startsWith("HTTP/1.1 413"), c.buffer.constData());
        int status = 0;
        request("GET", QStringLiteral("/v2/keys/huge"), {}, &status);
        QCOMPARE(status, 404);
    }

    void oversizedHeadersGet431()
    {
        RawHttpClient c(daemon.clientPort());
        c.send("GET /v2/keys/x HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(70000, 'a'));
        QVERIFY(c.waitClosed());
        QVERIFY2(c.buffer.startsWith("HTTP/1.1 431"), c.buffer.left(100).constData());
    }

    void badInputGetsEtcdErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorCode");
        QTest::newRow("malformed form")
            << QByteArray("PUT") << "/v2/keys/m" << QByteArray("value=%zz") << 400 << 210;
        QTest::newRow("bad ttl") << QByteArray("PUT") << "/v2/keys/m"
                                 << QByteArray("value=1&ttl=soon") << 400 << 202;
        QTest::newRow("bad boolean")
            << QByteArray("GET") << "/v2/keys/m?recursive=perhaps" << QByteArray() << 400 << 209;
        QTest::newRow("bad index") << QByteArray("PUT") << "/v2/keys/m?prevIndex=-3"
                                   << QByteArray("value=1") << 400 << 203;
    }
    void badInputGetsEtcdErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, form);
        QFETCH(int, status);
        QFETCH(int, errorCode);
        int got = 0;
        const QJsonObject e = QJsonDocument::fromJson(request(method, path, form, &got)).object();
        QCOMPARE(got, status);
        QCOMPARE(e.value(QLatin1String("errorCode")).toInt(), errorCode);
        QCOMPARE(e.value(QLatin1String("index")).toInt(), 0);
        int s = 0;
        request("GET", QStringLiteral("/v2/keys/m"), {}, &s);
        QCOMPARE(s, 404);
    }

    void unknownMethodIs405AndOptionsIsAPreflight()
    {
        int status = 0;
        request("PATCH", QStringLiteral("/v2/keys/x"), {}, &status);
        QCOMPARE(status, 405);
        // OPTIONS is a CORS preflight: answered 200 with an empty body, as etcd does.
        QCOMPARE(request("OPTIONS", QStringLiteral("/v2/keys/x"), {}, &status), QByteArray());
        QCOMPARE(status, 200);
    }

    void garbageDoesNotKillTheMember()
    {
        const QByteArray junk[] = {
            "\x00\x01\x02\xff\xfe garbage\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
            "PUT /v2/keys/a HTTP/1.1\r\nContent-Length: -5\r\n\r\n", "BREW /pot HTTP/1.1\r\n\r\n"};
        for (const QByteArray &j : junk) {
            RawHttpClient c(daemon.clientPort());
            c.send(j);
            c.waitClosed(500);
        }
        int status = 0;
        request("GET", QStringLiteral("/version"), {}, &status);
        QCOMPARE(status, 200);
    }

    void longPollWatchAnswersOnChange()
    {
        RawHttpClient watcher(daemon.clientPort());
        watcher.send("GET /v2/keys/watched?wait=true HTTP/1.1\r\nHost: x\r\n\r\n");
        // Headers come at once, like etcd, so the client knows the watch is in place.
        QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }));
        QVERIFY(watcher.buffer.contains("X-Etcd-Index:"));
        QVERIFY(watcher.buffer.contains("Transfer-Encoding: chunked"));
        request("PUT", QStringLiteral("/v2/keys/watched"), "value=abc");
        QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.endsWith("0\r\n\r\n"); }));
        QVERIFY(watcher.buffer.contains(
            "{\"action\":\"set\",\"node\":{\"key\":\"/watched\",\"value\":\"abc\""));
        // The connection stays usable after the watch answered.
        watcher.buffer.clear();
        watcher.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(watcher.readResponse().startsWith("HTTP/1.1 200"));
    }

    void requestPipelinedBehindAWatchWaitsForIt()
    {
        RawHttpClient c(daemon.clientPort());
        c.send("GET /v2/keys/behind?wait=true HTTP/1.1\r\nHost: x\r\n\r\n"
               "GET /v2/keys/behind HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(c.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }));
        // A marker: the same read on a second connection, sent after the pipelined one, is
        // answered; the pipelined read, had it not waited, would have been answered by then.
        RawHttpClient marker(daemon.clientPort());
        marker.send("GET /v2/keys/behind HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(marker.readUntil([](const QByteArray &b) { return b.contains("Key not found"); }));
        QVERIFY(!c.buffer.contains("Key not found")); // the read waits behind the watch
        request("PUT", QStringLiteral("/v2/keys/behind"), "value=now");
        QVERIFY(c.readUntil([](const QByteArray &b) { return b.count("\"value\":\"now\"") == 2; }));
        // The watch's event first, then the read, which sees the value.
        QVERIFY(c.buffer.indexOf("\"action\":\"set\"") < c.buffer.indexOf("\"action\":\"get\""));
        QCOMPARE(c.socket.state(), QAbstractSocket::ConnectedState);
    }

    // Issue 13 item 5: at most http::Connection::maxWaitingRequests (128) requests wait behind an
    // unfinished answer; one more drops the connection instead of queueing without bound.
    void requestsPipelinedBehindAWatchAreBounded()
    {
        auto pipeline = [](int behind) {
            QByteArray bytes = "GET /v2/keys/bounded?wait=true HTTP/1.1\r\nHost: x\r\n\r\n";
            for (int i = 0; i < behind; ++i)
                bytes += "GET /version HTTP/1.1\r\nHost: x\r\n\r\n";
            return bytes;
        };
        RawHttpClient within(daemon.clientPort());
        within.send(pipeline(128));
        RawHttpClient over(daemon.clientPort());
        over.send(pipeline(129));
        QVERIFY2(over.waitClosed(10000), "129 requests waited behind a watch");
        QVERIFY(!over.buffer.contains("etcdserver")); // none was answered
        request("PUT", QStringLiteral("/v2/keys/bounded"), "value=v");
        // All 128 waiting requests are answered after the watch's event, on a live connection.
        QVERIFY(within.readUntil([](const QByteArray &b) { return b.count("etcdserver") == 128; },
                                 10000));
        QVERIFY(within.buffer.indexOf("\"action\":\"set\"") < within.buffer.indexOf("etcdserver"));
        QCOMPARE(within.socket.state(), QAbstractSocket::ConnectedState);
    }

    void streamWatchSendsEveryEvent()
    {
        RawHttpClient watcher(daemon.clientPort());
        watcher.send("GET /v2/keys/streamdir?wait=true&recursive=true&stream=true "
                     "HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }));
        for (int i = 0; i < 5; ++i)
            request("PUT", QStringLiteral("/v2/keys/streamdir/k%1").arg(i), "value=v");
        QVERIFY(watcher.readUntil(
            [](const QByteArray &b) { return b.count("\"action\":\"set\"") == 5; }));
        QCOMPARE(watcher.socket.state(), QAbstractSocket::ConnectedState);
    }

    void clientVanishingMidWatchIsHarmless()
    {
        for (int round = 0; round < 20; ++round) {
            auto *c = new RawHttpClient(daemon.clientPort());
            c->send(round % 2
                        ? "GET /v2/keys/vanish?wait=true HTTP/1.1\r\nHost: x\r\n\r\n"
                        : "GET /v2/keys/vanish?wait=true&stream=true HTTP/1.1\r\nHost: x\r\n\r\n");
            c->readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }, 2000);
            c->socket.abort();
            delete c;
        }
        request("PUT", QStringLiteral("/v2/keys/vanish"), "value=after");
        // Cancelling a vanished client's watch crosses threads: it may take a moment.
        auto watchers = [this] {
            int status = 0;
            const QJsonObject stats =
                QJsonDocument::fromJson(
                    request("GET", QStringLiteral("/v2/stats/store"), {}, &status))
                    .object();
            return status == 200 ? stats.value(QLatin1String("watchers")).toInt() : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(watchers(), 0, 5000);
    }

    void expiredKeyNotifiesWatchers()
    {
        const qint64 index =
            QJsonDocument::fromJson(
                request("PUT", QStringLiteral("/v2/keys/ephemeral"), "value=x&ttl=1"))
                .object()
                .value(QLatin1String("node"))
                .toObject()
                .value(QLatin1String("modifiedIndex"))
                .toInteger();
        QVERIFY(index > 0);
        // From the write's next index: a watch registered late still sees the expiry.
        RawHttpClient watcher(daemon.clientPort());
        watcher.send("GET /v2/keys/ephemeral?wait=true&waitIndex=" + QByteArray::number(index + 1) +
                     " HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(
            watcher.readUntil([](const QByteArray &b) { return b.endsWith("0\r\n\r\n"); }, 5000));
        QVERIFY(watcher.buffer.contains("\"action\":\"expire\""));
    }

    void stalledRequestGets408ButIdleConnectionsStay()
    {
        DaemonProcess slow(QStringLiteral("slow"));
        slow.setExtraArguments({QStringLiteral("--client-request-timeout"), QStringLiteral("1")});
        QVERIFY2(slow.start(), slow.output().constData());
        // A client that stops in the middle of its headers is refused.
        RawHttpClient stalled(slow.clientPort());
        stalled.send("GET /v2/keys/x HTTP/1.1\r\nHost: x\r\nUser-Ag");
        // An idle keep-alive connection and a waiting watch are not.
        RawHttpClient idle(slow.clientPort());
        idle.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(idle.readResponse().startsWith("HTTP/1.1 200"));
        RawHttpClient watcher(slow.clientPort());
        watcher.send("GET /v2/keys/late?wait=true HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }));

        QVERIFY(
            stalled.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }, 4000));
        QVERIFY2(stalled.buffer.startsWith("HTTP/1.1 408 Request Timeout"),
                 stalled.buffer.constData());
        QVERIFY(stalled.waitClosed());

        // Past the timeout: a second stalled request, opened now, is refused
        // in turn, and the idle connection and the watch are still there.
        RawHttpClient stalledAgain(slow.clientPort());
        stalledAgain.send("GET /v2/keys/x HTTP/1.1\r\nHost: x\r\nUser-Ag");
        QVERIFY(stalledAgain.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); },
                                       4000));
        QVERIFY(stalledAgain.buffer.startsWith("HTTP/1.1 408 Request Timeout"));
        QCOMPARE(idle.socket.state(), QAbstractSocket::ConnectedState);
        idle.send("GET /version HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(idle.readResponse().startsWith("HTTP/1.1 200"));
        RawHttpClient writer(slow.clientPort());
        writer.send(RawHttpClient::putRequest("late", "v"));
        QVERIFY(writer.readResponse().startsWith("HTTP/1.1 201"));
        QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.endsWith("0\r\n\r\n"); }));
        QVERIFY(watcher.buffer.contains("\"value\":\"v\""));
    }

    void corsHeadersForAllowedOrigins()
    {
        DaemonProcess cors(QStringLiteral("cors"));
        cors.setExtraArguments({QStringLiteral("--cors"), QStringLiteral("http://ui.example")});
        QVERIFY2(cors.start(), cors.output().constData());
        RawHttpClient c(cors.clientPort());
        const QByteArray grant = "Access-Control-Allow-Origin: http://ui.example\r\n";
        // A write (answered from the node's thread) and a read (from the client thread).
        c.send(RawHttpClient::putRequest("c", "1").replace(
            "Host: 127.0.0.1\r\n", "Host: 127.0.0.1\r\nOrigin: http://ui.example\r\n"));
        const QByteArray written = c.readResponse();
        QVERIFY2(written.startsWith("HTTP/1.1 201") && written.contains(grant),
                 written.constData());
        c.send("GET /v2/keys/c HTTP/1.1\r\nHost: x\r\nOrigin: http://ui.example\r\n\r\n");
        const QByteArray read = c.readResponse();
        QVERIFY2(read.contains(grant), read.constData());
        QVERIFY(read.contains("Access-Control-Allow-Methods: POST, GET, OPTIONS, PUT, DELETE\r\n"));
        // A browser's preflight, and an origin that is not listed.
        c.send("OPTIONS /v2/keys/c HTTP/1.1\r\nHost: x\r\nOrigin: http://ui.example\r\n\r\n");
        const QByteArray preflight = c.readResponse();
        QVERIFY2(preflight.startsWith("HTTP/1.1 200") && preflight.contains(grant),
                 preflight.constData());
        c.send("GET /v2/keys/c HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\n\r\n");
        const QByteArray foreign = c.readResponse();
        QVERIFY(foreign.startsWith("HTTP/1.1 200"));
        QVERIFY(!foreign.contains("Access-Control-Allow-Origin"));
        // Without --cors (the shared daemon) nothing is granted.
        RawHttpClient plain(daemon.clientPort());
        plain.send("GET /version HTTP/1.1\r\nHost: x\r\nOrigin: http://ui.example\r\n\r\n");
        QVERIFY(!plain.readResponse().contains("Access-Control"));
    }

    void sigtermStopsCleanly()
    {
        DaemonProcess other(QStringLiteral("term"));
        QVERIFY(other.start());
        other.terminate();
        QCOMPARE(other.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(other.process().exitCode(), 0);
    }

    void tlsWithClientCertificates()
    {
        const testsupport::TestCertificates &certs = testsupport::TestCertificates::standard();
        DaemonProcess secure(QStringLiteral("secure"));
        // On a port the system picks (:0) and the start-up log names.
        const QString any = TestLoopback::url(0, QStringLiteral("https")).toString();
        secure.setExtraArguments(
            {QStringLiteral("--listen-client-urls"), any, QStringLiteral("--advertise-client-urls"),
             any, QStringLiteral("--cert-file"), certs.path(QStringLiteral("server.crt")),
             QStringLiteral("--key-file"), certs.path(QStringLiteral("server.key")),
             QStringLiteral("--client-cert-auth"), QStringLiteral("--trusted-ca-file"),
             certs.path(QStringLiteral("ca.crt"))});
        secure.start(3000); // waits on plain http, which this member does not serve
        const QRegularExpression listening(
            QStringLiteral("listening for client requests on https://%1:([0-9]+)")
                .arg(QRegularExpression::escape(TestLoopback::host())));
        QTRY_VERIFY_WITH_TIMEOUT(listening.match(QString::fromUtf8(secure.output())).hasMatch(),
                                 10000);
        const QString port = listening.match(QString::fromUtf8(secure.output())).captured(1);
        QVERIFY2(port != QLatin1String("0"), secure.output().constData());
        const QString url = TestLoopback::url(port.toUShort(), QStringLiteral("https")).toString();

        auto readPem = [&](const QString &name) {
            QFile f(certs.path(name));
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        };
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromData(readPem(QStringLiteral("ca.crt"))));
        QNetworkRequest anonymous(QUrl(url + QStringLiteral("/v2/keys/tls")));
        anonymous.setSslConfiguration(tls);
        std::unique_ptr<QNetworkReply> refused(nam.get(anonymous));
        QVERIFY(QTest::qWaitFor([&] { return refused->isFinished(); }, 10000));
        QVERIFY(refused->error() !=
                QNetworkReply::NoError); // no client certificate: no TLS session

        tls.setLocalCertificate(
            QSslCertificate::fromData(readPem(QStringLiteral("client.crt"))).value(0));
        tls.setPrivateKey(QSslKey(readPem(QStringLiteral("client.key")), QSsl::Rsa));
        QNetworkRequest authorised(QUrl(url + QStringLiteral("/v2/keys/tls")));
        authorised.setSslConfiguration(tls);
        authorised.setHeader(QNetworkRequest::ContentTypeHeader,
                             "application/x-www-form-urlencoded");
        QNetworkAccessManager fresh; // no pooled connection from the refused attempt
        std::unique_ptr<QNetworkReply> put(fresh.put(authorised, "value=secret"));
        QVERIFY(QTest::qWaitFor([&] { return put->isFinished(); }, 10000));
        QVERIFY2(put->error() == QNetworkReply::NoError, secure.output().right(1500).constData());
        QVERIFY(put->readAll().contains("\"value\":\"secret\""));
    }

    void badFlagsExitNonZero()
    {
        QProcess p;
        p.start(DaemonProcess::binary(QStringLiteral("qetcd")), {QStringLiteral("--no-such-flag")});
        QVERIFY(p.waitForFinished(5000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(p.readAllStandardError().contains("no-such-flag"));
        p.start(DaemonProcess::binary(QStringLiteral("qetcd")), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("qetcd Version"));
    }

    void helpAndErrorsFollowTheLocale()
    {
        // English by default; in a zh_CN locale the help and a flag error are
        // Chinese (the shipped catalogue), with flag names left as they are.
        auto run = [](const QString &lang, const QStringList &args) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("LC_ALL"));
            env.remove(QStringLiteral("LC_MESSAGES"));
            env.remove(QStringLiteral("LANGUAGE"));
            env.insert(QStringLiteral("LANG"), lang);
            p.setProcessEnvironment(env);
            p.start(DaemonProcess::binary(QStringLiteral("qetcd")), args);
            p.waitForFinished(5000);
            return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        };
        auto hasHan = [](const QString &text) {
            return std::any_of(text.begin(), text.end(), [](QChar c) {
                return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF;
            });
        };
        const QString english = run(QStringLiteral("C"), {QStringLiteral("--help")});
        QVERIFY2(english.contains(QLatin1String("member flags:")), qPrintable(english));
        QVERIFY(!hasHan(english));
        const QString chinese = run(QStringLiteral("zh_CN.UTF-8"), {QStringLiteral("--help")});
        QVERIFY2(hasHan(chinese), qPrintable(chinese));
        QVERIFY(!chinese.contains(QLatin1String("member flags:")));
        QVERIFY(chinese.contains(QLatin1String("--data-dir")));
        QVERIFY(chinese.contains(QLatin1String("--initial-cluster-state")));
        const QString error = run(QStringLiteral("zh_CN.UTF-8"),
                                  {QStringLiteral("--client-threads"), QStringLiteral("100")});
        QVERIFY2(hasHan(error) && error.contains(QLatin1String("--client-threads")),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDaemonHttp)
#include "tst_daemon_http.moc"
