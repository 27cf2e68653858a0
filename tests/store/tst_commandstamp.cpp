// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Command's clock stamps (issue 13): the relative TTL a command carries is expirationNs -
// timeNs, so the leader can restamp a write with its own clock and keep the TTL; entries in
// the version-1 format written before this (WALs, snapshots, peers running older builds)
// decode unchanged and carry their TTL the same way; absurd stamps saturate.
#include "StoreTestUtil.h"
#include "store/Command.h"

#include <QtTest>

#include <limits>

using namespace st;

Q_DECLARE_METATYPE(store::Command)

namespace {
constexpr qint64 kMax = std::numeric_limits<qint64>::max();
const QString A = QStringLiteral("/a");
} // namespace

class tst_CommandStamp : public QObject
{
    Q_OBJECT

private slots:
    void versionOneBytesDecodeUnchanged();
    void restampKeepsTheTtl_data();
    void restampKeepsTheTtl();
    void restampLeavesPermanentNodesPermanent();
    void stampsFromTheWireSaturate();
    void expiryAfterSaturates();
};

void tst_CommandStamp::versionOneBytesDecodeUnchanged()
{
    // set /a=v, ttl 5 s, stamped at T0 by the member that took it, as version 1 wrote it:
    // version, op Set, flags, "/a", "v", null prevValue, prevIndex, expirationNs, timeNs.
    const QByteArray v1 = QByteArray::fromHex("01"
                                              "01"
                                              "00"
                                              "02000000"
                                              "2f61"
                                              "01000000"
                                              "76"
                                              "ffffffff"
                                              "0000000000000000"
                                              "00f22f60ff9c9717"   // T0 + 5 s
                                              "00002a36fe9c9717"); // T0
    const std::optional<store::Command> c = store::Command::decode(v1);
    QVERIFY(c);
    QCOMPARE(*c, set(A, QStringLiteral("v"), T0 + 5 * kSec));
    QCOMPARE(c->ttlNs(), std::optional<qint64>(5 * kSec));
    QCOMPARE(c->encode(), v1); // the format itself is unchanged

    store::Command stamped = *c;
    stamped.restamp(T0 + 30 * kSec);
    QCOMPARE(stamped.timeNs, T0 + 30 * kSec);
    QCOMPARE(stamped.expirationNs, T0 + 35 * kSec);
}

void tst_CommandStamp::restampKeepsTheTtl_data()
{
    QTest::addColumn<store::Command>("command");
    QTest::addColumn<qint64>("ttlNs");
    // The member that took the write was 30 s ahead, or behind, of the leader.
    QTest::newRow("set, proposer ahead")
        << set(A, "v", T0 + 30 * kSec + 5 * kSec, T0 + 30 * kSec) << 5 * kSec;
    QTest::newRow("set, proposer behind")
        << set(A, "v", T0 - 30 * kSec + 5 * kSec, T0 - 30 * kSec) << 5 * kSec;
    QTest::newRow("ttl 0") << set(A, "v", T0, T0) << qint64(0);
    store::Command refresh = set(A, "", T0 + 60 * kSec);
    refresh.op = store::Command::Op::Update;
    refresh.refresh = true;
    QTest::newRow("refresh") << refresh << 60 * kSec;
}

void tst_CommandStamp::restampKeepsTheTtl()
{
    QFETCH(store::Command, command);
    QFETCH(qint64, ttlNs);
    QCOMPARE(command.ttlNs(), std::optional<qint64>(ttlNs));
    const qint64 leaderNow = T0 + 123456789;
    store::Command stamped = command;
    stamped.restamp(leaderNow);
    QCOMPARE(stamped.timeNs, leaderNow);
    QCOMPARE(stamped.expirationNs, leaderNow + ttlNs);
    QCOMPARE(stamped.ttlNs(), std::optional<qint64>(ttlNs));
    // Nothing else changes.
    stamped.timeNs = command.timeNs;
    stamped.expirationNs = command.expirationNs;
    QCOMPARE(stamped, command);
}

void tst_CommandStamp::restampLeavesPermanentNodesPermanent()
{
    store::Command permanent = set(A, "v", 0, T0 - 30 * kSec);
    QCOMPARE(permanent.ttlNs(), std::nullopt);
    permanent.restamp(T0);
    QCOMPARE(permanent.expirationNs, qint64(0));
    QCOMPARE(permanent.timeNs, T0);

    store::Command expire = cmd(store::Command::Op::Expire, QString(), T0 - 30 * kSec);
    expire.restamp(T0);
    QCOMPARE(expire.timeNs, T0);
    QCOMPARE(expire.expirationNs, qint64(0));
}

void tst_CommandStamp::stampsFromTheWireSaturate()
{
    // A TTL of centuries stays "never" after a later stamp instead of wrapping around.
    store::Command far = set(A, "v", kMax - 1, T0);
    far.restamp(T0 + 3600 * kSec);
    QCOMPARE(far.expirationNs, kMax);
    // An expiry before its own stamp is a TTL of 0, not a negative one.
    store::Command past = set(A, "v", T0 - kSec, T0);
    QCOMPARE(past.ttlNs(), std::optional<qint64>(0));
    past.restamp(T0 + kSec);
    QCOMPARE(past.expirationNs, T0 + kSec);
    // A difference beyond the range saturates.
    store::Command wide = set(A, "v", kMax - 1, -kMax);
    QCOMPARE(wide.ttlNs(), std::optional<qint64>(kMax));
    wide.restamp(T0);
    QCOMPARE(wide.expirationNs, kMax);
}

void tst_CommandStamp::expiryAfterSaturates()
{
    QCOMPARE(store::Command::expiryAfter(T0, 5), T0 + 5 * kSec);
    QCOMPARE(store::Command::expiryAfter(T0, 0), T0);
    QCOMPARE(store::Command::expiryAfter(T0, std::numeric_limits<quint64>::max()), kMax);
    QCOMPARE(store::Command::expiryAfter(T0, quint64(kMax / kSec)), kMax);
}

QTEST_APPLESS_MAIN(tst_CommandStamp)
#include "tst_commandstamp.moc"
