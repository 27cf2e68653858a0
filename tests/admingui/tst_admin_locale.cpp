// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The built qetcd-admin follows the system locale: its Simplified Chinese
// catalogue is compiled in (qt_add_translations) and picked from LANG.

#include "DaemonProcess.h"

#include <QProcess>
#include <QTest>

class TestAdminLocale : public QObject
{
    Q_OBJECT
private slots:
    void followsSystemLocale_data();
    void followsSystemLocale();
};

void TestAdminLocale::followsSystemLocale_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("C") << "C"
                       << "Administration of etcd v2 compatible clusters";
    QTest::newRow("en_US") << "en_US.UTF-8"
                           << "Open the saved connection profile";
    QTest::newRow("zh_CN") << "zh_CN.UTF-8" << QStringLiteral("管理兼容 etcd v2 的集群");
}

void TestAdminLocale::followsSystemLocale()
{
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), locale);
    env.insert(QStringLiteral("LC_ALL"), locale);
    env.remove(QStringLiteral("LANGUAGE"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(DaemonProcess::binary(QStringLiteral("qetcd-admin")), {QStringLiteral("--help")});
    QVERIFY(app.waitForFinished(30000));
    const QString out = QString::fromUtf8(app.readAllStandardOutput());
    QVERIFY2(out.contains(expected), qPrintable(out));
}

QTEST_APPLESS_MAIN(TestAdminLocale)
#include "tst_admin_locale.moc"
