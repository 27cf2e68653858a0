// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Tests of server::LogSetup: --log-outputs (a file gets every line, appended, in the daemon's
// message pattern; a file that cannot be opened is an error) and --log-level / --debug as
// QLoggingCategory filter rules (warn drops info, error keeps only critical).

#include "LogSetup.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QtTest>

namespace {
Q_LOGGING_CATEGORY(lcTest, "qetcd.test")
Q_LOGGING_CATEGORY(lcOther, "other.lib")

using Level = server::config::Config::LogLevel;

QString readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// One message of each kind through both categories.
void logEverything()
{
    qCDebug(lcTest, "debug-qetcd");
    qCDebug(lcOther, "debug-other");
    qCInfo(lcTest, "info-qetcd");
    qCWarning(lcTest, "warning-qetcd");
    qCCritical(lcTest, "critical-qetcd");
}
} // namespace

class tst_LogSetup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void fileGetsLinesInThePattern();
    void appendsAndFeedsEveryOutput();
    void levels_data();
    void levels();
    void unopenableFileIsAnError();
    void journalAndStandardStreamsOpen();
    void destructionRestoresThePreviousHandler();
};

void tst_LogSetup::initTestCase()
{
    qSetMessagePattern(QStringLiteral("%{if-debug}D%{endif}%{if-info}I%{endif}%{if-warning}W"
                                      "%{endif}%{if-critical}E%{endif} | %{category}: "
                                      "%{message}"));
}

void tst_LogSetup::cleanup()
{
    QLoggingCategory::setFilterRules(QString());
}

void tst_LogSetup::fileGetsLinesInThePattern()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("qetcd.log");
    server::LogSetup setup;
    QCOMPARE(setup.open({path}), QString());
    setup.install();
    QLoggingCategory::setFilterRules(server::LogSetup::filterRules(Level::Info, false));
    logEverything();
    QCOMPARE(readAll(path), QString("I | qetcd.test: info-qetcd\n"
                                    "W | qetcd.test: warning-qetcd\n"
                                    "E | qetcd.test: critical-qetcd\n"));
}

void tst_LogSetup::appendsAndFeedsEveryOutput()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString first = dir.filePath("a.log");
    const QString second = dir.filePath("b.log");
    {
        QFile existing(first);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("earlier line\n");
    }
    server::LogSetup setup;
    QCOMPARE(setup.open({first, second}), QString());
    setup.install();
    qCWarning(lcTest, "both");
    QCOMPARE(readAll(first), QString("earlier line\nW | qetcd.test: both\n"));
    QCOMPARE(readAll(second), QString("W | qetcd.test: both\n"));
}

void tst_LogSetup::levels_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<bool>("debug");
    QTest::addColumn<QStringList>("kept");

    // As --debug always did: qetcd's debug categories on, other libraries left at Qt's default.
    QTest::newRow("debug") << int(Level::Debug) << false
                           << QStringList{"debug-qetcd", "debug-other", "info-qetcd",
                                          "warning-qetcd", "critical-qetcd"};
    QTest::newRow("--debug beats info") << int(Level::Info) << true
                                        << QStringList{"debug-qetcd", "debug-other", "info-qetcd",
                                                       "warning-qetcd", "critical-qetcd"};
    QTest::newRow("info") << int(Level::Info) << false
                          << QStringList{"info-qetcd", "warning-qetcd", "critical-qetcd"};
    QTest::newRow("warn") << int(Level::Warn) << false
                          << QStringList{"warning-qetcd", "critical-qetcd"};
    QTest::newRow("error") << int(Level::Error) << false << QStringList{"critical-qetcd"};
}

void tst_LogSetup::levels()
{
    QFETCH(int, level);
    QFETCH(bool, debug);
    QFETCH(QStringList, kept);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("qetcd.log");
    server::LogSetup setup;
    QCOMPARE(setup.open({path}), QString());
    setup.install();
    QLoggingCategory::setFilterRules(server::LogSetup::filterRules(Level(level), debug));
    logEverything();
    QStringList got;
    for (const QString &line : readAll(path).split('\n', Qt::SkipEmptyParts))
        got.append(line.section(": ", 1));
    QCOMPARE(got, kept);
}

void tst_LogSetup::unopenableFileIsAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("no/such/dir/qetcd.log");
    server::LogSetup setup;
    const QString error = setup.open({QStringLiteral("stderr"), path});
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains("No such file or directory"), qPrintable(error));
}

void tst_LogSetup::journalAndStandardStreamsOpen()
{
    server::LogSetup setup;
    QCOMPARE(setup.open({QStringLiteral("stderr"), QStringLiteral("stdout"),
                         QStringLiteral("systemd/journal")}),
             QString());
}

void tst_LogSetup::destructionRestoresThePreviousHandler()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("qetcd.log");
    {
        server::LogSetup setup;
        QCOMPARE(setup.open({path}), QString());
        setup.install();
        qCWarning(lcTest, "inside");
    }
    qCWarning(lcTest, "after");
    QCOMPARE(readAll(path), QString("W | qetcd.test: inside\n"));
}

QTEST_APPLESS_MAIN(tst_LogSetup)
#include "tst_logsetup.moc"
