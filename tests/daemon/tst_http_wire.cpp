// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The client port's pure wire code, without sockets: RequestLimits (size and
// time limits, HTTP/1.0, 100-continue), RequestHead (the head scan), HttpWire
// (response bytes) and Server::pickThread (which thread a connection goes to).

#include "HttpWire.h"
#include "RequestHead.h"
#include "RequestLimits.h"
#include "Server.h"
#include "api/ApiResponses.h"
#include "api/HttpResponse.h"

#include <QTest>

using http::RequestLimits;
using Action = RequestLimits::Verdict::Action;

using api::responses::json;

namespace {

// Feeds `bytes` as one arrival, as Connection does (the head part only while it is wanted).
RequestLimits::Verdict feed(RequestLimits &limits, const QByteArray &bytes)
{
    const QByteArrayView head =
        limits.wantsHead() ? QByteArrayView(bytes).first(
                                 qMin<qsizetype>(bytes.size(), RequestLimits::maxHeaderBytes + 4))
                           : QByteArrayView();
    return limits.take(bytes.size(), head);
}

// The response without its Date line (which names the current second).
QByteArray withoutDate(QByteArray wire)
{
    const qsizetype from = wire.indexOf("Date: ");
    if (from >= 0)
        wire.remove(from, wire.indexOf("\r\n", from) + 2 - from);
    return wire;
}

} // namespace

class TestHttpWire : public QObject
{
    Q_OBJECT

private slots:
    void headScan();
    void smallRequestPasses();
    void oversizedHeadIs431();
    void declaredBodyOverLimitIs413();
    void undeclaredBodyBoundedByRunningTotal();
    void continueOnlyWhileTheBodyIsMissing();
    void http10IsTheCurrentRequests();
    void stuckRequestIs408AfterSweeps();
    void idleConnectionIsNeverTimedOut();
    void refusedStaysRefused();
    void responseBytes();
    void headAnswerKeepsLengthWithoutBody();
    void streamFraming();
    void loneClientStaysOnTheMembersThread();
};

void TestHttpWire::headScan()
{
    QVERIFY(!http::RequestHead::parse("GET / HTTP/1.1\r\nHost: x\r\n"));
    const auto head = http::RequestHead::parse("PUT /v2/keys/a HTTP/1.1\r\ncontent-LENGTH:  12 \r\n"
                                               "Expect: 100-continue\r\n\r\nbody");
    QVERIFY(head);
    QCOMPARE(head->contentLength, 12);
    QVERIFY(head->expectContinue);
    QCOMPARE(head->bytes, qsizetype(strlen("PUT /v2/keys/a HTTP/1.1\r\ncontent-LENGTH:  12 \r\n"
                                           "Expect: 100-continue\r\n\r\n")));
    QCOMPARE(http::RequestHead::parse("GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n")->contentLength,
             0);
    QVERIFY(http::RequestHead::isHttp10("GET / HTTP/1.0\r\nHost"));
    QVERIFY(http::RequestHead::isHttp10("GET / HTTP/1.0"));
    QVERIFY(!http::RequestHead::isHttp10("GET / HTTP/1.1\r\n"));
}

void TestHttpWire::smallRequestPasses()
{
    RequestLimits limits(1024);
    QCOMPARE(feed(limits, "GET /version HTTP/1.1\r\nHost: x\r\n\r\n").action, Action::None);
    QVERIFY(!limits.wantsHead());
    QVERIFY(!limits.refused());
    limits.requestDone();
    QVERIFY(limits.wantsHead());
}

void TestHttpWire::oversizedHeadIs431()
{
    RequestLimits limits(1 << 20);
    const QByteArray start = "GET / HTTP/1.1\r\nX-Big: ";
    QCOMPARE(feed(limits, start).action, Action::None);
    // Header bytes in pieces, never a blank line: refused once past the limit, not before.
    const QByteArray piece(16 * 1024, 'a');
    qint64 sent = start.size();
    RequestLimits::Verdict v;
    while (v.action == Action::None) {
        v = feed(limits, piece);
        sent += piece.size();
    }
    QCOMPARE(v.action, Action::Refuse);
    QCOMPARE(v.status, 431);
    QCOMPARE(v.message, QByteArray("request headers too large"));
    QVERIFY(sent > RequestLimits::maxHeaderBytes);
    QVERIFY(sent - piece.size() <= RequestLimits::maxHeaderBytes);
}

void TestHttpWire::declaredBodyOverLimitIs413()
{
    RequestLimits limits(100);
    const auto v = feed(limits, "PUT /v2/keys/a HTTP/1.1\r\nContent-Length: 101\r\n\r\n");
    QCOMPARE(v.action, Action::Refuse);
    QCOMPARE(v.status, 413);
    QCOMPARE(v.message, QByteArray("request body too large"));

    RequestLimits atLimit(100);
    QCOMPARE(feed(atLimit, "PUT /v2/keys/a HTTP/1.1\r\nContent-Length: 100\r\n\r\n").action,
             Action::None);
}

void TestHttpWire::undeclaredBodyBoundedByRunningTotal()
{
    RequestLimits limits(1000);
    const QByteArray head = "PUT /v2/keys/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    QCOMPARE(feed(limits, head).action, Action::None);
    // The body is counted, head included, against body limit + header limit.
    const qint64 room = 1000 + RequestLimits::maxHeaderBytes - head.size();
    QCOMPARE(feed(limits, QByteArray(room, 'b')).action, Action::None);
    const auto v = feed(limits, "b");
    QCOMPARE(v.action, Action::Refuse);
    QCOMPARE(v.status, 413);
}

void TestHttpWire::continueOnlyWhileTheBodyIsMissing()
{
    const QByteArray head = "PUT /v2/keys/a HTTP/1.1\r\nContent-Length: 5\r\n"
                            "Expect: 100-continue\r\n\r\n";
    RequestLimits waiting(1024);
    QCOMPARE(feed(waiting, head).action, Action::SendContinue);
    RequestLimits bodySent(1024);
    QCOMPARE(feed(bodySent, head + "hello").action, Action::None);
    RequestLimits noExpect(1024);
    QCOMPARE(feed(noExpect, "PUT /v2/keys/a HTTP/1.1\r\nContent-Length: 5\r\n\r\n").action,
             Action::None);
}

void TestHttpWire::http10IsTheCurrentRequests()
{
    RequestLimits limits(1024);
    feed(limits, "GET /version HTTP/1.0\r\n\r\n");
    QVERIFY(limits.http10());
    limits.requestDone();
    // Read at the start of the next request, from its own request line.
    feed(limits, "GET /version HTTP/1.1\r\n\r\n");
    QVERIFY(!limits.http10());
}

void TestHttpWire::stuckRequestIs408AfterSweeps()
{
    RequestLimits limits(1024);
    feed(limits, "GET /version HTTP/1.1\r\nHo");
    QCOMPARE(limits.sweep(4).action, Action::None);
    QCOMPARE(limits.sweep(4).action, Action::None);
    QCOMPARE(limits.sweep(4).action, Action::None);
    const auto v = limits.sweep(4);
    QCOMPARE(v.action, Action::Refuse);
    QCOMPARE(v.status, 408);
    QCOMPARE(v.message, QByteArray("request timeout"));
    QVERIFY(limits.refused());

    // A request that completes in between starts the count again.
    RequestLimits moving(1024);
    feed(moving, "GET /a HTTP/1.1\r\n\r\n");
    moving.requestDone();
    feed(moving, "GET /b HTTP/1.1\r\nHo");
    QCOMPARE(moving.sweep(2).action, Action::None);
    moving.requestDone();
    feed(moving, "GET /c HTTP/1.1\r\nHo");
    QCOMPARE(moving.sweep(2).action, Action::None);
    QCOMPARE(moving.sweep(2).action, Action::Refuse);
}

void TestHttpWire::idleConnectionIsNeverTimedOut()
{
    RequestLimits limits(1024);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(limits.sweep(4).action, Action::None);
    feed(limits, "GET / HTTP/1.1\r\n\r\n");
    limits.requestDone(); // between requests: a kept-alive connection, a watch
    for (int i = 0; i < 100; ++i)
        QCOMPARE(limits.sweep(4).action, Action::None);
}

void TestHttpWire::refusedStaysRefused()
{
    RequestLimits limits(10);
    QCOMPARE(feed(limits, "PUT / HTTP/1.1\r\nContent-Length: 11\r\n\r\n").action, Action::Refuse);
    QCOMPARE(feed(limits, "GET / HTTP/1.1\r\n\r\n").action, Action::None);
    QCOMPARE(limits.sweep(1).action, Action::None);
    QVERIFY(limits.refused());
}

void TestHttpWire::responseBytes()
{
    QCOMPARE(withoutDate(http::HttpWire::response(json(200, "{}"), false, false)),
             QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Content-Length: 2\r\n\r\n{}"));
    QCOMPARE(withoutDate(http::HttpWire::response(json(413, "{\"message\":\"x\"}"), false, true)),
             QByteArray("HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: "
                        "application/json\r\nContent-Length: 15\r\nConnection: close\r\n\r\n"
                        "{\"message\":\"x\"}"));
    api::HttpResponse empty;
    empty.status = 204;
    QCOMPARE(withoutDate(http::HttpWire::response(empty, false, false)),
             QByteArray("HTTP/1.1 204 No Content\r\n\r\n"));
    const QByteArray wire = http::HttpWire::response(json(200, "{}"), false, false);
    QVERIFY(wire.contains("\r\nDate: "));
    QVERIFY(wire.contains(" GMT\r\n"));
}

void TestHttpWire::headAnswerKeepsLengthWithoutBody()
{
    QCOMPARE(withoutDate(http::HttpWire::response(json(200, "{\"a\":1}"), true, false)),
             QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Content-Length: 7\r\n\r\n"));
}

void TestHttpWire::streamFraming()
{
    QCOMPARE(withoutDate(http::HttpWire::streamHead(json(200, {}), true)),
             QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n"));
    QCOMPARE(withoutDate(http::HttpWire::streamHead(json(200, {}), false)),
             QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Connection: close\r\n\r\n"));
    QCOMPARE(http::HttpWire::chunk(QByteArray(26, 'x')), "1a\r\n" + QByteArray(26, 'x') + "\r\n");
    QCOMPARE(http::HttpWire::lastChunk(), QByteArray("0\r\n\r\n"));
}

void TestHttpWire::loneClientStaysOnTheMembersThread()
{
    using http::Server;
    QCOMPARE(Server::pickThread({0, 0, 0, 0}), 0);
    // One other connection (an idle keep-alive client, a watch) does not push a writer off.
    QCOMPARE(Server::pickThread({1, 0, 0, 0}), 0);
    // A second one does: to the least loaded, the first of equals.
    QCOMPARE(Server::pickThread({2, 0, 0, 0}), 1);
    QCOMPARE(Server::pickThread({2, 1, 0, 1}), 2);
    QCOMPARE(Server::pickThread({3, 2, 2, 2}), 0);
    QCOMPARE(Server::pickThread({4, 2, 2, 2}), 1);
    QCOMPARE(Server::pickThread({5}), 0); // no client threads beside the member's
    // A full member's thread takes no more, however the others are loaded.
    const int full = Server::memberThreadMaxConnections;
    QCOMPARE(Server::pickThread({full - 1, full - 1, full - 1}), 0);
    QCOMPARE(Server::pickThread({full, full, full}), 1);
    QCOMPARE(Server::pickThread({full, 5000, 4999}), 2);
    QCOMPARE(Server::pickThread({full + 100}), 0); // unless it is the only one
}

QTEST_GUILESS_MAIN(TestHttpWire)
#include "tst_http_wire.moc"
