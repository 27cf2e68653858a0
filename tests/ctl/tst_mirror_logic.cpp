// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The pure part of `qetcdctl mirror` (ctl/Mirror.h): what each watch event
// writes to the destination, how a snapshot is brought onto an existing
// destination, how listings are compared, which writes must stay in order,
// and the --prefix rules.
#include "ctl/Mirror.h"

#include "client/Error.h"

#include <QJsonDocument>
#include <QTest>

using namespace ctl::mirror;

namespace {

client::Response parseEvent(const char *json)
{
    client::Response r;
    client::Error e;
    if (!client::Response::parse(QByteArray(json), &r, &e))
        qFatal("bad test event %s", json);
    return r;
}

Entry key(const char *k, const char *v, qint64 ttl = 0)
{
    return Entry{QString::fromUtf8(k), false, QString::fromUtf8(v), ttl};
}

Entry dir(const char *k, qint64 ttl = 0)
{
    return Entry{QString::fromUtf8(k), true, QString(), ttl};
}

Op put(const char *k, const char *v, qint64 ttl = 0)
{
    return Op{Op::Kind::Put, QString::fromUtf8(k), QString::fromUtf8(v), false, ttl};
}

Op putDir(const char *k, qint64 ttl = 0)
{
    return Op{Op::Kind::Put, QString::fromUtf8(k), QString(), true, ttl};
}

Op del(const char *k, bool isDir = false)
{
    return Op{Op::Kind::Delete, QString::fromUtf8(k), QString(), isDir, 0};
}

} // namespace

Q_DECLARE_METATYPE(ctl::mirror::Op)

class tst_MirrorLogic : public QObject
{
    Q_OBJECT
private slots:
    void eventOps_data();
    void eventOps();
    void flattenOrdersAndSkipsRoot();
    void syncOntoEmptyDestination();
    void syncDeletesStaleAndRewritesChanged();
    void differencesListEveryKind();
    void conflicts();
    void roots_data();
    void roots();
};

void tst_MirrorLogic::eventOps_data()
{
    QTest::addColumn<QString>("root");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("expected");
    QTest::addColumn<Op>("op");

    QTest::newRow("set") << "/" << QByteArray(R"({"action":"set","node":{"key":"/a","value":"1"}})")
                         << true << put("/a", "1");
    QTest::newRow("set with ttl")
        << "/"
        << QByteArray(
               R"({"action":"set","node":{"key":"/a","value":"1","ttl":7,"expiration":"2026-01-01T00:00:00Z"}})")
        << true << put("/a", "1", 7);
    QTest::newRow("expiring ttl 0 keeps a ttl")
        << "/"
        << QByteArray(
               R"({"action":"update","node":{"key":"/a","value":"1","ttl":0,"expiration":"2026-01-01T00:00:00Z"}})")
        << true << put("/a", "1", 1);
    QTest::newRow("create in-order keeps the name")
        << "/q"
        << QByteArray(
               R"({"action":"create","node":{"key":"/q/00000000000000000012","value":"job"}})")
        << true << put("/q/00000000000000000012", "job");
    QTest::newRow("compareAndSwap")
        << "/" << QByteArray(R"({"action":"compareAndSwap","node":{"key":"/a","value":"2"}})")
        << true << put("/a", "2");
    QTest::newRow("dir set") << "/"
                             << QByteArray(
                                    R"({"action":"set","node":{"key":"/d","dir":true,"ttl":30}})")
                             << true << putDir("/d", 30);
    QTest::newRow("dir update clears ttl")
        << "/" << QByteArray(R"({"action":"update","node":{"key":"/d","dir":true}})") << true
        << putDir("/d");
    QTest::newRow("delete key") << "/" << QByteArray(R"({"action":"delete","node":{"key":"/a"}})")
                                << true << del("/a");
    QTest::newRow("delete dir") << "/"
                                << QByteArray(
                                       R"({"action":"delete","node":{"key":"/d","dir":true}})")
                                << true << del("/d", true);
    QTest::newRow("compareAndDelete")
        << "/" << QByteArray(R"({"action":"compareAndDelete","node":{"key":"/a"}})") << true
        << del("/a");
    QTest::newRow("expire dir (from prevNode)")
        << "/"
        << QByteArray(
               R"({"action":"expire","node":{"key":"/d"},"prevNode":{"key":"/d","dir":true}})")
        << true << del("/d", true);
    QTest::newRow("ancestor deleted: only the root goes")
        << "/p/q" << QByteArray(R"({"action":"delete","node":{"key":"/p","dir":true}})") << true
        << del("/p/q", true);
    QTest::newRow("outside the root")
        << "/p" << QByteArray(R"({"action":"set","node":{"key":"/pq","value":"x"}})") << false
        << Op{};
    QTest::newRow("get is nothing")
        << "/" << QByteArray(R"({"action":"get","node":{"key":"/a"}})") << false << Op{};
}

void tst_MirrorLogic::eventOps()
{
    QFETCH(QString, root);
    QFETCH(QByteArray, json);
    QFETCH(bool, expected);
    QFETCH(Op, op);
    const std::optional<Op> got = opForEvent(parseEvent(json.constData()), root);
    QCOMPARE(got.has_value(), expected);
    if (expected) {
        QCOMPARE(int(got->kind), int(op.kind));
        QCOMPARE(got->key, op.key);
        QCOMPARE(got->value, op.value);
        QCOMPARE(got->dir, op.dir);
        QCOMPARE(got->ttl, op.ttl);
    }
}

void tst_MirrorLogic::flattenOrdersAndSkipsRoot()
{
    const client::Response r = parseEvent(
        R"({"action":"get","node":{"dir":true,"nodes":[
            {"key":"/b","value":"2"},
            {"key":"/a","dir":true,"ttl":5,"expiration":"x","nodes":[{"key":"/a/z","value":"z"},{"key":"/a/c","value":"c"}]}]}})");
    const QList<Entry> got = flatten(r.node);
    const QList<Entry> want{dir("/a", 5), key("/a/c", "c"), key("/a/z", "z"), key("/b", "2")};
    QCOMPARE(got, want);

    const client::Response sub = parseEvent(R"({"action":"get","node":{"key":"/p","dir":true}})");
    QCOMPARE(flatten(sub.node), QList<Entry>{dir("/p")});
}

void tst_MirrorLogic::syncOntoEmptyDestination()
{
    const QList<Entry> src{dir("/a"), key("/a/b", "1"), key("/c", "2", 9)};
    const QList<Op> want{putDir("/a"), put("/a/b", "1"), put("/c", "2", 9)};
    QCOMPARE(syncOps(src, {}), want);
}

void tst_MirrorLogic::syncDeletesStaleAndRewritesChanged()
{
    const QList<Entry> src{dir("/a"), key("/a/b", "1"), key("/same", "s"), key("/ttl", "t", 4),
                           key("/turned", "now a key")};
    const QList<Entry> dst{dir("/a"),           key("/a/b", "old"),   dir("/gone"),
                           key("/gone/x", "x"), key("/same", "s"),    key("/ttl", "t", 2),
                           dir("/turned"),      key("/turned/y", "y")};
    const QList<Op> want{del("/gone", true), del("/turned", true), put("/a/b", "1"),
                         put("/ttl", "t", 4), put("/turned", "now a key")};
    QCOMPARE(syncOps(src, dst), want);
    QVERIFY(syncOps(src, src.mid(0, 3) +
                             QList<Entry>{key("/ttl", "t", 3), key("/turned", "now a key")}) ==
            QList<Op>{put("/ttl", "t", 4)});
}

void tst_MirrorLogic::differencesListEveryKind()
{
    QVERIFY(
        differences({dir("/a"), key("/a/b", "1", 5)}, {dir("/a"), key("/a/b", "1", 3)}).isEmpty());
    const QStringList lines = differences(
        {dir("/a"), key("/b", "1"), key("/c", "x"), key("/d", "d", 5), key("/s", "s")},
        {key("/a", ""), key("/b", "2"), key("/d", "d"), key("/e", "e"), key("/s", "s")});
    const QStringList want{
        QStringLiteral("kind differs: /a (source: directory, destination: key)"),
        QStringLiteral("value differs: /b (source: \"1\", destination: \"2\")"),
        QStringLiteral("only in source: /c (key)"),
        QStringLiteral("TTL differs: /d (source: ttl, destination: no ttl)"),
        QStringLiteral("only in destination: /e (key)"),
    };
    QCOMPARE(lines, want);
}

void tst_MirrorLogic::conflicts()
{
    QVERIFY(ctl::mirror::conflicts("/a", "/a"));
    QVERIFY(ctl::mirror::conflicts("/a", "/a/b"));
    QVERIFY(ctl::mirror::conflicts("/a/b/c", "/a"));
    QVERIFY(ctl::mirror::conflicts("/", "/x"));
    QVERIFY(!ctl::mirror::conflicts("/a", "/ab"));
    QVERIFY(!ctl::mirror::conflicts("/a/b", "/a/c"));
}

void tst_MirrorLogic::roots_data()
{
    QTest::addColumn<QStringList>("prefixes");
    QTest::addColumn<QStringList>("roots"); // empty: refused
    QTest::newRow("default") << QStringList{} << QStringList{"/"};
    QTest::newRow("cleaned") << QStringList{"a/", "/b//c", "a"} << QStringList{"/a", "/b/c"};
    QTest::newRow("comma list") << QStringList{"/a,/b"} << QStringList{"/a", "/b"};
    QTest::newRow("hidden inside")
        << QStringList{"/", "/_locks", "/a/_x"} << QStringList{"/", "/_locks", "/a/_x"};
    QTest::newRow("visible inside") << QStringList{"/a", "/a/b"} << QStringList{};
    QTest::newRow("inside root") << QStringList{"/", "/a"} << QStringList{};
}

void tst_MirrorLogic::roots()
{
    QFETCH(QStringList, prefixes);
    QFETCH(QStringList, roots);
    QStringList got;
    QString error;
    const bool ok = normalizeRoots(prefixes, &got, &error);
    QCOMPARE(ok, !roots.isEmpty());
    if (ok)
        QCOMPARE(got, roots);
    else
        QVERIFY(error.contains(QLatin1String("lies inside")));
}

QTEST_APPLESS_MAIN(tst_MirrorLogic)
#include "tst_mirror_logic.moc"
