// Auth across real qetcd processes: users, roles and the enabled flag set
// through different members of a 3-member cluster are enforced by all of
// them, and a member that was down while auth changed gets the auth state
// with the snapshot it needs to catch up.
#include "DaemonProcess.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
};

const QStringList kFastTimers{QStringLiteral("--heartbeat-interval"), QStringLiteral("50"),
                              QStringLiteral("--election-timeout"), QStringLiteral("500")};

const QByteArray kRoot = "root:rootpw";
const QByteArray kAlice = "alice:pw";

} // namespace

class TestAuthCluster : public QObject
{
    Q_OBJECT

    QNetworkAccessManager nam;

    Reply http(const QByteArray &method, const DaemonProcess &member, const QString &path,
               const QByteArray &body = {}, const QByteArray &credentials = {})
    {
        QNetworkRequest req(QUrl(member.clientUrl().toString() + path));
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader,
                          path.startsWith(QLatin1String("/v2/keys"))
                              ? "application/x-www-form-urlencoded"
                              : "application/json");
        if (!credentials.isEmpty())
            req.setRawHeader("Authorization", "Basic " + credentials.toBase64());
        req.setTransferTimeout(10000);
        std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(req, method, body));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 11000))
            return {};
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->readAll()};
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
            QTest::qWait(200);
        }
        return r;
    }

private Q_SLOTS:
    void authIsReplicatedAndSnapshotted();
};

void TestAuthCluster::authIsReplicatedAndSnapshotted()
{
    const QString bin = DaemonProcess::binary(QStringLiteral("qetcd"));
    if (!QFileInfo(bin).isExecutable())
        QFAIL(qPrintable(QStringLiteral("the qetcd daemon is not built (%1)").arg(bin)));
    std::vector<std::unique_ptr<DaemonProcess>> m;
    QStringList initial;
    for (const char *name : {"a", "b", "c"}) {
        auto d = std::make_unique<DaemonProcess>(QString::fromLatin1(name));
        d->setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
        initial << d->name() + QLatin1Char('=') + d->peerUrl();
        m.push_back(std::move(d));
    }
    for (auto &d : m) {
        d->setInitialCluster(initial.join(QLatin1Char(',')));
        d->setExtraArguments(kFastTimers +
                             QStringList{QStringLiteral("--snapshot-count"), QStringLiteral("20")});
        QVERIFY2(d->start(), d->output().constData());
    }
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

QTEST_GUILESS_MAIN(TestAuthCluster)
#include "tst_authcluster.moc"
