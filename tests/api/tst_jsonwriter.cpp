// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// JsonWriter must produce what Go's encoding/json produces for etcd, byte for byte.
#include "api/JsonWriter.h"
#include "api/StatsJson.h"
#include "store/EtcdError.h"
#include "store/Event.h"

#include <QTest>

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void strings_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("plain") << QStringLiteral("Hello world") << QByteArray("\"Hello world\"");
        QTest::newRow("quote and backslash")
            << QStringLiteral("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
        QTest::newRow("newline tab cr")
            << QStringLiteral("a\nb\tc\r") << QByteArray("\"a\\nb\\tc\\r\"");
        QTest::newRow("control") << QString(QChar(1)) << QByteArray("\"\\u0001\"");
        QTest::newRow("backspace like go 1.19") << QString(QChar(8)) << QByteArray("\"\\u0008\"");
        QTest::newRow("html escaped")
            << QStringLiteral("<a&b>") << QByteArray("\"\\u003ca\\u0026b\\u003e\"");
        QTest::newRow("line separator") << QString(QChar(0x2028)) << QByteArray("\"\\u2028\"");
        QTest::newRow("paragraph separator") << QString(QChar(0x2029)) << QByteArray("\"\\u2029\"");
        QTest::newRow("other E2 char kept")
            << QString(QChar(0x20AC)) << QByteArray("\"\xE2\x82\xAC\"");
        QTest::newRow("chinese") << QStringLiteral("你好")
                                 << QByteArray("\"\xE4\xBD\xA0\xE5\xA5\xBD\"");
        // Qt's toUtf8 writes '?' for a lone surrogate, so a QString always reaches
        // GoJson as valid UTF-8 (invalid bytes are covered in tests/go/tst_gojson).
        QTest::newRow("lone surrogate") << QString(QChar(0xD800)) << QByteArray("\"?\"");
        QTest::newRow("seed file value")
            << QStringLiteral("Hello\\nWorld\n") << QByteArray("\"Hello\\\\nWorld\\n\"");
    }
    void strings()
    {
        QFETCH(QString, input);
        QFETCH(QByteArray, json);
        QByteArray out;
        api::JsonWriter::appendString(out, input);
        QCOMPARE(out, json);
    }

    void times_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("seed") << qint64(1454340618084936032LL)
                              << QByteArray("2016-02-01T15:30:18.084936032Z");
        QTest::newRow("trailing zeros trimmed")
            << qint64(1454340618500000000LL) << QByteArray("2016-02-01T15:30:18.5Z");
        QTest::newRow("whole second")
            << qint64(1454340618000000000LL) << QByteArray("2016-02-01T15:30:18Z");
    }
    void times()
    {
        QFETCH(qint64, ns);
        QFETCH(QByteArray, text);
        QCOMPARE(api::JsonWriter::rfc3339Nano(ns), text);
    }

    void seedEventShapes()
    {
        store::Event e;
        e.action = store::Action::Set;
        e.node.key = QStringLiteral("/message");
        e.node.value = QByteArrayLiteral("Hello world");
        e.node.modifiedIndex = 9;
        e.node.createdIndex = 9;
        store::NodeValue prev = e.node;
        prev.modifiedIndex = prev.createdIndex = 8;
        e.prevNode = prev;
        QCOMPARE(api::JsonWriter::event(e),
                 QByteArray(
                     "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"Hello world\","
                     "\"modifiedIndex\":9,\"createdIndex\":9},\"prevNode\":{\"key\":\"/message\","
                     "\"value\":\"Hello world\",\"modifiedIndex\":8,\"createdIndex\":8}}\n"));

        store::Event ttl;
        ttl.action = store::Action::Set;
        ttl.node.key = QStringLiteral("/foo");
        ttl.node.value = QByteArrayLiteral("bar");
        ttl.node.expirationNs = 1454340618084936032LL;
        ttl.node.ttl = 6;
        ttl.node.modifiedIndex = ttl.node.createdIndex = 21;
        QCOMPARE(
            api::JsonWriter::event(ttl),
            QByteArray(
                "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"bar\",\"expiration\":"
                "\"2016-02-01T15:30:18.084936032Z\",\"ttl\":6,\"modifiedIndex\":21,"
                "\"createdIndex\":21}}\n"));

        store::Event root;
        root.action = store::Action::Get;
        root.node.key = QStringLiteral("/");
        root.node.dir = true;
        store::NodeValue child;
        child.key = QStringLiteral("/testdir");
        child.dir = true;
        child.modifiedIndex = child.createdIndex = 98;
        root.node.nodes = {child};
        root.node.hasNodes = true;
        QCOMPARE(api::JsonWriter::event(root),
                 QByteArray(
                     "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/testdir\","
                     "\"dir\":true,\"modifiedIndex\":98,\"createdIndex\":98}]}}\n"));

        store::Event deleted;
        deleted.action = store::Action::Delete;
        deleted.node.key = QStringLiteral("/message");
        deleted.node.modifiedIndex = 18;
        deleted.node.createdIndex = 17;
        QCOMPARE(
            api::JsonWriter::event(deleted),
            QByteArray("{\"action\":\"delete\",\"node\":{\"key\":\"/message\",\"modifiedIndex\":18,"
                       "\"createdIndex\":17}}\n"));
        QCOMPARE(api::JsonWriter::event(deleted, false), QByteArray("{\"action\":\"delete\"}\n"));
    }

    void errors()
    {
        const store::EtcdError e =
            store::EtcdError::make(store::ErrorCode::KeyNotFound, QStringLiteral("/foo"), 22);
        QCOMPARE(api::JsonWriter::error(e),
                 QByteArray("{\"errorCode\":100,\"message\":\"Key not "
                            "found\",\"cause\":\"/foo\",\"index\":22}\n"));
        const store::EtcdError noCause =
            store::EtcdError::make(store::ErrorCode::RaftInternal, QString(), 3);
        QCOMPARE(
            api::JsonWriter::error(noCause),
            QByteArray("{\"errorCode\":300,\"message\":\"Raft Internal Error\",\"index\":3}\n"));
    }

    void leaderStatsWithClockOffsets()
    {
        // etcd's fields first; clockOffset (not in etcd) only once measured.
        api::LeaderStats stats;
        stats.leaderId = 0xa;
        api::FollowerStats measured;
        measured.id = 0xb;
        measured.currentMs = 0.5;
        measured.success = 3;
        measured.clockOffset = api::ClockOffsetStats{-30.25, 0.0005};
        api::FollowerStats unmeasured;
        unmeasured.id = 0xc;
        stats.followers = {measured, unmeasured};
        QCOMPARE(api::StatsJson::leader(stats),
                 QByteArray("{\"leader\":\"a\",\"followers\":{"
                            "\"b\":{\"latency\":{\"current\":0.5,\"average\":0,"
                            "\"standardDeviation\":0,\"minimum\":0,\"maximum\":0},"
                            "\"counts\":{\"fail\":0,\"success\":3},"
                            "\"clockOffset\":{\"current\":-30.25,\"maxError\":0.0005}},"
                            "\"c\":{\"latency\":{\"current\":0,\"average\":0,"
                            "\"standardDeviation\":0,\"minimum\":0,\"maximum\":0},"
                            "\"counts\":{\"fail\":0,\"success\":0}}}}"));
    }

    void goDurations_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("zero") << qint64(0) << QByteArray("0s");
        QTest::newRow("ns") << qint64(999) << QByteArray("999ns");
        QTest::newRow("ms") << qint64(1500000) << QByteArray("1.5ms");
        QTest::newRow("seed uptime") << qint64(25825176555750LL) << QByteArray("7h10m25.17655575s");
        QTest::newRow("minutes") << qint64(61000000000LL) << QByteArray("1m1s");
    }
    void goDurations()
    {
        QFETCH(qint64, ns);
        QFETCH(QByteArray, text);
        QCOMPARE(api::StatsJson::goDuration(ns), text);
    }
};

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
