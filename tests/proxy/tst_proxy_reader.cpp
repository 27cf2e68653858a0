// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// ResponseReader: a member's answer framed by length, by chunks, by the connection's end or not
// at all, whole and cut at every byte (a read may end anywhere), and what it refuses.

#include "ResponseReader.h"

#include <QTest>

using server::proxy::ResponseReader;

class TestProxyReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void framings_data();
    void framings();
    void splitAnywhere();
    void interimContinue();
    void malformed_data();
    void malformed();
    void untilClose();
    void cutShort();
};

void TestProxyReader::framings_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("head");
    QTest::addColumn<int>("framing");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                          "Content-Type: application/json\r\n\r\nhello")
                            << false << int(ResponseReader::Framing::Length) << QByteArray("hello")
                            << true;
    QTest::newRow("chunked with extension and trailer")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3;x=y\r\nabc\r\n0a\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n")
        << false << int(ResponseReader::Framing::Chunked) << QByteArray("abc0123456789") << true;
    QTest::newRow("HEAD keeps its length, has no body")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 84\r\n\r\n") << true
        << int(ResponseReader::Framing::None) << QByteArray() << true;
    QTest::newRow("204") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false
                         << int(ResponseReader::Framing::None) << QByteArray() << true;
    QTest::newRow("close") << QByteArray("HTTP/1.1 404 Not Found\r\nConnection: close\r\n"
                                         "Content-Length: 2\r\n\r\n{}")
                           << false << int(ResponseReader::Framing::Length) << QByteArray("{}")
                           << false;
    QTest::newRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") << false
                              << int(ResponseReader::Framing::Length) << QByteArray() << false;
}

void TestProxyReader::framings()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, head);
    QFETCH(int, framing);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    ResponseReader reader(head);
    QByteArray got;
    QCOMPARE(reader.feed(wire, &got), ResponseReader::State::Done);
    QCOMPARE(int(reader.framing()), framing);
    QCOMPARE(got, body);
    QCOMPARE(reader.keepAlive(), keepAlive);
}

void TestProxyReader::splitAnywhere()
{
    // Two cuts anywhere in a chunked answer: the same body, the same head.
    const QByteArray wire =
        "HTTP/1.1 200 OK\r\nX-Etcd-Index: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5\r\nfirst\r\n6\r\nsecond\r\n0\r\n\r\n";
    for (int i = 0; i <= wire.size(); ++i) {
        for (int j = i; j <= wire.size(); ++j) {
            ResponseReader reader;
            QByteArray body;
            reader.feed(QByteArrayView(wire).first(i), &body);
            reader.feed(QByteArrayView(wire).sliced(i, j - i), &body);
            QCOMPARE(reader.feed(QByteArrayView(wire).sliced(j), &body),
                     ResponseReader::State::Done);
            QCOMPARE(body, QByteArray("firstsecond"));
            QCOMPARE(reader.status(), 200);
            QCOMPARE(reader.headers().size(), 2);
            QCOMPARE(reader.headers().first().second, QByteArray("7"));
        }
    }
}

void TestProxyReader::interimContinue()
{
    ResponseReader reader;
    QByteArray body;
    QCOMPARE(reader.feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2"
                         "\r\n\r\nok",
                         &body),
             ResponseReader::State::Done);
    QCOMPARE(reader.status(), 201);
    QCOMPARE(body, QByteArray("ok"));
}

void TestProxyReader::malformed_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
    QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
    QTest::newRow("header without colon") << QByteArray("HTTP/1.1 200 OK\r\nbroken\r\n\r\n");
    QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
    QTest::newRow("bad chunk size")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    QTest::newRow("chunk without CRLF")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n");
}

void TestProxyReader::malformed()
{
    QFETCH(QByteArray, wire);
    ResponseReader reader;
    QByteArray body;
    QCOMPARE(reader.feed(wire, &body), ResponseReader::State::Error);
}

void TestProxyReader::untilClose()
{
    ResponseReader reader;
    QByteArray body;
    QCOMPARE(reader.feed("HTTP/1.1 200 OK\r\n\r\npart", &body), ResponseReader::State::Body);
    QCOMPARE(reader.framing(), ResponseReader::Framing::UntilClose);
    QVERIFY(!reader.keepAlive());
    QCOMPARE(reader.closed(), ResponseReader::State::Done);
    QCOMPARE(body, QByteArray("part"));
}

void TestProxyReader::cutShort()
{
    ResponseReader reader;
    QByteArray body;
    QCOMPARE(reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", &body),
             ResponseReader::State::Body);
    QCOMPARE(reader.closed(), ResponseReader::State::Error);
    // A head that never ends stays bounded.
    ResponseReader endless;
    const QByteArray line = "X-Long: " + QByteArray(1000, 'a') + "\r\n";
    ResponseReader::State state = endless.feed("HTTP/1.1 200 OK\r\n", &body);
    for (int i = 0; i < 100 && state == ResponseReader::State::Head; ++i)
        state = endless.feed(line, &body);
    QCOMPARE(state, ResponseReader::State::Error);
}

QTEST_APPLESS_MAIN(TestProxyReader)
#include "tst_proxy_reader.moc"
