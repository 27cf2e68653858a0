// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Key paths and permissions over real sockets, as an attacker sends them
// (curl --path-as-is): every non-canonical spelling of a path (dot segments,
// their %-encoded forms, encoded slashes, doubled slashes) is answered 301 to
// the clean path before any handler runs, as etcd's Go ServeMux answers it,
// so a grant on /public* never reaches /secret; guests need a prefix grant for
// recursive requests, as users do.
#include "DaemonProcess.h"
#include "RawHttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

struct Reply
{
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

QByteArray basic(const QByteArray &credentials)
{
    return credentials.isEmpty() ? QByteArray()
                                 : "Authorization: Basic " + credentials.toBase64() + "\r\n";
}

// One request on its own connection; `target` goes on the wire as given.
Reply send(quint16 port, const QByteArray &method, const QByteArray &target,
           const QByteArray &body = {}, const QByteArray &credentials = {},
           const QByteArray &contentType = "application/x-www-form-urlencoded")
{
    RawHttpClient c(port);
    QByteArray req =
        method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + basic(credentials);
    if (!body.isEmpty() || method == "PUT" || method == "POST")
        req += "Content-Type: " + contentType +
               "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    req += "\r\n" + body;
    c.send(req);
    Reply r;
    QByteArray raw;
    if (method == "HEAD") {
        c.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); });
        raw = c.buffer;
    } else {
        raw = c.readResponse();
    }
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return r;
    r.head = raw.left(end);
    r.body = raw.mid(end + 4);
    const QList<QByteArray> status = r.head.left(r.head.indexOf("\r\n")).split(' ');
    r.status = status.size() > 1 ? status.at(1).toInt() : 0;
    return r;
}

QByteArray json(const char *text)
{
    return QByteArray(text);
}

} // namespace

class TestKeyPaths : public QObject
{
    Q_OBJECT

    DaemonProcess m_member;
    quint64 m_indexBefore = 0;

    quint16 port() const { return m_member.clientPort(); }
    Reply authPut(const QByteArray &path, const QByteArray &body, const QByteArray &credentials)
    {
        return send(port(), "PUT", path, body, credentials, "application/json");
    }
    quint64 etcdIndex()
    {
        return send(port(), "GET", "/v2/keys/", {}, "root:rootpw")
            .header("X-Etcd-Index")
            .toULongLong();
    }

private Q_SLOTS:
    void initTestCase();
    void nonCanonicalKeyPathsAreRedirected_data();
    void nonCanonicalKeyPathsAreRedirected();
    void everyEndpointIsRedirected_data();
    void everyEndpointIsRedirected();
    void redirectsChangedNothing();
    void grantsHoldOnCanonicalPaths_data();
    void grantsHoldOnCanonicalPaths();
    void listingShowsOnlyReadableChildren_data();
    void listingShowsOnlyReadableChildren();
    void guestsNeedPrefixGrantForRecursive_data();
    void guestsNeedPrefixGrantForRecursive();
};

void TestKeyPaths::initTestCase()
{
    QVERIFY2(m_member.start(), m_member.output().constData());
    const QByteArray form = "value=";
    for (const char *key : {"secret", "public/a", "dir/x", "dir/sub/y"})
        QCOMPARE(send(port(), "PUT", QByteArray("/v2/keys/") + key, form + "v").status, 201);
    QCOMPARE(authPut("/v2/auth/users/root", json("{\"user\":\"root\",\"password\":\"rootpw\"}"), {})
                 .status,
             201);
    QCOMPARE(authPut("/v2/auth/roles/pub",
                     json("{\"role\":\"pub\",\"permissions\":{\"kv\":{\"read\":[\"/public*\"],"
                          "\"write\":[\"/public*\"]}}}"),
                     {})
                 .status,
             201);
    QCOMPARE(authPut("/v2/auth/roles/exact",
                     json("{\"role\":\"exact\",\"permissions\":{\"kv\":{\"read\":[\"/dir\"],"
                          "\"write\":[\"/dir\"]}}}"),
                     {})
                 .status,
             201);
    QCOMPARE(authPut("/v2/auth/users/alice",
                     json("{\"user\":\"alice\",\"password\":\"pw\",\"roles\":[\"pub\"]}"), {})
                 .status,
             200);
    QCOMPARE(authPut("/v2/auth/users/bob",
                     json("{\"user\":\"bob\",\"password\":\"pw\",\"roles\":[\"exact\"]}"), {})
                 .status,
             200);
    QCOMPARE(
        authPut("/v2/auth/roles/some",
                json("{\"role\":\"some\",\"permissions\":{\"kv\":{\"read\":[\"/dir\",\"/dir/x\"],"
                     "\"write\":[]}}}"),
                {})
            .status,
        201);
    QCOMPARE(authPut("/v2/auth/users/carol",
                     json("{\"user\":\"carol\",\"password\":\"pw\",\"roles\":[\"some\"]}"), {})
                 .status,
             200);
    QCOMPARE(authPut("/v2/auth/enable", {}, {}).status, 200);
    // Enabling creates a guest role with "/*"; narrow it to the exact key /dir.
    QCOMPARE(
        authPut(
            "/v2/auth/roles/guest",
            json("{\"role\":\"guest\",\"revoke\":{\"kv\":{\"read\":[\"/*\"],\"write\":[\"/*\"]}},"
                 "\"grant\":{\"kv\":{\"read\":[\"/dir\"],\"write\":[\"/dir\"]}}}"),
            "root:rootpw")
            .status,
        200);
    m_indexBefore = etcdIndex();
    QVERIFY(m_indexBefore > 0);
}

void TestKeyPaths::nonCanonicalKeyPathsAreRedirected_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");

    // Every spelling names /secret once cleaned; alice may only use /public*.
    const char *spellings[] = {"/v2/keys/public/../secret",
                               "/v2/keys/public/%2E%2E/secret",
                               "/v2/keys/public/%2e%2e/secret",
                               "/v2/keys/public%2F..%2Fsecret",
                               "/v2/keys/public/..%2Fsecret",
                               "/v2/keys/public/./../secret",
                               "/v2/keys//secret",
                               "/v2/keys/./secret",
                               "/v2/keys/public/x/../../secret",
                               "/v2/keys/public/%2E/%2E%2E/secret",
                               "/v2/keys/public%2F%2E%2E%2Fsecret"};
    const char *methods[] = {"GET", "HEAD", "PUT", "POST", "DELETE"};
    const char *queries[] = {"",
                             "wait=true",
                             "quorum=true",
                             "recursive=true",
                             "wait=true&recursive=true",
                             "dir=true&recursive=true"};
    for (const char *m : methods)
        for (const char *p : spellings)
            for (const char *q : queries)
                QTest::addRow("%s %s?%s", m, p, q)
                    << QByteArray(m) << QByteArray(p) << QByteArray(q);
}

void TestKeyPaths::nonCanonicalKeyPathsAreRedirected()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);

    const QByteArray target = query.isEmpty() ? path : path + '?' + query;
    const QByteArray body = method == "PUT" || method == "POST" ? "value=pwned" : "";
    const Reply r = send(port(), method, target, body, "alice:pw");
    QCOMPARE(r.status, 301);
    const QByteArray location = query.isEmpty() ? "/v2/keys/secret" : "/v2/keys/secret?" + query;
    QCOMPARE(r.header("Location"), location);
    // Go's http.Redirect: an HTML body for GET (none sent for HEAD), nothing for writes.
    if (method == "GET")
        QCOMPARE(r.body, "<a href=\"" + QByteArray(location).replace("&", "&amp;") +
                             "\">Moved Permanently</a>.\n\n");
    if (method != "GET" && method != "HEAD")
        QCOMPARE(r.header("Content-Length"), QByteArray("0"));
}

void TestKeyPaths::everyEndpointIsRedirected_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("location");
    // Answers of etcd 3.4.23 to the same requests.
    QTest::newRow("auth to keys") << QByteArray("/v2/auth/../keys/secret")
                                  << QByteArray("/v2/keys/secret");
    QTest::newRow("auth users") << QByteArray("/v2/auth/users/../users")
                                << QByteArray("/v2/auth/users");
    QTest::newRow("auth encoded") << QByteArray("/v2/auth/roles/%2E%2E/users")
                                  << QByteArray("/v2/auth/users");
    QTest::newRow("members") << QByteArray("/v2//members") << QByteArray("/v2/members");
    QTest::newRow("stats") << QByteArray("/v2/stats/./self") << QByteArray("/v2/stats/self");
    QTest::newRow("version") << QByteArray("/version/..") << QByteArray("/");
    QTest::newRow("above root") << QByteArray("/v2/keys/public/../../../secret")
                                << QByteArray("/secret");
    QTest::newRow("trailing slash kept")
        << QByteArray("/v2/keys/a/b/../") << QByteArray("/v2/keys/a/");
    QTest::newRow("escaped as Go")
        << QByteArray("/v2/keys/sp%20ace/../x!*") << QByteArray("/v2/keys/x%21%2A");
    QTest::newRow("utf-8") << QByteArray("/v2/keys/%C3%A4/../%C3%A4")
                           << QByteArray("/v2/keys/%C3%A4");
}

void TestKeyPaths::everyEndpointIsRedirected()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, location);
    const Reply r = send(port(), "GET", target, {}, "alice:pw");
    QCOMPARE(r.status, 301);
    QCOMPARE(r.header("Location"), location);
}

void TestKeyPaths::redirectsChangedNothing()
{
    // Not one of the redirected writes reached the store.
    QCOMPARE(etcdIndex(), m_indexBefore);
    const Reply secret = send(port(), "GET", "/v2/keys/secret", {}, "root:rootpw");
    QCOMPARE(secret.status, 200);
    QCOMPARE(QJsonDocument::fromJson(secret.body)["node"]["value"].toString(), QStringLiteral("v"));
}

void TestKeyPaths::grantsHoldOnCanonicalPaths_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<int>("status");
    QTest::newRow("own key") << QByteArray("GET") << QByteArray("/v2/keys/public/a")
                             << QByteArray("alice:pw") << 200;
    QTest::newRow("encoded slash inside grant")
        << QByteArray("GET") << QByteArray("/v2/keys/public%2Fa") << QByteArray("alice:pw") << 200;
    QTest::newRow("other key") << QByteArray("GET") << QByteArray("/v2/keys/secret")
                               << QByteArray("alice:pw") << 401;
    QTest::newRow("other key, trailing slash")
        << QByteArray("GET") << QByteArray("/v2/keys/secret/") << QByteArray("alice:pw") << 401;
    QTest::newRow("other key, quorum")
        << QByteArray("GET") << QByteArray("/v2/keys/secret?quorum=true") << QByteArray("alice:pw")
        << 401;
    QTest::newRow("other key, watch")
        << QByteArray("GET") << QByteArray("/v2/keys/secret?wait=true") << QByteArray("alice:pw")
        << 401;
    QTest::newRow("other key, delete")
        << QByteArray("DELETE") << QByteArray("/v2/keys/secret") << QByteArray("alice:pw") << 401;
    QTest::newRow("root reads it")
        << QByteArray("GET") << QByteArray("/v2/keys/secret") << QByteArray("root:rootpw") << 200;
}

void TestKeyPaths::grantsHoldOnCanonicalPaths()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, credentials);
    QFETCH(int, status);
    QCOMPARE(send(port(), method, target, {}, credentials).status, status);
}

void TestKeyPaths::listingShowsOnlyReadableChildren_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QStringList>("children");
    // /dir holds /dir/x (a value) and /dir/sub (a directory). etcd lists both,
    // /dir/x's value included, to anyone who may read /dir itself.
    QTest::newRow("guest, exact /dir")
        << QByteArray("/v2/keys/dir") << QByteArray() << QStringList();
    QTest::newRow("bob, exact /dir")
        << QByteArray("/v2/keys/dir") << QByteArray("bob:pw") << QStringList();
    QTest::newRow("carol, /dir and /dir/x")
        << QByteArray("/v2/keys/dir") << QByteArray("carol:pw") << QStringList{"/dir/x"};
    QTest::newRow("carol, quorum read") << QByteArray("/v2/keys/dir?quorum=true")
                                        << QByteArray("carol:pw") << QStringList{"/dir/x"};
    QTest::newRow("root sees all")
        << QByteArray("/v2/keys/dir?sorted=true") << QByteArray("root:rootpw")
        << QStringList{"/dir/sub", "/dir/x"};
}

void TestKeyPaths::listingShowsOnlyReadableChildren()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, credentials);
    QFETCH(QStringList, children);
    const Reply r = send(port(), "GET", target, {}, credentials);
    QCOMPARE(r.status, 200);
    const QJsonObject node = QJsonDocument::fromJson(r.body)["node"].toObject();
    QCOMPARE(node["key"].toString(), QStringLiteral("/dir"));
    QStringList keys;
    for (const QJsonValue &child : node["nodes"].toArray())
        keys << child["key"].toString();
    keys.sort();
    QCOMPARE(keys, children);
}

void TestKeyPaths::guestsNeedPrefixGrantForRecursive_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<int>("status");
    // The guest role and bob's role both grant exactly "/dir" (no '*').
    for (const char *who : {"", "bob:pw"}) {
        const QByteArray c(who);
        const char *name = *who ? "bob" : "guest";
        QTest::addRow("%s: the key itself", name)
            << QByteArray("GET") << QByteArray("/v2/keys/dir") << c << 200;
        QTest::addRow("%s: recursive read", name)
            << QByteArray("GET") << QByteArray("/v2/keys/dir?recursive=true") << c << 401;
        QTest::addRow("%s: recursive watch", name)
            << QByteArray("GET") << QByteArray("/v2/keys/dir?wait=true&recursive=true") << c << 401;
        QTest::addRow("%s: recursive stream", name)
            << QByteArray("GET") << QByteArray("/v2/keys/dir?wait=true&recursive=true&stream=true")
            << c << 401;
        QTest::addRow("%s: recursive delete", name)
            << QByteArray("DELETE") << QByteArray("/v2/keys/dir?recursive=true") << c << 401;
        QTest::addRow("%s: key below", name)
            << QByteArray("GET") << QByteArray("/v2/keys/dir/x") << c << 401;
    }
}

void TestKeyPaths::guestsNeedPrefixGrantForRecursive()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, credentials);
    QFETCH(int, status);
    QCOMPARE(send(port(), method, target, {}, credentials).status, status);
    // The subtree is still whole.
    QCOMPARE(send(port(), "GET", "/v2/keys/dir/sub/y", {}, "root:rootpw").status, 200);
}

QTEST_MAIN(TestKeyPaths)
#include "tst_keypaths.moc"
