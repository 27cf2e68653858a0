// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Go-compatible text helpers: what etcdctl users see must match byte for byte.
#include "client/Error.h"
#include "client/GoText.h"
#include "client/JsonStreamSplitter.h"
#include "client/Request.h"
#include "client/Response.h"

#include <QTest>

using namespace client;

class tst_GoText : public QObject
{
    Q_OBJECT
private slots:
    void jsonString_data();
    void jsonString();
    void quote_data();
    void quote();
    void escapes_data();
    void escapes();
    void canonicalPathIsGoPath();
    void normalizeRfc3339_data();
    void normalizeRfc3339();
    void jsonDecodeError_data();
    void jsonDecodeError();
    void requestUrlAndCurl();
    void splitterCutsObjects();
    void splitterIgnoresBracesInStrings();
    void splitterBoundsAnObjectThatNeverEnds();
    void outOfRangeNumbersReadAsZero();
};

void tst_GoText::jsonString_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("plain") << QByteArray("abc") << QByteArray("\"abc\"");
    QTest::newRow("html") << QByteArray("a<b>&c") << QByteArray("\"a\\u003cb\\u003e\\u0026c\"");
    QTest::newRow("quote-backslash") << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("controls") << QByteArray("\b\f\t\n\r\x01")
                              << QByteArray("\"\\u0008\\u000c\\t\\n\\r\\u0001\"");
    QTest::newRow("del-kept") << QByteArray("a\x7f") << QByteArray("\"a\x7f\"");
    QTest::newRow("line-separator") << QByteArray("\xe2\x80\xa8") << QByteArray("\"\\u2028\"");
    QTest::newRow("utf8-kept") << QByteArray("\xc3\xa9\xe2\x98\x83")
                               << QByteArray("\"\xc3\xa9\xe2\x98\x83\"");
    QTest::newRow("invalid-utf8") << QByteArray("a\xff") << QByteArray("\"a\\ufffd\"");
}

void tst_GoText::jsonString()
{
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    QCOMPARE(client::go::jsonString(in), out);
}

void tst_GoText::quote_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("plain") << QByteArray("n2") << QByteArray("\"n2\"");
    QTest::newRow("escapes") << QByteArray("a\"b\\c\n\t") << QByteArray("\"a\\\"b\\\\c\\n\\t\"");
    QTest::newRow("control") << QByteArray("\x01") << QByteArray("\"\\x01\"");
    QTest::newRow("unicode") << QByteArray("\xc3\xa9") << QByteArray("\"\xc3\xa9\"");
    QTest::newRow("invalid") << QByteArray("\xff") << QByteArray("\"\\xff\"");
}

void tst_GoText::quote()
{
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    QCOMPARE(client::go::quote(in), out);
}

void tst_GoText::escapes_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");
    // The same strings etcdctl --debug shows for these keys and values.
    QTest::newRow("reserved")
        << QStringLiteral("/a b/c?d#e%f+g&h=i;j,k:l@m$n!o*p(q)r~s_t-u.v")
        << QByteArray("/a%20b/c%3Fd%23e%25f+g&h=i;j,k:l@m$n%21o%2Ap%28q%29r~s_t-u.v")
        << QByteArray(
               "%2Fa+b%2Fc%3Fd%23e%25f%2Bg%26h%3Di%3Bj%2Ck%3Al%40m%24n%21o%2Ap%28q%29r~s_t-u.v");
    QTest::newRow("unicode") << QStringLiteral("/\u00e9") << QByteArray("/%C3%A9")
                             << QByteArray("%2F%C3%A9");
}

void tst_GoText::escapes()
{
    QFETCH(QString, in);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    QCOMPARE(client::go::escapePath(in), path);
    QCOMPARE(client::go::escapeQuery(in), query);
}

// The rules themselves are tested in tests/go/tst_gopath (GoPath::cleanKeepingSlash).
void tst_GoText::canonicalPathIsGoPath()
{
    QCOMPARE(client::go::canonicalPath(QStringLiteral("/v2/keys//a/./b/")),
             QStringLiteral("/v2/keys/a/b/"));
}

void tst_GoText::normalizeRfc3339_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("nanos") << QStringLiteral("2026-11-23T23:53:08.235519015Z")
                           << QStringLiteral("2026-11-23T23:53:08.235519015Z");
    QTest::newRow("trailing-zeros") << QStringLiteral("2026-11-23T23:53:08.235500000Z")
                                    << QStringLiteral("2026-11-23T23:53:08.2355Z");
    QTest::newRow("all-zero") << QStringLiteral("2026-11-23T23:53:08.000Z")
                              << QStringLiteral("2026-11-23T23:53:08Z");
    QTest::newRow("utc-offset") << QStringLiteral("2026-11-23T23:53:08.5+00:00")
                                << QStringLiteral("2026-11-23T23:53:08.5Z");
    QTest::newRow("other-offset") << QStringLiteral("2026-11-23T23:53:08+02:00")
                                  << QStringLiteral("2026-11-23T23:53:08+02:00");
    QTest::newRow("garbage") << QStringLiteral("soon") << QStringLiteral("soon");
}

void tst_GoText::normalizeRfc3339()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(client::go::normalizeRfc3339(in), out);
}

void tst_GoText::jsonDecodeError_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("object") << QByteArray(" {\"message\":\"x\"}\n") << QString();
    QTest::newRow("null") << QByteArray("null") << QString();
    QTest::newRow("text-404") << QByteArray("404 page not found\n")
                              << QStringLiteral("invalid character 'p' after top-level value");
    QTest::newRow("empty") << QByteArray(" \n") << QStringLiteral("unexpected end of JSON input");
    QTest::newRow("html") << QByteArray("<html>")
                          << QStringLiteral("invalid character '<' looking for beginning of value");
    QTest::newRow("number") << QByteArray("42")
                            << QStringLiteral(
                                   "json: cannot unmarshal number into Go value of type T");
    QTest::newRow("string") << QByteArray("\"s\"")
                            << QStringLiteral(
                                   "json: cannot unmarshal string into Go value of type T");
    QTest::newRow("array") << QByteArray("[1]")
                           << QStringLiteral(
                                  "json: cannot unmarshal array into Go value of type T");
    QTest::newRow("truncated") << QByteArray("{\"a\":")
                               << QStringLiteral("unexpected end of JSON input");
    QTest::newRow("garbage-after")
        << QByteArray("{} x") << QStringLiteral("invalid character 'x' after top-level value");
}

void tst_GoText::jsonDecodeError()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QCOMPARE(client::go::jsonDecodeError(body, QStringLiteral("T")), error);
}

void tst_GoText::requestUrlAndCurl()
{
    Request r;
    r.method = "PUT";
    r.path = Request::keysPath(QStringLiteral("t"));
    r.addQuery(QStringLiteral("prevValue"), QStringLiteral("v"));
    r.addQuery(QStringLiteral("dir"), QStringLiteral("false"));
    r.setFormBody({{QStringLiteral("value"), QStringLiteral("w x")},
                   {QStringLiteral("ttl"), QStringLiteral("5")}});
    const QUrl ep(QStringLiteral("http://127.0.0.1:2379"));
    // Query and form sorted by name, like Go's url.Values.Encode.
    QCOMPARE(r.encodedUrl(ep), QByteArray("http://127.0.0.1:2379/v2/keys/t?dir=false&prevValue=v"));
    QCOMPARE(r.curlCommand(ep),
             QStringLiteral("curl -X PUT http://127.0.0.1:2379/v2/keys/t?dir=false&prevValue=v -d "
                            "\"ttl=5&value=w+x\""));
    Request g;
    g.path = QStringLiteral("/v2/members");
    QCOMPARE(g.curlCommand(QUrl(QStringLiteral("https://[::1]:2379/base/"))),
             QStringLiteral("curl -X GET https://[::1]:2379/base/v2/members"));
}

void tst_GoText::splitterCutsObjects()
{
    JsonStreamSplitter s;
    QCOMPARE(s.feed("{\"a\":1}\n{\"b\":"), QList<QByteArray>{"{\"a\":1}"});
    QVERIFY(s.hasPartial());
    QCOMPARE(s.feed("[2]}{\"c\":3}"), (QList<QByteArray>{"{\"b\":[2]}", "{\"c\":3}"}));
    QVERIFY(!s.hasPartial());
}

void tst_GoText::splitterIgnoresBracesInStrings()
{
    JsonStreamSplitter s;
    QCOMPARE(s.feed("{\"v\":\"}{\\\"\"}"), QList<QByteArray>{"{\"v\":\"}{\\\"\"}"});
}

void tst_GoText::splitterBoundsAnObjectThatNeverEnds()
{
    // A hostile server's never-ending event must not grow the client's memory without bound.
    JsonStreamSplitter s(16);
    QCOMPARE(s.feed("{\"a\":1}{\"b\":\""), QList<QByteArray>{"{\"a\":1}"});
    QVERIFY(!s.overflowed());
    QCOMPARE(s.feed("0123456789ab"), QList<QByteArray>{});
    QVERIFY(s.overflowed());
    QVERIFY(!s.hasPartial());                              // the partial object was dropped
    QCOMPARE(s.feed("\"}{\"c\":3}"), QList<QByteArray>{}); // the stream is given up
    s.clear();
    QVERIFY(!s.overflowed());
    QCOMPARE(s.feed("{\"c\":3}"), QList<QByteArray>{"{\"c\":3}"});
    // An object of exactly the bound still passes.
    JsonStreamSplitter exact(7);
    QCOMPARE(exact.feed("{\"a\":1}"), QList<QByteArray>{"{\"a\":1}"});
    QVERIFY(!exact.overflowed());
}

void tst_GoText::outOfRangeNumbersReadAsZero()
{
    // A hostile or broken server's numbers that no uint64/int64 holds read as 0; converting
    // them was undefined behaviour (found by fuzz_client_json).
    Response r;
    QVERIFY(Response::parse(R"({"action":"get","node":{"key":"/a","createdIndex":-4,)"
                            R"("modifiedIndex":1e300,"ttl":-1e300}})",
                            &r));
    QCOMPARE(r.node.createdIndex, quint64(0));
    QCOMPARE(r.node.modifiedIndex, quint64(0));
    QCOMPARE(r.node.ttl, qint64(0));
    QVERIFY(
        Response::parse(R"({"action":"get","node":{"key":"/a","createdIndex":7,"ttl":-3}})", &r));
    QCOMPARE(r.node.createdIndex, quint64(7));
    QCOMPARE(r.node.ttl, qint64(-3));
    const Error e = Error::fromKeysBody(R"({"errorCode":100,"message":"m","index":-1})", 404);
    QCOMPARE(e.index(), quint64(0));
}

QTEST_APPLESS_MAIN(tst_GoText)
#include "tst_gotext.moc"
