// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Deep keys against a real member (issue 12, item 3): a PUT of a 5000-level key (10 KB,
// well inside the request-size limits) is refused before it is proposed and changes
// nothing; a key at the depth limit works, and so does a recursive GET of its ancestor.

#include "DaemonProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

namespace {

struct Answer
{
    int status = 0;
    QByteArray body;
    quint64 etcdIndex = 0;
};

// `top` and then "/a" until the key has `levels` segments.
QString chain(const QString &top, int levels)
{
    return top + QStringLiteral("/a").repeated(levels - 1);
}

} // namespace

class tst_DeepKeysDaemon : public QObject
{
    Q_OBJECT

    DaemonProcess daemon;
    QNetworkAccessManager nam;

    Answer request(const QByteArray &method, const QString &path, const QByteArray &form = {})
    {
        QNetworkRequest req(QUrl(daemon.clientUrl().toString() + path));
        if (!form.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
        std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(req, method, form));
        Answer a;
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 20000))
            return a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.etcdIndex = reply->rawHeader("X-Etcd-Index").toULongLong();
        return a;
    }

private slots:
    void initTestCase() { QVERIFY2(daemon.start(), daemon.output().constData()); }

    void deepPutIsRefusedAndChangesNothing()
    {
        const Answer seed = request("PUT", QStringLiteral("/v2/keys/seed"), "value=1");
        QCOMPARE(seed.status, 201);
        QVERIFY(seed.etcdIndex > 0);

        const Answer deep = request(
            "PUT", QStringLiteral("/v2/keys") + chain(QStringLiteral("/deep"), 5000), "value=v");
        QCOMPARE(deep.status, 400);
        const QJsonObject error = QJsonDocument::fromJson(deep.body).object();
        QCOMPARE(error.value(QLatin1String("errorCode")).toInt(), 209);
        QCOMPARE(error.value(QLatin1String("message")).toString(), QStringLiteral("Invalid field"));
        QCOMPARE(error.value(QLatin1String("cause")).toString(),
                 QStringLiteral("key is too deep (5000 levels, the limit is 256)"));

        // Nothing was proposed: no index was used and no directory was made.
        const Answer root = request("GET", QStringLiteral("/v2/keys/"));
        QCOMPARE(root.status, 200);
        QCOMPARE(root.etcdIndex, seed.etcdIndex);
        const Answer top = request("GET", QStringLiteral("/v2/keys/deep"));
        QCOMPARE(top.status, 404);
        QCOMPARE(top.etcdIndex, seed.etcdIndex);
    }

    void keyAtTheDepthLimitWorks()
    {
        const QString key = chain(QStringLiteral("/limit"), 256);
        const Answer put = request("PUT", QStringLiteral("/v2/keys") + key, "value=v");
        QCOMPARE(put.status, 201);

        const Answer leaf = request("GET", QStringLiteral("/v2/keys") + key);
        QCOMPARE(leaf.status, 200);
        QVERIFY(leaf.body.contains("\"value\":\"v\""));

        const Answer all = request("GET", QStringLiteral("/v2/keys/limit?recursive=true"));
        QCOMPARE(all.status, 200);
        // One node per level, the deepest with its value, and every key in full.
        QCOMPARE(all.body.count("\"key\":"), qsizetype(256));
        QVERIFY(all.body.contains("{\"key\":\"" + key.toUtf8() + "\",\"value\":\"v\""));
        QVERIFY(all.body.contains("{\"key\":\"" + chain(QStringLiteral("/limit"), 255).toUtf8() +
                                  "\",\"dir\":true"));
    }
};

QTEST_GUILESS_MAIN(tst_DeepKeysDaemon)
#include "tst_deepkeys_daemon.moc"
