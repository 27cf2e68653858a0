// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// `qetcdctl mirror` end to end with real processes: a qetcd member as the source (and etcd 3.4
// with --enable-v2, the reference etcd of `make deps` or /usr/bin/etcd, with 2,500 writes and
// snapshots behind it), another as the destination. A realistic keyspace is mirrored while a writer
// keeps changing it; after the writer stops and the mirror has caught up, both sides agree.
// --verify finds a planted difference; a mirror paused while more than 1000 events happen (SIGSTOP)
// outruns the source's history, copies again from a new snapshot and still ends with no difference;
// a source with auth gives what the user may read and names what it may not; a lease kept alive
// with refresh=true stays at the destination.
#include "ClusterHttp.h"
#include "CtlProcess.h"
#include "DaemonProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <memory>

namespace {

using Result = testsupport::CtlResult;
using testsupport::ctlBinary;

Result runCtl(const QStringList &args)
{
    return testsupport::runCtl(args, {}, QProcessEnvironment::systemEnvironment(), 60000);
}

// A long-running mirror process; its stderr is collected as it comes.
class MirrorProcess
{
public:
    explicit MirrorProcess(const QStringList &args)
    {
        QObject::connect(&m_p, &QProcess::readyReadStandardError,
                         [this] { m_err += m_p.readAllStandardError(); });
        m_p.start(ctlBinary(), args);
        m_p.waitForStarted();
    }
    ~MirrorProcess()
    {
        if (m_p.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_p.processId()), SIGCONT);
            m_p.kill();
            m_p.waitForFinished(5000);
        }
    }
    QProcess &process() { return m_p; }
    QByteArray err() const { return m_err; }
    bool stopped() { return m_p.state() == QProcess::NotRunning; }
    void signal(int sig) { ::kill(pid_t(m_p.processId()), sig); }
    // SIGTERM: the mirror finishes its writes (and verifies with --verify).
    Result stop()
    {
        signal(SIGTERM);
        if (!m_p.waitForFinished(30000))
            m_p.kill();
        m_err += m_p.readAllStandardError();
        return {m_p.readAllStandardOutput(), m_err, m_p.exitCode()};
    }

private:
    QProcess m_p;
    QByteArray m_err;
};

// Keeps changing a subtree of the source with a mix of every kind of write (set, update,
// create in order, compareAndSwap, delete, recursive delete, directories with TTLs, hidden
// keys), a few requests at a time, until stop(). Failed compares and deletes of missing keys
// are part of the mix and fine.
class Writer
{
public:
    Writer(QNetworkAccessManager &nam, const QUrl &base, const QString &root)
        : m_nam(nam), m_base(base), m_root(root)
    {
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }
    void start() { m_timer.start(); }
    void stop() { m_timer.stop(); }
    bool idle() const { return m_outstanding == 0; }
    int sent() const { return m_n; }

private:
    void send(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest req(QUrl(m_base.toString() + QStringLiteral("/v2/keys") + m_root + path));
        req.setHeader(QNetworkRequest::ContentTypeHeader, ClusterHttp::kForm);
        QNetworkReply *r = m_nam.sendCustomRequest(req, method, body);
        ++m_outstanding;
        QObject::connect(r, &QNetworkReply::finished, [this, r] {
            --m_outstanding;
            r->deleteLater();
        });
    }
    void tick()
    {
        if (m_outstanding > 8)
            return;
        const int n = ++m_n;
        const QByteArray v = "value=" + QByteArray::number(n);
        switch (n % 9) {
        case 0:
            send("PUT", QStringLiteral("/w/k%1").arg(n % 40), v);
            break;
        case 1:
            send("POST", QStringLiteral("/w/queue"), v);
            break;
        case 2:
            send("PUT", QStringLiteral("/w/d%1/x%2").arg(n % 5).arg(n % 11), v);
            break;
        case 3:
            send("DELETE", QStringLiteral("/w/k%1").arg((n + 20) % 40));
            break;
        case 4:
            send("PUT", QStringLiteral("/w/k%1?prevExist=true").arg(n % 40), v);
            break;
        case 5:
            send("DELETE", QStringLiteral("/w/d%1?recursive=true").arg(n % 5));
            break;
        case 6:
            send("PUT", QStringLiteral("/w/t%1").arg(n % 10), v + "&ttl=300");
            break;
        case 7:
            send("PUT", QStringLiteral("/w/td%1?dir=true").arg(n % 3), "ttl=300");
            send("PUT", QStringLiteral("/w/td%1/y").arg(n % 3), v);
            break;
        case 8:
            send("PUT", QStringLiteral("/w/cas?prevValue=%1").arg(m_cas ? "b" : "a"),
                 m_cas ? "value=a" : "value=b");
            m_cas = !m_cas;
            send("PUT", QStringLiteral("/app/_lock"), v);
            break;
        }
    }

    QNetworkAccessManager &m_nam;
    QUrl m_base;
    QString m_root;
    QTimer m_timer;
    int m_n = 0;
    int m_outstanding = 0;
    bool m_cas = false;
};

} // namespace

class tst_Mirror : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void liveMirrorWhileWriting();
    void verifyFindsPlantedDifference();
    void outrunHistoryCopiesAgain();
    void ttlRefreshKeepsTheKey();
    void sourceWithAuthCopiesWhatItMayRead();
    void etcdSource();

private:
    ClusterHttp::Reply put(const QUrl &base, const QString &key, const QByteArray &body)
    {
        return m_http.http("PUT", base, QStringLiteral("/v2/keys") + key, body);
    }
    QByteArray value(const QUrl &base, const QString &key)
    {
        return m_http.http("GET", base, QStringLiteral("/v2/keys") + key)
            .json()
            .value(QLatin1String("node"))
            .toObject()
            .value(QLatin1String("value"))
            .toString()
            .toUtf8();
    }
    void fill(const QUrl &base, const QString &root);
    QStringList ends(const QUrl &source, const QUrl &dest) const
    {
        return {QStringLiteral("--source"), source.toString(), QStringLiteral("--dest"),
                dest.toString()};
    }
    // Runs --verify-only; the exit code (0: no difference).
    int verifyOnly(const QUrl &source, const QUrl &dest, const QStringList &prefixes,
                   Result *out = nullptr)
    {
        QStringList args = QStringList{QStringLiteral("mirror")} + ends(source, dest);
        for (const QString &p : prefixes)
            args << QStringLiteral("--prefix") << p;
        args << QStringLiteral("--verify-only");
        const Result r = runCtl(args);
        if (out)
            *out = r;
        return r.code;
    }
    void liveScenario(const QUrl &source, const QString &root);

    DaemonProcess m_source{QStringLiteral("mirror-source")};
    DaemonProcess m_dest{QStringLiteral("mirror-dest")};
    ClusterHttp m_http;
};

void tst_Mirror::initTestCase()
{
    QVERIFY2(QFileInfo(ctlBinary()).isExecutable(), qPrintable(ctlBinary()));
    QVERIFY(m_source.start());
    QVERIFY(m_dest.start());
}

// Nested directories, TTL keys and a TTL directory, in-order keys, hidden keys, a CAS
// history, deletions and a key that expires while the mirror runs.
void tst_Mirror::fill(const QUrl &base, const QString &root)
{
    for (int i = 0; i < 30; ++i)
        QCOMPARE(put(base, QStringLiteral("%1/nested/a%2/b%3/c").arg(root).arg(i % 4).arg(i),
                     "value=v" + QByteArray::number(i))
                     .status,
                 201);
    QCOMPARE(put(base, root + QStringLiteral("/ttl/key"), "value=t&ttl=600").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/ttl/dir?dir=true"), "ttl=600").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/ttl/dir/inner"), "value=i").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/short"), "value=s&ttl=1").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/empty?dir=true"), {}).status, 201);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_http
                     .http("POST", base,
                           QStringLiteral("/v2/keys") + root + QStringLiteral("/jobs"),
                           "value=job" + QByteArray::number(i))
                     .status,
                 201);
    QCOMPARE(put(base, root + QStringLiteral("/_hidden"), "value=h").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/app/_lock"), "value=l").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/app/visible"), "value=v").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/w/cas"), "value=a").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/cas"), "value=1").status, 201);
    QCOMPARE(put(base, root + QStringLiteral("/cas?prevValue=1"), "value=2").status, 200);
    QCOMPARE(put(base, root + QStringLiteral("/cas?prevValue=1"), "value=3").status, 412);
    QCOMPARE(put(base, root + QStringLiteral("/gone"), "value=g").status, 201);
    QCOMPARE(
        m_http.http("DELETE", base, QStringLiteral("/v2/keys") + root + QStringLiteral("/gone"))
            .status,
        200);
}

void tst_Mirror::liveScenario(const QUrl &source, const QString &root)
{
    const QUrl dest = m_dest.clientUrl();
    fill(source, root);
    if (QTest::currentTestFailed())
        return;
    const QStringList prefixes{root, root + QStringLiteral("/_hidden"),
                               root + QStringLiteral("/app/_lock")};
    QStringList args = QStringList{QStringLiteral("mirror")} + ends(source, dest);
    for (const QString &p : prefixes)
        args << QStringLiteral("--prefix") << p;
    args << QStringLiteral("--progress-interval") << QStringLiteral("500ms")
         << QStringLiteral("--verify");
    MirrorProcess mirror(args);
    QTRY_VERIFY_WITH_TIMEOUT(mirror.err().contains("copy written"), 20000);

    Writer writer(m_http.nam(), source, root);
    writer.start();
    QTRY_VERIFY_WITH_TIMEOUT(writer.sent() >= 1500, 60000);
    writer.stop();
    QTRY_VERIFY_WITH_TIMEOUT(writer.idle(), 20000);
    QVERIFY(!mirror.stopped());

    // The writer is done: a last marker, once it is at the destination, is the mirror
    // caught up (events apply in order), give or take writes still under way.
    QCOMPARE(put(source, root + QStringLiteral("/marker"), "value=end").status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(value(dest, root + QStringLiteral("/marker")), QByteArray("end"),
                              30000);
    QTRY_COMPARE_WITH_TIMEOUT(verifyOnly(source, dest, prefixes), 0, 20000);

    // Hidden keys, which no listing shows, came along through their own prefixes.
    QCOMPARE(value(dest, root + QStringLiteral("/_hidden")), QByteArray("h"));
    QCOMPARE(value(dest, root + QStringLiteral("/app/_lock")),
             value(source, root + QStringLiteral("/app/_lock")));
    // The short key expired at the source and is gone here too.
    QCOMPARE(m_http.http("GET", dest, QStringLiteral("/v2/keys") + root + QStringLiteral("/short"))
                 .status,
             404);

    const Result r = mirror.stop();
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("source and destination agree"), r.err.constData());
    QVERIFY2(r.err.contains("events applied"), r.err.constData());
    QVERIFY2(r.err.contains(" indexes, "), r.err.constData());
    QVERIFY2(!r.err.contains("restarts; ") || r.err.contains(", 0 restarts"), r.err.constData());
}

void tst_Mirror::liveMirrorWhileWriting()
{
    liveScenario(m_source.clientUrl(), QStringLiteral("/live"));
}

void tst_Mirror::verifyFindsPlantedDifference()
{
    const QUrl src = m_source.clientUrl();
    const QUrl dst = m_dest.clientUrl();
    QCOMPARE(put(src, QStringLiteral("/planted/a"), "value=1").status, 201);
    QCOMPARE(put(src, QStringLiteral("/planted/b/c"), "value=2").status, 201);
    QCOMPARE(put(src, QStringLiteral("/planted/t"), "value=3&ttl=600").status, 201);
    Result r = runCtl(QStringList{QStringLiteral("mirror")} + ends(src, dst) +
                      QStringList{QStringLiteral("--prefix"), QStringLiteral("/planted"),
                                  QStringLiteral("--once"), QStringLiteral("--verify")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("agree (5 nodes)"), r.err.constData());

    QVERIFY(put(dst, QStringLiteral("/planted/a"), "value=changed").status == 200);
    QVERIFY(put(dst, QStringLiteral("/planted/extra"), "value=x").status == 201);
    QVERIFY(put(dst, QStringLiteral("/planted/t?prevExist=true"), "value=3&ttl=").status == 200);
    QCOMPARE(verifyOnly(src, dst, {QStringLiteral("/planted")}, &r), 6);
    QCOMPARE(r.out,
             QByteArray("value differs: /planted/a (source: \"1\", destination: \"changed\")\n"
                        "only in destination: /planted/extra (key)\n"
                        "TTL differs: /planted/t (source: ttl, destination: no ttl)\n"));
    QVERIFY2(r.err.contains("verify: 3 differences"), r.err.constData());

    // A new copy repairs it (and deletes what the source does not have).
    r = runCtl(QStringList{QStringLiteral("mirror")} + ends(src, dst) +
               QStringList{QStringLiteral("--prefix"), QStringLiteral("/planted"),
                           QStringLiteral("--once"), QStringLiteral("--verify")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("1 stale nodes deleted"), r.err.constData());
}

void tst_Mirror::outrunHistoryCopiesAgain()
{
    const QUrl src = m_source.clientUrl();
    const QUrl dst = m_dest.clientUrl();
    for (int i = 0; i < 20; ++i)
        QCOMPARE(put(src, QStringLiteral("/flood/keep%1").arg(i), "value=k").status, 201);
    QCOMPARE(put(src, QStringLiteral("/flood/stale/x"), "value=s").status, 201);
    MirrorProcess mirror(QStringList{QStringLiteral("mirror")} + ends(src, dst) +
                         QStringList{QStringLiteral("--prefix"), QStringLiteral("/flood"),
                                     QStringLiteral("--long-poll"),
                                     QStringLiteral("--progress-interval"), QStringLiteral("1s")});
    QTRY_VERIFY_WITH_TIMEOUT(mirror.err().contains("copy written"), 20000);
    QCOMPARE(put(src, QStringLiteral("/flood/first"), "value=1").status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(value(dst, QStringLiteral("/flood/first")), QByteArray("1"), 10000);

    mirror.signal(SIGSTOP);
    QCOMPARE(
        m_http.http("DELETE", src, QStringLiteral("/v2/keys/flood/stale?recursive=true")).status,
        200);
    for (int i = 0; i < 1200; ++i)
        QCOMPARE(
            put(src, QStringLiteral("/flood/k%1").arg(i % 300), "value=" + QByteArray::number(i))
                .status,
            i < 300 ? 201 : 200);
    mirror.signal(SIGCONT);

    QTRY_VERIFY_WITH_TIMEOUT(mirror.err().contains("history was outrun"), 20000);
    QVERIFY2(mirror.err().contains("401"), mirror.err().constData());
    QCOMPARE(put(src, QStringLiteral("/flood/marker"), "value=end").status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(value(dst, QStringLiteral("/flood/marker")), QByteArray("end"),
                              30000);
    QTRY_COMPARE_WITH_TIMEOUT(verifyOnly(src, dst, {QStringLiteral("/flood")}), 0, 20000);
    QCOMPARE(m_http.http("GET", dst, QStringLiteral("/v2/keys/flood/stale")).status, 404);
    const Result r = mirror.stop();
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("stale nodes deleted"), r.err.constData());
}

// refresh=true resets a TTL without telling any watcher (leases: flannel, SkyDNS, locks); the
// mirror still keeps the destination's copy alive while the source keeps refreshing it.
void tst_Mirror::ttlRefreshKeepsTheKey()
{
    const QUrl src = m_source.clientUrl();
    const QUrl dst = m_dest.clientUrl();
    QCOMPARE(put(src, QStringLiteral("/lease/k"), "value=held&ttl=2").status, 201);
    QCOMPARE(put(src, QStringLiteral("/lease/dropped"), "value=gone&ttl=2").status, 201);
    MirrorProcess mirror(QStringList{QStringLiteral("mirror")} + ends(src, dst) +
                         QStringList{QStringLiteral("--prefix"), QStringLiteral("/lease"),
                                     QStringLiteral("--progress-interval"), QStringLiteral("1s")});
    QTRY_VERIFY_WITH_TIMEOUT(mirror.err().contains("copy written"), 20000);
    QCOMPARE(value(dst, QStringLiteral("/lease/k")), QByteArray("held"));

    QTimer refresher;
    int refreshFailures = 0;
    QObject::connect(&refresher, &QTimer::timeout, [&] {
        if (put(src, QStringLiteral("/lease/k?prevExist=true"), "refresh=true&ttl=2").status != 200)
            ++refreshFailures;
    });
    refresher.start(600);
    // 6 s: three times the TTL. The key must be at the destination throughout.
    QElapsedTimer t;
    t.start();
    bool lost = false;
    QVERIFY(QTest::qWaitFor(
        [&] {
            lost = lost || value(dst, QStringLiteral("/lease/k")) != "held";
            return lost || t.elapsed() > 6000;
        },
        10000));
    refresher.stop();
    QCOMPARE(refreshFailures, 0);
    QVERIFY2(!lost, mirror.err().constData());
    // The key nobody refreshed expired on both sides.
    QCOMPARE(m_http.http("GET", dst, QStringLiteral("/v2/keys/lease/dropped")).status, 404);
    static const QRegularExpression refreshed(QStringLiteral(" [1-9][0-9]* TTL refreshes"));
    QTRY_VERIFY_WITH_TIMEOUT(QString::fromUtf8(mirror.err()).contains(refreshed), 5000);
    const Result r = mirror.stop();
    QVERIFY2(r.code == 0, r.err.constData());
}

void tst_Mirror::sourceWithAuthCopiesWhatItMayRead()
{
    DaemonProcess secured(QStringLiteral("mirror-auth"));
    QVERIFY(secured.start());
    const QUrl src = secured.clientUrl();
    const QUrl dst = m_dest.clientUrl();
    QCOMPARE(put(src, QStringLiteral("/authz/open/a"), "value=1").status, 201);
    QCOMPARE(put(src, QStringLiteral("/authz/open/b/c"), "value=2").status, 201);
    QCOMPARE(put(src, QStringLiteral("/authz/secret/s"), "value=no").status, 201);
    const QByteArray json = "application/json";
    // 200 or 201, as the server sees it (created, or created and granted roles).
    auto auth = [&](const QByteArray &method, const QString &path, const QByteArray &body) {
        const int status = m_http.http(method, src, path, body, json, 10000, "root:rootpw").status;
        return status == 201 ? 200 : status;
    };
    const QByteArray rootUser = R"({"user":"root","password":"rootpw"})";
    const QByteArray readerRole =
        R"({"role":"reader","permissions":{"kv":{"read":["/authz","/authz/open*"],"write":[]}}})";
    const QByteArray mirrorUser = R"({"user":"mirror","password":"pw","roles":["reader"]})";
    const QByteArray guestRevoke =
        R"({"role":"guest","revoke":{"kv":{"read":["/*"],"write":["/*"]}}})";
    QCOMPARE(auth("PUT", QStringLiteral("/v2/auth/users/root"), rootUser), 200);
    QCOMPARE(auth("PUT", QStringLiteral("/v2/auth/roles/reader"), readerRole), 200);
    QCOMPARE(auth("PUT", QStringLiteral("/v2/auth/users/mirror"), mirrorUser), 200);
    QCOMPARE(auth("PUT", QStringLiteral("/v2/auth/enable"), {}), 200);
    QCOMPARE(auth("PUT", QStringLiteral("/v2/auth/roles/guest"), guestRevoke), 200);

    // /authz may be listed but not read as a whole: its readable child is copied on its own
    // (qetcd leaves children the user may not read out of the listing, etcd lists them and
    // then refuses them); /secret may not be read at all, which is said and not fatal.
    const Result r =
        runCtl(QStringList{QStringLiteral("mirror")} + ends(src, dst) +
               QStringList{QStringLiteral("--prefix"), QStringLiteral("/authz,/secret"),
                           QStringLiteral("--source-username"), QStringLiteral("mirror:pw"),
                           QStringLiteral("--once")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("cannot read /secret (110: "), r.err.constData());
    QVERIFY2(r.err.contains("not copied (no read permission): /secret"), r.err.constData());
    QCOMPARE(value(dst, QStringLiteral("/authz/open/a")), QByteArray("1"));
    QCOMPARE(value(dst, QStringLiteral("/authz/open/b/c")), QByteArray("2"));
    QCOMPARE(m_http.http("GET", dst, QStringLiteral("/v2/keys/authz/secret")).status, 404);

    // Without credentials nothing is readable: said, not fatal, nothing written.
    const Result anon = runCtl(QStringList{QStringLiteral("mirror")} + ends(src, dst) +
                               QStringList{QStringLiteral("--prefix"), QStringLiteral("/authz2"),
                                           QStringLiteral("--once")});
    QVERIFY2(anon.code == 0, anon.err.constData());
    QVERIFY2(anon.err.contains("cannot read /authz2"), anon.err.constData());
}

void tst_Mirror::etcdSource()
{
    // The reference etcd `make deps` unpacks into .tools/ (found by CMake), else Debian's.
    QString etcd = QStringLiteral(QETCD_TEST_ETCD);
    if (etcd.isEmpty())
        etcd = QStringLiteral("/usr/bin/etcd");
    if (!QFileInfo(etcd).isExecutable())
        QSKIP("etcd 3.4 is not installed (run `make deps`, or install Debian's etcd-server); the "
              "qetcd source cases above cover the mirror");
    QTemporaryDir dir;
    const quint16 client = DaemonProcess::freePort();
    const quint16 peer = DaemonProcess::freePort();
    const QUrl clientUrl = TestLoopback::url(client);
    const QString peerUrl = TestLoopback::url(peer).toString();
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(etcd, {QStringLiteral("--enable-v2=true"), QStringLiteral("--name"),
                   QStringLiteral("src"), QStringLiteral("--data-dir"), dir.filePath("etcd"),
                   QStringLiteral("--listen-client-urls"), clientUrl.toString(),
                   QStringLiteral("--advertise-client-urls"), clientUrl.toString(),
                   QStringLiteral("--listen-peer-urls"), peerUrl,
                   QStringLiteral("--initial-advertise-peer-urls"), peerUrl,
                   QStringLiteral("--initial-cluster"), QStringLiteral("src=") + peerUrl,
                   QStringLiteral("--snapshot-count"), QStringLiteral("1000")});
    QVERIFY(p.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(m_http.http("GET", clientUrl, QStringLiteral("/health")).status, 200,
                              20000);
    // A source with a history: 2,500 writes before the mirror starts (sent 6 at a time, Qt's
    // connections per host), so etcd has taken snapshots (every 1,000) and its event history has
    // long moved past the first keys' indexes.
    int done = 0, failed = 0;
    for (int i = 0; i < 2500; ++i) {
        QNetworkRequest req(QUrl(clientUrl.toString() +
                                 QStringLiteral("/v2/keys/fromEtcd/history/k%1").arg(i % 700)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        QNetworkReply *reply = m_http.nam().put(req, "value=" + QByteArray::number(i));
        QObject::connect(reply, &QNetworkReply::finished, [reply, &done, &failed] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            failed += status != 200 && status != 201;
            ++done;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 2500, 120000);
    QCOMPARE(failed, 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        !QDir(dir.filePath("etcd/member/snap")).entryList({QStringLiteral("*.snap")}).isEmpty(),
        10000);
    liveScenario(clientUrl, QStringLiteral("/fromEtcd"));
    p.terminate();
    p.waitForFinished(10000);
}

QTEST_GUILESS_MAIN(tst_Mirror)
#include "tst_mirror.moc"
