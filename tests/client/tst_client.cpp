// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Client and Watcher against a scripted HTTP server: request encoding, typed
// results and errors, failover, timeouts, and the watch's resume rules.
#include "FakeServer.h"
#include "TestLoopback.h"

#include "client/Client.h"
#include "client/Watcher.h"

#include <QSignalSpy>
#include <QTest>

using namespace client;

namespace {

QUrl closedEndpoint()
{
    // On this process's own loopback address: no other suite can start listening there.
    return TestLoopback::url(TestLoopback::freePort());
}

bool wait(Reply *r)
{
    return QTest::qWaitFor([r] { return r->isFinished(); }, 10000);
}

// A watch on /k from `index`, long poll or stream.
Watcher *watchFrom(Client &c, quint64 index, bool stream)
{
    WatchOptions o;
    o.waitIndex = index;
    o.stream = stream;
    return c.watch(QStringLiteral("/k"), o);
}

} // namespace

class tst_Client : public QObject
{
    Q_OBJECT
private slots:
    void keysResponseParsed();
    void etcdErrorIsTyped();
    void requestEncoding_data();
    void requestEncoding();
    void failoverOnRefusedAndPins();
    void failoverOnServerError();
    void headerTimeoutMovesOn();
    void totalDeadline();
    void basicCredentialsSent();
    void syncReplacesEndpoints();
    void syncWithoutClientUrls();
    void autoSyncFollowsMembership();
    void membersAndAuthErrorsCarryMessage();
    void normalizePeerUrls_data();
    void normalizePeerUrls();
    void unreadableTlsFileIsConfigurationError();
    void httpsWithCaFile();
    void httpsRejectsUnknownAuthority();
    void httpsClientCertificate();

    void watchContinuesFromModifiedIndex();
    void watchResumesFromHeaderIndexAfterDrop();
    void watchFailsOverToNextEndpoint();
    void watchWithoutHeadersMovesOn();
    void idleWatchAsksTheSameMemberAgain();
    void watchOnAVanishedMemberMovesOn();
    void watchHistoryClearedStopsAndRestarts();
    void watchNeverDeliversTwice();
    void watchRepollsAfterEmptyBody();
    void watchFailIfUnreachable();
    void streamWatchFillsGapBeforeStreaming();
};

void tst_Client::keysResponseParsed()
{
    FakeServer s;
    s.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(
            r.socket, 200,
            "{\"action\":\"set\",\"node\":{\"key\":\"/"
            "a\",\"value\":\"2\",\"expiration\":\"2030-01-01T00:00:00.5Z\",\"ttl\":9,"
            "\"modifiedIndex\":8,\"createdIndex\":8},\"prevNode\":{\"key\":\"/"
            "a\",\"value\":\"1\",\"modifiedIndex\":7,\"createdIndex\":7}}",
            FakeServer::etcdHeaders(8));
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    Reply *r = c.set(QStringLiteral("/a"), QStringLiteral("2"));
    QVERIFY(wait(r));
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    const Response resp = r->keys();
    QCOMPARE(resp.action, QStringLiteral("set"));
    QCOMPARE(resp.node.value, QStringLiteral("2"));
    QCOMPARE(resp.node.ttl, 9);
    QCOMPARE(resp.node.expiration, QStringLiteral("2030-01-01T00:00:00.5Z"));
    QVERIFY(resp.prevNode.has_value());
    QCOMPARE(resp.prevNode->value, QStringLiteral("1"));
    QCOMPARE(resp.etcdIndex, 8u);
    QCOMPARE(resp.raftIndex, 108u);
    QCOMPARE(resp.raftTerm, 2u);
    QCOMPARE(resp.clusterId, QStringLiteral("cdf818194e3a8c32"));
    QCOMPARE(r->endpoint(), s.url());
}

void tst_Client::etcdErrorIsTyped()
{
    FakeServer s;
    s.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(
            r.socket, 404,
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/nope\",\"index\":12}",
            FakeServer::etcdHeaders(12));
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    Reply *r = c.get(QStringLiteral("/nope"));
    QVERIFY(wait(r));
    const Error e = r->error();
    QCOMPARE(e.kind(), Error::Kind::Etcd);
    QCOMPARE(e.errorCode(), int(Error::KeyNotFound));
    QCOMPARE(e.message(), QStringLiteral("Key not found"));
    QCOMPARE(e.cause(), QStringLiteral("/nope"));
    QCOMPARE(e.index(), 12u);
    QCOMPARE(e.httpStatus(), 404);
    QCOMPARE(e.toString(), QStringLiteral("100: Key not found (/nope) [12]"));
    QVERIFY(!e.isConnectionError());
}

using Call = std::function<Reply *(Client &)>;
Q_DECLARE_METATYPE(Call)

void tst_Client::requestEncoding_data()
{
    QTest::addColumn<Call>("call");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");

    auto add = [](const char *name, Call call, const char *method, const char *target,
                  const char *body) {
        QTest::newRow(name) << call << QByteArray(method) << QByteArray(target) << QByteArray(body);
    };
    add(
        "get", [](Client &c) { return c.get(QStringLiteral("foo")); }, "GET",
        "/v2/keys/foo?quorum=false&recursive=false&sorted=false", "");
    add(
        "get-options",
        [](Client &c) {
            return c.get(QStringLiteral("/d"), {true, true, true});
        },
        "GET", "/v2/keys/d?quorum=true&recursive=true&sorted=true", "");
    add(
        "set", [](Client &c) { return c.set(QStringLiteral("/a b"), QStringLiteral("x&y")); },
        "PUT", "/v2/keys/a%20b", "value=x%26y");
    add(
        "set-ttl-cas",
        [](Client &c) {
            SetOptions o;
            o.ttl = 5;
            o.prevValue = QStringLiteral("old");
            o.prevIndex = 7;
            return c.set(QStringLiteral("/a"), QStringLiteral("new"), o);
        },
        "PUT", "/v2/keys/a?prevIndex=7&prevValue=old", "ttl=5&value=new");
    add(
        "create", [](Client &c) { return c.create(QStringLiteral("/a"), QStringLiteral("v"), 3); },
        "PUT", "/v2/keys/a?prevExist=false", "ttl=3&value=v");
    add(
        "update", [](Client &c) { return c.update(QStringLiteral("/a"), QStringLiteral("v")); },
        "PUT", "/v2/keys/a?prevExist=true", "value=v");
    add(
        "clear-ttl",
        [](Client &c) {
            SetOptions o;
            o.prevExist = SetOptions::PrevExist::MustExist;
            o.clearTtl = true;
            return c.set(QStringLiteral("/a"), QStringLiteral("v"), o);
        },
        "PUT", "/v2/keys/a?prevExist=true", "ttl=&value=v");
    add(
        "refresh",
        [](Client &c) {
            SetOptions o;
            o.prevExist = SetOptions::PrevExist::MustExist;
            o.ttl = 30;
            o.refresh = true;
            return c.set(QStringLiteral("/a"), QString(), o);
        },
        "PUT", "/v2/keys/a?prevExist=true", "refresh=true&ttl=30");
    add(
        "mkdir",
        [](Client &c) {
            SetOptions o;
            o.prevExist = SetOptions::PrevExist::MustNotExist;
            return c.setDir(QStringLiteral("/d"), o);
        },
        "PUT", "/v2/keys/d?dir=true&prevExist=false", "");
    add(
        "in-order",
        [](Client &c) { return c.createInOrder(QStringLiteral("/q"), QStringLiteral("job"), 9); },
        "POST", "/v2/keys/q", "ttl=9&value=job");
    add(
        "delete", [](Client &c) { return c.remove(QStringLiteral("/a")); }, "DELETE", "/v2/keys/a",
        "");
    add(
        "delete-options",
        [](Client &c) {
            DeleteOptions o;
            o.dir = true;
            o.recursive = true;
            o.prevValue = QStringLiteral("v");
            o.prevIndex = 4;
            return c.remove(QStringLiteral("/d"), o);
        },
        "DELETE", "/v2/keys/d?dir=true&prevIndex=4&prevValue=v&recursive=true", "");
    add(
        "wait-once",
        [](Client &c) {
            WatchOptions o;
            o.recursive = true;
            o.waitIndex = 12;
            return c.waitOnce(QStringLiteral("/d"), o);
        },
        "GET", "/v2/keys/d?recursive=true&wait=true&waitIndex=12", "");
    add(
        "members", [](Client &c) { return c.listMembers(); }, "GET", "/v2/members", "");
    add(
        "member-add",
        [](Client &c) { return c.addMember({QStringLiteral("http://127.0.0.1:2380")}); }, "POST",
        "/v2/members", "{\"peerURLs\":[\"http://127.0.0.1:2380\"]}");
    add(
        "member-update",
        [](Client &c) {
            return c.updateMember(QStringLiteral("abc"), {QStringLiteral("http://h:1")});
        },
        "PUT", "/v2/members/abc", "{\"peerURLs\":[\"http://h:1\"]}");
    add(
        "member-remove", [](Client &c) { return c.removeMember(QStringLiteral("abc")); }, "DELETE",
        "/v2/members/abc", "");
    add(
        "leader", [](Client &c) { return c.leader(); }, "GET", "/v2/members/leader", "");
    add(
        "stats-leader", [](Client &c) { return c.leaderStats(); }, "GET", "/v2/stats/leader", "");
    add(
        "stats-self", [](Client &c) { return c.selfStats(); }, "GET", "/v2/stats/self", "");
    add(
        "stats-store", [](Client &c) { return c.storeStats(); }, "GET", "/v2/stats/store", "");
    add(
        "version", [](Client &c) { return c.version(); }, "GET", "/version", "");
    add(
        "health", [](Client &c) { return c.health(); }, "GET", "/health", "");
    add(
        "user-add", [](Client &c) { return c.addUser(QStringLiteral("u"), QStringLiteral("p")); },
        "PUT", "/v2/auth/users/u", "{\"user\":\"u\",\"password\":\"p\",\"roles\":null}");
    add(
        "user-grant",
        [](Client &c) { return c.grantUserRoles(QStringLiteral("u"), {QStringLiteral("r")}); },
        "PUT", "/v2/auth/users/u", "{\"user\":\"u\",\"roles\":null,\"grant\":[\"r\"]}");
    add(
        "role-grant",
        [](Client &c) {
            return c.grantRolePermissions(QStringLiteral("r"), {QStringLiteral("/a/*")}, {});
        },
        "PUT", "/v2/auth/roles/r",
        "{\"role\":\"r\",\"permissions\":{\"kv\":{\"read\":null,\"write\":null}},\"grant\":{\"kv\":"
        "{\"read\":[\"/a/*\"],\"write\":null}}}");
    add(
        "auth-enable", [](Client &c) { return c.enableAuth(); }, "PUT", "/v2/auth/enable", "");
    add(
        "auth-disable", [](Client &c) { return c.disableAuth(); }, "DELETE", "/v2/auth/enable", "");
}

void tst_Client::requestEncoding()
{
    QFETCH(Call, call);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    FakeServer s;
    s.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, "{\"action\":\"get\",\"node\":{\"key\":\"/a\"}}",
                            FakeServer::etcdHeaders(1));
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    QSignalSpy curl(&c, &Client::requestSent);
    Reply *r = call(c);
    QVERIFY(wait(r));
    QCOMPARE(s.requests.size(), 1);
    QCOMPARE(s.requests[0].method, method);
    QCOMPARE(s.requests[0].target, target);
    QCOMPARE(s.requests[0].body, body);
    QCOMPARE(curl.size(), 1);
    QVERIFY(
        curl[0][0].toString().startsWith(QStringLiteral("curl -X ") + QString::fromLatin1(method)));
}

void tst_Client::failoverOnRefusedAndPins()
{
    FakeServer s;
    s.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200,
                            "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"value\":\"v\"}}",
                            FakeServer::etcdHeaders(3));
    };
    const QUrl dead = closedEndpoint();
    Client c(ClientConfig::forEndpoints({dead, s.url()}));
    Reply *r = c.get(QStringLiteral("/a"));
    QVERIFY(wait(r));
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    QCOMPARE(r->endpoint(), s.url());
    QCOMPARE(c.pinnedEndpoint(), s.url());
    // The pinned member is asked first from now on.
    QSignalSpy curl(&c, &Client::requestSent);
    Reply *again = c.get(QStringLiteral("/a"));
    QVERIFY(wait(again));
    QCOMPARE(curl.size(), 1);
}

void tst_Client::failoverOnServerError()
{
    FakeServer sick;
    sick.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 500,
                            "{\"errorCode\":300,\"message\":\"Raft Internal Error\"}");
    };
    FakeServer healthy;
    healthy.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, "{\"action\":\"get\",\"node\":{\"key\":\"/a\"}}",
                            FakeServer::etcdHeaders(1));
    };
    Client c(ClientConfig::forEndpoints({sick.url(), healthy.url()}));
    Reply *r = c.get(QStringLiteral("/a"));
    QVERIFY(wait(r));
    QVERIFY(!r->error());
    QCOMPARE(r->endpoint(), healthy.url());

    Client alone(ClientConfig::forEndpoints({sick.url()}));
    Reply *bad = alone.get(QStringLiteral("/a"));
    QVERIFY(wait(bad));
    QCOMPARE(bad->error().kind(), Error::Kind::ClusterUnavailable);
    QCOMPARE(bad->error().attempts().size(), 1);
    QCOMPARE(bad->error().toString(),
             QStringLiteral("client: etcd cluster is unavailable or misconfigured; error #0: "
                            "client: etcd member %1 has no leader\n")
                 .arg(sick.url().toString()));
    QVERIFY(!bad->error().isConnectionError());
}

void tst_Client::headerTimeoutMovesOn()
{
    FakeServer silent; // accepts and never answers
    FakeServer good;
    good.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, "{\"action\":\"get\",\"node\":{\"key\":\"/a\"}}",
                            FakeServer::etcdHeaders(1));
    };
    ClientConfig config;
    config.endpoints = {silent.url(), good.url()};
    config.headerTimeoutMs = 1500; // the good server shares this loaded event loop
    Client c(config);
    Reply *r = c.get(QStringLiteral("/a"));
    QVERIFY(wait(r));
    QVERIFY(!r->error());
    QCOMPARE(r->endpoint(), good.url());

    config.endpoints = {silent.url()};
    Client alone(config);
    Reply *bad = alone.get(QStringLiteral("/a"));
    QVERIFY(wait(bad));
    QCOMPARE(bad->error().attempts().value(0).kind(), Error::Kind::HeaderTimeout);
    QCOMPARE(
        bad->error().attempts().value(0).toString(),
        QStringLiteral("client: endpoint %1 exceeded header timeout").arg(silent.url().toString()));
}

void tst_Client::totalDeadline()
{
    FakeServer silent;
    ClientConfig config;
    config.endpoints = {silent.url()};
    config.totalTimeoutMs = 200;
    Client c(config);
    Reply *r = c.get(QStringLiteral("/a"));
    QVERIFY(wait(r));
    QCOMPARE(r->error().kind(), Error::Kind::Deadline);
    QCOMPARE(r->error().toString(), QStringLiteral("context deadline exceeded"));
    QVERIFY(r->error().isConnectionError());
}

void tst_Client::basicCredentialsSent()
{
    FakeServer s;
    s.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, "{\"members\":[]}");
    };
    ClientConfig config;
    config.endpoints = {s.url()};
    config.username = QStringLiteral("root");
    config.password = QStringLiteral("s3:cret");
    Client c(config);
    Reply *r = c.listMembers();
    QVERIFY(wait(r));
    QCOMPARE(s.requests.value(0).header("Authorization"),
             "Basic " + QByteArray("root:s3:cret").toBase64());
}

void tst_Client::syncReplacesEndpoints()
{
    FakeServer a;
    FakeServer b;
    const QByteArray members =
        "{\"members\":[{\"id\":\"1\",\"name\":\"a\",\"peerURLs\":[],\"clientURLs\":[\"" +
        a.url().toString().toUtf8() +
        "\"]},{\"id\":\"2\",\"name\":\"b\",\"peerURLs\":[],\"clientURLs\":[\"" +
        b.url().toString().toUtf8() + "\"]}]}";
    a.handler = [members](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, members);
    };
    Client c(ClientConfig::forEndpoints({a.url()}));
    QSignalSpy changed(&c, &Client::endpointsChanged);
    Reply *r = c.sync();
    QVERIFY(wait(r));
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    QCOMPARE(c.endpoints(), (QList<QUrl>{a.url(), b.url()}));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(r->members().size(), 2);
    QCOMPARE(r->members()[1].name, QStringLiteral("b"));
}

void tst_Client::syncWithoutClientUrls()
{
    FakeServer a;
    a.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200,
                            "{\"members\":[{\"id\":\"1\",\"name\":\"\",\"peerURLs\":[\"http://"
                            "x:1\"],\"clientURLs\":[]}]}");
    };
    Client c(ClientConfig::forEndpoints({a.url()}));
    Reply *r = c.sync();
    QVERIFY(wait(r));
    QCOMPARE(r->error().kind(), Error::Kind::NoEndpoints);
    QCOMPARE(c.endpoints(), QList<QUrl>{a.url()});
}

void tst_Client::autoSyncFollowsMembership()
{
    FakeServer a;
    FakeServer b;
    QByteArray members = "{\"members\":[{\"id\":\"1\",\"name\":\"a\",\"clientURLs\":[\"" +
                         a.url().toString().toUtf8() + "\"]}]}";
    a.handler = [&members](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, members);
    };
    ClientConfig config = ClientConfig::forEndpoints({a.url()});
    config.autoSyncIntervalMs = 50;
    Client c(config);
    QSignalSpy changed(&c, &Client::endpointsChanged);
    // A member joins: the next periodic sync picks it up.
    members = "{\"members\":[{\"id\":\"1\",\"name\":\"a\",\"clientURLs\":[\"" +
              a.url().toString().toUtf8() + "\"]},{\"id\":\"2\",\"name\":\"b\",\"clientURLs\":[\"" +
              b.url().toString().toUtf8() + "\"]}]}";
    QVERIFY(changed.wait(5000));
    QCOMPARE(c.endpoints(), (QList<QUrl>{a.url(), b.url()}));
}

void tst_Client::membersAndAuthErrorsCarryMessage()
{
    FakeServer s;
    s.handler = [](const FakeServer::Request &r) {
        if (r.path() == "/v2/members")
            FakeServer::respond(r.socket, 409, "{\"message\":\"membership: peerURL exists\"}");
        else
            FakeServer::respond(r.socket, 404, "404 page not found");
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    Reply *add = c.addMember({QStringLiteral("http://127.0.0.1:1")});
    QVERIFY(wait(add));
    QCOMPARE(add->error().kind(), Error::Kind::Http);
    QCOMPARE(add->error().toString(), QStringLiteral("membership: peerURL exists"));
    QCOMPARE(add->error().httpStatus(), 409);
    // Auth answers are decoded like the Go client does, JSON errors included.
    Reply *user = c.getUser(QStringLiteral("x"));
    QVERIFY(wait(user));
    QCOMPARE(user->error().toString(),
             QStringLiteral("invalid character 'p' after top-level value"));
    // Listing roles only looks at the status.
    Reply *roles = c.listRoles();
    QVERIFY(wait(roles));
    QCOMPARE(roles->error().toString(), QStringLiteral("unexpected status code 404"));
}

void tst_Client::normalizePeerUrls_data()
{
    QTest::addColumn<QStringList>("in");
    QTest::addColumn<QStringList>("out");
    QTest::addColumn<QString>("error");
    QTest::newRow("sorted") << QStringList{QStringLiteral("http://b:2"),
                                           QStringLiteral(" http://a:1")}
                            << QStringList{QStringLiteral("http://a:1"),
                                           QStringLiteral("http://b:2")}
                            << QString();
    QTest::newRow("scheme") << QStringList{QStringLiteral("notaurl")} << QStringList()
                            << QStringLiteral(
                                   "URL scheme must be http, https, unix, or unixs: notaurl");
    QTest::newRow("port") << QStringList{QStringLiteral("http://host")} << QStringList()
                          << QStringLiteral(
                                 "URL address does not have the form \"host:port\": http://host");
    QTest::newRow("path") << QStringList{QStringLiteral("http://h:1/p")} << QStringList()
                          << QStringLiteral("URL must not contain a path: http://h:1/p");
    QTest::newRow("empty") << QStringList() << QStringList()
                           << QStringLiteral("no valid URLs given");
}

void tst_Client::normalizePeerUrls()
{
    QFETCH(QStringList, in);
    QFETCH(QStringList, out);
    QFETCH(QString, error);
    QStringList result;
    QString why;
    QCOMPARE(Client::normalizePeerUrls(in, &result, &why), error.isEmpty());
    QCOMPARE(result, out);
    QCOMPARE(why, error);
}

void tst_Client::unreadableTlsFileIsConfigurationError()
{
    ClientConfig config;
    config.endpoints = {QUrl(QStringLiteral("https://127.0.0.1:1"))};
    config.caFile = QStringLiteral("/nonexistent/ca.pem");
    Client c(config);
    QCOMPARE(c.configurationError().kind(), Error::Kind::Configuration);
    Reply *r = c.get(QStringLiteral("/a"));
    QVERIFY(wait(r));
    QCOMPARE(r->error().kind(), Error::Kind::Configuration);
}

void tst_Client::httpsWithCaFile()
{
    FakeServer s(FakeServer::Tls::On);
    s.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200,
                            "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"value\":\"tls\"}}",
                            FakeServer::etcdHeaders(1));
    };
    ClientConfig config = ClientConfig::forEndpoints({s.url()});
    config.caFile = FakeServer::certificate(QStringLiteral("ca.pem"));
    Client c(config);
    QVERIFY(!c.configurationError());
    Reply *r = c.get(QStringLiteral("/a"));
    QVERIFY(wait(r));
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    QCOMPARE(r->keys().node.value, QStringLiteral("tls"));
    QVERIFY(s.url().toString().startsWith(QStringLiteral("https://")));
}

void tst_Client::httpsRejectsUnknownAuthority()
{
    FakeServer s(FakeServer::Tls::On);
    s.handler = [](const FakeServer::Request &r) { FakeServer::respond(r.socket, 200, "{}"); };
    Client c(ClientConfig::forEndpoints({s.url()}));
    Reply *r = c.get(QStringLiteral("/a"));
    QVERIFY(wait(r));
    QCOMPARE(r->error().kind(), Error::Kind::ClusterUnavailable);
    QCOMPARE(r->error().attempts().value(0).kind(), Error::Kind::Tls);
    QCOMPARE(r->error().attempts().value(0).toString(),
             QStringLiteral("x509: certificate signed by unknown authority"));
    QVERIFY(s.requests.isEmpty());
}

void tst_Client::httpsClientCertificate()
{
    FakeServer s(FakeServer::Tls::RequireClientCertificate);
    s.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, "{\"members\":[]}");
    };
    ClientConfig config = ClientConfig::forEndpoints({s.url()});
    config.caFile = FakeServer::certificate(QStringLiteral("ca.pem"));
    Client anonymous(config);
    Reply *refused = anonymous.listMembers();
    QVERIFY(wait(refused));
    QVERIFY(refused->error());
    QVERIFY(s.requests.isEmpty());

    config.certFile = FakeServer::certificate(QStringLiteral("client.pem"));
    config.keyFile = FakeServer::certificate(QStringLiteral("client.key"));
    Client identified(config);
    QVERIFY(!identified.configurationError());
    Reply *r = identified.listMembers();
    QVERIFY(wait(r));
    QVERIFY2(!r->error(), qPrintable(r->error().toString()));
    QCOMPARE(s.requests.size(), 1);
}

// --- watches ----------------------------------------------------------------------------

void tst_Client::watchContinuesFromModifiedIndex()
{
    FakeServer s;
    int n = 0;
    s.handler = [&n](const FakeServer::Request &r) {
        if (n++ == 0)
            FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "a", 5),
                                FakeServer::etcdHeaders(4));
        // later polls stay open
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    WatchOptions o;
    o.waitIndex = 3;
    Watcher *w = c.watch(QStringLiteral("/k"), o);
    QSignalSpy events(w, &Watcher::event);
    QVERIFY(events.wait(5000));
    QVERIFY(QTest::qWaitFor([&s] { return s.requests.size() == 2; }, 5000));
    QCOMPARE(s.requests[0].param("waitIndex"), QByteArray("3"));
    QCOMPARE(s.requests[1].param("waitIndex"), QByteArray("6"));
    QCOMPARE(s.requests[1].param("wait"), QByteArray("true"));
    const Response r = events[0][0].value<Response>();
    QCOMPARE(r.node.value, QStringLiteral("a"));
    QCOMPARE(r.etcdIndex, 4u);
    QCOMPARE(w->nextIndex(), 6u);
}

void tst_Client::watchResumesFromHeaderIndexAfterDrop()
{
    FakeServer s;
    int n = 0;
    QPointer<QTcpSocket> first;
    s.handler = [&n, &first](const FakeServer::Request &r) {
        if (n++ == 0) {
            // Watch from "now" at index 10, then the connection dies (below, once the
            // client has read the headers).
            FakeServer::startChunked(r.socket, 200, FakeServer::etcdHeaders(10));
            first = r.socket;
        }
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    Watcher *w = c.watch(QStringLiteral("/k"));
    connect(w, &Watcher::connected, this, [&first] {
        if (first)
            FakeServer::drop(first);
    });
    QSignalSpy lost(w, &Watcher::disconnected);
    QVERIFY(QTest::qWaitFor([&s] { return s.requests.size() == 2; }, 5000));
    QCOMPARE(s.requests[0].param("waitIndex"), QByteArray("0"));
    // Nothing after index 10 was seen: ask the history from 11.
    QCOMPARE(s.requests[1].param("waitIndex"), QByteArray("11"));
    QCOMPARE(lost.size(), 1);
    QVERIFY(w->isRunning());
}

void tst_Client::watchFailsOverToNextEndpoint()
{
    FakeServer a;
    FakeServer b;
    a.handler = [](const FakeServer::Request &r) {
        if (r.param("waitIndex") == "7")
            FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "1", 7),
                                FakeServer::etcdHeaders(7));
        // the next poll hangs until the member goes away
    };
    b.handler = [](const FakeServer::Request &r) {
        FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "2", 8),
                            FakeServer::etcdHeaders(8));
    };
    Client c(ClientConfig::forEndpoints({a.url(), b.url()}));
    WatchOptions o;
    o.waitIndex = 7;
    Watcher *w = c.watch(QStringLiteral("/k"), o);
    QSignalSpy events(w, &Watcher::event);
    QVERIFY(events.wait(5000));
    a.closeAll(); // member A goes away after the first event
    QVERIFY(QTest::qWaitFor([&events] { return events.size() >= 2; }, 5000));
    QCOMPARE(events[0][0].value<Response>().node.value, QStringLiteral("1"));
    QCOMPARE(events[1][0].value<Response>().node.value, QStringLiteral("2"));
    QCOMPARE(b.requests.value(0).param("waitIndex"), QByteArray("8"));
}

void tst_Client::watchWithoutHeadersMovesOn()
{
    // A member that takes a watch and never answers its headers (what a request lost inside
    // Qt's connection pool looks like) is left for the next one after 5 s, though the client
    // sets no header timeout, and the watch goes on from the same index. Long poll and stream.
    for (const bool stream : {false, true}) {
        FakeServer silent; // accepts and never answers
        FakeServer good;
        good.handler = [](const FakeServer::Request &r) {
            if (r.param("stream") == "true") { // streaming from index 8 on
                FakeServer::startChunked(r.socket, 200, FakeServer::etcdHeaders(8));
                FakeServer::sendChunk(r.socket, FakeServer::event("set", "/k", "9", 9));
            } else if (const QByteArray at = r.param("waitIndex"); at.toInt() <= 8) {
                FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", at, at.toInt()),
                                    FakeServer::etcdHeaders(at.toInt()));
            } else { // a later long poll waits, as a member does, with its headers sent
                FakeServer::startChunked(r.socket, 200, FakeServer::etcdHeaders(8));
            }
        };
        ClientConfig config = ClientConfig::forEndpoints({silent.url(), good.url()});
        QCOMPARE(config.headerTimeoutMs, 0);
        Client c(config);
        Watcher *w = watchFrom(c, 7, stream);
        QSignalSpy events(w, &Watcher::event);
        QSignalSpy lost(w, &Watcher::disconnected);
        QVERIFY2(QTest::qWaitFor([&silent] { return !silent.requests.isEmpty(); }, 5000),
                 stream ? "stream" : "long poll");
        const int expected = stream ? 3 : 2; // 7 and 8 (long polls), then 9 (the stream)
        QVERIFY(QTest::qWaitFor([&events, expected] { return events.size() >= expected; }, 15000));
        for (int i = 0; i < expected; ++i)
            QCOMPARE(events[i][0].value<Response>().node.value, QString::number(7 + i));
        QCOMPARE(lost.size(), 1);
        QCOMPARE(lost[0][0].value<Error>().kind(), Error::Kind::HeaderTimeout);
        QCOMPARE(lost[0][0].value<Error>().endpoint(), silent.url());
        delete w;
    }
}

void tst_Client::idleWatchAsksTheSameMemberAgain()
{
    // Nothing arrives on a watch for watchIdleRecheckMs after its headers: it asks the same
    // member again from the same index, and a member that is there is none the wiser for the
    // watch's user: no disconnected(), one connected(), and the event when it comes.
    for (const bool stream : {false, true}) {
        FakeServer s;
        int watches = 0;
        s.handler = [&watches, stream](const FakeServer::Request &r) {
            // The first watch stays idle (headers only); the second sees event 5, which ends
            // a long poll.
            const bool idle = ++watches == 1;
            FakeServer::startChunked(r.socket, 200, FakeServer::etcdHeaders(4));
            if (idle)
                return;
            FakeServer::sendChunk(r.socket, FakeServer::event("set", "/k", "5", 5));
            if (!stream)
                FakeServer::endChunked(r.socket);
        };
        ClientConfig config = ClientConfig::forEndpoints({s.url()});
        config.watchIdleRecheckMs = 300;
        Client c(config);
        Watcher *w = watchFrom(c, 5, stream);
        QSignalSpy events(w, &Watcher::event);
        QSignalSpy connected(w, &Watcher::connected);
        QSignalSpy lost(w, &Watcher::disconnected);
        QVERIFY2(events.wait(10000), stream ? "stream" : "long poll");
        QCOMPARE(events[0][0].value<Response>().node.value, QStringLiteral("5"));
        QCOMPARE(watches, 2);
        for (const FakeServer::Request &r : std::as_const(s.requests))
            QCOMPARE(r.param(stream ? "stream" : "waitIndex"), stream ? "true" : "5");
        QCOMPARE(connected.size(), 1);
        QCOMPARE(lost.size(), 0);
        delete w;
    }
}

void tst_Client::watchOnAVanishedMemberMovesOn()
{
    // A member that sent a watch's headers and then vanished without closing the connection
    // (a power loss, a partition: no FIN, no RST) is noticed when the idle watch asks it again
    // and gets no headers in time; the watch goes on from the same index on the next member.
    // Without the recheck only TCP keepalive would end it, after hours.
    for (const bool stream : {false, true}) {
        FakeServer vanishing;
        vanishing.handler = [&vanishing](const FakeServer::Request &r) {
            if (vanishing.requests.size() == 1) // headers, then nothing ever again
                FakeServer::startChunked(r.socket, 200, FakeServer::etcdHeaders(8));
        };
        FakeServer good;
        good.handler = [](const FakeServer::Request &r) {
            FakeServer::startChunked(r.socket, 200, FakeServer::etcdHeaders(8));
            FakeServer::sendChunk(r.socket, FakeServer::event("set", "/k", "9", 9));
            if (r.param("stream") != "true")
                FakeServer::endChunked(r.socket);
        };
        ClientConfig config = ClientConfig::forEndpoints({vanishing.url(), good.url()});
        config.headerTimeoutMs = 500;
        config.watchIdleRecheckMs = 300;
        Client c(config);
        Watcher *w = watchFrom(c, 9, stream);
        QSignalSpy events(w, &Watcher::event);
        QSignalSpy lost(w, &Watcher::disconnected);
        QVERIFY2(events.wait(10000), stream ? "stream" : "long poll");
        QCOMPARE(events[0][0].value<Response>().node.value, QStringLiteral("9"));
        QCOMPARE(vanishing.requests.size(), 2); // the watch, then the recheck
        QCOMPARE(lost.size(), 1);
        QCOMPARE(lost[0][0].value<Error>().kind(), Error::Kind::HeaderTimeout);
        QCOMPARE(lost[0][0].value<Error>().endpoint(), vanishing.url());
        delete w;
    }
}

void tst_Client::watchHistoryClearedStopsAndRestarts()
{
    FakeServer s;
    s.handler = [](const FakeServer::Request &r) {
        if (r.param("waitIndex") == "2")
            FakeServer::respond(
                r.socket, 400,
                "{\"errorCode\":401,\"message\":\"The event in requested index is outdated and "
                "cleared\","
                "\"cause\":\"the requested history has been cleared [1008/2]\",\"index\":2007}",
                FakeServer::etcdHeaders(2007));
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    WatchOptions o;
    o.waitIndex = 2;
    Watcher *w = c.watch(QStringLiteral("/k"), o);
    QSignalSpy cleared(w, &Watcher::historyCleared);
    QVERIFY(cleared.wait(5000));
    const Error e = cleared[0][0].value<Error>();
    QVERIFY(e.isHistoryCleared());
    QCOMPARE(e.index(), 2007u);
    QVERIFY(!w->isRunning());
    w->restartFrom(e.index() + 1);
    QVERIFY(QTest::qWaitFor([&s] { return s.requests.size() == 2; }, 5000));
    QCOMPARE(s.requests[1].param("waitIndex"), QByteArray("2008"));
}

void tst_Client::watchNeverDeliversTwice()
{
    FakeServer s;
    int n = 0;
    s.handler = [&n](const FakeServer::Request &r) {
        ++n;
        // A confused member answers with an event the watcher already has.
        if (n == 1)
            FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "a", 5),
                                FakeServer::etcdHeaders(5));
        else if (n == 2)
            FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "a", 5),
                                FakeServer::etcdHeaders(5));
        else if (n == 3)
            FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "b", 6),
                                FakeServer::etcdHeaders(6));
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    Watcher *w = c.watch(QStringLiteral("/k"));
    QSignalSpy events(w, &Watcher::event);
    QVERIFY(QTest::qWaitFor([&s] { return s.requests.size() >= 4; }, 5000));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[1][0].value<Response>().node.value, QStringLiteral("b"));
}

void tst_Client::watchRepollsAfterEmptyBody()
{
    FakeServer s;
    int n = 0;
    s.handler = [&n](const FakeServer::Request &r) {
        if (n++ == 0)
            FakeServer::respond(r.socket, 200, QByteArray(), FakeServer::etcdHeaders(20));
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    Watcher *w = c.watch(QStringLiteral("/k"));
    QVERIFY(QTest::qWaitFor([&s] { return s.requests.size() == 2; }, 5000));
    QCOMPARE(s.requests[1].param("waitIndex"), QByteArray("21"));
    QVERIFY(w->isRunning());
}

void tst_Client::watchFailIfUnreachable()
{
    Client c(ClientConfig::forEndpoints({closedEndpoint(), closedEndpoint()}));
    WatchOptions o;
    o.failIfUnreachable = true;
    Watcher *w = c.watch(QStringLiteral("/k"), o);
    QSignalSpy failed(w, &Watcher::error);
    QVERIFY(failed.wait(5000));
    const Error e = failed[0][0].value<Error>();
    QCOMPARE(e.kind(), Error::Kind::ClusterUnavailable);
    QCOMPARE(e.attempts().size(), 2);
    QVERIFY(e.isConnectionError());
    QVERIFY(!w->isRunning());
}

void tst_Client::streamWatchFillsGapBeforeStreaming()
{
    // The stream starts at index 10; the watcher still needs 5..10 from the
    // history (two long polls), and must not lose the stream's events 12 and
    // 13 or deliver 12 twice.
    FakeServer s;
    QPointer<QTcpSocket> stream;
    s.handler = [&stream](const FakeServer::Request &r) {
        if (r.param("stream") == "true") {
            stream = r.socket;
            FakeServer::startChunked(r.socket, 200, FakeServer::etcdHeaders(10));
            FakeServer::sendChunk(r.socket, FakeServer::event("set", "/k", "s12", 12) + "\n");
            FakeServer::sendChunk(r.socket, FakeServer::event("set", "/k", "s13", 13) + "\n");
        } else if (r.param("waitIndex") == "5") {
            FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "h7", 7),
                                FakeServer::etcdHeaders(13));
        } else if (r.param("waitIndex") == "8") {
            FakeServer::respond(r.socket, 200, FakeServer::event("set", "/k", "h12", 12),
                                FakeServer::etcdHeaders(13));
        }
    };
    Client c(ClientConfig::forEndpoints({s.url()}));
    WatchOptions o;
    o.stream = true;
    o.waitIndex = 5;
    Watcher *w = c.watch(QStringLiteral("/k"), o);
    QSignalSpy events(w, &Watcher::event);
    QVERIFY(QTest::qWaitFor([&events] { return events.size() >= 3; }, 5000));
    // Live events keep coming over the stream. Event 14 also marks the end of what came
    // before it: once it is delivered, a repeat of 12 would have been delivered too.
    FakeServer::sendChunk(stream, FakeServer::event("delete", "/k", "", 14) + "\n");
    QVERIFY(QTest::qWaitFor(
        [&events] { return events.last()[0].value<Response>().node.modifiedIndex == 14; }, 5000));
    QStringList values;
    for (const auto &e : events)
        values.append(e[0].value<Response>().node.value);
    QCOMPARE(values, (QStringList{QStringLiteral("h7"), QStringLiteral("s12"),
                                  QStringLiteral("s13"), QString()}));
    QCOMPARE(w->nextIndex(), 15u);
}

QTEST_GUILESS_MAIN(tst_Client)
#include "tst_client.moc"
