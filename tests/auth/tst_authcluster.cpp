// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Auth across real qetcd processes: users, roles and the enabled flag set
// through different members of a 3-member cluster are enforced by all of
// them, and a member that was down while auth changed gets the auth state
// with the snapshot it needs to catch up; a flood of wrong passwords does
// not cost the cluster its leader.
#include "ClusterHttp.h"
#include "DaemonProcess.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTest>

namespace {

using Reply = ClusterHttp::Reply;

const QByteArray kRoot = "root:rootpw";
const QByteArray kAlice = "alice:pw";

// `connections` keep-alive connections to one member, each sending
// `perConnection` GET /v2/keys/flood in turn with Basic credentials
// root:<a new wrong password>, all connections at once. Counts the answers by
// status.
class WrongPasswordFlood
{
public:
    WrongPasswordFlood(const QUrl &url, int connections, int perConnection)
        : m_perConnection(perConnection)
    {
        for (int i = 0; i < connections; ++i) {
            auto *socket = new QTcpSocket(&m_parent);
            auto state = std::make_shared<Conn>();
            state->id = i;
            QObject::connect(socket, &QTcpSocket::connected, socket,
                             [this, socket, state] { sendNext(socket, *state); });
            QObject::connect(socket, &QTcpSocket::readyRead, socket,
                             [this, socket, state] { read(socket, *state); });
            socket->connectToHost(url.host(), quint16(url.port()));
        }
    }
    int answered() const { return m_answered; }
    QMap<int, int> statuses() const { return m_statuses; }

private:
    struct Conn
    {
        int id = 0;
        int sent = 0;
        QByteArray buffer;
    };
    void sendNext(QTcpSocket *socket, Conn &c)
    {
        if (c.sent == m_perConnection)
            return;
        const QByteArray credentials =
            "root:wrong-" + QByteArray::number(c.id) + '-' + QByteArray::number(c.sent++);
        socket->write("GET /v2/keys/flood HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " +
                      credentials.toBase64() + "\r\n\r\n");
    }
    void read(QTcpSocket *socket, Conn &c)
    {
        c.buffer += socket->readAll();
        for (;;) {
            const qsizetype end = c.buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = c.buffer.left(end).toLower();
            const qsizetype cl = head.indexOf("content-length:");
            const int length =
                cl < 0 ? 0 : head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toInt();
            if (c.buffer.size() < end + 4 + length)
                return;
            ++m_statuses[head.mid(9, 3).toInt()];
            ++m_answered;
            c.buffer.remove(0, end + 4 + length);
            sendNext(socket, c);
        }
    }

    QObject m_parent; // owns the sockets
    const int m_perConnection;
    int m_answered = 0;
    QMap<int, int> m_statuses;
};

} // namespace

class TestAuthCluster : public QObject
{
    Q_OBJECT

    ClusterHttp client;

    // Keys take form bodies, the auth API JSON ones.
    Reply http(const QByteArray &method, const DaemonProcess &member, const QString &path,
               const QByteArray &body = {}, const QByteArray &credentials = {})
    {
        return client.http(method, member.clientUrl(), path, body,
                           path.startsWith(QLatin1String("/v2/keys")) ? ClusterHttp::kForm
                                                                      : "application/json",
                           10000, credentials);
    }

    // The member's Raft term, from an authenticated read's X-Raft-Term.
    quint64 term(const DaemonProcess &member)
    {
        QNetworkRequest req(QUrl(member.clientUrl().toString() + QStringLiteral("/v2/keys/")));
        req.setRawHeader("Authorization", "Basic " + kRoot.toBase64());
        req.setTransferTimeout(10000);
        std::unique_ptr<QNetworkReply> reply(client.nam().get(req));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 11000))
            return 0;
        return reply->rawHeader("X-Raft-Term").toULongLong();
    }

    // Retries while the cluster elects a leader (no answer, or error 300/301).
    Reply change(const QByteArray &method, const DaemonProcess &member, const QString &path,
                 const QByteArray &body = {}, const QByteArray &credentials = {})
    {
        Reply r;
        for (int attempt = 0; attempt < 30; ++attempt) {
            r = http(method, member, path, body, credentials);
            if (r.status != 0 && r.status != 500)
                return r;
            QTest::qWait(200); // pacing between retries during an election; asserts nothing
        }
        return r;
    }

    // Three members with fast timers; fails the test if one does not start.
    bool startCluster(ClusterHttp::Members &m, const QStringList &extra)
    {
        m = ClusterHttp::newCluster({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                    extra);
        for (auto &d : m) {
            if (!d->start()) {
                qWarning("%s", d->output().constData());
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void authIsReplicatedAndSnapshotted();
    void wrongPasswordFloodKeepsLeader();
};

void TestAuthCluster::authIsReplicatedAndSnapshotted()
{
    const QString bin = DaemonProcess::binary(QStringLiteral("qetcd"));
    if (!QFileInfo(bin).isExecutable())
        QFAIL(qPrintable(QStringLiteral("the qetcd daemon is not built (%1)").arg(bin)));
    ClusterHttp::Members m;
    QVERIFY(startCluster(m, {QStringLiteral("--snapshot-count"), QStringLiteral("20")}));
    DaemonProcess &a = *m[0], &b = *m[1], &c = *m[2];

    // Each change through another member.
    QCOMPARE(change("PUT", a, "/v2/auth/users/root", "{\"user\":\"root\",\"password\":\"rootpw\"}")
                 .status,
             201);
    QCOMPARE(
        change(
            "PUT", b, "/v2/auth/roles/reader",
            "{\"role\":\"reader\",\"permissions\":{\"kv\":{\"read\":[\"/pub/*\"],\"write\":[]}}}")
            .status,
        201);
    QCOMPARE(
        change("PUT", c, "/v2/auth/users/alice", "{\"user\":\"alice\",\"password\":\"pw\"}").status,
        201);
    QCOMPARE(change("PUT", a, "/v2/auth/users/alice", "{\"user\":\"alice\",\"grant\":[\"reader\"]}")
                 .status,
             200);
    QCOMPARE(
        change("PUT", b, "/v2/auth/roles/guest",
               "{\"role\":\"guest\",\"permissions\":{\"kv\":{\"read\":[\"/pub/*\"],\"write\":[]}}}")
            .status,
        201);
    QCOMPARE(change("PUT", c, "/v2/keys/pub/k", "value=v").status, 201);
    QCOMPARE(change("PUT", a, "/v2/auth/enable").status, 200);

    for (const auto &d : m) {
        QTRY_COMPARE_WITH_TIMEOUT(http("GET", *d, "/v2/auth/enable").body,
                                  QByteArray("{\"enabled\":true}\n"), 10000);
        QCOMPARE(http("PUT", *d, "/v2/keys/pub/x", "value=1").status, 401);
        QCOMPARE(http("PUT", *d, "/v2/keys/pub/x", "value=1", kAlice).status, 401);
        QCOMPARE(http("GET", *d, "/v2/keys/pub/k", {}, "alice:wrong").status, 401);
        QCOMPARE(http("GET", *d, "/v2/keys/pub/k", {}, kAlice).status, 200);
        QCOMPARE(http("GET", *d, "/v2/keys/pub/k").status, 200);
        QCOMPARE(http("GET", *d, "/v2/auth/users", {}, kAlice).status, 401);
        QCOMPARE(http("GET", *d, "/v2/auth/users", {}, kRoot).status, 200);
    }

    // c misses a grant and enough writes that the others compact their logs.
    c.kill();
    QCOMPARE(change("PUT", a, "/v2/auth/roles/reader",
                    "{\"role\":\"reader\",\"grant\":{\"kv\":{\"write\":[\"/pub/*\"]}}}", kRoot)
                 .status,
             200);
    for (int i = 0; i < 80; ++i)
        QVERIFY(
            change("PUT", b, QStringLiteral("/v2/keys/fill/k%1").arg(i), "value=v", kRoot).status <
            300);
    QVERIFY2(c.start(), c.output().constData());
    QTRY_COMPARE_WITH_TIMEOUT(http("GET", c, "/v2/keys/fill/k79", {}, kRoot).status, 200, 20000);
    QVERIFY2(c.output().contains("installed snapshot at index"),
             c.output().right(2000).constData());
    QCOMPARE(change("PUT", c, "/v2/keys/pub/x", "value=1", kAlice).status, 201);
    QCOMPARE(change("PUT", c, "/v2/keys/fill/k0", "value=1", kAlice).status, 401);
    QCOMPARE(http("GET", c, "/v2/auth/enable").body, QByteArray("{\"enabled\":true}\n"));
}

void TestAuthCluster::wrongPasswordFloodKeepsLeader()
{
    // Wrong passwords used to be hashed on the member's own thread, the one
    // that sends heartbeats: 200 of them in flight held it up for seconds
    // and the followers elected another leader. Now the hashes run on a
    // pool, bounded, and the term stays what it was.
    const QString bin = DaemonProcess::binary(QStringLiteral("qetcd"));
    if (!QFileInfo(bin).isExecutable())
        QFAIL(qPrintable(QStringLiteral("the qetcd daemon is not built (%1)").arg(bin)));
    ClusterHttp::Members m;
    QVERIFY(startCluster(m, {}));
    QCOMPARE(
        change("PUT", *m[0], "/v2/auth/users/root", "{\"user\":\"root\",\"password\":\"rootpw\"}")
            .status,
        201);
    QCOMPARE(change("PUT", *m[0], "/v2/auth/enable").status, 200);
    DaemonProcess *leader = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (auto &d : m) {
                if (http("GET", *d, "/v2/stats/self").body.contains("\"StateLeader\""))
                    leader = d.get();
            }
            return leader != nullptr;
        }(),
        10000);
    const quint64 before = term(*leader);
    QVERIFY(before > 0);
    // A member that has not heard the new leader yet still answers with the term before
    // (seen once under ASan: 1 against 2); the flood starts from a cluster that agrees.
    for (auto &d : m)
        QTRY_COMPARE_WITH_TIMEOUT(term(*d), before, 10000);

    const int connections = 200, perConnection = 5;
    WrongPasswordFlood flood(QUrl(leader->clientUrl()), connections, perConnection);
    QTRY_COMPARE_WITH_TIMEOUT(flood.answered(), connections * perConnection, 120000);
    const QMap<int, int> statuses = flood.statuses();
    QCOMPARE(statuses.value(401) + statuses.value(429), connections * perConnection);

    for (auto &d : m)
        QCOMPARE(term(*d), before);
    QVERIFY(http("GET", *leader, "/v2/stats/self").body.contains("\"StateLeader\""));
}

QTEST_GUILESS_MAIN(TestAuthCluster)
#include "tst_authcluster.moc"
