// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Safe editing in the key browser (issue 19, items 2-4 and part of 10)
// against a real member: unsaved edits are never lost when another key is
// selected, invalid JSON is not saved without a warning, a refused save
// shows both sides and can be merged, Overwrite is itself a
// compare-and-swap, deletes say what they remove. Every write is checked
// on the server through a second client.

#include "GuiTestCluster.h"
#include "ModalDialogs.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyDetailPane.h"
#include "keys/KeyTreeModel.h"
#include "widgets/MessageBanner.h"

#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeView>

using namespace modaldialogs;

class TestKeyEditing : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void askingBeforeLeavingAnUnsavedEdit();
    void savesWithCtrlS();
    void jsonViewKeepsStoredOrder();
    void warnsBeforeSavingInvalidJson();
    void formatsAndMinifies();

private:
    template <typename T> T *child(const char *name) const
    {
        return m_page->findChild<T *>(QLatin1String(name));
    }
    bool open(const QString &key);
    QPlainTextEdit *editor() const { return child<QPlainTextEdit>("valueEdit"); }
    void type(const QString &text);

    GuiTestCluster m_cluster;
    std::unique_ptr<admin::KeyBrowserPage> m_page;
};

void TestKeyEditing::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
}

void TestKeyEditing::init()
{
    m_page = std::make_unique<admin::KeyBrowserPage>(m_cluster.connection());
    m_page->resize(1000, 600);
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->isRootLoaded() && m_page->isWatching(), 10000);
}

void TestKeyEditing::cleanup()
{
    m_page.reset();
}

bool TestKeyEditing::open(const QString &key)
{
    m_page->goToKey(key);
    return QTest::qWaitFor([&] { return m_page->currentKey() == key; }, 10000);
}

void TestKeyEditing::type(const QString &text)
{
    editor()->selectAll();
    QTest::keyClicks(editor(), text);
}

void TestKeyEditing::askingBeforeLeavingAnUnsavedEdit()
{
    QVERIFY(m_cluster.set(QStringLiteral("/drafts/a"), QStringLiteral("a1")));
    QVERIFY(m_cluster.set(QStringLiteral("/drafts/b"), QStringLiteral("b1")));
    QVERIFY(open(QStringLiteral("/drafts/b")));
    QVERIFY(open(QStringLiteral("/drafts/a")));
    type(QStringLiteral("a-edit"));
    admin::KeyDetailPane *pane = m_page->detailPane();
    QVERIFY(pane->isDirty());

    // Cancel: the selection goes back to the edited key, the edit stays.
    auto seen = std::make_shared<QString>();
    answerMessageBox(QMessageBox::Cancel, seen);
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/b")));
    QVERIFY(seen->contains(QStringLiteral("/drafts/a")));
    QCOMPARE(m_page->currentKey(), QStringLiteral("/drafts/a"));
    QCOMPARE(pane->key(), QStringLiteral("/drafts/a"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("a-edit"));

    // Keep as draft: b is shown; a's edit comes back with a.
    clickInNextModal(QStringLiteral("keepDraftButton"));
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/b")));
    QCOMPARE(pane->key(), QStringLiteral("/drafts/b"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("b1"));
    QVERIFY(pane->drafts().contains(QStringLiteral("/drafts/a")));
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/a"))); // b is clean: no question
    QCOMPARE(editor()->toPlainText(), QStringLiteral("a-edit"));
    QVERIFY(pane->isDirty());
    QCOMPARE(m_cluster.get(QStringLiteral("/drafts/a"))->value, QStringLiteral("a1"));

    // Drafts are per key: both a and b hold one.
    clickInNextModal(QStringLiteral("keepDraftButton"));
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/b")));
    type(QStringLiteral("b-edit"));
    clickInNextModal(QStringLiteral("keepDraftButton"));
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/a")));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("a-edit"));
    QVERIFY(pane->drafts().contains(QStringLiteral("/drafts/b")));

    // Discard: a shows the server's value next time.
    answerMessageBox(QMessageBox::Discard);
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/b")));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("b-edit"));
    QVERIFY(!pane->drafts().contains(QStringLiteral("/drafts/a")));

    // Save: written with compare-and-swap while a is shown.
    answerMessageBox(QMessageBox::Save);
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/a")));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("a1"));
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/drafts/b"))->value,
                              QStringLiteral("b-edit"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->drafts().contains(QStringLiteral("/drafts/b")), 10000);

    // A refused save on the way out keeps the edit as a draft.
    QVERIFY(m_cluster.set(QStringLiteral("/drafts/a"), QStringLiteral("a2")));
    QTRY_COMPARE_WITH_TIMEOUT(editor()->toPlainText(), QStringLiteral("a2"), 10000);
    type(QStringLiteral("a-late"));
    QVERIFY(m_cluster.set(QStringLiteral("/drafts/a"), QStringLiteral("a3-theirs")));
    answerMessageBox(QMessageBox::Save);
    // Selected before the watch reports a3 (then the edit's base is a2).
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/b")));
    QTRY_VERIFY_WITH_TIMEOUT(pane->banner()->isShowingMessage() &&
                                 pane->banner()->severity() == admin::Severity::Warning,
                             10000);
    QCOMPARE(m_cluster.get(QStringLiteral("/drafts/a"))->value, QStringLiteral("a3-theirs"));
    QVERIFY(pane->drafts().contains(QStringLiteral("/drafts/a")));
    QVERIFY(m_page->selectKey(QStringLiteral("/drafts/a")));
    QCOMPARE(editor()->toPlainText(), QStringLiteral("a-late"));
    QVERIFY(pane->banner()->text().contains(QStringLiteral("changed on the server")));
}

void TestKeyEditing::savesWithCtrlS()
{
    QVERIFY(m_cluster.set(QStringLiteral("/ctrl-s"), QStringLiteral("before")));
    QVERIFY(open(QStringLiteral("/ctrl-s")));
    type(QStringLiteral("after"));
    QTest::keyClick(editor(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/ctrl-s"))->value,
                              QStringLiteral("after"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->detailPane()->isDirty(), 10000);
}

void TestKeyEditing::jsonViewKeepsStoredOrder()
{
    QVERIFY(m_cluster.set(QStringLiteral("/json/order"),
                          QStringLiteral(R"({"zeta":1.50,"alpha":[true,null],"mid":"x"})")));
    QVERIFY(open(QStringLiteral("/json/order")));
    QCOMPARE(child<QPlainTextEdit>("jsonView")->toPlainText(),
             QStringLiteral("{\n    \"zeta\": 1.50,\n    \"alpha\": [\n        true,\n        "
                            "null\n    ],\n    \"mid\": \"x\"\n}"));
    QCOMPARE(child<QLabel>("jsonStatus")->text(), QStringLiteral("Valid JSON"));
    // Highlighted: the member name has a format of its own.
    const QTextLayout *layout = editor()->document()->firstBlock().layout();
    QVERIFY(!layout->formats().isEmpty());
}

void TestKeyEditing::warnsBeforeSavingInvalidJson()
{
    const QString valid = QStringLiteral(R"({"replicas":3,"name":"web"})");
    QVERIFY(m_cluster.set(QStringLiteral("/json/cfg"), valid));
    QVERIFY(open(QStringLiteral("/json/cfg")));
    type(QStringLiteral(R"({"replicas":3,"name":})"));
    QVERIFY(child<QLabel>("jsonStatus")->text().contains(QStringLiteral("column 22")));
    QVERIFY(!child<QPushButton>("formatButton")->isEnabled());

    // Save: a warning; Cancel keeps the server's value and the edit.
    auto seen = std::make_shared<QString>();
    answerMessageBox(QMessageBox::Cancel, seen);
    QTest::mouseClick(child<QPushButton>("saveButton"), Qt::LeftButton);
    QVERIFY(seen->contains(QStringLiteral("was valid JSON")));
    QVERIFY(seen->contains(QStringLiteral("line 1, column 22")));
    QCOMPARE(editor()->textCursor().position(), 21); // at the error
    // A marker write: a save sent on Cancel would have reached the server first.
    QVERIFY(m_cluster.set(QStringLiteral("/json/marker"), QStringLiteral("m")));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexForKey(QStringLiteral("/json/marker")).isValid(),
                             10000);
    QCOMPARE(m_cluster.get(QStringLiteral("/json/cfg"))->value, valid);
    QVERIFY(m_page->detailPane()->isDirty());

    // Ctrl+S asks too; "Save anyway" writes it.
    m_page->activateWindow(); // shortcuts need the active window
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    clickInNextModal(QStringLiteral("saveInvalidJsonButton"));
    QTest::keyClick(editor(), Qt::Key_S, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/json/cfg"))->value,
                              QStringLiteral(R"({"replicas":3,"name":})"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->detailPane()->isDirty(), 10000);

    // Through Overwrite as well: a refused save, then Overwrite asks again.
    QVERIFY(m_cluster.set(QStringLiteral("/json/cfg2"), valid));
    QVERIFY(open(QStringLiteral("/json/cfg2")));
    type(QStringLiteral(R"({"replicas":4,)"));
    QVERIFY(m_cluster.set(QStringLiteral("/json/cfg2"), QStringLiteral(R"({"replicas":5})")));
    clickInNextModal(QStringLiteral("saveInvalidJsonButton"));
    QTest::mouseClick(child<QPushButton>("saveButton"), Qt::LeftButton);
    admin::MessageBanner *banner = m_page->detailPane()->banner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isShowingMessage() && banner->findChild<QPushButton *>(
                                                               QStringLiteral("overwriteAction")),
                             10000);
    answerMessageBox(QMessageBox::Cancel);
    QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("overwriteAction")),
                      Qt::LeftButton);
    QVERIFY(m_cluster.set(QStringLiteral("/json/marker"), QStringLiteral("m2")));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->node(QStringLiteral("/json/marker"))->value,
                              QStringLiteral("m2"), 10000);
    QCOMPARE(m_cluster.get(QStringLiteral("/json/cfg2"))->value,
             QStringLiteral(R"({"replicas":5})"));
    QCOMPARE(editor()->toPlainText(), QStringLiteral(R"({"replicas":4,)"));

    // A plain value is no JSON and saves without a word.
    QVERIFY(m_cluster.set(QStringLiteral("/json/plain"), QStringLiteral("hello")));
    answerMessageBox(QMessageBox::Discard); // cfg2's edit
    QVERIFY(open(QStringLiteral("/json/plain")));
    type(QStringLiteral("hello: world"));
    QVERIFY(child<QLabel>("jsonStatus")->text().isEmpty());
    QTest::mouseClick(child<QPushButton>("saveButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/json/plain"))->value,
                              QStringLiteral("hello: world"), 10000);
}

void TestKeyEditing::formatsAndMinifies()
{
    QVERIFY(m_cluster.set(QStringLiteral("/json/fmt"), QStringLiteral(R"({"b":[1,2],"a":{}})")));
    QVERIFY(open(QStringLiteral("/json/fmt")));
    QTest::mouseClick(child<QPushButton>("formatButton"), Qt::LeftButton);
    QCOMPARE(editor()->toPlainText(),
             QStringLiteral("{\n    \"b\": [\n        1,\n        2\n    ],\n    \"a\": {}\n}"));
    QVERIFY(m_page->detailPane()->isDirty());
    QTest::mouseClick(child<QPushButton>("minifyButton"), Qt::LeftButton);
    QCOMPARE(editor()->toPlainText(), QStringLiteral(R"({"b":[1,2],"a":{}})"));
    QVERIFY(!m_page->detailPane()->isDirty());
    // Undo brings the formatted text back.
    editor()->undo();
    QVERIFY(editor()->toPlainText().startsWith(QStringLiteral("{\n")));
}

QTEST_MAIN(TestKeyEditing)
#include "tst_keyediting.moc"
