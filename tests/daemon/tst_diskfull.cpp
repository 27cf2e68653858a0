// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// A real member whose data directory is on a small tmpfs (SmallFilesystem, a private mount
// namespace that the qetcd child process inherits) that the test fills up: writes are answered
// at once with etcd's error 300 and the cause "no space left on device", reads and a watch go
// on, the process keeps running, the log says "No space left on device" (never Qt's "Unknown
// error"), writes succeed again by themselves once the filler is deleted, and after a restart
// every acknowledged write is there and the WAL opens cleanly. In a three-member cluster
// (each member on its own small tmpfs), a leader whose disk fills is replaced and a follower
// whose disk fills stops acknowledging; the cluster goes on taking writes, and the full member
// catches up by itself once space is freed.
#include "DaemonProcess.h"
#include "SmallFilesystem.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

namespace {

struct Answer
{
    int status = 0;
    QJsonObject body;
};

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void writesFailCleanlyAndResumeWhenSpaceReturns();
    void clusterGoesOnWhileAMemberIsFull();

private:
    Answer request(const QByteArray &method, const QString &path, const QByteArray &form = {})
    {
        return request(*m_member, method, path, form);
    }
    Answer request(const DaemonProcess &member, const QByteArray &method, const QString &path,
                   const QByteArray &form = {})
    {
        QNetworkRequest req(QUrl(member.clientUrl().toString() + path));
        if (!form.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(req, method, form));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 15000))
            return {};
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                QJsonDocument::fromJson(reply->readAll()).object()};
    }
    Answer put(const QString &key, const QByteArray &value)
    {
        return request("PUT", QStringLiteral("/v2/keys/") + key, "value=" + value);
    }
    QString valueOf(const QString &key)
    {
        const Answer a = request("GET", QStringLiteral("/v2/keys/") + key);
        return a.status == 200 ? a.body.value("node").toObject().value("value").toString()
                               : QStringLiteral("<status %1>").arg(a.status);
    }

    QNetworkAccessManager m_nam;
    std::unique_ptr<DaemonProcess> m_member;
};

void TestDiskFull::writesFailCleanlyAndResumeWhenSpaceReturns()
{
    if (!SmallFilesystem::canMount())
        QSKIP("mounting a small tmpfs needs root (CAP_SYS_ADMIN)");
    SmallFilesystem fs;
    QString error;
    QVERIFY2(fs.mount(8 * 1024 * 1024, &error), qPrintable(error));
    m_member = std::make_unique<DaemonProcess>(QStringLiteral("diskfull"));
    m_member->setDataDir(fs.path() + QStringLiteral("/diskfull.etcd"));
    QVERIFY2(m_member->start(), m_member->output().constData());

    QMap<QString, QString> acknowledged;
    for (int i = 0; i < 3; ++i) {
        const QString key = QStringLiteral("before%1").arg(i);
        QCOMPARE(put(key, "v" + QByteArray::number(i)).status, 201);
        acknowledged.insert(key, QStringLiteral("v%1").arg(i));
    }
    // A watch waiting since before the disk filled.
    QNetworkRequest watchReq(
        QUrl(m_member->clientUrl().toString() + QStringLiteral("/v2/keys/watched?wait=true")));
    std::unique_ptr<QNetworkReply> watch(m_nam.get(watchReq));

    QVERIFY2(fs.fill(&error), qPrintable(error));
    // Larger than a page, so that it cannot fit in what is left of the WAL's last page.
    const QByteArray big(16 * 1024, 'b');
    const Answer first = put(QStringLiteral("during"), big);
    QCOMPARE(first.status, 500);
    QCOMPARE(first.body.value("errorCode").toInt(), 300);
    QCOMPARE(first.body.value("message").toString(), QStringLiteral("Raft Internal Error"));
    QCOMPARE(first.body.value("cause").toString(), QStringLiteral("no space left on device"));
    // Refused at once while the disk stays full; the member does not exit.
    const Answer second = put(QStringLiteral("during2"), "small");
    QCOMPARE(second.status, 500);
    QCOMPARE(second.body.value("cause").toString(), QStringLiteral("no space left on device"));
    QVERIFY(m_member->isRunning());
    // Reads go on.
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
        QCOMPARE(valueOf(it.key()), it.value());
    QVERIFY(!watch->isFinished());
    QCoreApplication::processEvents();
    const QString log = QString::fromUtf8(m_member->output());
    QVERIFY2(log.contains(QStringLiteral("No space left on device")), qPrintable(log));
    QVERIFY2(!log.contains(QStringLiteral("Unknown error")), qPrintable(log));

    // Space comes back: writes succeed again without a restart (the writer retries by itself;
    // a write that arrives before its next attempt is still refused).
    fs.unfill();
    Answer after;
    QVERIFY(QTest::qWaitFor(
        [&] {
            after = put(QStringLiteral("watched"), "after");
            return after.status != 500;
        },
        15000));
    QCOMPARE(after.status, 201);
    acknowledged.insert(QStringLiteral("watched"), QStringLiteral("after"));
    QVERIFY(m_member->isRunning());
    // The watch that waited through it all sees the write.
    QTRY_VERIFY(watch->isFinished());
    const QJsonObject event = QJsonDocument::fromJson(watch->readAll()).object();
    QCOMPARE(event.value("action").toString(), QStringLiteral("set"));
    QCOMPARE(event.value("node").toObject().value("value").toString(), QStringLiteral("after"));
    for (int i = 0; i < 3; ++i) {
        const QString key = QStringLiteral("later%1").arg(i);
        QCOMPARE(put(key, "l" + QByteArray::number(i)).status, 201);
        acknowledged.insert(key, QStringLiteral("l%1").arg(i));
    }

    // A restart reads the WAL cleanly (no torn or corrupt record) and has every acknowledged
    // write.
    m_member->terminate();
    QCOMPARE(m_member->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_member->process().exitCode(), 0);
    QVERIFY2(m_member->start(), m_member->output().constData());
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
        QCOMPARE(valueOf(it.key()), it.value());
    const QString restartLog = QString::fromUtf8(m_member->output());
    QVERIFY2(!restartLog.contains(QStringLiteral("torn")), qPrintable(restartLog));
    m_member->terminate();
}

void TestDiskFull::clusterGoesOnWhileAMemberIsFull()
{
    if (!SmallFilesystem::canMount())
        QSKIP("mounting a small tmpfs needs root (CAP_SYS_ADMIN)");
    constexpr int kMembers = 3;
    std::vector<std::unique_ptr<SmallFilesystem>> disks;
    std::vector<std::unique_ptr<DaemonProcess>> members;
    QStringList initial;
    for (int i = 0; i < kMembers; ++i) {
        auto fs = std::make_unique<SmallFilesystem>();
        QString error;
        QVERIFY2(fs->mount(8 * 1024 * 1024, &error), qPrintable(error));
        auto m = std::make_unique<DaemonProcess>(QStringLiteral("m%1").arg(i));
        m->setDataDir(fs->path() + QStringLiteral("/m.etcd"));
        m->setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
        initial << m->name() + u'=' + m->peerUrl();
        disks.push_back(std::move(fs));
        members.push_back(std::move(m));
    }
    for (auto &m : members) {
        m->setInitialCluster(initial.join(u','));
        m->setExtraArguments({"--heartbeat-interval", "50", "--election-timeout", "500"});
        QVERIFY2(m->start(), m->output().constData());
    }
    // The member that calls itself leader and is healthy, -1 if none (yet).
    auto leader = [&]() {
        for (int i = 0; i < kMembers; ++i) {
            const Answer self = request(*members[i], "GET", "/v2/stats/self");
            if (self.body.value("state").toString() == QLatin1String("StateLeader") &&
                request(*members[i], "GET", "/health").status == 200)
                return i;
        }
        return -1;
    };
    auto healthy = [&](int i) { return request(*members[i], "GET", "/health").status == 200; };
    int lead = -1;
    QVERIFY(QTest::qWaitFor([&] { return (lead = leader()) >= 0; }, 15000));

    // Values larger than a page: every member must append a new page to persist one.
    QMap<QString, QByteArray> acknowledged;
    int counter = 0;
    auto write = [&](int via) {
        const QString key = QStringLiteral("k%1").arg(counter++);
        const QByteArray value = QByteArray(16 * 1024, 'a' + char(counter % 26));
        const Answer a = request(*members[via], "PUT", "/v2/keys/" + key, "value=" + value);
        if (a.status == 201)
            acknowledged.insert(key, value);
        return a;
    };
    auto hasAll = [&](int i) {
        for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
            const Answer a = request(*members[i], "GET", "/v2/keys/" + it.key());
            if (a.body.value("node").toObject().value("value").toString().toUtf8() != it.value())
                return false;
        }
        return true;
    };
    QCOMPARE(write(lead).status, 201);

    // The leader's disk fills: it can persist nothing, stops sending heartbeats, and another
    // member is elected; writes through the others succeed again.
    const int fullLeader = lead;
    const int other = (fullLeader + 1) % kMembers;
    QString error;
    QVERIFY2(disks[fullLeader]->fill(&error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&] { return write(other).status == 201; }, 30000));
    QVERIFY(QTest::qWaitFor([&] { return (lead = leader()) >= 0 && lead != fullLeader; }, 15000));
    QVERIFY(!healthy(fullLeader));
    const Answer refused = write(fullLeader);
    QCOMPARE(refused.status, 500);
    QCOMPARE(refused.body.value("cause").toString(), QStringLiteral("no space left on device"));
    QVERIFY(members[fullLeader]->isRunning());
    for (int n = 0; n < 3; ++n)
        QCOMPARE(write(lead).status, 201);
    disks[fullLeader]->unfill();
    QVERIFY(QTest::qWaitFor([&] { return healthy(fullLeader) && hasAll(fullLeader); }, 30000));
    QCOMPARE(write(fullLeader).status, 201);

    // A follower's disk fills: the other two go on committing; it catches up afterwards.
    QVERIFY(QTest::qWaitFor([&] { return (lead = leader()) >= 0; }, 15000));
    const int fullFollower = (lead + 1) % kMembers;
    QVERIFY2(disks[fullFollower]->fill(&error), qPrintable(error));
    for (int n = 0; n < 3; ++n)
        QCOMPARE(write(lead).status, 201);
    QVERIFY(QTest::qWaitFor([&] { return !healthy(fullFollower); }, 15000));
    QCOMPARE(write(fullFollower).body.value("cause").toString(),
             QStringLiteral("no space left on device"));
    QCOMPARE(request(*members[fullFollower], "GET", "/v2/keys/k0").status, 200); // reads go on
    QVERIFY(members[fullFollower]->isRunning());
    disks[fullFollower]->unfill();
    QVERIFY(QTest::qWaitFor([&] { return healthy(fullFollower) && hasAll(fullFollower); }, 30000));
    QCOMPARE(write(fullFollower).status, 201);
    for (int i = 0; i < kMembers; ++i)
        QVERIFY2(hasAll(i), qPrintable(members[i]->name()));
    for (auto &m : members)
        m->terminate();
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
