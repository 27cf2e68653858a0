// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Issue 18 acceptance (import half): a real etcd 3.4 (Debian's etcd-server, taken out of the
// package by `make deps`; --enable-v2, --snapshot-count 1000) is filled with more than 10,000 v2
// writes — nested dirs, TTL keys and dirs, in-order keys, hidden keys, CAS and prevExist history
// (refused ones too), deletes, a short-lived key etcd expires itself, users and roles with
// auth enabled — and stopped; `qetcd import-etcd` converts its data dir, a qetcd member is
// started on the result, and the full recursive sorted listing (key, value, dir,
// createdIndex, modifiedIndex, expiration), the hidden keys, X-Etcd-Index and the auth data
// are compared with etcd's own answers captured before it stopped: 0 differences.
// Without an etcd binary (neither .tools/etcd nor one on the PATH at configure time) the test
// is skipped with a message. Servers listen only on this process's loopback address, on free ports.

#include "DaemonProcess.h"
#include "TestLoopback.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>

#include <sys/prctl.h>

namespace {

const QString kEtcd = QStringLiteral(QETCD_TEST_ETCD);
const QByteArray kRoot = "Basic " + QByteArray("root:rootpw").toBase64();

struct Req
{
    QByteArray method;
    QString path; // after the base URL, with its query
    QByteArray body;
};

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray etcdIndex;
};

// Runs requests concurrently (QNetworkAccessManager's connections to one host), waits for all.
class Http
{
public:
    explicit Http(const QString &base) : m_base(base) {}
    void setAuthorization(const QByteArray &a) { m_auth = a; }
    QList<Answer> run(const QList<Req> &reqs)
    {
        QList<Answer> answers(reqs.size());
        int done = 0;
        for (int i = 0; i < reqs.size(); ++i) {
            QNetworkRequest r(QUrl(m_base + reqs[i].path));
            r.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
            r.setHeader(QNetworkRequest::ContentTypeHeader,
                        QByteArrayLiteral("application/x-www-form-urlencoded"));
            if (!m_auth.isEmpty())
                r.setRawHeader("Authorization", m_auth);
            QNetworkReply *reply = m_nam.sendCustomRequest(r, reqs[i].method, reqs[i].body);
            QObject::connect(reply, &QNetworkReply::finished, reply, [&answers, &done, reply, i] {
                answers[i].status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                answers[i].body = reply->readAll();
                answers[i].etcdIndex = reply->rawHeader("X-Etcd-Index");
                reply->deleteLater();
                ++done;
            });
        }
        if (!QTest::qWaitFor([&] { return done == reqs.size(); }, 600000))
            qFatal("HTTP requests did not finish");
        return answers;
    }
    Answer get(const QString &path) { return run({{"GET", path, {}}}).first(); }

private:
    QString m_base;
    QByteArray m_auth;
    QNetworkAccessManager m_nam;
};

QByteArray form(const QString &value)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("value"), value);
    return q.toString(QUrl::FullyEncoded).toUtf8();
}

// One line per node of a v2 listing: key -> "dir|value|createdIndex|modifiedIndex", and
// key -> expiration in ms since the epoch (compared within a second).
struct Flat
{
    QMap<QString, QString> nodes;
    QMap<QString, qint64> expirations;
};

void flatten(const QJsonObject &n, Flat &out)
{
    const QString key = n.value(QLatin1String("key")).toString(QStringLiteral("/"));
    out.nodes.insert(key, QStringLiteral("%1|%2|%3|%4")
                              .arg(n.value(QLatin1String("dir")).toBool() ? 1 : 0)
                              .arg(n.value(QLatin1String("value")).toString())
                              .arg(qint64(n.value(QLatin1String("createdIndex")).toDouble()))
                              .arg(qint64(n.value(QLatin1String("modifiedIndex")).toDouble())));
    if (n.contains(QLatin1String("expiration")))
        out.expirations.insert(
            key, QDateTime::fromString(n.value(QLatin1String("expiration")).toString(),
                                       Qt::ISODateWithMs)
                     .toMSecsSinceEpoch());
    for (const QJsonValue &c : n.value(QLatin1String("nodes")).toArray())
        flatten(c.toObject(), out);
}

Flat flatBody(const QByteArray &body)
{
    Flat f;
    flatten(QJsonDocument::fromJson(body).object().value(QLatin1String("node")).toObject(), f);
    return f;
}

QStringList differences(const Flat &a, const Flat &b)
{
    QStringList d;
    for (auto it = a.nodes.cbegin(); it != a.nodes.cend(); ++it)
        if (b.nodes.value(it.key()) != it.value())
            d << QStringLiteral("%1: etcd %2, qetcd %3")
                     .arg(it.key(), it.value(), b.nodes.value(it.key(), QStringLiteral("(none)")));
    for (auto it = b.nodes.cbegin(); it != b.nodes.cend(); ++it)
        if (!a.nodes.contains(it.key()))
            d << QStringLiteral("%1: only in qetcd").arg(it.key());
    for (auto it = a.expirations.cbegin(); it != a.expirations.cend(); ++it)
        if (!b.expirations.contains(it.key()) ||
            qAbs(b.expirations.value(it.key()) - it.value()) > 1000)
            d << QStringLiteral("%1: expiration etcd %2 ms, qetcd %3 ms")
                     .arg(it.key())
                     .arg(it.value())
                     .arg(b.expirations.value(it.key(), -1));
    for (auto it = b.expirations.cbegin(); it != b.expirations.cend(); ++it)
        if (!a.expirations.contains(it.key()))
            d << QStringLiteral("%1: expires only in qetcd").arg(it.key());
    return d;
}

QStringList names(const QByteArray &body, const char *list, const char *field)
{
    QStringList n;
    for (const QJsonValue &v :
         QJsonDocument::fromJson(body).object().value(QLatin1String(list)).toArray())
        n << v.toObject().value(QLatin1String(field)).toString();
    n.sort();
    return n;
}

} // namespace

class tst_etcdimport_etcd : public QObject
{
    Q_OBJECT

private slots:
    void importMatchesEtcd()
    {
        if (kEtcd.isEmpty() || !QFileInfo(kEtcd).isExecutable())
            QSKIP("no etcd 3.4 (`make deps` takes it out of Debian's etcd-server into .tools/): "
                  "the import acceptance test needs a real etcd to produce the data dir");
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString host = TestLoopback::host();
        const quint16 clientPort = TestLoopback::freePort();
        const quint16 peerPort = TestLoopback::freePort();
        const QString client = QStringLiteral("http://%1:%2").arg(host).arg(clientPort);
        const QString peer = QStringLiteral("http://%1:%2").arg(host).arg(peerPort);
        const QString etcdDir = tmp.filePath(QStringLiteral("etcd"));
        QProcess etcd;
        etcd.setProcessChannelMode(QProcess::MergedChannels);
        // Gone with this process even when a timeout aborts the test (no destructor runs then).
        etcd.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        etcd.setStandardOutputFile(tmp.filePath(QStringLiteral("etcd.log")));
        etcd.start(kEtcd, {QStringLiteral("--name=default"), QStringLiteral("--enable-v2=true"),
                           QStringLiteral("--data-dir=") + etcdDir,
                           QStringLiteral("--snapshot-count=1000"),
                           QStringLiteral("--listen-client-urls=") + client,
                           QStringLiteral("--advertise-client-urls=") + client,
                           QStringLiteral("--listen-peer-urls=") + peer,
                           QStringLiteral("--initial-advertise-peer-urls=") + peer,
                           QStringLiteral("--initial-cluster=default=") + peer});
        QVERIFY(etcd.waitForStarted());
        auto etcdLog = [&] {
            QFile f(tmp.filePath(QStringLiteral("etcd.log")));
            f.open(QIODevice::ReadOnly);
            return f.readAll().right(3000);
        };
        Http http(client + QStringLiteral("/v2/keys"));
        Http admin(client + QStringLiteral("/v2/auth"));
        QVERIFY2(
            QTest::qWaitFor([&] { return http.get(QStringLiteral("/")).status == 200; }, 20000),
            etcdLog().constData());

        QElapsedTimer fill;
        fill.start();
        int writes = 0;
        auto phase = [&](const QList<Req> &reqs, int expectOk) {
            const QList<Answer> a = http.run(reqs);
            int ok = 0;
            for (const Answer &x : a)
                ok += (x.status == 200 || x.status == 201) ? 1 : 0;
            writes += reqs.size();
            QCOMPARE(ok, expectOk);
        };
        QList<Req> r;
        for (int i = 0; i < 20; ++i) // expired by etcd itself (a SYNC entry) before the capture
            r << Req{"PUT", QStringLiteral("/short/k%1?ttl=1").arg(i), form(QStringLiteral("s"))};
        for (int i = 0; i < 6000; ++i)
            r << Req{"PUT", QStringLiteral("/app/svc%1/cfg%2/key%3").arg(i % 50).arg(i % 3).arg(i),
                     form(QStringLiteral("v%1").arg(i))};
        for (int i = 0; i < 300; ++i)
            r << Req{"PUT", QStringLiteral("/ttl/k%1?ttl=86400").arg(i),
                     form(QStringLiteral("t%1").arg(i))};
        for (int i = 0; i < 10; ++i)
            r << Req{"PUT", QStringLiteral("/ttldir/d%1?dir=true&ttl=90000").arg(i), {}};
        for (int i = 0; i < 120; ++i)
            r << Req{"PUT", QStringLiteral("/_hidden/k%1").arg(i),
                     form(QStringLiteral("h%1").arg(i))};
        for (int i = 0; i < 20; ++i)
            r << Req{"PUT", QStringLiteral("/_hk%1").arg(i), form(QStringLiteral("hk%1").arg(i))};
        for (int i = 0; i < 50; ++i)
            r << Req{"PUT", QStringLiteral("/app/svc%1/_secret").arg(i), form(QStringLiteral("x"))};
        phase(r, r.size());
        r.clear();
        // v2 auth: users and roles, then enabled (the root user must exist first), early enough
        // that etcd's last 1000 events all touch keys: the import carries them over.
        const QList<Answer> a = admin.run(
            {{"PUT", QStringLiteral("/roles/reader"),
              "{\"role\":\"reader\",\"permissions\":{\"kv\":{\"read\":[\"/app/"
              "*\"],\"write\":[]}}}"},
             {"PUT", QStringLiteral("/users/root"), "{\"user\":\"root\",\"password\":\"rootpw\"}"},
             {"PUT", QStringLiteral("/users/alice"),
              "{\"user\":\"alice\",\"password\":\"alicepw\"}"}});
        for (const Answer &x : a)
            QVERIFY2(x.status == 200 || x.status == 201, x.body.constData());
        QCOMPARE(admin
                     .run({{"PUT", QStringLiteral("/users/alice"),
                            "{\"user\":\"alice\",\"grant\":[\"reader\"]}"}})
                     .first()
                     .status,
                 200);
        QCOMPARE(admin.run({{"PUT", QStringLiteral("/enable"), {}}}).first().status, 200);
        // Keys stay open to anonymous clients through the guest role etcd created on enable
        // (sending root's password with every write would cost etcd a bcrypt check each);
        // the auth API needs root.
        admin.setAuthorization(kRoot);
        for (int i = 0; i < 1500; ++i)
            r << Req{"POST", QStringLiteral("/queue/jobs"), form(QStringLiteral("job%1").arg(i))};
        for (int i = 0; i < 50; ++i)
            r << Req{"PUT", QStringLiteral("/ttldir/d%1/k%2").arg(i % 10).arg(i),
                     form(QStringLiteral("in"))};
        for (int i = 0; i < 2000; ++i) // compareAndSwap on value
            r << Req{"PUT",
                     QStringLiteral("/app/svc%1/cfg%2/key%3?prevValue=v%3")
                         .arg(i % 50)
                         .arg(i % 3)
                         .arg(i),
                     form(QStringLiteral("w%1").arg(i))};
        for (int i = 2000; i < 2300; ++i) // update
            r << Req{"PUT",
                     QStringLiteral("/app/svc%1/cfg%2/key%3?prevExist=true")
                         .arg(i % 50)
                         .arg(i % 3)
                         .arg(i),
                     form(QStringLiteral("u%1").arg(i))};
        for (int i = 0; i < 50; ++i) // refresh: TTL reset, value kept
            r << Req{"PUT",
                     QStringLiteral("/ttl/k%1?ttl=172800&refresh=true&prevExist=true").arg(i),
                     {}};
        for (int i = 5000; i < 5800; ++i)
            r << Req{"DELETE",
                     QStringLiteral("/app/svc%1/cfg%2/key%3").arg(i % 50).arg(i % 3).arg(i),
                     {}};
        for (int i = 5800; i < 5900; ++i) // compareAndDelete
            r << Req{"DELETE",
                     QStringLiteral("/app/svc%1/cfg%2/key%3?prevValue=v%3")
                         .arg(i % 50)
                         .arg(i % 3)
                         .arg(i),
                     {}};
        phase(r, r.size());
        r.clear();
        for (int i = 2300; i < 2600; ++i) // refused: wrong prevValue
            r << Req{"PUT",
                     QStringLiteral("/app/svc%1/cfg%2/key%3?prevValue=nope")
                         .arg(i % 50)
                         .arg(i % 3)
                         .arg(i),
                     form(QStringLiteral("x"))};
        for (int i = 2600; i < 2700; ++i) // refused: exists
            r << Req{"PUT",
                     QStringLiteral("/app/svc%1/cfg%2/key%3?prevExist=false")
                         .arg(i % 50)
                         .arg(i % 3)
                         .arg(i),
                     form(QStringLiteral("x"))};
        for (int i = 0; i < 100; ++i) // refused: compareAndSwap on a stale index
            r << Req{
                "PUT",
                QStringLiteral("/app/svc%1/cfg%2/key%3?prevIndex=1").arg(i % 50).arg(i % 3).arg(i),
                form(QStringLiteral("x"))};
        phase(r, 0);
        r.clear();
        r << Req{"DELETE", QStringLiteral("/app/svc49?recursive=true"), {}}
          << Req{"DELETE", QStringLiteral("/ttldir/d9?recursive=true"), {}};
        phase(r, 2);
        qInfo("filled etcd with %d v2 requests in %lld ms", writes, qint64(fill.elapsed()));
        QVERIFY(writes > 10000);
        // etcd expires the short keys itself (its leader's SYNC), so the WAL holds an expiry.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return QJsonDocument::fromJson(
                           http.get(QStringLiteral("/short?recursive=true")).body)
                    .object()
                    .value(QLatin1String("node"))
                    .toObject()
                    .value(QLatin1String("nodes"))
                    .toArray()
                    .isEmpty();
            },
            10000));

        // etcd's own answers, then stop it.
        auto capture = [](Http &h, Http &auth) {
            QList<Answer> out =
                h.run({{"GET", QStringLiteral("/?recursive=true&sorted=true"), {}},
                       {"GET", QStringLiteral("/_hidden?recursive=true&sorted=true"), {}}});
            for (int i = 0; i < 20; ++i)
                out << h.get(QStringLiteral("/_hk%1").arg(i));
            for (int i = 0; i < 49; ++i)
                out << h.get(QStringLiteral("/app/svc%1/_secret").arg(i));
            // Watchers holding a waitIndex: two inside etcd's history, one before it (error 401).
            const quint64 index = out.first().etcdIndex.toULongLong();
            out << h.get(QStringLiteral("/?wait=true&recursive=true&waitIndex=%1").arg(index - 300))
                << h.get(QStringLiteral("/app?wait=true&recursive=true&waitIndex=%1")
                             .arg(index - 999))
                << h.get(
                       QStringLiteral("/?wait=true&recursive=true&waitIndex=%1").arg(index - 1500));
            out << auth.run({{"GET", QStringLiteral("/users"), {}},
                             {"GET", QStringLiteral("/roles"), {}},
                             {"GET", QStringLiteral("/enable"), {}},
                             {"GET", QStringLiteral("/users/alice"), {}}});
            return out;
        };
        const QList<Answer> before = capture(http, admin);
        QCOMPARE(before.first().status, 200);
        etcd.terminate();
        QVERIFY(etcd.waitForFinished(20000));
        const QStringList snaps =
            QDir(etcdDir + QStringLiteral("/member/snap")).entryList({QStringLiteral("*.snap")});
        QVERIFY2(snaps.size() >= 2, "etcd took no snapshots: the test would not read one");

        // The import, through the command line.
        const QString out = tmp.filePath(QStringLiteral("qetcd"));
        QProcess importer;
        importer.setProcessChannelMode(QProcess::MergedChannels);
        QElapsedTimer importTime;
        importTime.start();
        importer.start(DaemonProcess::binary(QStringLiteral("qetcd")),
                       {QStringLiteral("import-etcd"), QStringLiteral("--etcd-data-dir"), etcdDir,
                        QStringLiteral("--data-dir"), out});
        QVERIFY(importer.waitForFinished(120000));
        const QByteArray report = importer.readAll();
        qInfo("import took %lld ms:\n%s", qint64(importTime.elapsed()), report.constData());
        QVERIFY2(importer.exitStatus() == QProcess::NormalExit && importer.exitCode() == 0,
                 report.constData());

        DaemonProcess member;
        member.setDataDir(out);
        QVERIFY2(member.start(), member.output().constData());
        Http qhttp(member.clientUrl().toString() + QStringLiteral("/v2/keys"));
        Http qadmin(member.clientUrl().toString() + QStringLiteral("/v2/auth"));
        qadmin.setAuthorization(kRoot); // etcd's bcrypt hash of root's password works here too
        const QList<Answer> after = capture(qhttp, qadmin);

        QCOMPARE(after.first().status, 200);
        QCOMPARE(after.first().etcdIndex, before.first().etcdIndex);
        QStringList diffs;
        for (int i = before.size() - 7; i < before.size() - 4; ++i) {
            if (before[i].status != after[i].status ||
                QJsonDocument::fromJson(before[i].body) != QJsonDocument::fromJson(after[i].body))
                diffs << QStringLiteral("watch %1: etcd %2 %3, qetcd %4 %5")
                             .arg(i)
                             .arg(before[i].status)
                             .arg(QString::fromUtf8(before[i].body))
                             .arg(after[i].status)
                             .arg(QString::fromUtf8(after[i].body));
        }
        QCOMPARE(before[before.size() - 7].status, 200);
        QCOMPARE(before[before.size() - 5].status, 400); // etcd error 401, event index cleared
        for (int i = 0; i < before.size() - 7; ++i) {
            if (before[i].status != after[i].status)
                diffs << QStringLiteral("answer %1: status %2 vs %3")
                             .arg(i)
                             .arg(before[i].status)
                             .arg(after[i].status);
            diffs += differences(flatBody(before[i].body), flatBody(after[i].body));
        }
        const Flat all = flatBody(before.first().body);
        qInfo("compared %lld nodes of the listing and %lld hidden answers; X-Etcd-Index %s",
              qint64(all.nodes.size()), qint64(before.size() - 8),
              before.first().etcdIndex.constData());
        QVERIFY(all.nodes.size() > 6000);
        QVERIFY(!all.expirations.isEmpty());
        const qsizetype n = before.size();
        if (names(before[n - 4].body, "users", "user") != names(after[n - 4].body, "users", "user"))
            diffs << QStringLiteral("users: %1 vs %2")
                         .arg(QString::fromUtf8(before[n - 4].body),
                              QString::fromUtf8(after[n - 4].body));
        if (QJsonDocument::fromJson(before[n - 3].body) !=
            QJsonDocument::fromJson(after[n - 3].body))
            diffs << QStringLiteral("roles: %1 vs %2")
                         .arg(QString::fromUtf8(before[n - 3].body),
                              QString::fromUtf8(after[n - 3].body));
        if (QJsonDocument::fromJson(before[n - 2].body) !=
            QJsonDocument::fromJson(after[n - 2].body))
            diffs << QStringLiteral("enable: %1 vs %2")
                         .arg(QString::fromUtf8(before[n - 2].body),
                              QString::fromUtf8(after[n - 2].body));
        const QJsonObject aliceBefore = QJsonDocument::fromJson(before[n - 1].body).object();
        const QJsonObject aliceAfter = QJsonDocument::fromJson(after[n - 1].body).object();
        if (aliceBefore.value(QLatin1String("roles")) != aliceAfter.value(QLatin1String("roles")))
            diffs << QStringLiteral("alice: %1 vs %2")
                         .arg(QString::fromUtf8(before[n - 1].body),
                              QString::fromUtf8(after[n - 1].body));
        if (!diffs.isEmpty())
            qWarning().noquote() << diffs.mid(0, 30).join(u'\n');
        QCOMPARE(diffs.size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_etcdimport_etcd)
#include "tst_etcdimport_etcd.moc"
