// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Real qetcd processes on loopback: watchers connected to a follower that falls so far
// behind (SIGSTOP) that it must install a snapshot never jump silently over the
// installed range (issue 13): a recursive stream watch delivers every write's index in
// order or ends with 401 "event index cleared", and a long-poll watch on a key written
// while the follower was stopped answers with that write or 401.
#include "ClusterHttp.h"
#include "DaemonProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace {

// Resumes a SIGSTOPped member however the test ends, so it can be killed and reaped.
struct Resume
{
    qint64 pid = 0;
    ~Resume()
    {
        if (pid > 0)
            ::kill(pid_t(pid), SIGCONT);
    }
};

} // namespace

class TestWatchSnapshot : public QObject
{
    Q_OBJECT

    ClusterHttp client;

    // The new modifiedIndex of a PUT (retried while the cluster is electing), or 0.
    quint64 put(const QUrl &base, const QString &key, const QString &value)
    {
        const ClusterHttp::Reply r = client.put(base, key, value);
        return r.status == 200 || r.status == 201 ? modifiedIndex(r.json()) : 0;
    }

    // Every complete line of a watch body parsed as JSON.
    static QList<QJsonObject> lines(const QByteArray &body)
    {
        QList<QJsonObject> out;
        const QList<QByteArray> parts = body.split('\n');
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) // the last part is unfinished
            if (!parts.at(i).trimmed().isEmpty())
                out << QJsonDocument::fromJson(parts.at(i)).object();
        return out;
    }

    static bool isCleared(const QJsonObject &o)
    {
        return o.value(QLatin1String("errorCode")).toInt() == 401 &&
               o.value(QLatin1String("message")).toString() ==
                   QLatin1String("The event in requested index is outdated and cleared");
    }

    static quint64 modifiedIndex(const QJsonObject &event)
    {
        return quint64(event.value(QLatin1String("node"))
                           .toObject()
                           .value(QLatin1String("modifiedIndex"))
                           .toDouble());
    }

private Q_SLOTS:
    void watchersAcrossSnapshotInstallGetEveryEventOr401_data()
    {
        QTest::addColumn<int>("writes");
        QTest::addColumn<bool>("mustClear");
        // 200 missed events: the installed history (1000 events) still holds them.
        QTest::newRow("history reaches back") << 200 << false;
        // 1100: it does not, so both watches must end with 401 (the error path end to end).
        QTest::newRow("history cleared") << 1100 << true;
    }

    void watchersAcrossSnapshotInstallGetEveryEventOr401()
    {
        QFETCH(int, writes);
        QFETCH(bool, mustClear);
        ClusterHttp::Members members =
            ClusterHttp::newCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                    {QStringLiteral("--snapshot-count"), "20"});
        for (auto &d : members)
            QVERIFY2(d->start(), d->output().constData());
        const quint64 leaderId = client.waitForLeader(members);
        QVERIFY(leaderId != 0);
        DaemonProcess *leader = nullptr;
        DaemonProcess *follower = nullptr;
        for (auto &d : members)
            (client.idOf(*d) == leaderId ? leader : follower) = d.get();
        QVERIFY(leader && follower);
        const quint64 first = put(leader->clientUrl(), QStringLiteral("/w/first"), "0");
        QVERIFY(first != 0);
        QTRY_COMPARE_WITH_TIMEOUT(client
                                      .http("GET", follower->clientUrl(),
                                            QStringLiteral("/v2/keys/w/first"), {}, {}, 2000)
                                      .json()
                                      .value(QLatin1String("node"))
                                      .toObject()
                                      .value(QLatin1String("value"))
                                      .toString(),
                                  QStringLiteral("0"), 10000);

        // Both watches wait on the follower from the index after the first write.
        const QString from = QString::number(first + 1);
        QNetworkRequest streamReq(
            QUrl(follower->clientUrl().toString() +
                 "/v2/keys/w?wait=true&recursive=true&stream=true&waitIndex=" + from));
        std::unique_ptr<QNetworkReply> stream(client.nam().get(streamReq));
        QNetworkRequest pollReq(
            QUrl(follower->clientUrl().toString() + "/v2/keys/w/k150?wait=true&waitIndex=" + from));
        std::unique_ptr<QNetworkReply> poll(client.nam().get(pollReq));
        QByteArray streamBody;
        connect(stream.get(), &QNetworkReply::readyRead, this,
                [&] { streamBody += stream->readAll(); });
        // The head goes out once the watch is registered.
        QTRY_COMPARE_WITH_TIMEOUT(
            stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(poll->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                                  200, 10000);

        Resume resume{follower->process().processId()};
        QCOMPARE(::kill(pid_t(resume.pid), SIGSTOP), 0);
        QList<quint64> written;
        for (int i = 0; i < writes; ++i) {
            const quint64 index =
                put(leader->clientUrl(), QStringLiteral("/w/k%1").arg(i), QString::number(i));
            QVERIFY(index != 0);
            written << index;
        }
        QCOMPARE(::kill(pid_t(resume.pid), SIGCONT), 0);
        resume.pid = 0;

        // The follower is hundreds of entries behind a log compacted every 20: it installs a
        // snapshot, then hears one more write live.
        QTRY_VERIFY2_WITH_TIMEOUT(follower->output().contains("installed snapshot at index"),
                                  follower->output().right(2000).constData(), 30000);
        const quint64 last = put(leader->clientUrl(), QStringLiteral("/w/last"), "last");
        QVERIFY(last != 0);
        written << last;
        auto ended = [&] {
            const QList<QJsonObject> got = lines(streamBody);
            return !got.isEmpty() &&
                   (isCleared(got.last()) || modifiedIndex(got.last()) == written.last());
        };
        QTRY_VERIFY2_WITH_TIMEOUT(ended(), streamBody.right(2000).constData(), 30000);

        // The stream: every write in order with no gap, or a gapless prefix then 401.
        const QList<QJsonObject> got = lines(streamBody);
        const bool cleared = isCleared(got.last());
        QVERIFY2(cleared || !mustClear, streamBody.right(2000).constData());
        const qsizetype events = got.size() - (cleared ? 1 : 0);
        QVERIFY2(cleared || events == written.size(), streamBody.right(2000).constData());
        for (qsizetype i = 0; i < events; ++i)
            QCOMPARE(modifiedIndex(got.at(i)), written.at(i));
        if (cleared)
            QTRY_VERIFY_WITH_TIMEOUT(stream->isFinished(), 10000);
        qInfo("stream watch: %lld events%s", qlonglong(events), cleared ? " then 401" : "");

        // The long poll: the write of /w/k150 (made while the follower was stopped) or 401.
        QTRY_VERIFY_WITH_TIMEOUT(poll->isFinished(), 30000);
        const QList<QJsonObject> answer = lines(poll->readAll());
        QCOMPARE(answer.size(), 1);
        QVERIFY(isCleared(answer.first()) || !mustClear);
        if (!isCleared(answer.first())) {
            QCOMPARE(answer.first()
                         .value(QLatin1String("node"))
                         .toObject()
                         .value(QLatin1String("key"))
                         .toString(),
                     QStringLiteral("/w/k150"));
            QCOMPARE(modifiedIndex(answer.first()), written.at(150));
        }
    }
};

QTEST_GUILESS_MAIN(TestWatchSnapshot)
#include "tst_watchsnapshot.moc"
