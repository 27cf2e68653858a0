// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "DaemonProcess.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QStringList>
#include <QTest>
#include <QUrl>

#include <memory>
#include <vector>

// What the suites that run a cluster of real qetcd members do over and over: lay out the
// members of a new cluster, and talk to them over HTTP: a blocking request, a member's
// /v2/stats/self and id, a PUT that waits out an election, the leader all running members
// agree on.
//
// Threading: the calls block by spinning the calling thread's event loop (QTest::qWaitFor),
// so signals of other replies the test holds are delivered meanwhile; use it from the
// test's thread, under a QCoreApplication.
// Ownership: it owns one QNetworkAccessManager, which tests also use directly (nam()) for
// requests they keep open; each blocking call deletes its reply before it returns (an
// unfinished one is aborted). The members it lays out belong to the caller.
class ClusterHttp
{
public:
    struct Reply
    {
        int status = 0; // 0: no answer (refused, or not finished in time)
        QByteArray body;
        QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    };
    using Members = std::vector<std::unique_ptr<DaemonProcess>>;

    // Heartbeats every 50 ms, elections after 500 ms: the tests wait for leaders often.
    static inline const QStringList kFastTimers{
        QStringLiteral("--heartbeat-interval"), QStringLiteral("50"),
        QStringLiteral("--election-timeout"), QStringLiteral("500")};
    static inline const QByteArray kForm = "application/x-www-form-urlencoded";

    // The members of one new cluster, one per name, on ports chosen now on TestLoopback's
    // address, each naming all of them in --initial-cluster and given kFastTimers + `extra`
    // (later flags win). None is started: the caller starts them (and may set more up first).
    static Members newCluster(const QStringList &names, const QStringList &extra = {},
                              const QString &peerScheme = QStringLiteral("http"))
    {
        Members members;
        QStringList initial;
        for (const QString &name : names) {
            auto d = std::make_unique<DaemonProcess>(name);
            d->setPeerScheme(peerScheme);
            d->setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
            initial << name + QLatin1Char('=') + d->peerUrl();
            members.push_back(std::move(d));
        }
        for (auto &d : members) {
            d->setInitialCluster(initial.join(QLatin1Char(',')));
            d->setExtraArguments(kFastTimers + extra);
        }
        return members;
    }

    QNetworkAccessManager &nam() { return m_nam; }

    // `method` <base><path>; `body`, when there is one, as `contentType`; `credentials`
    // ("user:password"), when given, as Basic authorization. Gives up (status 0) when the
    // reply has not finished a second after `timeoutMs`; the transfer timeout aborts it
    // before that when nothing arrives for `timeoutMs`.
    Reply http(const QByteArray &method, const QUrl &base, const QString &path,
               const QByteArray &body = {}, const QByteArray &contentType = kForm,
               int timeoutMs = 10000, const QByteArray &credentials = {})
    {
        QNetworkRequest req(QUrl(base.toString() + path));
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (!credentials.isEmpty())
            req.setRawHeader("Authorization", "Basic " + credentials.toBase64());
        req.setTransferTimeout(timeoutMs);
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(req, method, body));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, timeoutMs + 1000))
            return {};
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->readAll()};
    }

    // The member's /v2/stats/self ({} when it does not answer). The short default timeout
    // keeps a poll over several members quick when one of them hangs.
    QJsonObject self(const DaemonProcess &d, int timeoutMs = 2000)
    {
        return http("GET", d.clientUrl(), QStringLiteral("/v2/stats/self"), {}, {}, timeoutMs)
            .json();
    }

    // A member id from /v2/stats/self (hex there), or 0.
    static quint64 idOf(const QJsonObject &stats)
    {
        return stats.value(QLatin1String("id")).toString().toULongLong(nullptr, 16);
    }
    quint64 idOf(const DaemonProcess &d) { return idOf(self(d)); }

    // PUT of /v2/keys<key> that retries while the cluster is electing (error 300/301 or
    // no answer); the last answer.
    Reply put(const QUrl &base, const QString &key, const QString &value)
    {
        Reply r;
        for (int attempt = 0; attempt < 20; ++attempt) {
            r = http("PUT", base, QStringLiteral("/v2/keys") + key,
                     "value=" + QUrl::toPercentEncoding(value));
            if (r.status == 200 || r.status == 201)
                return r;
            QTest::qWait(200); // pacing between retries during an election; asserts nothing
        }
        return r;
    }

    // The leader's id once every running member names the same one and exactly one of
    // them is in StateLeader, or 0. Members that are not running are left out: a test
    // waits for a leader with one of them killed or not started yet.
    quint64 waitForLeader(const Members &members, int timeoutMs = 15000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            QSet<QString> leaders;
            int leaderCount = 0;
            bool all = true;
            for (const auto &d : members) {
                if (!d->isRunning())
                    continue;
                const QJsonObject s = self(*d);
                const QString leader = s.value(QLatin1String("leaderInfo"))
                                           .toObject()
                                           .value(QLatin1String("leader"))
                                           .toString();
                if (leader.isEmpty()) {
                    all = false;
                    break;
                }
                leaders.insert(leader);
                if (s.value(QLatin1String("state")).toString() == QLatin1String("StateLeader"))
                    ++leaderCount;
            }
            if (all && leaders.size() == 1 && leaderCount == 1)
                return leaders.values().first().toULongLong(nullptr, 16);
            QTest::qWait(100); // pacing between polls; asserts nothing
        }
        return 0;
    }

private:
    QNetworkAccessManager m_nam;
};
