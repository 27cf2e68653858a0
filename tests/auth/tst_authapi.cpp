// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The v2 auth contract end to end without sockets: /v2/auth requests
// through V2Api, with etcd 3.4.23's statuses and exact JSON; Basic
// credentials on /v2/keys and /v2/members; password checks off the owner's
// thread. The contract runs over a bare Store and AuthStore
// (testsupport::StoreBackend: changes apply at once, no Raft, no timers). A
// real EtcdNode only where the member itself is under test: a change that
// never applies answered when its proposal times out (unappliedChangeIs500)
// and the auth state surviving a restart from a snapshot (restartKeepsAuth).
#include "StoreBackend.h"
#include "api/HttpRequest.h"
#include "api/V2Api.h"
#include "auth/AuthCommand.h"
#include "node/EtcdNode.h"
#include "node/NodeSnapshot.h"
#include "node/RaftRequest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct FakeChannel : api::ResponseChannel
{
    std::optional<api::HttpResponse> response;

    bool isOpen() const override { return !response; }
    void respond(const api::HttpResponse &r) override { response = r; }
    void beginStream(const api::HttpResponse &) override {}
    void writeChunk(const QByteArray &) override {}
    void endStream() override {}
    void onClosed(std::function<void()>) override {}
};

QByteArray headerOf(const api::HttpResponse &r, const QByteArray &name)
{
    for (const auto &h : r.headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

node::NodeOptions options()
{
    node::NodeOptions o;
    o.peerUrls = {QStringLiteral("http://localhost:2380")};
    o.clientUrls = {QStringLiteral("http://localhost:2379")};
    return o;
}

// `credentials` is "user:password" for a Basic header, or a whole
// Authorization value when it starts with '!'.
api::HttpRequest makeRequest(const QByteArray &method, const QByteArray &target,
                             const QByteArray &body = {}, const QByteArray &credentials = {})
{
    api::HttpRequest r;
    r.method = method;
    const qsizetype q = target.indexOf('?');
    r.path = QByteArray::fromPercentEncoding(q < 0 ? target : target.left(q));
    r.query = q < 0 ? QByteArray() : target.mid(q + 1);
    r.body = body;
    if (target.startsWith("/v2/keys") && !body.isEmpty())
        r.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
    else if (!body.isEmpty())
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    if (credentials.startsWith('!'))
        r.headers.append(qMakePair(QByteArray("Authorization"), credentials.mid(1)));
    else if (!credentials.isEmpty())
        r.headers.append(qMakePair(QByteArray("Authorization"), "Basic " + credentials.toBase64()));
    return r;
}

// One request, answered at once or through the event loop.
api::HttpResponse send(api::V2Api &api, const QByteArray &method, const QByteArray &target,
                       const QByteArray &body = {}, const QByteArray &credentials = {},
                       int waitMs = 5000)
{
    const api::HttpRequest r = makeRequest(method, target, body, credentials);
    auto channel = std::make_shared<FakeChannel>();
    if (auto now = api.handle(r, [&] { return channel; }))
        return *now;
    QElapsedTimer waited;
    waited.start();
    while (!channel->response && waited.elapsed() < waitMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return channel->response.value_or(api::HttpResponse{0, {}, "no answer"});
}

} // namespace

class TestAuthApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<testsupport::StoreBackend> m_backend;
    std::unique_ptr<api::V2Api> m_api;

private Q_SLOTS:
    void initTestCase()
    {
        m_backend = std::make_unique<testsupport::StoreBackend>(options());
        m_api = std::make_unique<api::V2Api>(*m_backend);
    }
    void cleanupTestCase()
    {
        m_api.reset();
        m_backend.reset();
    }

    void session_data();
    void session();
    void headers();
    void methodNotAllowed_data();
    void methodNotAllowed();
    void unappliedChangeIs500();
    void raftRequestCarriesAuth();
    void snapshotVersions();
    void restartKeepsAuth();
    void passwordsAreBcrypt();
    void credentialsCheckedOffThread();
    void failuresAnsweredFromCache();
    void checksBoundedPerUser();
    void checksBoundedPerClient();
    void passwordChangeInvalidatesCache();
};

namespace {

// A backend with auth enabled and root's password "pw".
struct AuthedMember
{
    testsupport::StoreBackend backend{options()};
    std::unique_ptr<api::V2Api> api;

    bool start()
    {
        api = std::make_unique<api::V2Api>(backend);
        return send(*api, "PUT", "/v2/auth/users/root", R"({"user":"root","password":"pw"})")
                       .status == 201 &&
               send(*api, "PUT", "/v2/auth/enable").status == 200;
    }
    quint64 hashes() const { return api->auth().verifier().hashesRun(); }
    // A second user, alice (password "apw", no role), created by root.
    bool addAlice()
    {
        return send(*api, "PUT", "/v2/auth/users/alice", R"({"user":"alice","password":"apw"})",
                    "root:pw")
                   .status == 201;
    }
};

// A request handed to the api; `now` is its answer if it came within handle().
struct Pending
{
    std::shared_ptr<FakeChannel> channel = std::make_shared<FakeChannel>();
    std::optional<api::HttpResponse> now;
};

Pending dispatch(api::V2Api &api, const QByteArray &method, const QByteArray &target,
                 const QByteArray &credentials, const QByteArray &peer = {})
{
    Pending p;
    auto channel = p.channel;
    api::HttpRequest request = makeRequest(method, target, {}, credentials);
    request.peer = peer;
    p.now = api.handle(request, [channel] { return channel; });
    return p;
}

} // namespace

void TestAuthApi::passwordsAreBcrypt()
{
    // Stored as etcd stores them: bcrypt, cost 10, one crypt(3) string.
    AuthedMember m;
    QVERIFY(m.start());
    const std::optional<auth::AuthUser> root = m.backend.auth().user(QStringLiteral("root"));
    QVERIFY(root);
    QVERIFY2(root->password.key.startsWith("$2b$10$"), root->password.key.toHex().constData());
    QCOMPARE(root->password.key.size(), 60);
    QVERIFY(root->password.salt.isEmpty());
    // A password with a NUL cannot be a bcrypt password: refused, nothing stored.
    const QByteArray nul = R"({"user":"nul","password":"a\u0000b"})";
    const api::HttpResponse refused = send(*m.api, "PUT", "/v2/auth/users/nul", nul, "root:pw");
    QCOMPARE(refused.status, 400);
    QVERIFY(!m.backend.auth().user(QStringLiteral("nul")));
}

void TestAuthApi::credentialsCheckedOffThread()
{
    // The member's thread ticks Raft: it hands a password check to the
    // verifier's pool and goes on; the answer comes through the event loop.
    AuthedMember m;
    QVERIFY(m.start());
    const quint64 before = m.hashes();
    Pending wrong = dispatch(*m.api, "GET", "/v2/keys/a", "root:wrong");
    QVERIFY2(!wrong.now, "a wrong password was judged on the member's thread");
    QVERIFY(!wrong.channel->response);
    // Meanwhile the member answers what needs no password, at once.
    Pending health = dispatch(*m.api, "GET", "/health", "root:other");
    QVERIFY(health.now);
    QCOMPARE(health.now->status, 200);
    QVERIFY(!wrong.channel->response);
    QTRY_VERIFY(wrong.channel->response);
    QCOMPARE(wrong.channel->response->status, 401);
    QCOMPARE(wrong.channel->response->body,
             QByteArray(R"({"errorCode":110,"message":"The request requires user authentication",)"
                        R"("cause":"Insufficient credentials","index":0})"
                        "\n"));
    // The right password, the same way; once verified it is answered at once.
    Pending right = dispatch(*m.api, "PUT", "/v2/keys/a", "root:pw");
    QVERIFY(!right.now);
    QTRY_VERIFY(right.channel->response);
    QCOMPARE(right.channel->response->status, 201);
    Pending again = dispatch(*m.api, "GET", "/v2/keys/a", "root:pw");
    QVERIFY(again.now);
    QCOMPARE(again.now->status, 200);
    QCOMPARE(m.hashes(), before + 2);
}

void TestAuthApi::failuresAnsweredFromCache()
{
    // The same wrong password again is refused without another hash.
    AuthedMember m;
    QVERIFY(m.start());
    QCOMPARE(send(*m.api, "GET", "/v2/keys/a", {}, "root:x").status, 401);
    const quint64 hashes = m.hashes();
    for (int i = 0; i < 20; ++i) {
        Pending p = dispatch(*m.api, "GET", "/v2/keys/a", "root:x");
        QVERIFY2(p.now, "a repeated wrong password was hashed again");
        QCOMPARE(p.now->status, 401);
        Pending members = dispatch(*m.api, "DELETE", "/v2/members/1234", "root:x");
        QVERIFY(members.now);
        QCOMPARE(members.now->status, 401);
    }
    QCOMPARE(m.hashes(), hashes);
    // Unknown users never cost a hash.
    Pending nobody = dispatch(*m.api, "GET", "/v2/keys/a", "nobody:x");
    QVERIFY(nobody.now);
    QCOMPARE(nobody.now->status, 401);
    QCOMPARE(m.hashes(), hashes);
}

void TestAuthApi::checksBoundedPerUser()
{
    // A flood of fresh wrong passwords cannot queue unbounded work: identical
    // checks share one hash, distinct ones beyond the bound get 429 at once.
    AuthedMember m;
    QVERIFY(m.start());
    QVERIFY(m.addAlice());
    const quint64 hashes = m.hashes();
    const int bound = auth::CredentialVerifier::Limits{}.maxPendingPerUser;
    QList<Pending> inFlight;
    for (int i = 0; i < bound; ++i) {
        inFlight.append(dispatch(*m.api, "GET", "/v2/keys/a", "root:x" + QByteArray::number(i)));
        QVERIFY(!inFlight.last().now);
    }
    for (int i = 0; i < 5; ++i) { // the same as the first: waits for its hash
        inFlight.append(dispatch(*m.api, "GET", "/v2/keys/a", "root:x0"));
        QVERIFY(!inFlight.last().now);
    }
    Pending excess = dispatch(*m.api, "GET", "/v2/keys/a", "root:one-too-many");
    QVERIFY(excess.now);
    QCOMPARE(excess.now->status, 429);
    QCOMPARE(headerOf(*excess.now, "Retry-After"), QByteArray("1"));
    QCOMPARE(excess.now->body,
             QByteArray(R"({"message":"Too many password checks in progress, retry later"})"));
    QCOMPARE(m.api->auth().verifier().refused(), quint64(1));
    // Another user is not held up by root's flood (alice has no role: 401).
    Pending other = dispatch(*m.api, "GET", "/v2/keys/a", "alice:apw");
    QVERIFY(!other.now);
    QTRY_VERIFY(other.channel->response);
    QCOMPARE(other.channel->response->status, 401);
    // (Its password was right: verified and remembered.)
    const auto aliceVerdict =
        m.api->auth().verifier().known(QStringLiteral("alice"), QStringLiteral("apw"),
                                       m.backend.auth().user(QStringLiteral("alice"))->password);
    QVERIFY(aliceVerdict == auth::CredentialVerifier::Verdict::Valid);
    for (const Pending &p : std::as_const(inFlight)) {
        QTRY_VERIFY(p.channel->response);
        QCOMPARE(p.channel->response->status, 401);
    }
    QCOMPARE(m.hashes(), hashes + quint64(bound) + 1);
    // Once they are done the user is checked again.
    Pending later = dispatch(*m.api, "GET", "/v2/keys/a", "root:one-too-many");
    QVERIFY(!later.now);
    QTRY_VERIFY(later.channel->response);
    QCOMPARE(later.channel->response->status, 401);
}

void TestAuthApi::checksBoundedPerClient()
{
    // One client address cannot take every slot: beyond its bound its next
    // distinct check gets 429, while another address is still served.
    AuthedMember m;
    QVERIFY(m.start());
    QVERIFY(m.addAlice());
    const int bound = auth::CredentialVerifier::Limits{}.maxPendingPerClient;
    QVERIFY(bound < auth::CredentialVerifier::Limits{}.maxPendingPerUser * 2);
    QList<Pending> inFlight;
    for (int i = 0; i < bound; ++i) { // spread over two users, under each user's bound
        const QByteArray who = i % 2 ? "alice:y" : "root:x";
        inFlight.append(
            dispatch(*m.api, "GET", "/v2/keys/a", who + QByteArray::number(i), "192.0.2.1"));
        QVERIFY(!inFlight.last().now);
    }
    Pending excess = dispatch(*m.api, "GET", "/v2/keys/a", "root:one-too-many", "192.0.2.1");
    QVERIFY(excess.now);
    QCOMPARE(excess.now->status, 429);
    Pending other = dispatch(*m.api, "GET", "/v2/keys/a", "root:one-too-many", "192.0.2.2");
    QVERIFY(!other.now);
    inFlight.append(other);
    for (const Pending &p : std::as_const(inFlight)) {
        QTRY_VERIFY(p.channel->response);
        QCOMPARE(p.channel->response->status, 401);
    }
}

void TestAuthApi::passwordChangeInvalidatesCache()
{
    AuthedMember m;
    QVERIFY(m.start());
    QCOMPARE(send(*m.api, "GET", "/v2/auth/users", {}, "root:pw").status, 200);
    QCOMPARE(send(*m.api, "GET", "/v2/auth/users", {}, "root:new").status, 401);
    QCOMPARE(
        send(*m.api, "PUT", "/v2/auth/users/root", R"({"user":"root","password":"new"})", "root:pw")
            .status,
        200);
    // Neither the old success nor the old failure sticks to the new hash.
    QCOMPARE(send(*m.api, "GET", "/v2/auth/users", {}, "root:pw").status, 401);
    QCOMPARE(send(*m.api, "GET", "/v2/auth/users", {}, "root:new").status, 200);
    QVERIFY(m.backend.auth().user(QStringLiteral("root"))->password.key.startsWith("$2b$10$"));
}

void TestAuthApi::session_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expected"); // "*": any body

    // Rows run in order against one member. Answers are etcd 3.4.23's,
    // byte for byte (success bodies end in a newline, error bodies do not).
    auto row = [](const char *name, const char *method, const char *target, const char *body,
                  const char *credentials, int status, const char *expected) {
        QTest::newRow(name) << QByteArray(method) << QByteArray(target) << QByteArray(body)
                            << QByteArray(credentials) << status << QByteArray(expected);
    };
    const char *rootRole = R"({"role":"root","permissions":{"kv":{"read":["/*"],"write":["/*"]}}})";
    const QByteArray readerRole =
        R"({"role":"reader","permissions":{"kv":{"read":["/pub/*"],"write":["/pub/w"]}}})";
    const QByteArray noCreds = R"({"message":"Insufficient credentials"})";
    const QByteArray keyNoCreds = R"({"errorCode":110,"message":"The request requires user )"
                                  R"(authentication","cause":"Insufficient credentials","index":0})"
                                  "\n";

    row("status off", "GET", "/v2/auth/enable", "", "", 200, "{\"enabled\":false}\n");
    row("no users", "GET", "/v2/auth/users", "", "", 200, "{\"users\":null}\n");
    row("root role only", "GET", "/v2/auth/roles", "", "", 200,
        QByteArray("{\"roles\":[") + rootRole + "]}\n");
    row("enable needs root user", "PUT", "/v2/auth/enable", "", "", 409,
        R"({"message":"auth: No root user available, please create one"})");
    row("create root", "PUT", "/v2/auth/users/root", R"({"user":"root","password":"rootpw"})", "",
        201, "{\"user\":\"root\",\"roles\":[\"root\"]}\n");
    row("create alice", "PUT", "/v2/auth/users/alice", R"({"user":"alice","password":"pw"})", "",
        201, "{\"user\":\"alice\",\"roles\":null}\n");
    row("password change", "PUT", "/v2/auth/users/alice", R"({"user":"alice","password":"pw"})", "",
        200, "{\"user\":\"alice\",\"roles\":[]}\n");
    row("no change", "PUT", "/v2/auth/users/alice", R"({"user":"alice"})", "", 400,
        R"({"message":"auth: User not updated. Use grant/revoke/password to update the user."})");
    row("create with roles is 200", "PUT", "/v2/auth/users/bob",
        R"({"user":"bob","password":"pw","roles":["b","a"]})", "", 200,
        "{\"user\":\"bob\",\"roles\":[\"b\",\"a\"]}\n");
    row("create with roles twice", "PUT", "/v2/auth/users/bob",
        R"({"user":"bob","password":"pw","roles":["b"]})", "", 409,
        R"({"message":"auth: User bob already exists."})");
    row("empty password", "PUT", "/v2/auth/users/carl", R"({"user":"carl"})", "", 400,
        R"({"message":"auth: Cannot create user carl with an empty password"})");
    row("name mismatch", "PUT", "/v2/auth/users/alice", R"({"user":"alicex"})", "", 400,
        R"({"message":"User JSON name does not match the name in the URL"})");
    row("broken JSON", "PUT", "/v2/auth/users/alice", R"({"user":)", "", 400,
        R"({"message":"Invalid JSON in request body."})");
    row("wrong type", "PUT", "/v2/auth/users/alice", R"({"user":"alice","password":7})", "", 400,
        R"({"message":"Invalid JSON in request body."})");
    row("no body", "PUT", "/v2/auth/users/alice", "", "", 400,
        R"({"message":"Invalid JSON in request body."})");
    row("Go-style decoding", "PUT", "/v2/auth/users/u%3C5",
        R"({"User":"u<5","PASSWORD":"x","extra":[1]} trailing)", "", 201,
        "{\"user\":\"u\\u003c5\",\"roles\":null}\n");
    row("roles with grant", "PUT", "/v2/auth/users/alice",
        R"({"user":"alice","revoke":["x"],"roles":["a"]})", "", 400,
        R"({"message":"User JSON contains both roles and grant/revoke"})");
    row("grant to missing user", "PUT", "/v2/auth/users/nobody",
        R"({"user":"nobody","grant":["reader"]})", "", 404,
        R"({"message":"auth: User nobody does not exist."})");
    row("invalid path", "GET", "/v2/auth/users/a/b", "", "", 400, R"({"message":"Invalid path"})");
    // Go's ServeMux redirects an unclean path before etcd's auth handler runs.
    row("unclean path", "GET", "/v2/auth/users/x/../alice/", "", "", 301,
        "<a href=\"/v2/auth/users/alice/\">Moved Permanently</a>.\n\n");
    row("unknown auth path", "GET", "/v2/auth/usersx", "", "", 404, "404 page not found\n");
    row("unknown user", "GET", "/v2/auth/users/nobody", "", "", 404,
        R"({"message":"auth: User nobody does not exist."})");

    row("create role", "PUT", "/v2/auth/roles/reader", R"({"role":"reader"})", "", 201,
        "{\"role\":\"reader\",\"permissions\":{\"kv\":{\"read\":null,\"write\":null}}}\n");
    row("create role twice", "PUT", "/v2/auth/roles/reader", R"({"role":"reader"})", "", 409,
        R"({"message":"auth: Role reader already exists."})");
    row("grant permissions", "PUT", "/v2/auth/roles/reader",
        R"({"role":"reader","grant":{"kv":{"read":["/pub/*"],"write":["/pub/w"]}}})", "", 200,
        readerRole + '\n');
    row("grant duplicate", "PUT", "/v2/auth/roles/reader",
        R"({"role":"reader","grant":{"kv":{"read":["/pub/*"]}}})", "", 409,
        R"({"message":"auth: Granting duplicate read permission /pub/*"})");
    row("revoke nothing", "PUT", "/v2/auth/roles/reader",
        R"({"role":"reader","revoke":{"kv":{"read":["/zz"]}}})", "", 400,
        R"({"message":"auth: Role not updated. Use grant/revoke to update the role."})");
    row("permissions with grant", "PUT", "/v2/auth/roles/reader",
        R"({"role":"reader","grant":{"kv":{"write":["/x"]}},"permissions":{"kv":{"read":["/y"]}}})",
        "", 400, R"({"message":"Role JSON contains both permissions and grant/revoke"})");
    row("role name mismatch", "PUT", "/v2/auth/roles/reader", R"({"role":"other"})", "", 400,
        R"({"message":"Role JSON name does not match the name in the URL"})");
    row("modify root role", "PUT", "/v2/auth/roles/root", R"({"role":"root"})", "", 403,
        R"({"message":"auth: Cannot modify role root: is root role."})");
    row("delete root role", "DELETE", "/v2/auth/roles/root", "", "", 403,
        R"({"message":"auth: Cannot modify role root: is root role."})");
    row("delete missing role", "DELETE", "/v2/auth/roles/nope", "", "", 404,
        R"({"message":"auth: Role nope doesn't exist."})");
    row("update missing role", "PUT", "/v2/auth/roles/nope",
        R"({"role":"nope","grant":{"kv":{"write":["/w/*"]}}})", "", 404,
        R"({"message":"auth: Role nope does not exist."})");
    row("create echoes empty grant", "PUT", "/v2/auth/roles/x",
        R"({"role":"x","grant":{"kv":{"read":[],"write":[]}}})", "", 201,
        "{\"role\":\"x\",\"permissions\":{\"kv\":{\"read\":null,\"write\":null}},"
        "\"grant\":{\"kv\":{\"read\":[],\"write\":[]}}}\n");
    row("grant role", "PUT", "/v2/auth/users/alice", R"({"user":"alice","grant":["reader"]})", "",
        200, "{\"user\":\"alice\",\"roles\":[\"reader\"]}\n");
    row("grant role twice", "PUT", "/v2/auth/users/alice", R"({"user":"alice","grant":["reader"]})",
        "", 409, R"({"message":"auth: Granting duplicate role reader for user alice"})");
    row("revoke ungranted", "PUT", "/v2/auth/users/alice", R"({"user":"alice","revoke":["zz"]})",
        "", 409, R"({"message":"auth: Revoking ungranted role zz for user alice"})");
    row("user with role objects", "GET", "/v2/auth/users/alice", "", "", 200,
        "{\"user\":\"alice\",\"roles\":[" + readerRole + "]}\n");
    row("user with missing role", "GET", "/v2/auth/users/bob", "", "", 404,
        R"({"message":"auth: Role b does not exist."})");
    row("list users", "GET", "/v2/auth/users", "", "", 200,
        "{\"users\":[{\"user\":\"alice\",\"roles\":[" + readerRole +
            "]},{\"user\":\"bob\"},{\"user\":\"root\",\"roles\":[" + rootRole +
            "]},{\"user\":\"u\\u003c5\"}]}\n");
    row("list roles", "GET", "/v2/auth/roles/", "", "", 200,
        "{\"roles\":[" + readerRole + "," + rootRole +
            ",{\"role\":\"x\",\"permissions\":{\"kv\":{\"read\":null,\"write\":null}}}]}\n");

    row("key before enable", "PUT", "/v2/keys/pub/k", "value=open", "", 201, "*");
    row("enable", "PUT", "/v2/auth/enable", "", "", 200, "");
    row("enable again needs root", "PUT", "/v2/auth/enable", "", "", 401, noCreds);
    row("enable again", "PUT", "/v2/auth/enable", "", "root:rootpw", 409,
        R"({"message":"auth: already enabled"})");
    row("status is public", "GET", "/v2/auth/enable", "", "", 200, "{\"enabled\":true}\n");
    row("users need root", "GET", "/v2/auth/users", "", "", 401, noCreds);
    row("users need the root role", "GET", "/v2/auth/users", "", "alice:pw", 401, noCreds);
    row("wrong root password", "GET", "/v2/auth/roles", "", "root:wrong", 401, noCreds);
    row("guest created", "GET", "/v2/auth/roles/guest", "", "root:rootpw", 200,
        R"({"role":"guest","permissions":{"kv":{"read":["/*"],"write":["/*"]}}})"
        "\n");
    row("guest reads", "GET", "/v2/keys/pub/k", "", "", 200, "*");
    row("wrong password", "GET", "/v2/keys/pub/k", "", "root:wrong", 401, keyNoCreds);
    row("unknown user", "GET", "/v2/keys/pub/k", "", "nobody:pw", 401, keyNoCreds);
    row("alice reads", "GET", "/v2/keys/pub/k", "", "alice:pw", 200, "*");
    // Permissions are checked on the clean key, so "/pub/*" covers the directory
    // /pub however it is spelt (etcd checks the path as sent: only "/pub/").
    row("alice /pub/ recursively", "GET", "/v2/keys/pub/?recursive=true", "", "alice:pw", 200, "*");
    row("alice /pub recursively", "GET", "/v2/keys/pub?recursive=true", "", "alice:pw", 200, "*");
    row("alice reads nothing else", "GET", "/v2/keys/other", "", "alice:pw", 401, keyNoCreds);
    row("alice writes /pub/w", "PUT", "/v2/keys/pub/w", "value=1", "alice:pw", 201, "*");
    row("alice writes not /pub/x", "PUT", "/v2/keys/pub/x", "value=1", "alice:pw", 401, keyNoCreds);
    row("parse errors first", "PUT", "/v2/keys/pub/x?ttl=abc", "value=1", "alice:pw", 400,
        R"({"errorCode":202,"message":"The given TTL in POST form is not a number",)"
        R"("cause":"invalid value for \"ttl\"","index":0})"
        "\n");
    row("malformed header", "PUT", "/v2/keys/pub/x", "value=1", "!Basic !!!", 401, keyNoCreds);
    row("other scheme", "PUT", "/v2/keys/pub/x", "value=1", "!Bearer abc", 401, keyNoCreds);
    row("scheme case-insensitive", "PUT", "/v2/keys/pub/x", "value=1",
        "!basic cm9vdDpyb290cHc=", 201, "*");
    row("root user stays", "DELETE", "/v2/auth/users/root", "", "root:rootpw", 403,
        R"({"message":"auth: Cannot delete root user while auth is enabled."})");
    row("members readable", "GET", "/v2/members", "", "", 200, "*");
    row("member changes need root", "POST", "/v2/members", R"({"peerURLs":["http://127.0.0.1:1"]})",
        "", 401, noCreds);
    row("member removal needs root", "DELETE", "/v2/members/1234", "", "alice:pw", 401, noCreds);
    row("narrow guest", "PUT", "/v2/auth/roles/guest",
        R"({"role":"guest","revoke":{"kv":{"write":["/*"]}}})", "root:rootpw", 200,
        "{\"role\":\"guest\",\"permissions\":{\"kv\":{\"read\":[\"/*\"],\"write\":[]}}}\n");
    row("guest cannot write", "PUT", "/v2/keys/pub/y", "value=1", "", 401, keyNoCreds);
    row("guest still reads", "GET", "/v2/keys/pub/k", "", "", 200, "*");
    // "/v2/keys" and "/v2/keys/" name the same key, "/" (etcd refuses the first
    // to a "/*" grant, checking the empty path as sent).
    row("guest the bare root", "GET", "/v2/keys", "", "", 200, "*");
    row("guest the root dir", "GET", "/v2/keys/", "", "", 200, "*");
    row("root may do anything", "DELETE", "/v2/keys/pub?recursive=true", "", "root:rootpw", 200,
        "*");
    row("alice granted root", "PUT", "/v2/auth/users/alice", R"({"user":"alice","grant":["root"]})",
        "root:rootpw", 200, "{\"user\":\"alice\",\"roles\":[\"reader\",\"root\"]}\n");
    row("a root-role user manages auth", "GET", "/v2/auth/roles/x", "", "alice:pw", 200, "*");
    row("disable needs root", "DELETE", "/v2/auth/enable", "", "nobody:pw", 401, noCreds);
    row("disable", "DELETE", "/v2/auth/enable", "", "alice:pw", 200, "");
    row("disable again", "DELETE", "/v2/auth/enable", "", "", 409,
        R"({"message":"auth: already disabled"})");
    row("anyone writes again", "PUT", "/v2/keys/pub/y", "value=1", "", 201, "*");
    row("wrong password ignored when off", "GET", "/v2/keys/pub/y", "", "root:wrong", 200, "*");
    row("delete user", "DELETE", "/v2/auth/users/alice", "", "", 200, "");
    row("delete user twice", "DELETE", "/v2/auth/users/alice", "", "", 404,
        R"({"message":"auth: User alice does not exist"})");
    row("delete root when off", "DELETE", "/v2/auth/users/root", "", "", 200, "");
    row("delete role", "DELETE", "/v2/auth/roles/reader", "", "", 200, "");
}

void TestAuthApi::session()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, credentials);
    QFETCH(int, status);
    QFETCH(QByteArray, expected);

    const api::HttpResponse r = send(*m_api, method, target, body, credentials);
    QVERIFY2(
        r.status == status,
        qPrintable(
            QStringLiteral("status %1, body %2").arg(r.status).arg(QString::fromUtf8(r.body))));
    if (expected != "*")
        QCOMPARE(r.body, expected);
}

void TestAuthApi::headers()
{
    // Answers past the access check carry the cluster id; refusals do not.
    const api::HttpResponse ok = send(*m_api, "GET", "/v2/auth/enable");
    QCOMPARE(headerOf(ok, "Content-Type"), QByteArray("application/json"));
    QVERIFY(!headerOf(ok, "X-Etcd-Cluster-Id").isEmpty());
    const api::HttpResponse bad = send(*m_api, "GET", "/v2/auth/users/nobody");
    QCOMPARE(bad.status, 404);
    QVERIFY(!headerOf(bad, "X-Etcd-Cluster-Id").isEmpty());

    send(*m_api, "PUT", "/v2/auth/users/root", R"({"user":"root","password":"pw"})");
    QCOMPARE(send(*m_api, "PUT", "/v2/auth/enable").status, 200);
    const api::HttpResponse refused = send(*m_api, "GET", "/v2/auth/users");
    QCOMPARE(refused.status, 401);
    QCOMPARE(headerOf(refused, "Content-Type"), QByteArray("application/json"));
    QVERIFY(headerOf(refused, "X-Etcd-Cluster-Id").isEmpty());
    // A refused key request is a v2 error with index 0.
    const api::HttpResponse key = send(*m_api, "GET", "/v2/keys/a", {}, "root:nope");
    QCOMPARE(key.status, 401);
    QCOMPARE(headerOf(key, "X-Etcd-Index"), QByteArray("0"));
    QVERIFY(!headerOf(key, "X-Etcd-Cluster-Id").isEmpty());
    QCOMPARE(send(*m_api, "DELETE", "/v2/auth/enable", {}, "root:pw").status, 200);
    QCOMPARE(send(*m_api, "DELETE", "/v2/auth/users/root").status, 200);
}

void TestAuthApi::methodNotAllowed_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("allow");

    QTest::newRow("enable POST") << QByteArray("POST") << QByteArray("/v2/auth/enable")
                                 << QByteArray("GET,PUT,DELETE");
    QTest::newRow("users PUT") << QByteArray("PUT") << QByteArray("/v2/auth/users")
                               << QByteArray("GET");
    QTest::newRow("users HEAD") << QByteArray("HEAD") << QByteArray("/v2/auth/users")
                                << QByteArray("GET");
    QTest::newRow("roles DELETE") << QByteArray("DELETE") << QByteArray("/v2/auth/roles")
                                  << QByteArray("GET");
    QTest::newRow("user POST") << QByteArray("POST") << QByteArray("/v2/auth/users/a")
                               << QByteArray("GET,PUT,DELETE");
    QTest::newRow("role PATCH") << QByteArray("PATCH") << QByteArray("/v2/auth/roles/a")
                                << QByteArray("GET,PUT,DELETE");
}

void TestAuthApi::methodNotAllowed()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, allow);
    const api::HttpResponse r = send(*m_api, method, target);
    QCOMPARE(r.status, 405);
    QCOMPARE(headerOf(r, "Allow"), allow);
    QCOMPARE(r.body, QByteArray("Method Not Allowed\n"));
}

void TestAuthApi::unappliedChangeIs500()
{
    // A member that never started has no Raft: the change cannot apply and
    // the client gets etcd's answer for a failed proposal after the timeout.
    node::NodeOptions o = options();
    o.proposalTimeoutMs = 100;
    node::EtcdNode idle(o);
    api::V2Api api(idle);
    const api::HttpResponse r =
        send(api, "PUT", "/v2/auth/users/root", R"({"user":"root","password":"pw"})");
    QCOMPARE(r.status, 500);
    QCOMPARE(r.body, QByteArray(R"({"message":"Internal Server Error"})"));
    QVERIFY(!idle.auth().user(QStringLiteral("root")));

    // The same answer for every change that fails, at once over the bare store.
    testsupport::StoreBackend backend(options());
    backend.failProposals(QStringLiteral("etcdserver: request timed out"));
    api::V2Api bare(backend);
    const api::HttpResponse failed =
        send(bare, "PUT", "/v2/auth/users/root", R"({"user":"root","password":"pw"})");
    QCOMPARE(failed.status, r.status);
    QCOMPARE(failed.body, r.body);
    QVERIFY(!backend.auth().user(QStringLiteral("root")));
}

void TestAuthApi::raftRequestCarriesAuth()
{
    auth::AuthCommand c;
    c.op = auth::AuthCommand::Op::CreateRole;
    c.name = QStringLiteral("r");
    node::RaftRequest request;
    request.kind = node::RaftRequest::Kind::Auth;
    request.id = 77;
    request.auth = c.encode();
    const std::optional<node::RaftRequest> back = node::RaftRequest::decode(request.encode());
    QVERIFY(back);
    QCOMPARE(back->kind, node::RaftRequest::Kind::Auth);
    QCOMPARE(back->id, quint64(77));
    QCOMPARE(auth::AuthCommand::decode(back->auth), std::optional<auth::AuthCommand>(c));
    const QByteArray bytes = request.encode();
    for (qsizetype n = 0; n < bytes.size(); ++n)
        QVERIFY(!node::RaftRequest::decode(bytes.left(n)));
}

void TestAuthApi::snapshotVersions()
{
    auth::AuthStore auth;
    auth::AuthCommand root;
    root.op = auth::AuthCommand::Op::CreateOrUpdateUser;
    root.name = QStringLiteral("root");
    root.password = auth::PasswordHash::derive(QStringLiteral("pw"), "salt", 1);
    QVERIFY(auth.apply(root).ok());
    const node::NodeSnapshot image{"store-bytes", "membership-bytes", auth.save()};
    const std::optional<node::NodeSnapshot> back = node::NodeSnapshot::decode(image.encode());
    QVERIFY(back);
    QCOMPARE(back->store, QByteArray("store-bytes"));
    QCOMPARE(back->membership, QByteArray("membership-bytes"));
    QCOMPARE(back->auth, image.auth);

    // Version 1 images (before auth) still read, with no auth state.
    QByteArray v1;
    {
        QDataStream s(&v1, QIODevice::WriteOnly);
        s.setVersion(QDataStream::Qt_6_4);
        s << quint32(0x51455453) << quint8(1) << QByteArray("st") << QByteArray("mb");
    }
    const std::optional<node::NodeSnapshot> old = node::NodeSnapshot::decode(v1);
    QVERIFY(old);
    QCOMPARE(old->store, QByteArray("st"));
    QVERIFY(old->auth.isEmpty());
    QVERIFY(!node::NodeSnapshot::decode(v1 + QByteArray(4, '\0')));
    QByteArray v3 = image.encode();
    v3[4] = 3;
    QVERIFY(!node::NodeSnapshot::decode(v3));
}

void TestAuthApi::restartKeepsAuth()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    node::NodeOptions o = options();
    o.dataDir = dir.path();
    o.snapshotCount = 2; // snapshots all along: early changes live only in one
    {
        node::EtcdNode node(o);
        QString error;
        QVERIFY2(node.start(&error), qPrintable(error));
        api::V2Api api(node);
        QCOMPARE(send(api, "PUT", "/v2/auth/users/root", R"({"user":"root","password":"rootpw"})")
                     .status,
                 201);
        QCOMPARE(send(api, "PUT", "/v2/auth/roles/guest",
                      R"({"role":"guest","permissions":{"kv":{"read":["/pub/*"]}}})")
                     .status,
                 201);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(send(api, "PUT", "/v2/keys/pub/k" + QByteArray::number(i), "value=v").status,
                     201);
        QCOMPARE(send(api, "PUT", "/v2/auth/enable").status, 200);
    }
    QVERIFY(!QDir(dir.filePath(QStringLiteral("member/snap")))
                 .entryList({QStringLiteral("*.snap")}, QDir::Files)
                 .isEmpty());
    node::EtcdNode again(o);
    QString error;
    QVERIFY2(again.start(&error), qPrintable(error));
    api::V2Api api(again);
    // The last entries may be committed but not yet known to be (the commit index that
    // the WAL holds can lag): they apply once the member is its own leader again.
    QTRY_VERIFY_WITH_TIMEOUT(again.auth().isEnabled(), 10000);
    QVERIFY(again.auth().check(QStringLiteral("root"), QStringLiteral("rootpw")));
    QCOMPARE(send(api, "GET", "/v2/keys/pub/k0").status, 200);
    QCOMPARE(send(api, "PUT", "/v2/keys/pub/k0", "value=x").status, 401);
    QCOMPARE(send(api, "PUT", "/v2/keys/pub/k0", "value=x", "root:rootpw").status, 200);
}

QTEST_GUILESS_MAIN(TestAuthApi)
#include "tst_authapi.moc"
