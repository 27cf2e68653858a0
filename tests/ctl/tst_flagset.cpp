// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Go flag package semantics and urfave/cli's argument reordering, which
// decide what etcdctl accepts on its command line.
#include "ctl/FlagSet.h"

#include <QTest>

class tst_FlagSet : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void reorder_data();
    void reorder();
    void goInt_data();
    void goInt();
    void duration_data();
    void duration();
    void sliceAccumulates();
    void defaults();

private:
    static QList<ctl::Flag> flags();
};

QList<ctl::Flag> tst_FlagSet::flags()
{
    return {ctl::Flag::integer({QStringLiteral("ttl")}, QString()),
            ctl::Flag::string({QStringLiteral("with-value")}, QString()),
            ctl::Flag::boolean({QStringLiteral("recursive"), QStringLiteral("r")}, QString()),
            ctl::Flag::boolean({QStringLiteral("p")}, QString()),
            ctl::Flag::duration({QStringLiteral("timeout")}, QString(), QStringLiteral("2s")),
            ctl::Flag::stringSlice({QStringLiteral("roles")}, QString())};
}

void tst_FlagSet::parse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("rest");
    QTest::addColumn<QString>("ttl");

    auto row = [](const char *name, QStringList args, QString error, QStringList rest,
                  QString ttl) { QTest::newRow(name) << args << error << rest << ttl; };
    row("value-after", {"--ttl", "5", "/k", "v"}, {}, {"/k", "v"}, "5");
    row("equals", {"-ttl=7", "/k"}, {}, {"/k"}, "7");
    row("stops-at-positional", {"/k", "--ttl", "5"}, {}, {"/k", "--ttl", "5"}, "0");
    row("double-dash", {"--", "-r"}, {}, {"-r"}, "0");
    row("single-dash-is-positional", {"-", "x"}, {}, {"-", "x"}, "0");
    row("bool-takes-no-value", {"-r", "true"}, {}, {"true"}, "0");
    row("bool-equals", {"-r=false", "/k"}, {}, {"/k"}, "0");
    row("undefined", {"--bogus"}, "flag provided but not defined: -bogus", {}, "0");
    row("bad-int", {"--ttl", "abc"}, "invalid value \"abc\" for flag -ttl: parse error", {}, "0");
    row("int-range", {"--ttl", "99999999999999999999"},
        "invalid value \"99999999999999999999\" for flag -ttl: value out of range", {}, "0");
    row("bad-bool", {"-p=x"}, "invalid boolean value \"x\" for -p: parse error", {}, "0");
    row("needs-argument", {"--with-value"}, "flag needs an argument: -with-value", {}, "0");
    row("bad-syntax", {"---x"}, "bad flag syntax: ---x", {}, "0");
    row("bad-duration", {"--timeout", "1"}, "invalid value \"1\" for flag -timeout: parse error",
        {}, "0");
}

void tst_FlagSet::parse()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QFETCH(QStringList, rest);
    QFETCH(QString, ttl);
    ctl::FlagSet f(flags());
    QString why;
    QCOMPARE(f.parse(args, &why), error.isEmpty());
    QCOMPARE(why, error);
    if (error.isEmpty()) {
        QCOMPARE(f.args(), rest);
        QCOMPARE(f.stringValue(QStringLiteral("ttl")), ttl);
    }
}

void tst_FlagSet::reorder_data()
{
    QTest::addColumn<QStringList>("in");
    QTest::addColumn<QStringList>("out");
    QTest::newRow("flag-after-args")
        << QStringList{"/k", "v", "--ttl", "5"} << QStringList{"--ttl", "5", "/k", "v"};
    // The word after a flag without '=' travels with it, even for bools.
    QTest::newRow("bool-drags-next") << QStringList{"-r", "/k"} << QStringList{"-r", "/k"};
    QTest::newRow("unknown-stays")
        << QStringList{"/k", "--bogus", "-r"} << QStringList{"-r", "/k", "--bogus"};
    QTest::newRow("dash-dash-stops")
        << QStringList{"-r", "/w", "--", "sh", "-r"} << QStringList{"-r", "/w", "--", "sh", "-r"};
    QTest::newRow("trailing-value-flag")
        << QStringList{"/k", "v", "--ttl"} << QStringList{"--ttl", "/k", "v"};
    QTest::newRow("equals-no-drag") << QStringList{"--ttl=5", "/k"} << QStringList{"--ttl=5", "/k"};
}

void tst_FlagSet::reorder()
{
    QFETCH(QStringList, in);
    QFETCH(QStringList, out);
    QCOMPARE(ctl::FlagSet::reorder(flags(), in), out);
}

void tst_FlagSet::goInt_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value");
    QTest::newRow("decimal") << "42" << true << qint64(42);
    QTest::newRow("negative") << "-3" << true << qint64(-3);
    QTest::newRow("hex") << "0x10" << true << qint64(16);
    QTest::newRow("octal") << "010" << true << qint64(8);
    QTest::newRow("binary") << "0b101" << true << qint64(5);
    QTest::newRow("bad-octal") << "08" << false << qint64(0);
    QTest::newRow("letters") << "12a" << false << qint64(0);
    QTest::newRow("empty") << "" << false << qint64(0);
}

void tst_FlagSet::goInt()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, value);
    qint64 v = 0;
    QString why;
    QCOMPARE(ctl::FlagSet::parseGoInt(text, &v, &why), ok);
    if (ok)
        QCOMPARE(v, value);
}

void tst_FlagSet::duration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("seconds") << "2s" << true << qint64(2000);
    QTest::newRow("millis") << "500ms" << true << qint64(500);
    QTest::newRow("fraction") << "1.5s" << true << qint64(1500);
    QTest::newRow("compound") << "1m30s" << true << qint64(90000);
    QTest::newRow("zero") << "0" << true << qint64(0);
    QTest::newRow("no-unit") << "1" << false << qint64(0);
    QTest::newRow("bad-unit") << "3x" << false << qint64(0);
}

void tst_FlagSet::duration()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, ms);
    qint64 v = -1;
    QCOMPARE(ctl::FlagSet::parseGoDuration(text, &v), ok);
    if (ok)
        QCOMPARE(v, ms);
}

void tst_FlagSet::sliceAccumulates()
{
    ctl::FlagSet f(flags());
    QString why;
    QVERIFY(f.parse({"--roles", "a,b", "--roles=c", "u"}, &why));
    QCOMPARE(f.sliceValue(QStringLiteral("roles")), (QStringList{"a,b", "c"}));
}

void tst_FlagSet::defaults()
{
    ctl::FlagSet f(flags());
    QString why;
    QVERIFY(f.parse({"-r"}, &why));
    QVERIFY(f.boolValue(QStringLiteral("r")));
    QVERIFY(f.boolValue(QStringLiteral("recursive")));
    QVERIFY(!f.isSet(QStringLiteral("ttl")));
    QCOMPARE(f.durationMs(QStringLiteral("timeout")), 2000);
}

QTEST_APPLESS_MAIN(tst_FlagSet)
#include "tst_flagset.moc"
