// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Real qetcd processes on loopback, one of them with a wall clock 30 s off (libfaketime,
// LD_PRELOAD): issue 13 saw keys written through such a follower expire 30 s early or late,
// because the member that took the write stamped the expiry with its own clock and the
// leader enforced it with another. Here the skewed member is a follower that takes every
// write: the expiry stamped in its answer must be the leader's clock (the test's own, as the
// leader is not skewed) plus the TTL, a read through it must count the remaining ttl on the
// leader's clock, all members must hold that same expiry, and each key's
// expire event must come no earlier than the TTL after the write and long before a 30 s skew
// could have delayed it. The leader must report the follower's clock offset in
// /v2/stats/leader and log etcd's warning about it; the skewed member exports its offset to
// the leader in /metrics.
#include "ClusterHttp.h"
#include "DaemonProcess.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTest>

namespace {

constexpr qint64 kTtlSeconds = 3;
constexpr int kKeys = 3;

using Reply = ClusterHttp::Reply;

qint64 testNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// RFC 3339 with nanoseconds, as etcd writes "expiration", to milliseconds since the epoch.
qint64 parseExpirationMs(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

} // namespace

class TestClockSkew : public QObject
{
    Q_OBJECT

    ClusterHttp client;

    // The clockOffset object the leader reports for `follower`, once it has one.
    QJsonObject waitForClockOffset(const DaemonProcess &leader, quint64 follower)
    {
        QJsonObject offset;
        (void)QTest::qWaitFor(
            [&] {
                offset = client.http("GET", leader.clientUrl(), QStringLiteral("/v2/stats/leader"))
                             .json()
                             .value(QLatin1String("followers"))
                             .toObject()
                             .value(QString::number(follower, 16))
                             .toObject()
                             .value(QLatin1String("clockOffset"))
                             .toObject();
                return offset.contains(QLatin1String("current"));
            },
            10000);
        return offset;
    }

    // The offset of `peer`'s clock that member `d` exports in /metrics, once measured.
    std::optional<double> metricsOffset(const DaemonProcess &d, quint64 peer)
    {
        const QByteArray metrics =
            client.http("GET", d.clientUrl(), QStringLiteral("/metrics")).body;
        const QRegularExpression line(
            QStringLiteral("^qetcd_network_peer_clock_offset_seconds\\{To=\"%1\"\\} (\\S+)$")
                .arg(QString::number(peer, 16)),
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch m = line.match(QString::fromUtf8(metrics));
        if (!m.hasMatch())
            return std::nullopt;
        return m.captured(1).toDouble();
    }

private Q_SLOTS:
    void ttlsFollowTheLeaderNotASkewedFollower_data();
    void ttlsFollowTheLeaderNotASkewedFollower();
};

void TestClockSkew::ttlsFollowTheLeaderNotASkewedFollower_data()
{
    QTest::addColumn<int>("skewSeconds");
    QTest::newRow("follower 30 s ahead") << 30;
    QTest::newRow("follower 30 s behind") << -30;
}

void TestClockSkew::ttlsFollowTheLeaderNotASkewedFollower()
{
    QFETCH(int, skewSeconds);
    const QString faketime = QStringLiteral(QETCD_TEST_FAKETIME_LIB);
    QVERIFY2(!faketime.isEmpty() && QFile::exists(faketime),
             "libfaketime not found: install the Debian package faketime");

    // a and b elect a leader between them before c, the skewed member, starts: c can only
    // follow (its log is behind theirs, so it cannot win an election either).
    ClusterHttp::Members members =
        ClusterHttp::newCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    DaemonProcess &skewed = *members[2];
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LD_PRELOAD"), faketime);
    env.insert(QStringLiteral("FAKETIME"), QString::asprintf("%+ds", skewSeconds));
    env.insert(QStringLiteral("FAKETIME_DONT_RESET"), QStringLiteral("1"));
    // Only the wall clock is wrong, as on a machine without time sync; the monotonic clock
    // (timers, round trips) is left alone.
    env.insert(QStringLiteral("DONT_FAKE_MONOTONIC"), QStringLiteral("1"));
    skewed.process().setProcessEnvironment(env);

    QVERIFY2(members[0]->start(), members[0]->output().constData());
    QVERIFY2(members[1]->start(), members[1]->output().constData());
    QVERIFY(client.waitForLeader(members) != 0); // c is not running yet
    QVERIFY2(skewed.start(), skewed.output().constData());
    const quint64 leaderId = client.waitForLeader(members);
    QVERIFY(leaderId != 0);
    const quint64 skewedId = client.idOf(skewed);
    QVERIFY(skewedId != 0);
    QVERIFY2(leaderId != skewedId, "the skewed member must be a follower");
    DaemonProcess *leader = nullptr;
    quint64 otherFollowerId = 0;
    for (auto &d : members) {
        const quint64 id = client.idOf(*d);
        if (id == leaderId)
            leader = d.get();
        else if (id != skewedId)
            otherFollowerId = id;
    }
    QVERIFY(leader && otherFollowerId);

    // The skew really is there: c's own clock, as it reports its start time.
    const qint64 skewedStartMs =
        parseExpirationMs(client.self(skewed).value(QLatin1String("startTime")).toString());
    QVERIFY2(qAbs(skewedStartMs - testNowMs() - skewSeconds * 1000) < 10000,
             "libfaketime did not skew the member's clock");

    // Writes through the skewed follower: stamped with the leader's clock.
    struct Written
    {
        QString key;
        quint64 index = 0;
        qint64 sentMs = 0;
        qint64 answeredMs = 0;
        QString expiration;
    };
    QList<Written> written;
    for (int i = 0; i < kKeys; ++i) {
        Written w;
        w.key = QStringLiteral("/skew/k%1").arg(i);
        Reply r;
        for (int attempt = 0; attempt < 20; ++attempt) {
            w.sentMs = testNowMs();
            r = client.http("PUT", skewed.clientUrl(), QStringLiteral("/v2/keys") + w.key,
                            "value=v&ttl=" + QByteArray::number(kTtlSeconds));
            w.answeredMs = testNowMs();
            if (r.status == 201)
                break;
            QTest::qWait(200); // pacing between retries during an election; asserts nothing
        }
        QVERIFY2(r.status == 201, r.body.constData());
        const QJsonObject node = r.json().value(QLatin1String("node")).toObject();
        w.index = quint64(node.value(QLatin1String("modifiedIndex")).toDouble());
        w.expiration = node.value(QLatin1String("expiration")).toString();
        const qint64 expiresMs = parseExpirationMs(w.expiration);
        // The leader stamped it between our send and its answer; a second covers the
        // milliseconds the formats drop. A stamp from the skewed clock is 30 s off.
        QVERIFY2(expiresMs >= w.sentMs + kTtlSeconds * 1000 - 1000 &&
                     expiresMs <= w.answeredMs + kTtlSeconds * 1000 + 1000,
                 qPrintable(QStringLiteral("%1 expires at %2, ttl=%3 written between %4 and %5")
                                .arg(w.key, w.expiration)
                                .arg(kTtlSeconds)
                                .arg(isoTime(w.sentMs), isoTime(w.answeredMs))));
        written.append(w);
    }

    // Reads through the skewed member count the remaining ttl on the leader's clock too,
    // once that member has measured it (a count on its own clock is off by 30 s).
    QVERIFY(QTest::qWaitFor([&] { return metricsOffset(skewed, leaderId).has_value(); }, 10000));
    for (const Written &w : std::as_const(written)) {
        const Reply r = client.http("GET", skewed.clientUrl(), QStringLiteral("/v2/keys") + w.key);
        if (r.status == 404)
            continue; // expired already on a slow machine: the watch below checks when
        QCOMPARE(r.status, 200);
        const int ttl =
            r.json().value(QLatin1String("node")).toObject().value(QLatin1String("ttl")).toInt(-99);
        QVERIFY2(
            ttl >= 0 && ttl <= kTtlSeconds,
            qPrintable(
                QStringLiteral("%1 read through the skewed member: ttl %2").arg(w.key).arg(ttl)));
    }

    // Every member applied the same stamp (linearizable reads, so followers have applied).
    for (const Written &w : std::as_const(written)) {
        for (auto &d : members) {
            const Reply r =
                client.http("GET", d->clientUrl(),
                            QStringLiteral("/v2/keys") + w.key + QStringLiteral("?quorum=true"));
            // A key may be gone already when the machine is slow; then it expired, which
            // the watch below checks.
            if (r.status == 404)
                continue;
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json()
                         .value(QLatin1String("node"))
                         .toObject()
                         .value(QLatin1String("expiration"))
                         .toString(),
                     w.expiration);
        }
    }

    // Each key's next event is its expiry: watched through the skewed member, it comes
    // no earlier than the TTL after the write (a stamp 30 s behind expires at once) and
    // well before 30 s past it (a stamp 30 s ahead expires that late).
    for (const Written &w : std::as_const(written)) {
        const qint64 deadlineMs = w.answeredMs + kTtlSeconds * 1000 + 15000;
        const Reply r = client.http(
            "GET", skewed.clientUrl(),
            QStringLiteral("/v2/keys%1?wait=true&waitIndex=%2").arg(w.key).arg(w.index + 1), {}, {},
            int(qMax<qint64>(1000, deadlineMs - testNowMs())));
        const qint64 eventMs = testNowMs();
        // The answer's headers come at once; the event only when the key expires.
        QVERIFY2(r.status == 200 &&
                     r.json().value(QLatin1String("action")).toString() == QLatin1String("expire"),
                 qPrintable(QStringLiteral("no expire event for %1 within 15 s of its TTL: %2 %3")
                                .arg(w.key)
                                .arg(r.status)
                                .arg(QString::fromUtf8(r.body))));
        qInfo("%s: expire event %lld ms after the write was sent (ttl %lld s)", qPrintable(w.key),
              eventMs - w.sentMs, kTtlSeconds);
        QVERIFY2(eventMs >= w.sentMs + kTtlSeconds * 1000 - 10,
                 qPrintable(QStringLiteral("%1 expired %2 ms after it was sent with ttl=%3")
                                .arg(w.key)
                                .arg(eventMs - w.sentMs)
                                .arg(kTtlSeconds)));
    }

    // The leader measures each follower's clock against its own.
    const QJsonObject skewedOffset = waitForClockOffset(*leader, skewedId);
    QVERIFY2(skewedOffset.contains(QLatin1String("current")),
             "no clockOffset for the skewed follower in /v2/stats/leader");
    const double measured = skewedOffset.value(QLatin1String("current")).toDouble();
    qInfo("leader's view of the skewed follower: %s",
          QJsonDocument(skewedOffset).toJson(QJsonDocument::Compact).constData());
    QVERIFY2(qAbs(measured - skewSeconds) < 1.0,
             qPrintable(QStringLiteral("offset %1 s, skew %2 s").arg(measured).arg(skewSeconds)));
    QVERIFY(skewedOffset.value(QLatin1String("maxError")).toDouble() >= 0);
    const QJsonObject otherOffset = waitForClockOffset(*leader, otherFollowerId);
    QVERIFY2(otherOffset.contains(QLatin1String("current")),
             "no clockOffset for the other follower in /v2/stats/leader");
    QVERIFY(qAbs(otherOffset.value(QLatin1String("current")).toDouble()) < 1.0);

    // ...and warns about the one beyond a second, as etcd does.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return leader->output().contains("the clock difference against peer " +
                                             QByteArray::number(skewedId, 16) + " is too high");
        },
        5000));

    // The skewed member sees the leader's clock off by the opposite amount (/metrics).
    const std::optional<double> toLeader = metricsOffset(skewed, leaderId);
    QVERIFY(toLeader);
    QVERIFY2(qAbs(*toLeader + skewSeconds) < 1.0, qPrintable(QString::number(*toLeader)));
}

QTEST_GUILESS_MAIN(TestClockSkew)
#include "tst_clockskew.moc"
