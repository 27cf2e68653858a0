// Real qetcd processes on loopback: watchers connected to a follower that falls so far
// behind (SIGSTOP) that it must install a snapshot never jump silently over the
// installed range (issue 13): a recursive stream watch delivers every write's index in
// order or ends with 401 "event index cleared", and a long-poll watch on a key written
// while the follower was stopped answers with that write or 401.
#include "DaemonProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace {

const QStringList kFastTimers{QStringLiteral("--heartbeat-interval"), QStringLiteral("50"),
                              QStringLiteral("--election-timeout"), QStringLiteral("500")};

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

    QNetworkAccessManager nam;

    QJsonObject getJson(const QUrl &base, const QString &path, int timeoutMs = 2000)
    {
        QNetworkRequest req(QUrl(base.toString() + path));
        req.setTransferTimeout(timeoutMs);
        std::unique_ptr<QNetworkReply> reply(nam.get(req));
        (void)QTest::qWaitFor([&] { return reply->isFinished(); }, timeoutMs + 1000);
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    // PUT that retries while the cluster is electing; the new modifiedIndex, or 0.
    quint64 put(const QUrl &base, const QString &key, const QString &value)
    {
        for (int attempt = 0; attempt < 20; ++attempt) {
            QNetworkRequest req(QUrl(base.toString() + QStringLiteral("/v2/keys") + key));
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
            req.setTransferTimeout(10000);
            std::unique_ptr<QNetworkReply> reply(
                nam.put(req, "value=" + QUrl::toPercentEncoding(value)));
            (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 11000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
            if (status == 200 || status == 201)
                return quint64(o.value(QLatin1String("node"))
                                   .toObject()
                                   .value(QLatin1String("modifiedIndex"))
                                   .toDouble());
            QTest::qWait(200);
        }
        return 0;
    }

    // The leader's member id once every running member agrees on one, or 0.
    quint64 waitForLeader(const std::vector<std::unique_ptr<DaemonProcess>> &members)
    {
        quint64 agreed = 0;
        (void)QTest::qWaitFor(
            [&] {
                QSet<QString> leaders;
                for (const auto &d : members) {
                    leaders.insert(getJson(d->clientUrl(), QStringLiteral("/v2/stats/self"))
                                       .value(QLatin1String("leaderInfo"))
                                       .toObject()
                                       .value(QLatin1String("leader"))
                                       .toString());
                }
                if (leaders.size() != 1 || leaders.values().first().isEmpty())
                    return false;
                agreed = leaders.values().first().toULongLong(nullptr, 16);
                return true;
            },
            15000);
        return agreed;
    }

    static quint64 idOf(TestWatchSnapshot *t, DaemonProcess &d)
    {
        return t->getJson(d.clientUrl(), QStringLiteral("/v2/stats/self"))
            .value(QLatin1String("id"))
            .toString()
            .toULongLong(nullptr, 16);
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
        std::vector<std::unique_ptr<DaemonProcess>> members;
        QStringList initial;
        for (const char *name : {"a", "b", "c"}) {
            auto d = std::make_unique<DaemonProcess>(QString::fromLatin1(name));
            d->setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
            initial << d->name() + QLatin1Char('=') + d->peerUrl();
            members.push_back(std::move(d));
        }
        for (auto &d : members) {
            d->setInitialCluster(initial.join(QLatin1Char(',')));
            d->setExtraArguments(kFastTimers +
                                 QStringList{QStringLiteral("--snapshot-count"), "20"});
            QVERIFY2(d->start(), d->output().constData());
        }
        const quint64 leaderId = waitForLeader(members);
        QVERIFY(leaderId != 0);
        DaemonProcess *leader = nullptr;
        DaemonProcess *follower = nullptr;
        for (auto &d : members)
            (idOf(this, *d) == leaderId ? leader : follower) = d.get();
        QVERIFY(leader && follower);
        const quint64 first = put(leader->clientUrl(), QStringLiteral("/w/first"), "0");
        QVERIFY(first != 0);
        QTRY_COMPARE_WITH_TIMEOUT(getJson(follower->clientUrl(), QStringLiteral("/v2/keys/w/first"))
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
        std::unique_ptr<QNetworkReply> stream(nam.get(streamReq));
        QNetworkRequest pollReq(
            QUrl(follower->clientUrl().toString() + "/v2/keys/w/k150?wait=true&waitIndex=" + from));
        std::unique_ptr<QNetworkReply> poll(nam.get(pollReq));
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
