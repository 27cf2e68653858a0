// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Real qetcd processes on loopback: a follower that fell behind the leader's compacted log
// catches up through a snapshot several times larger than the peer message limit (lowered
// for the test with QETCD_PEER_MAX_MESSAGE_BYTES), which streams from the leader's snapshot
// file and through the follower's spool directory (issue 15). Before, such a snapshot was one
// peer message: refused by the follower's transport, forever, and the cluster silently kept
// one copy less.
#include "ClusterHttp.h"
#include "DaemonProcess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

class TestSnapshotStream : public QObject
{
    Q_OBJECT

    ClusterHttp client;
    static constexpr qsizetype kMessageLimit = 2 * 1024 * 1024;

    static QString valueFor(int i)
    {
        // 8000 bytes, different for every key, so a wrong or shifted image shows.
        return QString::number(i).rightJustified(8, u'0').repeated(1000);
    }

    // The member's own view of /big (no quorum: what it installed, not what the leader knows).
    QJsonArray localBig(const DaemonProcess &d)
    {
        const ClusterHttp::Reply r = client.http(
            "GET", d.clientUrl(), QStringLiteral("/v2/keys/big?recursive=true&sorted=true"));
        return r.json()
            .value(QLatin1String("node"))
            .toObject()
            .value(QLatin1String("nodes"))
            .toArray();
    }

private slots:
    void initTestCase()
    {
        // The members inherit it; the largest peer message is far below the store's image.
        qputenv("QETCD_PEER_MAX_MESSAGE_BYTES", QByteArray::number(kMessageLimit));
    }

    void laggingFollowerInstallsASnapshotLargerThanTheMessageLimit()
    {
        ClusterHttp::Members members =
            ClusterHttp::newCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                    {QStringLiteral("--snapshot-count"), QStringLiteral("300")});
        for (auto &d : members)
            QVERIFY2(d->start(), d->output().constData());
        const quint64 leaderId = client.waitForLeader(members);
        QVERIFY(leaderId != 0);
        DaemonProcess *leader = nullptr;
        DaemonProcess *lagging = nullptr;
        for (auto &d : members) {
            if (client.idOf(*d) == leaderId)
                leader = d.get();
            else if (!lagging)
                lagging = d.get();
        }
        QVERIFY(leader && lagging);

        lagging->kill();
        // 1000 keys of 8000 bytes: an image of about 8 MB, four times the message limit.
        // With --snapshot-count 300 the leader keeps only 150 entries behind its newest
        // snapshot, so the follower's gap can only be filled by a snapshot.
        const int keys = 1000;
        for (int i = 0; i < keys; ++i) {
            const ClusterHttp::Reply w =
                client.put(leader->clientUrl(), QStringLiteral("/big/k%1").arg(i), valueFor(i));
            QVERIFY2(w.status == 201, w.body.constData());
        }

        QVERIFY2(lagging->start(), lagging->output().constData());
        QTRY_VERIFY_WITH_TIMEOUT(localBig(*lagging).size() == keys, 60000);

        // It came as one snapshot, bigger than any peer message may be.
        static const QRegularExpression received(
            QStringLiteral("received the snapshot at index (\\d+) \\((\\d+) bytes of data\\)"));
        const QRegularExpressionMatch m = received.match(QString::fromUtf8(lagging->output()));
        QVERIFY2(m.hasMatch(), lagging->output().right(4000).constData());
        QVERIFY2(m.captured(2).toLongLong() > 3 * kMessageLimit, qPrintable(m.captured(0)));

        // And it is the leader's store, value for value.
        const QJsonArray mine = localBig(*lagging);
        const QJsonArray theirs = localBig(*leader);
        QCOMPARE(mine.size(), keys);
        QCOMPARE(theirs.size(), keys);
        for (qsizetype i = 0; i < mine.size(); ++i) {
            const QJsonObject a = mine.at(i).toObject();
            const QJsonObject b = theirs.at(i).toObject();
            QCOMPARE(a.value(QLatin1String("key")), b.value(QLatin1String("key")));
            QCOMPARE(a.value(QLatin1String("value")), b.value(QLatin1String("value")));
            QCOMPARE(a.value(QLatin1String("modifiedIndex")),
                     b.value(QLatin1String("modifiedIndex")));
        }
        for (qsizetype i = 0; i < mine.size(); ++i) {
            const QJsonObject node = mine.at(i).toObject();
            const int k = node.value(QLatin1String("key")).toString().mid(6).toInt();
            QCOMPARE(node.value(QLatin1String("value")).toString(), valueFor(k));
        }

        // The spool keeps nothing once the snapshot is in.
        const QDir spool(lagging->dataDir() + QStringLiteral("/member/snap/incoming"));
        QVERIFY(spool.entryList(QDir::Files).isEmpty());

        // The member still works as one of three after the install.
        const ClusterHttp::Reply after =
            client.put(lagging->clientUrl(), QStringLiteral("/after"), QStringLiteral("yes"));
        QVERIFY2(after.status == 201, after.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestSnapshotStream)
#include "tst_snapshotstream.moc"
