// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Connecting: status of a live member, a member that is down, failover to
// the one that answers, wrong credentials (a member with v2 authentication
// on), the main window reopening the recent profile, and the connection
// dialog.

#include "GuiTestCluster.h"
#include "connection/ProfileStore.h"
#include "widgets/MessageBanner.h"
#include "windows/ConnectionDialog.h"
#include "windows/MainWindow.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString deadEndpoint()
{
    // On this process's own loopback address: no other suite can start listening there.
    return TestLoopback::url(DaemonProcess::freePort()).toString();
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void connectsAndFillsStatus();
    void reportsDownMemberWithoutBlocking();
    void failsOverToMemberThatAnswers();
    void reportsWrongCredentials();
    void mainWindowReopensRecentProfile();
    void mainWindowAsksForProfileAtFirstStart();
    void dialogShowsProblemsInPlace();

private:
    GuiTestCluster m_cluster;
};

void TestConnection::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
    QVERIFY(m_cluster.set(QStringLiteral("/status/k"), QStringLiteral("v")));
}

void TestConnection::connectsAndFillsStatus()
{
    admin::ClusterConnection c;
    QSignalSpy opened(&c, &admin::ClusterConnection::opened);
    c.open(m_cluster.profile());
    QCOMPARE(c.status().state, admin::ClusterStatus::State::Connecting);
    QVERIFY(opened.wait(10000));
    QCOMPARE(c.status().state, admin::ClusterStatus::State::Connected);
    QCOMPARE(c.status().member, m_cluster.daemon().clientUrl());
    client::Reply *r = m_cluster.wait(m_cluster.other()->get(QStringLiteral("/status/k")));
    QCOMPARE(c.status().clusterId, r->keys().clusterId);
    QVERIFY(c.status().etcdIndex > 0);
    QVERIFY(c.status().etcdIndex <= r->keys().etcdIndex);
    r->deleteLater();
    QTRY_COMPARE_WITH_TIMEOUT(c.status().leaderName, QStringLiteral("infra0"), 10000);
}

void TestConnection::reportsDownMemberWithoutBlocking()
{
    admin::ClusterConnection c;
    QSignalSpy messages(&c, &admin::ClusterConnection::message);
    admin::ConnectionProfile p;
    p.name = QStringLiteral("down");
    p.endpoints = {deadEndpoint()};
    c.open(p);
    // open() came back before anything was known: it does not block.
    QCOMPARE(c.status().state, admin::ClusterStatus::State::Connecting);
    QVERIFY(messages.wait(10000));
    QCOMPARE(c.status().state, admin::ClusterStatus::State::Failed);
    QCOMPARE(messages.first().first().value<admin::Severity>(), admin::Severity::Error);
    QVERIFY(messages.first().at(1).toString().contains(p.endpoints.first()));
    QVERIFY(c.status().lastError.contains(p.endpoints.first()));
}

void TestConnection::failsOverToMemberThatAnswers()
{
    admin::ClusterConnection c;
    QSignalSpy opened(&c, &admin::ClusterConnection::opened);
    admin::ConnectionProfile p;
    p.name = QStringLiteral("two");
    p.endpoints = {deadEndpoint(), m_cluster.daemon().clientUrl().toString()};
    c.open(p);
    QVERIFY(opened.wait(10000));
    QCOMPARE(c.status().member, m_cluster.daemon().clientUrl());
}

void TestConnection::reportsWrongCredentials()
{
    // A member of its own: authentication stays on there.
    DaemonProcess member(QStringLiteral("auth"));
    QVERIFY2(member.start(), member.output().constData());
    client::ClientConfig config;
    config.endpoints = {member.clientUrl()};
    client::Client admin(config);
    client::Reply *user =
        m_cluster.wait(admin.addUser(QStringLiteral("root"), QStringLiteral("rootpw")));
    QVERIFY2(!user->error(), qPrintable(user->error().toString()));
    client::Reply *enable = m_cluster.wait(admin.enableAuth());
    QVERIFY2(!enable->error(), qPrintable(enable->error().toString()));

    admin::ConnectionProfile p;
    p.name = QStringLiteral("auth");
    p.endpoints = {member.clientUrl().toString()};
    p.username = QStringLiteral("root");
    p.password = QStringLiteral("wrong");
    {
        admin::ClusterConnection c;
        QSignalSpy messages(&c, &admin::ClusterConnection::message);
        QSignalSpy opened(&c, &admin::ClusterConnection::opened);
        c.open(p);
        QVERIFY(messages.wait(10000));
        QCOMPARE(c.status().state, admin::ClusterStatus::State::Failed);
        QCOMPARE(messages.first().first().value<admin::Severity>(), admin::Severity::Error);
        QVERIFY(messages.first().at(1).toString().contains(QStringLiteral("credentials")));
        QCOMPARE(opened.count(), 0);
    }
    p.password = QStringLiteral("rootpw");
    admin::ClusterConnection c;
    QSignalSpy opened(&c, &admin::ClusterConnection::opened);
    c.open(p);
    QVERIFY(opened.wait(10000));
    QCOMPARE(c.status().state, admin::ClusterStatus::State::Connected);
}

void TestConnection::mainWindowReopensRecentProfile()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("admin.ini")), QSettings::IniFormat);
    {
        admin::ProfileStore store(&settings);
        admin::ConnectionProfile p = m_cluster.profile();
        p.name = QStringLiteral("local");
        store.save(p);
        store.setRecent(p.name);
    }
    admin::MainWindow window(&settings);
    window.show();
    QSignalSpy opened(window.connection(), &admin::ClusterConnection::opened);
    window.openRecentOrAsk();
    QVERIFY(opened.wait(10000));
    QCOMPARE(window.connection()->profile().name, QStringLiteral("local"));
    QTRY_VERIFY_WITH_TIMEOUT(window.statusFields().at(2).contains(QStringLiteral("infra0")), 10000);
    const QStringList fields = window.statusFields();
    QVERIFY(fields.at(0).contains(QStringLiteral("local")));
    QVERIFY(fields.at(1).contains(m_cluster.daemon().clientUrl().toString()));
    QVERIFY(fields.at(3).contains(window.connection()->status().clusterId));
    QVERIFY(!window.connection()->status().clusterId.isEmpty());
    QVERIFY(fields.at(4).contains(QString::number(window.connection()->status().etcdIndex)));
}

void TestConnection::mainWindowAsksForProfileAtFirstStart()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("admin.ini")), QSettings::IniFormat);
    admin::MainWindow window(&settings);
    window.show();
    window.openRecentOrAsk();
    auto *dialog = window.findChild<admin::ConnectionDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->findChild<QLineEdit *>(QStringLiteral("profileNameEdit"))
        ->setText(QStringLiteral("first"));
    dialog->findChild<QLineEdit *>(QStringLiteral("endpointsEdit"))
        ->setText(m_cluster.daemon().clientUrl().toString());
    QSignalSpy opened(window.connection(), &admin::ClusterConnection::opened);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QVERIFY(opened.wait(10000));
    admin::ProfileStore store(&settings);
    QCOMPARE(store.names(), QStringList{QStringLiteral("first")});
    QCOMPARE(store.recent(), QStringLiteral("first"));
}

void TestConnection::dialogShowsProblemsInPlace()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("admin.ini")), QSettings::IniFormat);
    admin::ProfileStore store(&settings);
    admin::ConnectionDialog dialog(&store, QString());
    dialog.show();
    dialog.findChild<QLineEdit *>(QStringLiteral("endpointsEdit"))
        ->setText(QStringLiteral("ftp://x:1"));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QCOMPARE(accepted.count(), 0);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("dialogError"))->isVisible());
    QVERIFY(dialog.isVisible());

    dialog.findChild<QLineEdit *>(QStringLiteral("endpointsEdit"))
        ->setText(QStringLiteral("http://10.0.0.1:2379, http://10.0.0.2:2379"));
    dialog.findChild<QLineEdit *>(QStringLiteral("profileNameEdit"))
        ->setText(QStringLiteral("prod"));
    dialog.findChild<QPushButton *>(QStringLiteral("saveProfileButton"))->click();
    const auto saved = store.load(QStringLiteral("prod"));
    QVERIFY(saved);
    QCOMPARE(saved->endpoints.size(), 2);
}

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
