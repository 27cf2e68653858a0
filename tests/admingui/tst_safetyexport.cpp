// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Safety exports (issue 19, item 10) against a real member: a recursive
// delete, an import and a member removal each export what they may
// destroy first, one click puts it back, and when the safety export fails
// the action is not done.

#include "GuiTestCluster.h"
#include "cluster/ClusterPage.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyTreeModel.h"
#include "keys/SubtreeJson.h"
#include "transfer/SafetyExport.h"
#include "widgets/MessageBanner.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

// Answers the next confirmation box with its "yes" button.
void confirmNextBox()
{
    auto *timer = new QTimer;
    auto tries = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, [timer, tries] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (box || ++*tries > 250) {
            timer->stop();
            timer->deleteLater();
        }
        if (!box)
            return;
        QAbstractButton *yes = box->button(QMessageBox::Yes);
        for (QAbstractButton *b : box->buttons()) {
            const auto role = box->buttonRole(b);
            if (!yes && (role == QMessageBox::YesRole || role == QMessageBox::AcceptRole ||
                         role == QMessageBox::DestructiveRole))
                yes = b;
        }
        if (yes)
            QTest::mouseClick(yes, Qt::LeftButton);
    });
    timer->start(20);
}

bool fileHolds(const QString &fileName, const QString &key)
{
    QFile f(fileName);
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(key.toUtf8());
}

} // namespace

class TestSafetyExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void recursiveDeleteIsExportedFirstAndRestored();
    void importIsExportedFirstAndUndone();
    void failedSafetyExportStopsTheAction();
    void memberRemovalIsExportedFirst();

private:
    GuiTestCluster m_cluster;
};

void TestSafetyExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
}

void TestSafetyExport::recursiveDeleteIsExportedFirstAndRestored()
{
    QVERIFY(m_cluster.set(QStringLiteral("/del/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/del/sub/b"), QStringLiteral("2")));
    QVERIFY(m_cluster.set(QStringLiteral("/del/_h"), QStringLiteral("hidden")));
    admin::KeyBrowserPage page(m_cluster.connection());
    page.banner()->setAutoHide(false);
    page.resize(1000, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isRootLoaded(), 10000);
    page.goToKey(QStringLiteral("/del/_h")); // the tree knows the hidden key
    QTRY_COMPARE_WITH_TIMEOUT(page.currentKey(), QStringLiteral("/del/_h"), 10000);
    QVERIFY(page.selectKey(QStringLiteral("/del")));
    confirmNextBox();
    page.findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_cluster.get(QStringLiteral("/del")).has_value(), 10000);

    auto *safety = page.findChild<admin::SafetyExport *>();
    QVERIFY(safety);
    QVERIFY(safety->hasRestorePoint());
    QVERIFY(fileHolds(safety->lastFile(), QStringLiteral("/del/sub/b")));
    QVERIFY(fileHolds(safety->lastFile(), QStringLiteral("/del/_h")));
    QTRY_VERIFY_WITH_TIMEOUT(page.banner()->text().contains(safety->lastFile()), 10000);
    // One click on the banner's Restore button.
    QPushButton *restore = nullptr;
    for (auto *b : page.banner()->findChildren<QPushButton *>()) {
        if (b->text() == safety->restoreAction()->text())
            restore = b;
    }
    QVERIFY(restore);
    QTest::mouseClick(restore, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page.banner()->text().contains(QStringLiteral("Restored")), 10000);
    QCOMPARE(page.banner()->severity(), admin::Severity::Success);
    QCOMPARE(m_cluster.get(QStringLiteral("/del/a"))->value, QStringLiteral("1"));
    QCOMPARE(m_cluster.get(QStringLiteral("/del/sub/b"))->value, QStringLiteral("2"));
    QCOMPARE(m_cluster.get(QStringLiteral("/del/_h"))->value, QStringLiteral("hidden"));
}

void TestSafetyExport::importIsExportedFirstAndUndone()
{
    QVERIFY(m_cluster.set(QStringLiteral("/imq/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/imq/b"), QStringLiteral("2")));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("in.json"));
    {
        client::Node root;
        root.key = QStringLiteral("/x");
        root.dir = true;
        client::Node a;
        a.key = QStringLiteral("/x/a");
        a.value = QStringLiteral("10");
        client::Node c;
        c.key = QStringLiteral("/x/c");
        c.value = QStringLiteral("3");
        root.nodes = {a, c};
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(admin::SubtreeJson::toDocument(root));
    }
    admin::KeyBrowserPage page(m_cluster.connection());
    page.banner()->setAutoHide(false);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isRootLoaded(), 10000);
    page.importSubtreeFrom(file, QStringLiteral("/imq"));
    QTRY_VERIFY_WITH_TIMEOUT(page.banner()->text().contains(QStringLiteral("safety export")),
                             10000);
    QCOMPARE(page.banner()->severity(), admin::Severity::Success);
    QCOMPARE(m_cluster.get(QStringLiteral("/imq/a"))->value, QStringLiteral("10"));
    QCOMPARE(m_cluster.get(QStringLiteral("/imq/c"))->value, QStringLiteral("3"));
    QCOMPARE(m_cluster.get(QStringLiteral("/imq/b"))->value, QStringLiteral("2"));

    auto *safety = page.findChild<admin::SafetyExport *>();
    QVERIFY(safety && safety->hasRestorePoint());
    QVERIFY(fileHolds(safety->lastFile(), QStringLiteral("/imq/b")));
    QSignalSpy restored(safety, &admin::SafetyExport::restored);
    safety->restoreAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 10000);
    QVERIFY2(restored.first().at(0).toBool(), qPrintable(restored.first().at(1).toString()));
    // The import is undone: changed back, added removed, untouched kept.
    QCOMPARE(m_cluster.get(QStringLiteral("/imq/a"))->value, QStringLiteral("1"));
    QVERIFY(!m_cluster.get(QStringLiteral("/imq/c")).has_value());
    QCOMPARE(m_cluster.get(QStringLiteral("/imq/b"))->value, QStringLiteral("2"));

    // An import into a place that does not exist yet: the safety export is
    // empty, and restoring it removes what the import created.
    page.importSubtreeFrom(file, QStringLiteral("/fresh"));
    QTRY_VERIFY_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/fresh/c")).has_value(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(page.banner()->text().contains(QStringLiteral("/fresh")), 10000);
    safety->restoreAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 2, 10000);
    QVERIFY(!m_cluster.get(QStringLiteral("/fresh/c")).has_value());
    QVERIFY(!m_cluster.get(QStringLiteral("/fresh/a")).has_value());
}

void TestSafetyExport::failedSafetyExportStopsTheAction()
{
    admin::SafetyExport safety(m_cluster.connection());
    safety.setDirectory(QStringLiteral("/proc/qetcd-no-such-place"));
    QSignalSpy failed(&safety, &admin::SafetyExport::failed);
    bool ran = false;
    safety.protect(QStringLiteral("/"), QStringLiteral("deleting /"), {}, false,
                   [&] { ran = true; });
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(!ran);
    QVERIFY(!safety.restoreAction()->isEnabled());
}

void TestSafetyExport::memberRemovalIsExportedFirst()
{
    QVERIFY(m_cluster.set(QStringLiteral("/keep/me"), QStringLiteral("yes")));
    admin::ClusterPage page(m_cluster.connection());
    QSignalSpy messages(&page, &admin::ClusterPage::message);
    auto *restore = page.findChild<QPushButton *>(QStringLiteral("restoreSafetyButton"));
    QVERIFY(restore);
    QVERIFY(!restore->isEnabled());
    // No such member: the server refuses, but the keys were exported first.
    page.removeMemberById(QStringLiteral("1234abcd"));
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty() && messages.last().at(1).toString().contains(
                                                        QStringLiteral("1234abcd")),
                             10000);
    auto *safety = page.findChild<admin::SafetyExport *>();
    QVERIFY(safety->hasRestorePoint());
    QVERIFY(fileHolds(safety->lastFile(), QStringLiteral("/keep/me")));
    QVERIFY(restore->isEnabled());
    // Keys lost afterwards come back with one click.
    QVERIFY(m_cluster.remove(QStringLiteral("/keep"), true));
    QSignalSpy restored(safety, &admin::SafetyExport::restored);
    QTest::mouseClick(restore, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 10000);
    QCOMPARE(m_cluster.get(QStringLiteral("/keep/me"))->value, QStringLiteral("yes"));
}

QTEST_MAIN(TestSafetyExport)
#include "tst_safetyexport.moc"
