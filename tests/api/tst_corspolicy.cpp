// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// --cors as etcd's CORSHandler applies it: which origins get the
// Access-Control-* headers, and preflight (OPTIONS) answers.
#include "api/CorsPolicy.h"

#include <QTest>

namespace {

api::HttpRequest requestFrom(const QByteArray &method, const QByteArray &origin)
{
    api::HttpRequest r;
    r.method = method;
    r.path = "/v2/keys/a";
    if (!origin.isEmpty())
        r.headers.append({"Origin", origin});
    return r;
}

QByteArray headerOf(const api::HttpResponse &r, const QByteArray &name)
{
    for (const auto &h : r.headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

} // namespace

class TestCorsPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decorate_data()
    {
        QTest::addColumn<QStringList>("configured");
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<bool>("granted");
        QTest::newRow("no --cors") << QStringList{} << QByteArray("http://a.example") << false;
        QTest::newRow("listed origin") << QStringList{"http://a.example", "https://b.example:8443"}
                                       << QByteArray("https://b.example:8443") << true;
        QTest::newRow("other origin")
            << QStringList{"http://a.example"} << QByteArray("http://evil.example") << false;
        QTest::newRow("port matters")
            << QStringList{"http://a.example"} << QByteArray("http://a.example:8080") << false;
        QTest::newRow("star") << QStringList{"*"} << QByteArray("http://any.example") << true;
        QTest::newRow("star without Origin") << QStringList{"*"} << QByteArray() << true;
        QTest::newRow("no Origin header")
            << QStringList{"http://a.example"} << QByteArray() << false;
    }
    void decorate()
    {
        QFETCH(QStringList, configured);
        QFETCH(QByteArray, origin);
        QFETCH(bool, granted);
        const api::CorsPolicy cors(configured);
        api::HttpResponse r;
        r.addHeader("Content-Type", "application/json");
        cors.decorate(requestFrom("GET", origin), r);
        if (!granted) {
            QCOMPARE(r.headers.size(), 1);
            return;
        }
        QCOMPARE(headerOf(r, "Access-Control-Allow-Origin"),
                 configured.contains("*") ? QByteArray("*") : origin);
        QCOMPARE(headerOf(r, "Access-Control-Allow-Methods"),
                 QByteArray("POST, GET, OPTIONS, PUT, DELETE"));
        QCOMPARE(headerOf(r, "Access-Control-Allow-Headers"),
                 QByteArray("accept, content-type, authorization"));
    }

    void preflight()
    {
        // etcd answers every OPTIONS request; without --cors it grants nothing.
        const api::CorsPolicy off;
        const auto plain = off.preflight(requestFrom("OPTIONS", "http://a.example"));
        QVERIFY(plain);
        QCOMPARE(plain->status, 200);
        QVERIFY(plain->headers.isEmpty());

        const api::CorsPolicy cors(QStringList{"http://a.example"});
        QVERIFY(!cors.preflight(requestFrom("GET", "http://a.example")));
        const auto granted = cors.preflight(requestFrom("OPTIONS", "http://a.example"));
        QVERIFY(granted);
        QCOMPARE(granted->status, 200);
        QVERIFY(granted->body.isEmpty());
        QCOMPARE(headerOf(*granted, "Access-Control-Allow-Origin"), QByteArray("http://a.example"));
        // A foreign origin's preflight is answered too, but grants nothing.
        const auto refused = cors.preflight(requestFrom("OPTIONS", "http://evil.example"));
        QVERIFY(refused);
        QCOMPARE(refused->status, 200);
        QVERIFY(headerOf(*refused, "Access-Control-Allow-Origin").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCorsPolicy)
#include "tst_corspolicy.moc"
