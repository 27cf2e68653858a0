// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// How /v2/keys requests map to operations, and every parameter error of the
// contract (etcd's parseKeyRequest): code, cause and index 0.
#include "api/HttpRequest.h"
#include "api/KeysRequest.h"

#include <QTest>

Q_DECLARE_METATYPE(store::Command::Op)

namespace {
api::HttpRequest make(const QByteArray &method, const QByteArray &query,
                      const QByteArray &form = {})
{
    api::HttpRequest r;
    r.method = method;
    r.path = "/v2/keys/foo";
    r.query = query;
    r.body = form;
    if (!form.isEmpty())
        r.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    return r;
}
constexpr qint64 kNow = 1000LL * 1000000000LL;
} // namespace

class TestKeysRequest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void errors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("cause");
        QTest::newRow("bad prevIndex") << QByteArray("PUT") << QByteArray("prevIndex=x")
                                       << QByteArray() << 203 << "invalid value for \"prevIndex\"";
        QTest::newRow("negative prevIndex")
            << QByteArray("PUT") << QByteArray("prevIndex=-1") << QByteArray() << 203
            << "invalid value for \"prevIndex\"";
        QTest::newRow("bad waitIndex") << QByteArray("GET") << QByteArray("wait=true&waitIndex=1.5")
                                       << QByteArray() << 203 << "invalid value for \"waitIndex\"";
        QTest::newRow("bad recursive") << QByteArray("GET") << QByteArray("recursive=yes")
                                       << QByteArray() << 209 << "invalid value for \"recursive\"";
        QTest::newRow("bad sorted") << QByteArray("GET") << QByteArray("sorted=2") << QByteArray()
                                    << 209 << "invalid value for \"sorted\"";
        QTest::newRow("bad wait") << QByteArray("GET") << QByteArray("wait=on") << QByteArray()
                                  << 209 << "invalid value for \"wait\"";
        QTest::newRow("bad dir") << QByteArray("PUT") << QByteArray("dir=maybe") << QByteArray()
                                 << 209 << "invalid value for \"dir\"";
        QTest::newRow("bad quorum") << QByteArray("GET") << QByteArray("quorum=x") << QByteArray()
                                    << 209 << "invalid value for \"quorum\"";
        QTest::newRow("bad stream") << QByteArray("GET") << QByteArray("stream=x") << QByteArray()
                                    << 209 << "invalid value for \"stream\"";
        QTest::newRow("wait on PUT") << QByteArray("PUT") << QByteArray("wait=true") << QByteArray()
                                     << 209 << "\"wait\" can only be used with GET requests";
        QTest::newRow("empty prevValue")
            << QByteArray("PUT") << QByteArray("prevValue=") << QByteArray("value=a") << 201
            << "\"prevValue\" cannot be empty";
        QTest::newRow("bad ttl") << QByteArray("PUT") << QByteArray()
                                 << QByteArray("value=a&ttl=abc") << 202
                                 << "invalid value for \"ttl\"";
        QTest::newRow("negative ttl")
            << QByteArray("PUT") << QByteArray() << QByteArray("value=a&ttl=-5") << 202
            << "invalid value for \"ttl\"";
        QTest::newRow("bad prevExist") << QByteArray("PUT") << QByteArray("prevExist=nope")
                                       << QByteArray() << 209 << "invalid value for prevExist";
        QTest::newRow("bad refresh") << QByteArray("PUT") << QByteArray("refresh=nope")
                                     << QByteArray() << 209 << "invalid value for refresh";
        QTest::newRow("refresh with value")
            << QByteArray("PUT") << QByteArray("refresh=true&prevExist=true")
            << QByteArray("value=a&ttl=5") << 211 << "A value was provided on a refresh";
        QTest::newRow("refresh without ttl")
            << QByteArray("PUT") << QByteArray("refresh=true&prevExist=true") << QByteArray() << 212
            << "No TTL value set";
        QTest::newRow("bad escape in body")
            << QByteArray("PUT") << QByteArray() << QByteArray("value=%zz") << 210
            << "invalid URL escape \"%zz\"";
        QTest::newRow("truncated escape in query")
            << QByteArray("GET") << QByteArray("recursive=%4") << QByteArray() << 210
            << "invalid URL escape \"%4\"";
    }
    void errors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, form);
        QFETCH(int, code);
        QFETCH(QString, cause);
        auto parsed = api::KeysRequest::parse(make(method, query, form), "/foo", kNow);
        QVERIFY(std::holds_alternative<store::EtcdError>(parsed));
        const store::EtcdError &e = std::get<store::EtcdError>(parsed);
        QCOMPARE(int(e.code), code);
        QCOMPARE(e.cause, cause);
        QCOMPARE(e.index, quint64(0));
        QCOMPARE(e.httpStatus(), 400);
    }

    void operations_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<store::Command::Op>("op");
        QTest::addColumn<bool>("unique");
        QTest::addColumn<bool>("dir");
        QTest::newRow("plain PUT is set")
            << QByteArray("PUT") << QByteArray() << QByteArray("value=a") << store::Command::Op::Set
            << false << false;
        QTest::newRow("PUT dir") << QByteArray("PUT") << QByteArray("dir=true") << QByteArray()
                                 << store::Command::Op::Set << false << true;
        QTest::newRow("prevExist=true is update")
            << QByteArray("PUT") << QByteArray("prevExist=true") << QByteArray("value=a")
            << store::Command::Op::Update << false << false;
        QTest::newRow("prevExist=false is create")
            << QByteArray("PUT") << QByteArray("prevExist=false") << QByteArray("value=a")
            << store::Command::Op::Create << false << false;
        QTest::newRow("prevValue is CAS")
            << QByteArray("PUT") << QByteArray("prevValue=one") << QByteArray("value=a")
            << store::Command::Op::CompareAndSwap << false << false;
        QTest::newRow("prevIndex is CAS")
            << QByteArray("PUT") << QByteArray("prevIndex=3") << QByteArray("value=a")
            << store::Command::Op::CompareAndSwap << false << false;
        QTest::newRow("prevIndex=0 is set")
            << QByteArray("PUT") << QByteArray("prevIndex=0") << QByteArray("value=a")
            << store::Command::Op::Set << false << false;
        QTest::newRow("prevExist=true with prevValue is CAS")
            << QByteArray("PUT") << QByteArray("prevExist=true&prevValue=x")
            << QByteArray("value=a") << store::Command::Op::CompareAndSwap << false << false;
        QTest::newRow("POST is in-order create")
            << QByteArray("POST") << QByteArray() << QByteArray("value=Job1")
            << store::Command::Op::Create << true << false;
        QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray() << QByteArray()
                                << store::Command::Op::Delete << false << false;
        QTest::newRow("DELETE recursive implies dir")
            << QByteArray("DELETE") << QByteArray("recursive=true") << QByteArray()
            << store::Command::Op::Delete << false << true;
        QTest::newRow("DELETE prevValue is CAD")
            << QByteArray("DELETE") << QByteArray("prevValue=one") << QByteArray()
            << store::Command::Op::CompareAndDelete << false << false;
        QTest::newRow("DELETE prevIndex is CAD")
            << QByteArray("DELETE") << QByteArray("prevIndex=9") << QByteArray()
            << store::Command::Op::CompareAndDelete << false << false;
    }
    void operations()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, form);
        QFETCH(store::Command::Op, op);
        QFETCH(bool, unique);
        QFETCH(bool, dir);
        auto parsed = api::KeysRequest::parse(make(method, query, form), "/foo", kNow);
        QVERIFY(std::holds_alternative<api::KeysRequest>(parsed));
        const api::KeysRequest &r = std::get<api::KeysRequest>(parsed);
        QCOMPARE(r.kind, api::KeysRequest::Kind::Write);
        QCOMPARE(r.command.op, op);
        QCOMPARE(r.command.unique, unique);
        QCOMPARE(r.command.dir, dir);
        QCOMPARE(r.command.path, QStringLiteral("/foo"));
        QCOMPARE(r.command.timeNs, kNow);
    }

    void reads()
    {
        auto get = std::get<api::KeysRequest>(
            api::KeysRequest::parse(make("GET", "recursive=true&sorted=1"), "/foo", kNow));
        QCOMPARE(get.kind, api::KeysRequest::Kind::Get);
        QVERIFY(get.recursive);
        QVERIFY(get.sorted);
        auto watch = std::get<api::KeysRequest>(api::KeysRequest::parse(
            make("GET", "wait=true&waitIndex=7&stream=true"), "/foo", kNow));
        QCOMPARE(watch.kind, api::KeysRequest::Kind::Watch);
        QCOMPARE(watch.waitIndex, quint64(7));
        QVERIFY(watch.stream);
        auto quorum = std::get<api::KeysRequest>(
            api::KeysRequest::parse(make("GET", "quorum=true"), "/foo", kNow));
        QCOMPARE(quorum.kind, api::KeysRequest::Kind::QuorumGet);
        auto head =
            std::get<api::KeysRequest>(api::KeysRequest::parse(make("HEAD", ""), "/foo", kNow));
        QCOMPARE(head.kind, api::KeysRequest::Kind::Get);
        QVERIFY(head.head);
    }

    void ttlBecomesExpiration()
    {
        auto r = std::get<api::KeysRequest>(
            api::KeysRequest::parse(make("PUT", "", "value=bar&ttl=6"), "/foo", kNow));
        QCOMPARE(r.command.expirationNs, kNow + 6LL * 1000000000LL);
        // An empty ttl removes the TTL (with prevExist=true), it is no error.
        auto unset = std::get<api::KeysRequest>(api::KeysRequest::parse(
            make("PUT", "", "value=bar&ttl=&prevExist=true"), "/foo", kNow));
        QCOMPARE(unset.command.expirationNs, qint64(0));
        QCOMPARE(unset.command.op, store::Command::Op::Update);
        // A TTL of centuries saturates instead of overflowing into the past.
        auto huge = std::get<api::KeysRequest>(api::KeysRequest::parse(
            make("PUT", "", "value=a&ttl=18446744073709551615"), "/foo", kNow));
        QVERIFY(huge.command.expirationNs > kNow);
    }

    void bodyWinsOverQueryAndPlusIsSpace()
    {
        auto r = std::get<api::KeysRequest>(api::KeysRequest::parse(
            make("PUT", "value=fromquery", "value=Hello+world%21"), "/foo", kNow));
        QCOMPARE(r.command.value, QStringLiteral("Hello world!"));
        // Without a form content type the body is not parameters (Go's ParseForm).
        api::HttpRequest raw = make("PUT", "value=q");
        raw.body = "value=b";
        auto q = std::get<api::KeysRequest>(api::KeysRequest::parse(raw, "/foo", kNow));
        QCOMPARE(q.command.value, QStringLiteral("q"));
    }
};

QTEST_APPLESS_MAIN(TestKeysRequest)
#include "tst_keysrequest.moc"
