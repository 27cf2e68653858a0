// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// GoPath is the one path.Clean of the project: the store's keys (Go's
// path.Clean("/" + key)), the v2 API's redirects and the client's request
// paths (net/http's cleanPath, which keeps a trailing slash).
#include "go/GoPath.h"

#include <QTest>

class tst_GoPath : public QObject
{
    Q_OBJECT
private slots:
    void clean_data();
    void clean();
    void cleanKeepingSlash_data();
    void cleanKeepingSlash();
};

void tst_GoPath::clean_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    // Go: path.Clean("/" + in)
    QTest::newRow("empty") << ""
                           << "/";
    QTest::newRow("root") << "/"
                          << "/";
    QTest::newRow("relative") << "a"
                              << "/a";
    QTest::newRow("clean") << "/a/b"
                           << "/a/b";
    QTest::newRow("trailing slash") << "/a/"
                                    << "/a";
    QTest::newRow("double slashes") << "//a//b//"
                                    << "/a/b";
    QTest::newRow("dot") << "/a/./b/."
                         << "/a/b";
    QTest::newRow("dotdot") << "/a/../b"
                            << "/b";
    QTest::newRow("dotdot at root") << "/../../a"
                                    << "/a";
    QTest::newRow("only dotdot") << ".."
                                 << "/";
    QTest::newRow("only dot") << "."
                              << "/";
    QTest::newRow("trailing dotdot") << "/a/b/.."
                                     << "/a";
    QTest::newRow("dot names kept") << "/.a/..b/...c"
                                    << "/.a/..b/...c";
    QTest::newRow("hidden") << "_a//_b/"
                            << "/_a/_b";
    QTest::newRow("unicode") << QStringLiteral("/ключ/値") << QStringLiteral("/ключ/値");
}

void tst_GoPath::clean()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(go::GoPath::clean(in), out);
    QCOMPARE(go::GoPath::isClean(in), in == out);
    QVERIFY(go::GoPath::isClean(out));
}

void tst_GoPath::cleanKeepingSlash_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    // Go: net/http cleanPath (etcd's pathutil.CanonicalURLPath)
    QTest::newRow("empty") << QString() << QStringLiteral("/");
    QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("/");
    QTest::newRow("relative") << QStringLiteral("foo") << QStringLiteral("/foo");
    QTest::newRow("double-slash") << QStringLiteral("/v2/keys//foo")
                                  << QStringLiteral("/v2/keys/foo");
    QTest::newRow("trailing-kept") << QStringLiteral("/v2/keys/") << QStringLiteral("/v2/keys/");
    QTest::newRow("trailing-doubled")
        << QStringLiteral("/v2/keys//") << QStringLiteral("/v2/keys/");
    QTest::newRow("dots") << QStringLiteral("/a/./b/../c") << QStringLiteral("/a/c");
    QTest::newRow("dotdot-with-slash") << QStringLiteral("/a/b/../") << QStringLiteral("/a/");
    QTest::newRow("above-root") << QStringLiteral("/../a") << QStringLiteral("/a");
    QTest::newRow("only-dotdot-slash") << QStringLiteral("/../") << QStringLiteral("/");
}

void tst_GoPath::cleanKeepingSlash()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(go::GoPath::cleanKeepingSlash(in), out);
    QCOMPARE(go::GoPath::cleanKeepingSlash(in.toUtf8()), out.toUtf8());
    QCOMPARE(go::GoPath::isCleanKeepingSlash(in.toUtf8()), in == out);
}

QTEST_APPLESS_MAIN(tst_GoPath)
#include "tst_gopath.moc"
