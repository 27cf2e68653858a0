// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// GoFlags is the one tokenizer of Go's flag grammar: qetcdctl's FlagSet (with
// urfave/cli's reordering) and the daemon's ConfigParser (flags anywhere,
// every error collected) both parse through it.
#include "go/GoFlags.h"

#include <QTest>

using Kind = go::GoFlags::Error::Kind;
using Mode = go::GoFlags::Interspersed;

class tst_GoFlags : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void reorder_data();
    void reorder();
};

namespace {

// "n" and "name" take a value, "b" and "debug" are bools; "num" accepts only digits and
// "strict" only Go's bool spellings "true"/"false" (here), to show where checks run.
QList<go::GoFlags::Definition> table()
{
    auto digits = [](const QString &v) {
        bool ok = false;
        v.toUInt(&ok);
        return ok ? QString() : QStringLiteral("parse error");
    };
    auto boolean = [](const QString &v) {
        return v == QLatin1String("true") || v == QLatin1String("false")
                   ? QString()
                   : QStringLiteral("parse error");
    };
    return {{QStringLiteral("n"), false, {}},       {QStringLiteral("name"), false, {}},
            {QStringLiteral("b"), true, {}},        {QStringLiteral("debug"), true, {}},
            {QStringLiteral("num"), false, digits}, {QStringLiteral("strict"), true, boolean}};
}

// A setting as "name=value", with a '!' before '=' when the value was written with '='.
QStringList settingsText(const QList<go::GoFlags::Setting> &settings)
{
    QStringList out;
    for (const go::GoFlags::Setting &s : settings)
        out.append(s.name + (s.explicitValue ? QStringLiteral("!=") : QStringLiteral("=")) +
                   s.value);
    return out;
}

QString kindText(Kind k)
{
    switch (k) {
    case Kind::BadSyntax:
        return QStringLiteral("bad-syntax");
    case Kind::NotDefined:
        return QStringLiteral("not-defined");
    case Kind::NeedsArgument:
        return QStringLiteral("needs-argument");
    case Kind::InvalidBool:
        return QStringLiteral("invalid-bool");
    case Kind::InvalidValue:
        return QStringLiteral("invalid-value");
    }
    return {};
}

// An error as "kind argument name value reason" (empty fields stay empty).
QStringList errorsText(const QList<go::GoFlags::Error> &errors)
{
    QStringList out;
    for (const go::GoFlags::Error &e : errors)
        out.append(QStringList{kindText(e.kind), e.argument, e.name, e.value, e.reason}.join(' '));
    return out;
}

} // namespace

void tst_GoFlags::parse_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("keepGoing");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("settings");
    QTest::addColumn<QStringList>("positional");
    QTest::addColumn<QStringList>("errors");

    const int no = int(Mode::No);
    const int reorder = int(Mode::Reorder);
    const int anywhere = int(Mode::Anywhere);
    auto row = [](const char *name, int mode, bool keepGoing, QStringList args,
                  QStringList settings, QStringList positional, QStringList errors) {
        QTest::newRow(name) << mode << keepGoing << args << settings << positional << errors;
    };

    // Go's flag package.
    row("empty", no, false, {}, {}, {}, {});
    row("one dash, space", no, false, {"-n", "v"}, {"n=v"}, {}, {});
    row("two dashes, space", no, false, {"--name", "v"}, {"name=v"}, {}, {});
    row("one dash, =", no, false, {"-name=v"}, {"name!=v"}, {}, {});
    row("two dashes, =", no, false, {"--name=v"}, {"name!=v"}, {}, {});
    row("value with =", no, false, {"--name=a=b"}, {"name!=a=b"}, {}, {});
    row("empty value", no, false, {"--name="}, {"name!="}, {}, {});
    row("value looks like a flag", no, false, {"-n", "-b"}, {"n=-b"}, {}, {});
    row("value is --", no, false, {"-n", "--", "x"}, {"n=--"}, {"x"}, {});
    row("given twice, both kept", no, false, {"-n", "1", "-n=2"}, {"n=1", "n!=2"}, {}, {});
    row("bool bare", no, false, {"-b"}, {"b=true"}, {}, {});
    row("bool =false", no, false, {"--debug=false"}, {"debug!=false"}, {}, {});
    row("bool takes no separate value", no, false, {"-b", "false"}, {"b=true"}, {"false"}, {});
    row("bool value unchecked without check", no, false, {"-b=maybe"}, {"b!=maybe"}, {}, {});
    row("-- ends flags", no, false, {"--", "-b"}, {}, {"-b"}, {});
    row("first non-flag ends flags", no, false, {"x", "-b"}, {}, {"x", "-b"}, {});
    row("- is an argument", no, false, {"-", "-b"}, {}, {"-", "-b"}, {});
    row("empty is an argument", no, false, {"", "-b"}, {}, {"", "-b"}, {});
    row("not defined", no, false, {"--bogus=1", "-b"}, {}, {}, {"not-defined --bogus=1 bogus  "});
    row("---x is bad syntax", no, false, {"---x"}, {}, {}, {"bad-syntax ---x   "});
    row("-=x is bad syntax", no, false, {"-=x"}, {}, {}, {"bad-syntax -=x   "});
    row("--=x is bad syntax", no, false, {"--=x"}, {}, {}, {"bad-syntax --=x   "});
    row("needs an argument", no, false, {"-b", "--name"}, {"b=true"}, {},
        {"needs-argument --name name  "});
    row("check rejects", no, false, {"--num", "x1", "--bogus"}, {}, {},
        {"invalid-value --num num x1 parse error"});
    row("check accepts", no, false, {"--num=12"}, {"num!=12"}, {}, {});
    row("bool check rejects", no, false, {"-strict=1"}, {}, {},
        {"invalid-bool -strict=1 strict 1 parse error"});
    row("bool check not run when bare", no, false, {"-strict"}, {"strict=true"}, {}, {});
    row("first error stops", no, false, {"-b", "--x", "--y", "-debug"}, {"b=true"}, {},
        {"not-defined --x x  "});
    row("no -h shortcut", no, false, {"-h"}, {}, {}, {"not-defined -h h  "});

    // urfave/cli v1.22: known flags move before the arguments.
    row("reorder: flag after arguments", reorder, false, {"/k", "v", "-n", "5"}, {"n=5"},
        {"/k", "v"}, {});
    row("reorder: bool drags the next word", reorder, false, {"/a", "-b", "/b"}, {"b=true"},
        {"/b", "/a"}, {});
    row("reorder: unknown flag after argument is an argument", reorder, false,
        {"/k", "--bogus", "-b"}, {"b=true"}, {"/k", "--bogus"}, {});
    row("reorder: unknown flag first is an error", reorder, false, {"--bogus", "/k"}, {}, {},
        {"not-defined --bogus bogus  "});
    row("reorder: -- stops", reorder, false, {"/w", "--", "-b"}, {}, {"/w", "-b"}, {});

    // The daemon: flags anywhere, all errors.
    row("anywhere: flags after arguments", anywhere, false, {"x", "-b", "y", "-n", "1"},
        {"b=true", "n=1"}, {"x", "y"}, {});
    row("anywhere: -- still ends flags", anywhere, false, {"x", "--", "-b"}, {}, {"x", "-b"}, {});
    row("anywhere: - is an argument", anywhere, false, {"-", "-b"}, {"b=true"}, {"-"}, {});
    row("keep going: every error", anywhere, true, {"--x", "-b", "---y", "y", "--z=1", "-n"},
        {"b=true"}, {"y"},
        {"not-defined --x x  ", "bad-syntax ---y   ", "not-defined --z=1 z  ",
         "needs-argument -n n  "});
    row("keep going: check errors too", anywhere, true, {"--num=a", "--num=2"}, {"num!=2"}, {},
        {"invalid-value --num=a num a parse error"});
    row("keep going, Go order", no, true, {"--x", "-b", "arg", "--y"}, {"b=true"}, {"arg", "--y"},
        {"not-defined --x x  "});
}

void tst_GoFlags::parse()
{
    QFETCH(int, mode);
    QFETCH(bool, keepGoing);
    QFETCH(QStringList, args);
    QFETCH(QStringList, settings);
    QFETCH(QStringList, positional);
    QFETCH(QStringList, errors);
    go::GoFlags::Options options;
    options.interspersed = Mode(mode);
    options.keepGoing = keepGoing;
    const go::GoFlags::Result r = go::GoFlags::parse(table(), args, options);
    QCOMPARE(errorsText(r.errors), errors);
    QCOMPARE(r.ok(), errors.isEmpty());
    QCOMPARE(settingsText(r.settings), settings);
    if (r.ok() || keepGoing)
        QCOMPARE(r.arguments, positional);
}

void tst_GoFlags::reorder_data()
{
    QTest::addColumn<QStringList>("in");
    QTest::addColumn<QStringList>("out");
    QTest::newRow("nothing to move") << QStringList{"-n", "1", "x"} << QStringList{"-n", "1", "x"};
    QTest::newRow("flag and value move")
        << QStringList{"x", "y", "--name", "5"} << QStringList{"--name", "5", "x", "y"};
    QTest::newRow("= keeps the next word")
        << QStringList{"x", "--name=5", "y"} << QStringList{"--name=5", "x", "y"};
    QTest::newRow("bool drags the next word")
        << QStringList{"x", "-b", "y"} << QStringList{"-b", "y", "x"};
    QTest::newRow("a flag is never dragged")
        << QStringList{"-n", "-b", "x"} << QStringList{"-n", "-b", "x"};
    QTest::newRow("unknown stays")
        << QStringList{"x", "--bogus", "-b"} << QStringList{"-b", "x", "--bogus"};
    QTest::newRow("---b is not the flag b") << QStringList{"x", "---b"} << QStringList{"x", "---b"};
    // "--" goes before the arguments not moved, so Go's parse ends its flags there.
    QTest::newRow("-- stops, before the arguments")
        << QStringList{"x", "--", "-b"} << QStringList{"--", "x", "-b"};
    QTest::newRow("trailing value flag")
        << QStringList{"x", "--name"} << QStringList{"--name", "x"};
}

void tst_GoFlags::reorder()
{
    QFETCH(QStringList, in);
    QFETCH(QStringList, out);
    QCOMPARE(go::GoFlags::reorder(table(), in), out);
}

QTEST_APPLESS_MAIN(tst_GoFlags)
#include "tst_goflags.moc"
