// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The key browser page driven like a user would (buttons, dialogs, the
// detail pane's editor) against a real member; every write is checked on
// the server with a second client, and changes made by that client must
// show up in the page by themselves.

#include "GuiTestCluster.h"
#include "ModalDialogs.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyDetailPane.h"
#include "keys/KeyFilterProxyModel.h"
#include "keys/KeyTreeModel.h"
#include "widgets/MessageBanner.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <functional>

namespace {

using modaldialogs::answerMessageBox;
using modaldialogs::onNextModal;

void clickDialogButton(QWidget *dialog, QDialogButtonBox::StandardButton which)
{
    auto *box = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(box);
    QVERIFY(box->button(which)->isEnabled());
    QTest::mouseClick(box->button(which), Qt::LeftButton);
}

} // namespace

class TestKeyBrowser : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createsKeyThroughDialog();
    void createsDirectoryAndInOrderKey();
    void savesEditedValue();
    void reportsConcurrentChangeInsteadOfOverwriting();
    void changesAndRemovesTtl();
    void deletesRecursivelyAfterConfirmation();
    void showsChangesMadeByOthers();
    void copiesKeyPath();
    void exportsAndImportsSubtree();
    void opensHiddenKeyByName();

private:
    QAction *action(const char *name) const;
    template <typename T> T *child(const char *name) const;
    bool open(const QString &key);

    GuiTestCluster m_cluster;
    std::unique_ptr<admin::KeyBrowserPage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestKeyBrowser::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
}

void TestKeyBrowser::init()
{
    m_page = std::make_unique<admin::KeyBrowserPage>(m_cluster.connection());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->resize(1000, 600);
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->isRootLoaded() && m_page->isWatching(), 10000);
}

void TestKeyBrowser::cleanup()
{
    m_tester.reset();
    m_page.reset();
}

QAction *TestKeyBrowser::action(const char *name) const
{
    return m_page->findChild<QAction *>(QLatin1String(name));
}

template <typename T> T *TestKeyBrowser::child(const char *name) const
{
    return m_page->findChild<T *>(QLatin1String(name));
}

bool TestKeyBrowser::open(const QString &key)
{
    m_page->goToKey(key);
    return QTest::qWaitFor([&] { return m_page->currentKey() == key; }, 10000);
}

void TestKeyBrowser::createsKeyThroughDialog()
{
    onNextModal([](QWidget *dialog) {
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("created/key1"));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"))
            ->setPlainText(QStringLiteral("hello"));
        dialog->findChild<QSpinBox *>(QStringLiteral("ttlSpin"))->setValue(120);
        clickDialogButton(dialog, QDialogButtonBox::Ok);
    });
    action("newKeyAction")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_page->currentKey(), QStringLiteral("/created/key1"), 10000);
    const auto node = m_cluster.get(QStringLiteral("/created/key1"));
    QVERIFY(node);
    QCOMPARE(node->value, QStringLiteral("hello"));
    QVERIFY(node->ttl > 0 && node->ttl <= 120);
    QCOMPARE(m_page->detailPane()->key(), QStringLiteral("/created/key1"));

    // Creating it again fails (create = prevExist=false) and says so.
    onNextModal([](QWidget *dialog) {
        dialog->findChild<QLineEdit *>(QStringLiteral("parentEdit"))
            ->setText(QStringLiteral("/created"));
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("key1"));
        clickDialogButton(dialog, QDialogButtonBox::Ok);
    });
    action("newKeyAction")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->banner()->isShowingMessage() &&
                                 m_page->banner()->severity() == admin::Severity::Error,
                             10000);
    QVERIFY(m_page->banner()->text().contains(QStringLiteral("/created/key1")));
    QCOMPARE(m_cluster.get(QStringLiteral("/created/key1"))->value, QStringLiteral("hello"));
}

void TestKeyBrowser::createsDirectoryAndInOrderKey()
{
    onNextModal([](QWidget *dialog) {
        dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"))
            ->setCurrentIndex(1); // directory
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("jobs"));
        clickDialogButton(dialog, QDialogButtonBox::Ok);
    });
    action("newKeyAction")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_page->currentKey(), QStringLiteral("/jobs"), 10000);
    QVERIFY(m_cluster.get(QStringLiteral("/jobs"))->dir);

    // With /jobs selected the dialog proposes it as the parent.
    onNextModal([](QWidget *dialog) {
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("parentEdit"))->text(),
                 QStringLiteral("/jobs"));
        dialog->findChild<QComboBox *>(QStringLiteral("kindCombo"))->setCurrentIndex(2); // in-order
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"))
            ->setPlainText(QStringLiteral("job-1"));
        clickDialogButton(dialog, QDialogButtonBox::Ok);
    });
    action("newKeyAction")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->currentKey().startsWith(QStringLiteral("/jobs/0")), 10000);
    const auto dir = m_cluster.get(QStringLiteral("/jobs"));
    QCOMPARE(dir->nodes.size(), 1);
    QCOMPARE(dir->nodes.first().value, QStringLiteral("job-1"));
    QCOMPARE(dir->nodes.first().key, m_page->currentKey());
}

void TestKeyBrowser::savesEditedValue()
{
    QVERIFY(m_cluster.set(QStringLiteral("/edit/k"), QStringLiteral("v1")));
    QVERIFY(open(QStringLiteral("/edit/k")));
    auto *editor = child<QPlainTextEdit>("valueEdit");
    QCOMPARE(editor->toPlainText(), QStringLiteral("v1"));
    auto *save = child<QPushButton>("saveButton");
    QVERIFY(!save->isEnabled());
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("v2"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/edit/k"))->value, QStringLiteral("v2"),
                              10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->detailPane()->baseIndex(),
                              m_cluster.get(QStringLiteral("/edit/k"))->modifiedIndex, 10000);
    QVERIFY(!save->isEnabled());
}

void TestKeyBrowser::reportsConcurrentChangeInsteadOfOverwriting()
{
    QVERIFY(m_cluster.set(QStringLiteral("/cas/k"), QStringLiteral("base")));
    QVERIFY(open(QStringLiteral("/cas/k")));
    auto *editor = child<QPlainTextEdit>("valueEdit");
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("mine"));
    // Someone else changes the key meanwhile.
    QVERIFY(m_cluster.set(QStringLiteral("/cas/k"), QStringLiteral("theirs")));
    QTest::mouseClick(child<QPushButton>("saveButton"), Qt::LeftButton);

    admin::MessageBanner *banner = m_page->detailPane()->banner();
    QTRY_VERIFY_WITH_TIMEOUT(
        banner->isShowingMessage() && banner->severity() == admin::Severity::Warning &&
            banner->findChild<QPushButton *>(QStringLiteral("overwriteAction")),
        10000);
    QVERIFY(banner->text().contains(QStringLiteral("/cas/k")));
    QCOMPARE(m_cluster.get(QStringLiteral("/cas/k"))->value, QStringLiteral("theirs"));
    QCOMPARE(editor->toPlainText(), QStringLiteral("mine")); // the edit is not lost

    // The user decides to overwrite.
    QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("overwriteAction")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/cas/k"))->value,
                              QStringLiteral("mine"), 10000);
}

void TestKeyBrowser::changesAndRemovesTtl()
{
    QVERIFY(m_cluster.set(QStringLiteral("/ttl/k"), QStringLiteral("v")));
    QVERIFY(open(QStringLiteral("/ttl/k")));
    QCOMPARE(child<QLabel>("expirationLabel")->text(), QStringLiteral("—"));
    QVERIFY(!child<QPushButton>("removeTtlButton")->isEnabled());
    child<QSpinBox>("ttlSpin")->setValue(90);
    QTest::mouseClick(child<QPushButton>("setTtlButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/ttl/k"))->ttl > 0, 10000);
    const auto node = m_cluster.get(QStringLiteral("/ttl/k"));
    QVERIFY(node->ttl <= 90);
    QCOMPARE(node->value, QStringLiteral("v"));
    // The pane counts down.
    QTRY_VERIFY_WITH_TIMEOUT(child<QPushButton>("removeTtlButton")->isEnabled(), 5000);
    QVERIFY(child<QLabel>("ttlLabel")->text().contains(QStringLiteral("min")));

    QTest::mouseClick(child<QPushButton>("removeTtlButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/ttl/k"))->expiration.isEmpty(), 10000);
    QCOMPARE(m_cluster.get(QStringLiteral("/ttl/k"))->value, QStringLiteral("v"));
}

void TestKeyBrowser::deletesRecursivelyAfterConfirmation()
{
    QVERIFY(m_cluster.set(QStringLiteral("/del/a/b"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/del/c"), QStringLiteral("2")));
    QVERIFY(open(QStringLiteral("/del")));

    answerMessageBox(QMessageBox::No);
    action("deleteAction")->trigger();
    // A marker: the page lists a key written after the refusal (its watch delivers in index
    // order); a delete sent on "No" would have been sent before it and been applied by then.
    QVERIFY(m_cluster.set(QStringLiteral("/del/marker"), QStringLiteral("m")));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexForKey(QStringLiteral("/del/marker")).isValid(),
                             10000);
    QVERIFY(m_cluster.get(QStringLiteral("/del/a/b")));

    answerMessageBox(QMessageBox::Yes);
    action("deleteAction")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_cluster.get(QStringLiteral("/del")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->model()->indexForKey(QStringLiteral("/del")).isValid(),
                             10000);

    // A single key too.
    QVERIFY(m_cluster.set(QStringLiteral("/single"), QStringLiteral("x")));
    QVERIFY(open(QStringLiteral("/single")));
    answerMessageBox(QMessageBox::Yes);
    action("deleteAction")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_cluster.get(QStringLiteral("/single")), 10000);
}

void TestKeyBrowser::showsChangesMadeByOthers()
{
    admin::KeyTreeModel *model = m_page->model();
    QVERIFY(m_cluster.set(QStringLiteral("/others-new"), QStringLiteral("n")));
    QTRY_VERIFY_WITH_TIMEOUT(model->indexForKey(QStringLiteral("/others-new")).isValid(), 10000);
    // ...and it is visible in the tree view itself.
    const QModelIndex viewIndex =
        m_page->proxy()->mapFromSource(model->indexForKey(QStringLiteral("/others-new")));
    QVERIFY(viewIndex.isValid());
    QVERIFY(m_page->treeView()->visualRect(viewIndex).isValid());

    QVERIFY(open(QStringLiteral("/others-new")));
    QVERIFY(m_cluster.set(QStringLiteral("/others-new"), QStringLiteral("changed")));
    QTRY_COMPARE_WITH_TIMEOUT(model->node(QStringLiteral("/others-new"))->value,
                              QStringLiteral("changed"), 10000);
    // The pane follows the server while the user has not edited anything.
    QTRY_COMPARE_WITH_TIMEOUT(child<QPlainTextEdit>("valueEdit")->toPlainText(),
                              QStringLiteral("changed"), 5000);

    QVERIFY(m_cluster.remove(QStringLiteral("/others-new")));
    QTRY_VERIFY_WITH_TIMEOUT(!model->indexForKey(QStringLiteral("/others-new")).isValid(), 10000);
    QVERIFY(m_page->detailPane()->banner()->isShowingMessage());
}

void TestKeyBrowser::copiesKeyPath()
{
    QVERIFY(m_cluster.set(QStringLiteral("/copy/me"), QStringLiteral("x")));
    QVERIFY(open(QStringLiteral("/copy/me")));
    action("copyPathAction")->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("/copy/me"));
}

void TestKeyBrowser::exportsAndImportsSubtree()
{
    QVERIFY(m_cluster.set(QStringLiteral("/app/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/app/sub/b"), QStringLiteral("{\"json\":true}")));
    QVERIFY(m_cluster.mkdir(QStringLiteral("/app/empty")));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("app.json"));
    m_page->exportSubtreeTo(QStringLiteral("/app"), file);
    QTRY_VERIFY_WITH_TIMEOUT(
        QFile::exists(file) && m_page->banner()->severity() == admin::Severity::Success, 10000);
    m_page->importSubtreeFrom(file, QStringLiteral("/restored"));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->banner()->text().contains(QStringLiteral("/restored")), 10000);
    QCOMPARE(m_page->banner()->severity(), admin::Severity::Success);
    QCOMPARE(m_cluster.get(QStringLiteral("/restored/a"))->value, QStringLiteral("1"));
    QCOMPARE(m_cluster.get(QStringLiteral("/restored/sub/b"))->value,
             QStringLiteral("{\"json\":true}"));
    QVERIFY(m_cluster.get(QStringLiteral("/restored/empty"))->dir);
}

void TestKeyBrowser::opensHiddenKeyByName()
{
    QVERIFY(m_cluster.set(QStringLiteral("/_cfg/secret"), QStringLiteral("s3")));
    QVERIFY(!child<QCheckBox>("showHiddenCheck")->isChecked());
    auto *gotoEdit = child<QLineEdit>("gotoEdit");
    gotoEdit->setText(QStringLiteral("/_cfg/secret"));
    QTest::keyClick(gotoEdit, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_page->currentKey(), QStringLiteral("/_cfg/secret"), 10000);
    QVERIFY(child<QCheckBox>("showHiddenCheck")->isChecked());
    QCOMPARE(child<QPlainTextEdit>("valueEdit")->toPlainText(), QStringLiteral("s3"));
    // Hiding them again takes the key out of the view, not out of the model.
    child<QCheckBox>("showHiddenCheck")->setChecked(false);
    QVERIFY(!m_page->proxy()
                 ->mapFromSource(m_page->model()->indexForKey(QStringLiteral("/_cfg/secret")))
                 .isValid());
    QVERIFY(m_page->model()->indexForKey(QStringLiteral("/_cfg/secret")).isValid());
}

QTEST_MAIN(TestKeyBrowser)
#include "tst_keybrowser.moc"
