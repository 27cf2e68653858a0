// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The v2 contract end to end without sockets: the seed session's requests
// through V2Api, with etcd's exact JSON, statuses and index behaviour; watches
// through an in-memory ResponseChannel. The contract runs over a bare Store
// (testsupport::StoreBackend): no Raft, no timers, no started member. A real
// EtcdNode only where the member itself is under test: expiry driven by its
// timer (expiryIsDrivenByTheNodeTimer), health, stats and metrics once its
// Raft has elected it (memberEndpoints), and the test backend answering as the
// member does (storeBackendAnswersAsTheMember).
#include "StoreBackend.h"
#include "api/HttpRequest.h"
#include "api/V2Api.h"
#include "node/EtcdNode.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <array>

namespace {

struct FakeChannel : api::ResponseChannel
{
    bool open = true;
    std::optional<api::HttpResponse> response;
    std::optional<api::HttpResponse> head;
    QList<QByteArray> chunks;
    bool ended = false;
    std::function<void()> closed;

    bool isOpen() const override { return open && !ended && !response; }
    void respond(const api::HttpResponse &r) override { response = r; }
    void beginStream(const api::HttpResponse &h) override { head = h; }
    void writeChunk(const QByteArray &d) override { chunks.append(d); }
    void endStream() override
    {
        ended = true;
        closed = nullptr;
    }
    void onClosed(std::function<void()> cb) override { closed = std::move(cb); }
    void disconnectClient()
    {
        open = false;
        auto cb = std::move(closed);
        closed = nullptr;
        if (cb)
            cb();
    }
};

QByteArray headerOf(const api::HttpResponse &r, const QByteArray &name)
{
    for (const auto &h : r.headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

} // namespace

class TestV2Api : public QObject
{
    Q_OBJECT

    node::NodeOptions options()
    {
        node::NodeOptions o;
        o.peerUrls = {QStringLiteral("http://localhost:2380"),
                      QStringLiteral("http://localhost:7001")};
        o.clientUrls = {QStringLiteral("http://localhost:2379"),
                        QStringLiteral("http://localhost:4001")};
        return o;
    }

    // Sends one request; returns the response whether answered now or through a channel.
    api::HttpResponse send(api::V2Api &api, const QByteArray &method, const QByteArray &target,
                           const QByteArray &form = {},
                           std::shared_ptr<FakeChannel> *keep = nullptr)
    {
        api::HttpRequest r;
        r.method = method;
        const qsizetype q = target.indexOf('?');
        r.path = QByteArray::fromPercentEncoding(q < 0 ? target : target.left(q));
        r.query = q < 0 ? QByteArray() : target.mid(q + 1);
        r.body = form;
        if (!form.isEmpty())
            r.headers.append(qMakePair(QByteArray("Content-Type"),
                                       QByteArray("application/x-www-form-urlencoded")));
        auto channel = std::make_shared<FakeChannel>();
        auto now = api.handle(r, [&] { return channel; });
        if (keep)
            *keep = channel;
        if (now)
            return *now;
        // Writes are answered once applied through Raft: wait for the answer.
        QElapsedTimer waited;
        waited.start();
        while (!channel->response && !channel->head && waited.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (channel->response)
            return *channel->response;
        api::HttpResponse streamed = channel->head.value_or(api::HttpResponse{});
        streamed.body = channel->chunks.join();
        return streamed;
    }

    // What a leader with no followers answers on the cluster and stats endpoints
    // (the member once elected, the bare-store backend at once).
    void checkLeaderEndpoints(api::V2Api &api)
    {
        QCOMPARE(send(api, "GET", "/health").body, QByteArray("{\"health\":\"true\"}"));
        QCOMPARE(send(api, "GET", "/v2/machines").body,
                 QByteArray("http://localhost:2379, http://localhost:4001"));
        QCOMPARE(
            send(api, "GET", "/v2/members/leader").body,
            QByteArray("{\"id\":\"ce2a822cea30bfca\",\"name\":\"default\",\"peerURLs\":[\"http://"
                       "localhost:2380\",\"http://localhost:7001\"],\"clientURLs\":[\"http://"
                       "localhost:2379\",\"http://localhost:4001\"]}"
                       "\n"));
        QCOMPARE(send(api, "GET", "/v2/stats/leader").body,
                 QByteArray("{\"leader\":\"ce2a822cea30bfca\",\"followers\":{}}"));
        const QJsonObject self =
            QJsonDocument::fromJson(send(api, "GET", "/v2/stats/self").body).object();
        QCOMPARE(self.value(QLatin1String("state")).toString(), QStringLiteral("StateLeader"));
        QCOMPARE(self.value(QLatin1String("id")).toString(), QStringLiteral("ce2a822cea30bfca"));
        QVERIFY(send(api, "GET", "/metrics").body.contains("etcd_server_has_leader 1"));
    }

private Q_SLOTS:
    void seedSession_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        // Rows run in order against one member; indexes start at 1 on a fresh store.
        // Statuses are etcd 3.4.23's (107 and 104 answer 400 there, not 403).
        auto row = [](const char *name, const char *m, const char *t, const char *f, int s,
                      const char *b) {
            QTest::newRow(name) << QByteArray(m) << QByteArray(t) << QByteArray(f) << s
                                << QByteArray(b) + '\n';
        };
        row("set new key", "PUT", "/v2/keys/message", "value=Hello+world", 201,
            "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"Hello "
            "world\",\"modifiedIndex\":1,\"createdIndex\":1}}");
        row("set again has prevNode", "PUT", "/v2/keys/message", "value=Hello world", 200,
            "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"Hello "
            "world\",\"modifiedIndex\":2,\"createdIndex\":2},\"prevNode\":{\"key\":\"/"
            "message\",\"value\":\"Hello world\",\"modifiedIndex\":1,\"createdIndex\":1}}");
        row("get", "GET", "/v2/keys/message", "", 200,
            "{\"action\":\"get\",\"node\":{\"key\":\"/message\",\"value\":\"Hello "
            "world\",\"modifiedIndex\":2,\"createdIndex\":2}}");
        row("change value", "PUT", "/v2/keys/message", "value=hello%20etcd", 200,
            "{\"action\":\"set\",\"node\":{\"key\":\"/message\",\"value\":\"hello "
            "etcd\",\"modifiedIndex\":3,\"createdIndex\":3},\"prevNode\":{\"key\":\"/"
            "message\",\"value\":\"Hello world\",\"modifiedIndex\":2,\"createdIndex\":2}}");
        row("delete", "DELETE", "/v2/keys/message", "", 200,
            "{\"action\":\"delete\",\"node\":{\"key\":\"/"
            "message\",\"modifiedIndex\":4,\"createdIndex\":3},\"prevNode\":{\"key\":\"/"
            "message\",\"value\":\"hello etcd\",\"modifiedIndex\":3,\"createdIndex\":3}}");
        row("in-order 1", "POST", "/v2/keys/queue", "value=Job1", 201,
            "{\"action\":\"create\",\"node\":{\"key\":\"/queue/"
            "00000000000000000005\",\"value\":\"Job1\",\"modifiedIndex\":5,\"createdIndex\":5}}");
        row("in-order 2", "POST", "/v2/keys/queue", "value=Job2", 201,
            "{\"action\":\"create\",\"node\":{\"key\":\"/queue/"
            "00000000000000000006\",\"value\":\"Job2\",\"modifiedIndex\":6,\"createdIndex\":6}}");
        row("sorted recursive listing", "GET", "/v2/keys/queue?recursive=true&sorted=true", "", 200,
            "{\"action\":\"get\",\"node\":{\"key\":\"/queue\",\"dir\":true,\"nodes\":[{\"key\":\"/"
            "queue/"
            "00000000000000000005\",\"value\":\"Job1\",\"modifiedIndex\":5,\"createdIndex\":5},{"
            "\"key\":\"/queue/"
            "00000000000000000006\",\"value\":\"Job2\",\"modifiedIndex\":6,\"createdIndex\":6}],"
            "\"modifiedIndex\":5,\"createdIndex\":5}}");
        row("set foo", "PUT", "/v2/keys/foo", "value=one", 201,
            "{\"action\":\"set\",\"node\":{\"key\":\"/"
            "foo\",\"value\":\"one\",\"modifiedIndex\":7,\"createdIndex\":7}}");
        row("create existing", "PUT", "/v2/keys/foo?prevExist=false", "value=three", 412,
            "{\"errorCode\":105,\"message\":\"Key already "
            "exists\",\"cause\":\"/foo\",\"index\":7}");
        row("CAS wrong value", "PUT", "/v2/keys/foo?prevValue=two", "value=three", 412,
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[two != "
            "one]\",\"index\":7}");
        row("CAS right value", "PUT", "/v2/keys/foo?prevValue=one", "value=five", 200,
            "{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/"
            "foo\",\"value\":\"five\",\"modifiedIndex\":8,\"createdIndex\":7},\"prevNode\":{"
            "\"key\":\"/foo\",\"value\":\"one\",\"modifiedIndex\":7,\"createdIndex\":7}}");
        row("CAS wrong index", "PUT", "/v2/keys/foo?prevIndex=99", "value=xxx", 412,
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[99 != "
            "8]\",\"index\":8}");
        row("CAS right index", "PUT", "/v2/keys/foo?prevIndex=8", "value=xxx", 200,
            "{\"action\":\"compareAndSwap\",\"node\":{\"key\":\"/"
            "foo\",\"value\":\"xxx\",\"modifiedIndex\":9,\"createdIndex\":7},\"prevNode\":{\"key\":"
            "\"/foo\",\"value\":\"five\",\"modifiedIndex\":8,\"createdIndex\":7}}");
        row("CAD wrong value", "DELETE", "/v2/keys/foo?prevValue=two", "", 412,
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[two != "
            "xxx]\",\"index\":9}");
        row("CAD wrong index", "DELETE", "/v2/keys/foo?prevIndex=3", "", 412,
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[3 != "
            "9]\",\"index\":9}");
        row("CAD right value", "DELETE", "/v2/keys/foo?prevValue=xxx", "", 200,
            "{\"action\":\"compareAndDelete\",\"node\":{\"key\":\"/"
            "foo\",\"modifiedIndex\":10,\"createdIndex\":7},\"prevNode\":{\"key\":\"/"
            "foo\",\"value\":\"xxx\",\"modifiedIndex\":9,\"createdIndex\":7}}");
        row("gone", "GET", "/v2/keys/foo", "", 404,
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/foo\",\"index\":10}");
        row("mkdir", "PUT", "/v2/keys/testdir", "dir=true", 201,
            "{\"action\":\"set\",\"node\":{\"key\":\"/"
            "testdir\",\"dir\":true,\"modifiedIndex\":11,\"createdIndex\":11}}");
        row("mkdir nested", "PUT", "/v2/keys/foo_dir/abc", "dir=true", 201,
            "{\"action\":\"set\",\"node\":{\"key\":\"/foo_dir/"
            "abc\",\"dir\":true,\"modifiedIndex\":12,\"createdIndex\":12}}");
        row("root listing", "GET", "/v2/keys/", "", 200,
            "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/"
            "foo_dir\",\"dir\":true,\"modifiedIndex\":12,\"createdIndex\":12},{\"key\":\"/"
            "queue\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5},{\"key\":\"/"
            "testdir\",\"dir\":true,\"modifiedIndex\":11,\"createdIndex\":11}]}}");
        row("delete empty dir", "DELETE", "/v2/keys/foo_dir/abc?dir=true", "", 200,
            "{\"action\":\"delete\",\"node\":{\"key\":\"/foo_dir/"
            "abc\",\"dir\":true,\"modifiedIndex\":13,\"createdIndex\":12},\"prevNode\":{\"key\":\"/"
            "foo_dir/abc\",\"dir\":true,\"modifiedIndex\":12,\"createdIndex\":12}}");
        row("key in dir", "PUT", "/v2/keys/foo_dir/abc", "value=uiuiuii", 201,
            "{\"action\":\"set\",\"node\":{\"key\":\"/foo_dir/"
            "abc\",\"value\":\"uiuiuii\",\"modifiedIndex\":14,\"createdIndex\":14}}");
        row("delete non-empty dir", "DELETE", "/v2/keys/foo_dir?dir=true", "", 403,
            "{\"errorCode\":108,\"message\":\"Directory not "
            "empty\",\"cause\":\"/foo_dir\",\"index\":14}");
        row("delete dir recursively", "DELETE", "/v2/keys/foo_dir?recursive=true", "", 200,
            "{\"action\":\"delete\",\"node\":{\"key\":\"/"
            "foo_dir\",\"dir\":true,\"modifiedIndex\":15,\"createdIndex\":12},\"prevNode\":{"
            "\"key\":\"/foo_dir\",\"dir\":true,\"modifiedIndex\":12,\"createdIndex\":12}}");
        row("deleted dir gone", "GET", "/v2/keys/foo_dir", "", 404,
            "{\"errorCode\":100,\"message\":\"Key not "
            "found\",\"cause\":\"/foo_dir\",\"index\":15}");
        row("hidden key", "PUT", "/v2/keys/_message", "value=Hello hidden", 201,
            "{\"action\":\"set\",\"node\":{\"key\":\"/_message\",\"value\":\"Hello "
            "hidden\",\"modifiedIndex\":16,\"createdIndex\":16}}");
        row("hidden left out of listing", "GET", "/v2/keys/", "", 200,
            "{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/"
            "queue\",\"dir\":true,\"modifiedIndex\":5,\"createdIndex\":5},{\"key\":\"/"
            "testdir\",\"dir\":true,\"modifiedIndex\":11,\"createdIndex\":11}]}}");
        row("hidden key by name", "GET", "/v2/keys/_message", "", 200,
            "{\"action\":\"get\",\"node\":{\"key\":\"/_message\",\"value\":\"Hello "
            "hidden\",\"modifiedIndex\":16,\"createdIndex\":16}}");
        row("file content value", "PUT", "/v2/keys/testfile", "value=Hello%5CnWorld%0A", 201,
            "{\"action\":\"set\",\"node\":{\"key\":\"/"
            "testfile\",\"value\":\"Hello\\\\nWorld\\n\",\"modifiedIndex\":17,\"createdIndex\":17}"
            "}");
        row("root is read only", "PUT", "/v2/keys/", "value=x", 400,
            "{\"errorCode\":107,\"message\":\"Root is read only\",\"cause\":\"/\",\"index\":17}");
        row("path through a key", "PUT", "/v2/keys/testfile/sub", "value=x", 400,
            "{\"errorCode\":104,\"message\":\"Not a "
            "directory\",\"cause\":\"/testfile\",\"index\":17}");
        row("set on a dir", "PUT", "/v2/keys/testdir", "value=x", 403,
            "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/testdir\",\"index\":17}");
        row("delete dir without dir=true", "DELETE", "/v2/keys/testdir", "", 403,
            "{\"errorCode\":102,\"message\":\"Not a file\",\"cause\":\"/testdir\",\"index\":17}");
        row("update missing", "PUT", "/v2/keys/nothere?prevExist=true", "value=x", 404,
            "{\"errorCode\":100,\"message\":\"Key not "
            "found\",\"cause\":\"/nothere\",\"index\":17}");
        row("noValueOnSuccess", "PUT", "/v2/keys/quiet?noValueOnSuccess=true", "value=x", 201,
            "{\"action\":\"set\"}");
    }
    void seedSession()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, form);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        static testsupport::StoreBackend *backend = nullptr;
        static api::V2Api *api = nullptr;
        if (!backend) {
            backend = new testsupport::StoreBackend(options());
            api = new api::V2Api(*backend);
        }
        const api::HttpResponse r = send(*api, method, target, form);
        QCOMPARE(r.body, body);
        QCOMPARE(r.status, status);
        QCOMPARE(headerOf(r, "Content-Type"), QByteArray("application/json"));
    }

    void headers()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        send(api, "PUT", "/v2/keys/a", "value=1");
        const api::HttpResponse r = send(api, "GET", "/v2/keys/a");
        QCOMPARE(headerOf(r, "X-Etcd-Cluster-Id"), QByteArray("7e27652122e8b2ae")); // the seed's id
        QCOMPARE(headerOf(r, "X-Etcd-Index"), QByteArray("1"));
        QVERIFY(!headerOf(r, "X-Raft-Index").isEmpty());
        QVERIFY(!headerOf(r, "X-Raft-Term").isEmpty());
        const api::HttpResponse e = send(api, "GET", "/v2/keys/missing");
        QCOMPARE(headerOf(e, "X-Etcd-Index"), QByteArray("1"));
        const api::HttpResponse bad = send(api, "PUT", "/v2/keys/a?prevIndex=x", "value=1");
        QCOMPARE(headerOf(bad, "X-Etcd-Index"), QByteArray("0"));
    }

    void ttlAndUnset()
    {
        testsupport::StoreBackend backend(options());
        backend.setClock(1700000000123456789); // a fixed clock: the ttl is exactly 10
        api::V2Api api(backend);
        const api::HttpResponse set = send(api, "PUT", "/v2/keys/foo", "value=bar&ttl=10");
        const QJsonObject n =
            QJsonDocument::fromJson(set.body).object().value(QLatin1String("node")).toObject();
        QCOMPARE(n.value(QLatin1String("ttl")).toInt(), 10);
        QVERIFY(n.value(QLatin1String("expiration")).toString().endsWith(QLatin1Char('Z')));
        const api::HttpResponse unset =
            send(api, "PUT", "/v2/keys/foo", "value=bar&ttl=&prevExist=true");
        QCOMPARE(unset.body,
                 QByteArray("{\"action\":\"update\",\"node\":{\"key\":\"/"
                            "foo\",\"value\":\"bar\",\"modifiedIndex\":2,\"createdIndex\":1},"
                            "\"prevNode\":{\"key\":\"/foo\",\"value\":\"bar\",\"expiration\":\"") +
                     n.value(QLatin1String("expiration")).toString().toLatin1() +
                     "\",\"ttl\":10,\"modifiedIndex\":1,\"createdIndex\":1}}" + '\n');
    }

    void expiryIsDrivenByTheNodeTimer()
    {
        node::EtcdNode node(options());
        QString error;
        QVERIFY(node.start(&error));
        api::V2Api api(node);
        send(api, "PUT", "/v2/keys/short", "value=x&ttl=1");
        std::shared_ptr<FakeChannel> watch;
        send(api, "GET", "/v2/keys/short?wait=true", {}, &watch);
        QVERIFY(watch->head.has_value());
        QTRY_VERIFY_WITH_TIMEOUT(watch->ended, 5000);
        QCOMPARE(watch->chunks.size(), 1);
        QVERIFY(watch->chunks.first().startsWith(
            "{\"action\":\"expire\",\"node\":{\"key\":\"/short\",\"modifiedIndex\":2,"
            "\"createdIndex\":1},\"prevNode\":{\"key\":\"/"
            "short\",\"value\":\"x\",\"expiration\":\""));
        QCOMPARE(send(api, "GET", "/v2/keys/short").status, 404);
    }

    void expiryOverTheStore()
    {
        // The same expiry with a clock the test moves: the key goes exactly at its ttl.
        testsupport::StoreBackend backend(options());
        backend.setClock(1700000000000000000);
        api::V2Api api(backend);
        send(api, "PUT", "/v2/keys/short", "value=x&ttl=1");
        std::shared_ptr<FakeChannel> watch;
        send(api, "GET", "/v2/keys/short?wait=true", {}, &watch);
        QVERIFY(watch->head.has_value());
        backend.advanceClock(999999999);
        QVERIFY(watch->chunks.isEmpty());
        QCOMPARE(send(api, "GET", "/v2/keys/short").status, 200);
        backend.advanceClock(1);
        QVERIFY(watch->ended);
        QCOMPARE(watch->chunks,
                 QList<QByteArray>{QByteArray(
                     "{\"action\":\"expire\",\"node\":{\"key\":\"/short\",\"modifiedIndex\":2,"
                     "\"createdIndex\":1},\"prevNode\":{\"key\":\"/"
                     "short\",\"value\":\"x\",\"expiration\":\"2023-11-14T22:13:21Z\","
                     "\"modifiedIndex\":1,\"createdIndex\":1}}\n")});
        QCOMPARE(send(api, "GET", "/v2/keys/short").status, 404);
        QCOMPARE(backend.storeStats().expireCount, quint64(1));
    }

    void longPollWatch()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        std::shared_ptr<FakeChannel> watch;
        send(api, "GET", "/v2/keys/foo?wait=true", {}, &watch);
        QVERIFY(watch->head);
        QCOMPARE(headerOf(*watch->head, "X-Etcd-Index"), QByteArray("0"));
        QVERIFY(watch->chunks.isEmpty());
        send(api, "PUT", "/v2/keys/other", "value=x");
        QVERIFY(watch->chunks.isEmpty());
        send(api, "PUT", "/v2/keys/foo", "value=abc");
        QVERIFY(watch->ended);
        QCOMPARE(watch->chunks,
                 QList<QByteArray>{
                     QByteArray("{\"action\":\"set\",\"node\":{\"key\":\"/"
                                "foo\",\"value\":\"abc\",\"modifiedIndex\":2,\"createdIndex\":2}}"
                                "\n")});
        QCOMPARE(backend.storeStats().watchers, 0);
    }

    void streamWatchAndDisconnect()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        std::shared_ptr<FakeChannel> watch;
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &watch);
        for (int i = 0; i < 3; ++i)
            send(api, "PUT", "/v2/keys/dir/k" + QByteArray::number(i), "value=v");
        QCOMPARE(watch->chunks.size(), 3);
        QVERIFY(!watch->ended);
        QCOMPARE(backend.storeStats().watchers, 1);
        watch->disconnectClient();
        QCOMPARE(backend.storeStats().watchers, 0);
        send(api, "PUT", "/v2/keys/dir/k9", "value=v"); // nobody to notify, nothing breaks
        QCOMPARE(watch->chunks.size(), 3);
    }

    // W watchers of one write cost one JSON encoding (issue 15): every watcher gets the same
    // bytes, and the same buffer, not a copy encoded for it; the next write gets a new one.
    void watchersOfOneEventShareOneEncoding()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        std::array<std::shared_ptr<FakeChannel>, 3> watches;
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &watches[0]);
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &watches[1]);
        send(api, "GET", "/v2/keys/dir/k?wait=true", {}, &watches[2]);
        send(api, "PUT", "/v2/keys/dir/k", "value=v1");
        send(api, "PUT", "/v2/keys/dir/k", "value=v2");
        QCOMPARE(watches[0]->chunks.size(), 2);
        QCOMPARE(watches[1]->chunks.size(), 2);
        QCOMPARE(watches[2]->chunks.size(), 1);
        QVERIFY(watches[0]->chunks[0].contains("\"value\":\"v1\""));
        QVERIFY(watches[0]->chunks[1].contains("\"value\":\"v2\""));
        for (const auto &w : watches) {
            QCOMPARE(w->chunks[0], watches[0]->chunks[0]);
            QVERIFY(w->chunks[0].constData() == watches[0]->chunks[0].constData()); // one buffer
        }
        QVERIFY(watches[1]->chunks[1].constData() == watches[0]->chunks[1].constData());
    }

    // Streams from now on (no waitIndex) of one key share one store watcher (StreamGroups), and
    // each still behaves as a watch of its own: every event once and in order from its head's
    // index on, a stream that leaves takes nothing from the others, the last one out cancels the
    // store's watcher, and /v2/stats/store and /metrics count every stream.
    void streamsOfOneKeyShareOneStoreWatcher()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        auto watchers = [&] {
            return QJsonDocument::fromJson(send(api, "GET", "/v2/stats/store").body)
                .object()
                .value(QLatin1String("watchers"))
                .toInt();
        };
        std::array<std::shared_ptr<FakeChannel>, 3> s;
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &s[0]);
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &s[1]);
        send(api, "PUT", "/v2/keys/dir/a", "value=1");
        // The same key once cleaned: a member from the index after /dir/a on.
        send(api, "GET", "/v2/keys/dir/?wait=true&recursive=true&stream=true", {}, &s[2]);
        QCOMPARE(headerOf(*s[2]->head, "X-Etcd-Index"), QByteArray("1"));
        send(api, "PUT", "/v2/keys/dir/b", "value=2");
        QCOMPARE(backend.storeStats().watchers, 1);
        QCOMPARE(watchers(), 3);
        QVERIFY(send(api, "GET", "/metrics").body.contains("\netcd_debugging_store_watchers 3\n"));
        QCOMPARE(s[0]->chunks.size(), 2);
        QVERIFY(s[0]->chunks[0].contains("\"key\":\"/dir/a\""));
        QVERIFY(s[0]->chunks[1].contains("\"key\":\"/dir/b\""));
        QCOMPARE(s[1]->chunks, s[0]->chunks);
        QCOMPARE(s[2]->chunks, QList<QByteArray>{s[0]->chunks[1]});

        // Not recursive is another watch: the events below /dir are not its key's.
        std::shared_ptr<FakeChannel> plain;
        send(api, "GET", "/v2/keys/dir?wait=true&stream=true", {}, &plain);
        s[1]->disconnectClient();
        send(api, "PUT", "/v2/keys/dir/c", "value=3");
        QCOMPARE(s[0]->chunks.size(), 3);
        QCOMPARE(s[1]->chunks.size(), 2);
        QCOMPARE(s[2]->chunks.size(), 2);
        QVERIFY(plain->chunks.isEmpty());
        QCOMPARE(watchers(), 3);
        QCOMPARE(backend.storeStats().watchers, 2);
        s[0]->disconnectClient();
        s[2]->disconnectClient();
        QCOMPARE(backend.storeStats().watchers, 1);
        QCOMPARE(watchers(), 1);
        plain->disconnectClient();
        QCOMPARE(watchers(), 0);

        // A stream after the last one left starts over, from the index it is told.
        std::shared_ptr<FakeChannel> later;
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &later);
        QCOMPARE(headerOf(*later->head, "X-Etcd-Index"), QByteArray("3"));
        send(api, "PUT", "/v2/keys/dir/d", "value=4");
        QCOMPARE(later->chunks.size(), 1);
        QVERIFY(later->chunks[0].contains("\"key\":\"/dir/d\""));
        QCOMPARE(watchers(), 1);

        // A client gone before its close callback was set leaves at the next event.
        std::shared_ptr<FakeChannel> gone;
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &gone);
        QCOMPARE(watchers(), 2);
        gone->open = false;
        gone->closed = nullptr;
        send(api, "PUT", "/v2/keys/dir/e", "value=5");
        QCOMPARE(later->chunks.size(), 2);
        QVERIFY(gone->chunks.isEmpty());
        QCOMPARE(watchers(), 1);
    }

    // A snapshot install reaches each stream of a group as it would reach a watch of its own:
    // the events it missed while the snapshot's history still holds them, then the next ones;
    // otherwise 401 and the end of its stream, after which a new stream starts a new group.
    void groupedStreamsAcrossASnapshotInstall_data()
    {
        QTest::addColumn<int>("sourceWrites");
        QTest::newRow("history reaches back") << 5;
        QTest::newRow("history cleared") << 1100; // the history keeps the last 1,000 events
    }
    void groupedStreamsAcrossASnapshotInstall()
    {
        QFETCH(int, sourceWrites);
        testsupport::StoreBackend source(options());
        api::V2Api sourceApi(source);
        for (int i = 0; i < sourceWrites; ++i)
            send(sourceApi, "PUT", "/v2/keys/dir/k" + QByteArray::number(i), "value=v");

        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        send(api, "PUT", "/v2/keys/dir/k0", "value=v"); // index 1, as in the source
        std::array<std::shared_ptr<FakeChannel>, 2> s;
        for (auto &w : s)
            send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &w);
        QVERIFY(backend.installSnapshot(source.store().save()));
        const bool cleared = sourceWrites > 1000;
        for (const auto &w : s) {
            if (cleared) {
                QCOMPARE(w->chunks.size(), 1);
                QCOMPARE(QJsonDocument::fromJson(w->chunks[0]).object().value("errorCode").toInt(),
                         401);
                QVERIFY(w->ended);
            } else {
                QCOMPARE(w->chunks.size(), sourceWrites - 1); // k1 .. k4
                QVERIFY(w->chunks.last().contains("\"key\":\"/dir/k4\""));
                QVERIFY(!w->ended);
            }
        }
        QCOMPARE(backend.storeStats().watchers, cleared ? 0 : 1);
        std::shared_ptr<FakeChannel> next;
        send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &next);
        send(api, "PUT", "/v2/keys/dir/after", "value=v");
        QCOMPARE(next->chunks.size(), 1);
        for (const auto &w : s)
            QCOMPARE(w->chunks.size(), cleared ? 1 : sourceWrites);
    }

    // A watch and its channel own each other until the client leaves; a member that stops
    // with clients still watching must free them (LeakSanitizer caught the daemon leaking them).
    void openWatchesAreFreedWithTheApi()
    {
        testsupport::StoreBackend backend(options());
        std::weak_ptr<FakeChannel> channelAlive;
        {
            api::V2Api api(backend);
            std::shared_ptr<FakeChannel> watch;
            send(api, "GET", "/v2/keys/dir?wait=true&recursive=true&stream=true", {}, &watch);
            QVERIFY(watch->head);
            channelAlive = watch;
            watch.reset();
            QVERIFY(!channelAlive.expired()); // the client has not left: the watch keeps it
        }
        QVERIFY(channelAlive.expired());
    }

    // /v2/machines lists every client URL sorted, as etcd does (python-etcd's test_machines).
    // etcd's v2 request counters: received once parsed and permitted, then failed under the
    // error's status or timed on success; watches received but not timed; QGET for quorum reads.
    void requestCountersFollowEtcd()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        send(api, "PUT", "/v2/keys/a", "value=1");
        send(api, "PUT", "/v2/keys/a?prevValue=other", "value=2"); // 412
        send(api, "PUT", "/v2/keys/a?prevIndex=x", "value=1");     // 400 before parsing ends
        send(api, "GET", "/v2/keys/a");
        send(api, "GET", "/v2/keys/a?quorum=true");
        send(api, "GET", "/v2/keys/missing"); // 404
        std::shared_ptr<FakeChannel> watch;
        send(api, "GET", "/v2/keys/a?wait=true", {}, &watch);
        const QByteArray m = send(api, "GET", "/metrics").body;
        auto has = [&m](const char *line) {
            if (!m.contains(QByteArray(line) + '\n'))
                qWarning().noquote() << "missing:" << line << "\n" << m;
            return m.contains(QByteArray(line) + '\n');
        };
        QVERIFY(has("etcd_http_received_total{method=\"PUT\"} 2"));
        QVERIFY(has("etcd_http_received_total{method=\"GET\"} 3")); // read, 404, watch
        QVERIFY(has("etcd_http_received_total{method=\"QGET\"} 1"));
        QVERIFY(has("etcd_http_failed_total{code=\"412\",method=\"PUT\"} 1"));
        QVERIFY(has("etcd_http_failed_total{code=\"404\",method=\"GET\"} 1"));
        QVERIFY(!m.contains("code=\"400\""));
        QVERIFY(has("etcd_http_successful_duration_seconds_count{method=\"PUT\"} 1"));
        QVERIFY(has("etcd_http_successful_duration_seconds_count{method=\"GET\"} 1"));
        QVERIFY(has("etcd_http_successful_duration_seconds_count{method=\"QGET\"} 1"));
        // etcd's buckets: 0.5 ms doubling 13 times, then +Inf.
        QVERIFY(m.contains(
            "etcd_http_successful_duration_seconds_bucket{method=\"GET\",le=\"0.0005\"}"));
        QVERIFY(m.contains(
            "etcd_http_successful_duration_seconds_bucket{method=\"GET\",le=\"2.048\"}"));
        QVERIFY(
            m.contains("etcd_http_successful_duration_seconds_bucket{method=\"GET\",le=\"+Inf\"}"));
        QVERIFY(has("etcd_debugging_store_writes_total{action=\"compareAndSwap\"} 1"));
        QVERIFY(has("etcd_debugging_store_writes_failed_total{action=\"compareAndSwap\"} 1"));
        QVERIFY(has("# TYPE etcd_server_proposals_failed_total counter"));
    }

    void machinesAreSorted()
    {
        node::NodeOptions o = options();
        o.clientUrls = {QStringLiteral("http://localhost:4001"), QStringLiteral("http://b:2379"),
                        QStringLiteral("http://127.0.0.1:2379")};
        testsupport::StoreBackend backend(o);
        api::V2Api api(backend);
        QCOMPARE(send(api, "GET", "/v2/machines").body,
                 QByteArray("http://127.0.0.1:2379, http://b:2379, http://localhost:4001"));
    }

    void waitIndexReplayAndCleared()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        send(api, "PUT", "/v2/keys/foo", "value=1");
        send(api, "PUT", "/v2/keys/foo", "value=2");
        std::shared_ptr<FakeChannel> watch;
        const api::HttpResponse r =
            send(api, "GET", "/v2/keys/foo?wait=true&waitIndex=1", {}, &watch);
        QVERIFY(watch->ended);
        QVERIFY(r.body.contains("\"value\":\"1\",\"modifiedIndex\":1"));
        for (int i = 0; i < 1100; ++i)
            send(api, "PUT", "/v2/keys/bar", "value=x");
        const api::HttpResponse cleared = send(api, "GET", "/v2/keys/foo?wait=true&waitIndex=1");
        QCOMPARE(cleared.status, 400);
        const QJsonObject e = QJsonDocument::fromJson(cleared.body).object();
        QCOMPARE(e.value(QLatin1String("errorCode")).toInt(), 401);
        QCOMPARE(e.value(QLatin1String("message")).toString(),
                 QStringLiteral("The event in requested index is outdated and cleared"));
        QCOMPARE(e.value(QLatin1String("cause")).toString(),
                 QStringLiteral("the requested history has been cleared [103/1]"));
        QCOMPARE(e.value(QLatin1String("index")).toInt(), 1102);
    }

    void otherEndpoints()
    {
        testsupport::StoreBackend backend(options());
        api::V2Api api(backend);
        QCOMPARE(send(api, "GET", "/version").body,
                 QByteArray("{\"etcdserver\":\"2.2.4\",\"etcdcluster\":\"2.2.0\"}"));
        QVERIFY(backend.healthy());
        checkLeaderEndpoints(api);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(
            send(api, "GET", "/v2/members").body,
            QByteArray(
                "{\"members\":[{\"id\":\"ce2a822cea30bfca\",\"name\":\"default\",\"peerURLs\":["
                "\"http://localhost:2380\",\"http://localhost:7001\"],\"clientURLs\":[\"http://"
                "localhost:2379\",\"http://localhost:4001\"]}]}"
                "\n"));
        send(api, "PUT", "/v2/keys/x", "value=1");
        send(api, "GET", "/v2/keys/x");
        send(api, "GET", "/v2/keys/y");
        const QJsonObject store =
            QJsonDocument::fromJson(send(api, "GET", "/v2/stats/store").body).object();
        QCOMPARE(store.value(QLatin1String("setsSuccess")).toInt(), 1);
        QCOMPARE(store.value(QLatin1String("getsSuccess")).toInt(), 1);
        QCOMPARE(store.value(QLatin1String("getsFail")).toInt(), 1);
        QCOMPARE(send(api, "GET", "/nope").status, 404);
        QCOMPARE(send(api, "PATCH", "/v2/keys/x").status, 405);
        QCOMPARE(send(api, "OPTIONS", "/v2/keys/x").status, 405);
        QCOMPARE(send(api, "POST", "/v2/stats/store").status, 405);
        QCOMPARE(send(api, "GET", "/v2/members/zzz").status, 404);
    }

    // What only a started member can show: it is healthy and leads once its
    // Raft has elected it, and reports so in its stats and metrics.
    void memberEndpoints()
    {
        node::EtcdNode node(options());
        QString error;
        QVERIFY(node.start(&error));
        api::V2Api api(node);
        QTRY_VERIFY(node.healthy());
        checkLeaderEndpoints(api);
    }

    // The test backend stands in for the member in this suite: the same
    // requests get the same answers from both (but for the Raft headers'
    // values, which depend on when the member's Raft wrote its own entries).
    void storeBackendAnswersAsTheMember()
    {
        node::EtcdNode node(options());
        QString error;
        QVERIFY(node.start(&error));
        api::V2Api member(node);
        testsupport::StoreBackend backend(options());
        api::V2Api bare(backend);
        const QList<std::array<QByteArray, 3>> requests = {
            {"PUT", "/v2/keys/a", "value=1"},
            {"GET", "/v2/keys/a", ""},
            {"PUT", "/v2/keys/a?prevExist=false", "value=2"},
            {"PUT", "/v2/keys/a?prevValue=1", "value=3"},
            {"POST", "/v2/keys/queue", "value=j"},
            {"GET", "/v2/keys/queue?recursive=true&sorted=true", ""},
            {"GET", "/v2/keys/a?quorum=true", ""},
            {"PUT", "/v2/keys/d", "dir=true"},
            {"DELETE", "/v2/keys/d", ""},
            {"DELETE", "/v2/keys/d?dir=true", ""},
            {"GET", "/v2/keys/d", ""},
            {"GET", "/v2/keys/?recursive=true", ""},
            {"GET", "/v2/keys/a?wait=true&waitIndex=1", ""},
            {"GET", "/v2/members", ""},
            {"GET", "/v2/machines", ""},
            {"DELETE", "/v2/members/1234", ""},
            {"PUT", "/v2/auth/roles/r", "{\"role\":\"r\"}"},
            {"PUT", "/v2/auth/roles/r", "{\"role\":\"r\"}"},
            {"GET", "/v2/auth/roles", ""},
            {"GET", "/v2/auth/enable", ""},
            {"GET", "/v2/stats/store", ""},
            {"GET", "/version", ""},
        };
        for (const auto &[method, target, form] : requests) {
            const QByteArray what = method + ' ' + target;
            const api::HttpResponse m = send(member, method, target, form);
            const api::HttpResponse b = send(bare, method, target, form);
            QVERIFY2(m.status != 0, what.constData());
            QCOMPARE(b.status, m.status);
            QCOMPARE(b.body, m.body);
            for (const QByteArray header :
                 {"Content-Type", "X-Etcd-Index", "X-Etcd-Cluster-Id", "Allow"})
                QCOMPARE(headerOf(b, header), headerOf(m, header));
            for (const QByteArray header : {"X-Raft-Index", "X-Raft-Term"})
                QCOMPARE(headerOf(b, header).isEmpty(), headerOf(m, header).isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestV2Api)
#include "tst_v2api.moc"
