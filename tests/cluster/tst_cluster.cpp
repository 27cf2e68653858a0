// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Real qetcd processes on loopback: a 3-member cluster elects a leader,
// serves writes from any member and linearizable reads on all, survives
// SIGKILL of its leader, lets a killed member catch up from its data dir (by
// log, and by snapshot after compaction), takes members in and out at
// runtime; a single member killed in the middle of writes keeps every
// acknowledged write.
#include "ClusterHttp.h"
#include "DaemonProcess.h"
#include "RawHttpClient.h"
#include "TestCertificates.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

#include <signal.h>

namespace {

using Reply = ClusterHttp::Reply;

} // namespace

class TestCluster : public QObject
{
    Q_OBJECT

    ClusterHttp client;

    // Starts `names.size()` members forming one new cluster.
    ClusterHttp::Members startCluster(const QStringList &names, const QStringList &extra = {},
                                      const QString &peerScheme = QStringLiteral("http"))
    {
        ClusterHttp::Members members = ClusterHttp::newCluster(names, extra, peerScheme);
        for (auto &d : members) {
            if (!d->start())
                qWarning().noquote() << d->output();
        }
        return members;
    }

    // The last lines each member logged: what a failed wait for a leader shows.
    static QByteArray logsOf(const ClusterHttp::Members &members)
    {
        QByteArray out;
        for (const auto &d : members) {
            const QList<QByteArray> lines = d->output().split('\n');
            out += "--- " + d->name().toUtf8() + (d->isRunning() ? "" : " (not running)") + "\n";
            for (qsizetype i = qMax<qsizetype>(0, lines.size() - 60); i < lines.size(); ++i)
                out += lines.at(i) + '\n';
        }
        return out;
    }

    // qetcd_network_peer_refused_total{reason="<reason>"} in the member's /metrics: the
    // connections its peer port refused for that reason (0 when it does not answer).
    quint64 refusedConnections(const DaemonProcess &d, const QString &reason)
    {
        const QByteArray series =
            "qetcd_network_peer_refused_total{reason=\"" + reason.toLatin1() + "\"} ";
        const QByteArray metrics =
            client.http("GET", d.clientUrl(), QStringLiteral("/metrics")).body;
        for (const QByteArray &line : metrics.split('\n'))
            if (line.startsWith(series))
                return line.mid(series.size()).toULongLong();
        return 0;
    }

    DaemonProcess *memberById(const ClusterHttp::Members &members, quint64 id)
    {
        for (const auto &d : members) {
            if (d->isRunning() && ClusterHttp::idOf(client.self(*d, 10000)) == id)
                return d.get();
        }
        return nullptr;
    }

private Q_SLOTS:
    void threeMembersElectOneLeaderAndReplicate()
    {
        auto members =
            startCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QVERIFY2(client.waitForLeader(members) != 0, logsOf(members).constData());
        for (size_t i = 0; i < members.size(); ++i) {
            const Reply w = client.put(members[i]->clientUrl(), QStringLiteral("/from%1").arg(i),
                                       QStringLiteral("v%1").arg(i));
            QVERIFY2(w.status == 200 || w.status == 201, w.body.constData());
        }
        for (const auto &d : members) {
            for (size_t i = 0; i < members.size(); ++i) {
                const Reply r = client.http("GET", d->clientUrl(),
                                            QStringLiteral("/v2/keys/from%1?quorum=true").arg(i));
                QCOMPARE(r.status, 200);
                QCOMPARE(r.json()
                             .value(QLatin1String("node"))
                             .toObject()
                             .value(QLatin1String("value"))
                             .toString(),
                         QStringLiteral("v%1").arg(i));
            }
            QCOMPARE(client.http("GET", d->clientUrl(), QStringLiteral("/health")).status, 200);
        }
        const QJsonArray list =
            client.http("GET", members[0]->clientUrl(), QStringLiteral("/v2/members"))
                .json()
                .value(QLatin1String("members"))
                .toArray();
        QCOMPARE(list.size(), 3);
    }

    // https peer URLs with --peer-client-cert-auth: the members elect a leader and
    // replicate over TLS; a member admitted with `member add` but holding a
    // certificate from a CA the cluster does not trust cannot join; with a
    // trusted one it can.
    void membersTalkOverTlsAndRefuseUntrustedCertificates()
    {
        const testsupport::TestCertificates &certs = testsupport::TestCertificates::standard();
        auto peerTls = [&](const QString &name) {
            return QStringList{
                QStringLiteral("--peer-cert-file"),       certs.path(name + ".crt"),
                QStringLiteral("--peer-key-file"),        certs.path(name + ".key"),
                QStringLiteral("--peer-trusted-ca-file"), certs.path(QStringLiteral("ca.crt")),
                QStringLiteral("--peer-client-cert-auth")};
        };
        const QStringList good = peerTls(QStringLiteral("server"));
        auto members = startCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                    good, QStringLiteral("https"));
        QVERIFY2(client.waitForLeader(members) != 0, logsOf(members).constData());
        for (const auto &m : members)
            QVERIFY2(m->output().contains("(TLS)"), m->output().constData());
        QVERIFY(
            client.put(members[1]->clientUrl(), QStringLiteral("/secure"), QStringLiteral("yes"))
                .status < 300);
        for (const auto &m : members)
            QCOMPARE(
                client.http("GET", m->clientUrl(), QStringLiteral("/v2/keys/secure?quorum=true"))
                    .json()
                    .value(QLatin1String("node"))
                    .toObject()
                    .value(QLatin1String("value"))
                    .toString(),
                QStringLiteral("yes"));

        const quint16 clientPort = DaemonProcess::freePort();
        const quint16 peerPort = DaemonProcess::freePort();
        auto joiner = [&](const QStringList &tlsFlags) {
            auto d = std::make_unique<DaemonProcess>(QStringLiteral("d"));
            d->setPeerScheme(QStringLiteral("https"));
            d->setPorts(clientPort, peerPort);
            QStringList initial;
            for (const auto &m : members)
                initial << m->name() + QLatin1Char('=') + m->peerUrl();
            initial << QStringLiteral("d=") + d->peerUrl();
            d->setInitialCluster(initial.join(QLatin1Char(',')), true);
            d->setExtraArguments(ClusterHttp::kFastTimers + tlsFlags);
            return d;
        };
        auto intruder = joiner(peerTls(QStringLiteral("stranger")));
        QCOMPARE(client
                     .http("POST", members[0]->clientUrl(), QStringLiteral("/v2/members"),
                           "{\"peerURLs\":[\"" + intruder->peerUrl().toUtf8() + "\"]}",
                           "application/json")
                     .status,
                 201);
        // It may answer /version for a moment before it gives up.
        intruder->start();
        QVERIFY(intruder->waitForExit(15000));
        QCOMPARE(intruder->process().exitCode(), 1);
        QVERIFY2(intruder->output().contains("could not reach any member of the existing cluster"),
                 intruder->output().constData());
        // The members refused its certificate in the TLS handshake (their /metrics count it).
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(members.cbegin(), members.cend(),
                        [&](const auto &m) {
                            return refusedConnections(*m, QStringLiteral("tls_handshake")) >= 1;
                        }),
            5000);

        auto admitted = joiner(good);
        QVERIFY2(admitted->start(), admitted->output().constData());
        QTRY_COMPARE_WITH_TIMEOUT(
            client.http("GET", admitted->clientUrl(), QStringLiteral("/v2/keys/secure?quorum=true"))
                .status,
            200, 20000);
    }

    void leaderKilledNewOneElectedAndKilledMemberCatchesUp()
    {
        // A small snapshot count makes the leader compact its log, so the
        // restarted member has to be sent a snapshot as well as entries.
        auto members = startCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                    {QStringLiteral("--snapshot-count"), QStringLiteral("50")});
        const quint64 first = client.waitForLeader(members);
        QVERIFY2(first != 0, logsOf(members).constData());
        QVERIFY(client.put(members[0]->clientUrl(), QStringLiteral("/before"), QStringLiteral("1"))
                    .status < 300);
        DaemonProcess *leader = memberById(members, first);
        QVERIFY(leader);
        leader->kill();

        QElapsedTimer failover;
        failover.start();
        const quint64 second = client.waitForLeader(members);
        QVERIFY2(second != 0, logsOf(members).constData());
        QVERIFY(second != first);
        qInfo("new leader elected %lld ms after SIGKILL of the old one",
              qlonglong(failover.elapsed()));

        DaemonProcess *survivor = memberById(members, second);
        for (int i = 0; i < 200; ++i)
            QVERIFY(client
                        .put(survivor->clientUrl(), QStringLiteral("/during/k%1").arg(i),
                             QStringLiteral("v%1").arg(i))
                        .status < 300);

        QVERIFY2(leader->start(), leader->output().constData());
        QVERIFY2(client.waitForLeader(members) != 0, logsOf(members).constData());
        // The restarted member converges on its own (local reads, no quorum).
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", leader->clientUrl(), QStringLiteral("/v2/keys/during/k199"))
                    .status == 200,
            20000);
        const QJsonObject dir =
            client.http("GET", leader->clientUrl(), QStringLiteral("/v2/keys/during")).json();
        QCOMPARE(dir.value(QLatin1String("node"))
                     .toObject()
                     .value(QLatin1String("nodes"))
                     .toArray()
                     .size(),
                 200);
        QCOMPARE(client.http("GET", leader->clientUrl(), QStringLiteral("/v2/keys/before")).status,
                 200);
        // 200 writes behind a log compacted every 50 entries: it needed the snapshot.
        QVERIFY2(leader->output().contains("installed snapshot at index"),
                 leader->output().right(2000).constData());
    }

    void memberAddedAtRuntimeJoinsAndRemovedOneLeaves()
    {
        auto members =
            startCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QVERIFY2(client.waitForLeader(members) != 0, logsOf(members).constData());
        QVERIFY(client.put(members[0]->clientUrl(), QStringLiteral("/seen"), QStringLiteral("yes"))
                    .status < 300);

        auto d = std::make_unique<DaemonProcess>(QStringLiteral("d"));
        d->setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
        const Reply added =
            client.http("POST", members[1]->clientUrl(), QStringLiteral("/v2/members"),
                        "{\"peerURLs\":[\"" + d->peerUrl().toUtf8() + "\"]}", "application/json");
        QCOMPARE(added.status, 201);
        const QString newId = added.json().value(QLatin1String("id")).toString();
        QVERIFY(!newId.isEmpty());
        QCOMPARE(added.json().value(QLatin1String("name")).toString(), QString());
        // Before it starts, move it to another peer port (PUT /v2/members/<id>), through a
        // member that has applied the addition (the POST's answer only says its member did).
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", members[2]->clientUrl(), QStringLiteral("/v2/members"))
                .body.contains(newId.toUtf8()),
            5000);
        d->setPorts(d->clientPort(), DaemonProcess::freePort());
        const Reply moved =
            client.http("PUT", members[2]->clientUrl(), QStringLiteral("/v2/members/") + newId,
                        "{\"peerURLs\":[\"" + d->peerUrl().toUtf8() + "\"]}", "application/json");
        QCOMPARE(moved.status, 204);
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", members[0]->clientUrl(), QStringLiteral("/v2/members"))
                .body.contains(d->peerUrl().toUtf8()),
            5000);
        QCOMPARE(client
                     .http("PUT", members[2]->clientUrl(), QStringLiteral("/v2/members/") + newId,
                           "{\"peerURLs\":[\"" + members[0]->peerUrl().toUtf8() + "\"]}",
                           "application/json")
                     .status,
                 409);

        QStringList initial;
        for (const auto &m : members)
            initial << m->name() + QLatin1Char('=') + m->peerUrl();
        initial << QStringLiteral("d=") + d->peerUrl();
        d->setInitialCluster(initial.join(QLatin1Char(',')), true);
        d->setExtraArguments(ClusterHttp::kFastTimers);
        QVERIFY2(d->start(), d->output().constData());
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", d->clientUrl(), QStringLiteral("/v2/keys/seen")).status == 200,
            20000);
        // It publishes its name and client URLs; every member lists it.
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", members[0]->clientUrl(), QStringLiteral("/v2/members"))
                .body.contains("\"name\":\"d\""),
            10000);
        // A write through the new member is replicated.
        QVERIFY(client.put(d->clientUrl(), QStringLiteral("/fromd"), QStringLiteral("1")).status <
                300);
        QCOMPARE(
            client
                .http("GET", members[2]->clientUrl(), QStringLiteral("/v2/keys/fromd?quorum=true"))
                .status,
            200);

        const Reply removed =
            client.http("DELETE", members[0]->clientUrl(), QStringLiteral("/v2/members/") + newId);
        QCOMPARE(removed.status, 204);
        QVERIFY(d->waitForExit(15000));
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", members[0]->clientUrl(), QStringLiteral("/v2/members"))
                    .json()
                    .value(QLatin1String("members"))
                    .toArray()
                    .size() == 3,
            10000);
        QCOMPARE(
            client.http("DELETE", members[0]->clientUrl(), QStringLiteral("/v2/members/") + newId)
                .status,
            410);
        QVERIFY(client.put(members[2]->clientUrl(), QStringLiteral("/after"), QStringLiteral("1"))
                    .status < 300);
    }

    // A member change is decided where it is applied, in log order, as etcd decides it: a
    // member that has not yet heard of a removal must not refuse the removed member's peer URL
    // from its own stale view (found by make chaos: 409 "peerURL exists" after the removal
    // had been acknowledged by another member).
    void memberChangesAreDecidedInLogOrderNotFromAStaleView()
    {
        auto members =
            startCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        const quint64 leaderId = client.waitForLeader(members);
        QVERIFY2(leaderId != 0, logsOf(members).constData());
        DaemonProcess *leader = memberById(members, leaderId);
        QVERIFY(leader);
        std::vector<DaemonProcess *> followers;
        for (const auto &d : members) {
            if (d.get() != leader)
                followers.push_back(d.get());
        }
        DaemonProcess *removed = followers[0];
        DaemonProcess *stale = followers[1];
        const QJsonObject removedSelf =
            client.http("GET", removed->clientUrl(), QStringLiteral("/v2/stats/self")).json();
        const QString removedId = removedSelf.value(QLatin1String("id")).toString();
        QVERIFY(!removedId.isEmpty());

        // `stale` is down through the removal, which the leader and `removed` commit (stopped,
        // not paused: a paused member's socket buffers would still take the leader's appends).
        stale->kill();
        QCOMPARE(
            client.http("DELETE", leader->clientUrl(), QStringLiteral("/v2/members/") + removedId)
                .status,
            204);
        QVERIFY(removed->waitForExit());
        // Nobody can tell `stale` about it now: the leader sleeps while it comes back.
        const auto signal = [](DaemonProcess *d, int sig) {
            QVERIFY(::kill(pid_t(d->process().processId()), sig) == 0);
        };
        signal(leader, SIGSTOP);
        QVERIFY2(stale->start(), stale->output().constData());

        // Adding a member at the removed one's peer URL, through `stale`.
        QNetworkRequest req(QUrl(stale->clientUrl().toString() + QStringLiteral("/v2/members")));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        req.setTransferTimeout(20000);
        std::unique_ptr<QNetworkReply> add(client.nam().sendCustomRequest(
            req, "POST", "{\"peerURLs\":[\"" + removed->peerUrl().toUtf8() + "\"]}"));
        // Once `stale` has answered a later request, it has taken the POST in too, still
        // knowing nothing of the removal.
        QCOMPARE(client.http("GET", stale->clientUrl(), QStringLiteral("/v2/stats/self")).status,
                 200);
        signal(leader, SIGCONT);

        QVERIFY(QTest::qWaitFor([&] { return add->isFinished(); }, 25000));
        const QByteArray body = add->readAll();
        // A decision from the stale view is an immediate 409 ("peerURL exists"). The add goes
        // through the log instead. On a loaded machine (the sanitizer run) it can time out: the
        // leader stepped down while it slept (check quorum), `stale` may still take a heartbeat
        // it sent before for a live leader and forward the add there, and a member without a
        // leader drops a forwarded proposal, as etcd's Raft does. Then the answer is etcd's
        // "request timed out" ("may or may not have been applied"), and the client asks again,
        // as etcdctl's user would: by then `stale` has the removal in its log, so the answer
        // is 201, or 409 when the first add did commit after all.
        const int status = add->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 201) {
            QVERIFY2(body.contains("etcdserver: request timed out"), body.constData());
            qInfo("the add timed out at the member; asking again");
            const QByteArray again = "{\"peerURLs\":[\"" + removed->peerUrl().toUtf8() + "\"]}";
            QDeadlineTimer retries(60000);
            int retried = 0;
            while (retried != 201 && retried != 409 && !retries.hasExpired())
                retried = client
                              .http("POST", stale->clientUrl(), QStringLiteral("/v2/members"),
                                    again, "application/json", 20000)
                              .status;
            QVERIFY2(retried == 201 || retried == 409, QByteArray::number(retried).constData());
        }
        const bool added = QTest::qWaitFor(
            [&] {
                return client.http("GET", leader->clientUrl(), QStringLiteral("/v2/members"))
                    .body.contains(removed->peerUrl().toUtf8());
            },
            10000);
        if (!added)
            qWarning().noquote() << logsOf(members); // QVERIFY2 would cut them short
        QVERIFY(added);
    }

    void removingTheLeaderMovesLeadershipFirst()
    {
        // Calmer timers than the other tests: the checks name the leader, and a
        // loaded machine missing a 500 ms election timeout would move it meanwhile.
        auto members = startCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                    {QStringLiteral("--heartbeat-interval"), QStringLiteral("100"),
                                     QStringLiteral("--election-timeout"), QStringLiteral("2000")});
        const quint64 leaderId = client.waitForLeader(members);
        QVERIFY2(leaderId != 0, logsOf(members).constData());
        DaemonProcess *leader = memberById(members, leaderId);
        QVERIFY(leader);
        DaemonProcess *other = nullptr;
        for (const auto &m : members) {
            if (m.get() != leader)
                other = m.get();
        }
        const Reply removed =
            client.http("DELETE", other->clientUrl(),
                        QStringLiteral("/v2/members/") + QString::number(leaderId, 16));
        QVERIFY2(removed.status == 204,
                 (QByteArray::number(removed.status) + ' ' + removed.body + '\n' + logsOf(members))
                     .constData());
        QVERIFY(leader->waitForExit(15000));
        // The follower that took the request asked for leadership first.
        QVERIFY2(other->output().contains("transferring leadership from " +
                                          QByteArray::number(leaderId, 16)),
                 other->output().constData());
        const quint64 next = client.waitForLeader(members);
        QVERIFY(next != 0 && next != leaderId);
        QVERIFY(client.put(other->clientUrl(), QStringLiteral("/afterRemoval"), QStringLiteral("1"))
                    .status < 300);
        QCOMPARE(client.http("GET", other->clientUrl(), QStringLiteral("/v2/members"))
                     .json()
                     .value(QLatin1String("members"))
                     .toArray()
                     .size(),
                 2);

        // Now through the leader itself: it moves leadership to the survivor
        // first, answers 204 once it applied its own removal, and goes.
        const quint64 second = client.waitForLeader(members);
        QVERIFY2(second != 0, logsOf(members).constData());
        DaemonProcess *secondLeader = memberById(members, second);
        QVERIFY(secondLeader);
        const Reply selfRemoved =
            client.http("DELETE", secondLeader->clientUrl(),
                        QStringLiteral("/v2/members/") + QString::number(second, 16));
        QVERIFY2(selfRemoved.status == 204, (QByteArray::number(selfRemoved.status) + " " +
                                             selfRemoved.body + "\n" + logsOf(members))
                                                .constData());
        QVERIFY(secondLeader->waitForExit(15000));
        // It handed leadership over before proposing its own removal.
        QVERIFY2(secondLeader->output().contains("transferring leadership from " +
                                                 QByteArray::number(second, 16) + " to "),
                 secondLeader->output().constData());
        const quint64 last = client.waitForLeader(members);
        QVERIFY(last != 0 && last != second);
        DaemonProcess *survivor = memberById(members, last);
        QVERIFY(survivor);
        QVERIFY(client.put(survivor->clientUrl(), QStringLiteral("/alone"), QStringLiteral("1"))
                    .status < 300);
    }

    void singleMemberKilledMidWritesKeepsAcknowledgedWrites()
    {
        DaemonProcess solo(QStringLiteral("solo"));
        QVERIFY(solo.start());
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", solo.clientUrl(), QStringLiteral("/health")).status == 200, 10000);

        // Many writes in flight at once; SIGKILL arrives while some are unanswered.
        QSet<int> acknowledged;
        QList<QNetworkReply *> inflight;
        for (int i = 0; i < 400; ++i) {
            QNetworkRequest req(
                QUrl(solo.clientUrl().toString() + QStringLiteral("/v2/keys/acked/k%1").arg(i)));
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
            QNetworkReply *reply = client.nam().put(req, "value=v" + QByteArray::number(i));
            QObject::connect(reply, &QNetworkReply::finished, reply, [reply, i, &acknowledged] {
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 200 || status == 201)
                    acknowledged.insert(i);
            });
            inflight << reply;
        }
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged.size() >= 100, 20000);
        solo.kill();
        // Every write in flight has its answer or its error now that the member is gone: the
        // acknowledgements that were on the wire at the kill are counted.
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(inflight.cbegin(), inflight.cend(),
                                             [](QNetworkReply *r) { return r->isFinished(); }),
                                 20000);
        const QSet<int> before = acknowledged;
        qDeleteAll(inflight);
        qInfo("%lld writes acknowledged before SIGKILL", qlonglong(before.size()));

        QVERIFY2(solo.start(), solo.output().constData());
        QTRY_VERIFY_WITH_TIMEOUT(
            client.http("GET", solo.clientUrl(), QStringLiteral("/health")).status == 200, 10000);
        for (int i : before) {
            const Reply r =
                client.http("GET", solo.clientUrl(), QStringLiteral("/v2/keys/acked/k%1").arg(i));
            QVERIFY2(r.status == 200,
                     qPrintable(QStringLiteral("acknowledged write k%1 lost").arg(i)));
            QCOMPARE(r.json()
                         .value(QLatin1String("node"))
                         .toObject()
                         .value(QLatin1String("value"))
                         .toString(),
                     QStringLiteral("v%1").arg(i));
        }
    }

    // A restarted member has applied its log before it answers anyone: the first answer it gives
    // already holds every write it acknowledged before the restart. It used to listen first and
    // apply the log's tail a moment later, so the first reads could miss the last writes (404
    // for an acknowledged key).
    void restartedMemberAnswersWithEveryAcknowledgedWrite()
    {
        DaemonProcess solo(QStringLiteral("solo"));
        // No snapshot: every write is in the log's tail at the restart.
        solo.setExtraArguments({QStringLiteral("--snapshot-count"), QStringLiteral("1000000")});
        QVERIFY2(solo.start(), solo.output().constData());
        const int keys = 8000;
        std::vector<std::unique_ptr<QNetworkReply>> puts;
        for (int i = 0; i < keys; ++i) {
            QNetworkRequest req(
                QUrl(solo.clientUrl().toString() + QStringLiteral("/v2/keys/tail/k%1").arg(i)));
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
            puts.emplace_back(client.nam().put(req, "value=" + QByteArray(256, 'w')));
        }
        QVERIFY(QTest::qWaitFor(
            [&] {
                return std::all_of(puts.begin(), puts.end(),
                                   [](const auto &r) { return r->isFinished(); });
            },
            120000));
        for (const auto &r : puts)
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        puts.clear();
        solo.terminate();

        // Restarted on a slow disk: every fdatasync waits 1.5 s. The log's tail beyond the
        // commit index on disk is re-committed only after the member's first sync of its new
        // term, so reads that come before it must wait for it (session 32 saw them answered
        // from the older store under load: 404 at X-Etcd-Index 7999).
        const QString slowSync = QStringLiteral(QETCD_TEST_SLOW_DATASYNC_LIB);
        QVERIFY2(QFile::exists(slowSync), qPrintable(slowSync));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LD_PRELOAD"), slowSync);
        env.insert(QStringLiteral("QETCD_TEST_SYNC_DELAY_MS"), QStringLiteral("1500"));
        solo.process().setProcessEnvironment(env);
        QVERIFY(solo.launch());
        // The first request that gets any answer, asked as soon as the port takes connections.
        const QByteArray get = "GET /v2/keys/tail/k" + QByteArray::number(keys - 1) +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        QByteArray first;
        QDeadlineTimer deadline(20000);
        while (first.isEmpty() && !deadline.hasExpired() && solo.isRunning()) {
            RawHttpClient c(solo.clientPort());
            if (c.socket.state() != QAbstractSocket::ConnectedState)
                continue; // not listening yet: refused at once
            c.send(get);
            first = c.readResponse(5000);
        }
        QVERIFY2(first.startsWith("HTTP/1.1 200"), first.left(600).constData());
        // And the member says why it is slow, as etcd does ("slow fdatasync"): that first sync
        // took 1.5 s.
        QTRY_VERIFY2_WITH_TIMEOUT(solo.output().contains("slow fdatasync of the WAL"),
                                  solo.output().right(2000).constData(), 10000);
    }

    void differentClustersNeverTalk()
    {
        auto one = startCluster({QStringLiteral("x")});
        QVERIFY(client.waitForLeader(one) != 0);
        // A member of another cluster that names x's peer URL as its own peer.
        DaemonProcess stranger(QStringLiteral("y"));
        stranger.setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
        stranger.setInitialCluster(QStringLiteral("y=") + stranger.peerUrl() +
                                   QStringLiteral(",z=") + one[0]->peerUrl());
        stranger.setExtraArguments(
            ClusterHttp::kFastTimers +
            QStringList{QStringLiteral("--initial-cluster-token"), QStringLiteral("other")});
        QVERIFY(stranger.start());
        // The event that decides it: x refuses y's connections, the first and a redial (x's
        // /metrics count them): y's cluster gives the member at x's peer URL another id (z's),
        // so y's Hellos ask for a member x is not. Only through them could y have won x's vote.
        QTRY_VERIFY_WITH_TIMEOUT(refusedConnections(*one[0], QStringLiteral("wrong_member")) >= 2,
                                 15000);
        // y can never get a quorum from x: no leader, no health, and x is untouched.
        QCOMPARE(client.http("GET", stranger.clientUrl(), QStringLiteral("/health")).status, 503);
        QCOMPARE(client.http("GET", one[0]->clientUrl(), QStringLiteral("/v2/members"))
                     .json()
                     .value(QLatin1String("members"))
                     .toArray()
                     .size(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
