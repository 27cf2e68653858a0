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
#include "editor/ConflictDialog.h"
#include "editor/JsonText.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyDetailPane.h"
#include "keys/KeyFilterProxyModel.h"
#include "keys/KeyTreeModel.h"
#include "widgets/MessageBanner.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeView>

using namespace modaldialogs;

static bool JsonCheck(const QString &text)
{
    return admin::editor::JsonText::check(text).valid;
}

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
    void conflictDialogMergesBothSides();
    void conflictDialogMarksClashes();
    void overwriteIsCompareAndSwap();
    void deleteSaysWhatGoesAndComparesFirst();
    void contextMenuAndShortcuts();
    void revealsNewlyCreatedKey();

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

// Edits /conflict key to `mine`, lets the other client write `theirs`,
// saves, and waits for the refusal's banner.
static void makeConflict(GuiTestCluster &cluster, admin::KeyBrowserPage *page, const QString &key,
                         const QString &mine, const QString &theirs)
{
    auto *editor = page->findChild<QPlainTextEdit *>(QStringLiteral("valueEdit"));
    editor->setPlainText(mine);
    QVERIFY(cluster.set(key, theirs));
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("saveButton")), Qt::LeftButton);
    admin::MessageBanner *banner = page->detailPane()->banner();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isShowingMessage() &&
                                 banner->findChild<QPushButton *>(QStringLiteral("mergeAction")),
                             10000);
}

void TestKeyEditing::conflictDialogMergesBothSides()
{
    const QString key = QStringLiteral("/merge/cfg");
    QVERIFY(m_cluster.set(key, QStringLiteral(R"({"replicas":3,"image":"web:1","debug":false})")));
    QVERIFY(open(key));
    makeConflict(m_cluster, m_page.get(), key,
                 QStringLiteral(R"({"replicas":4,"image":"web:1","debug":false})"),
                 QStringLiteral(R"({"replicas":3,"image":"web:2","debug":false})"));
    if (QTest::currentTestFailed())
        return;
    // (a plain set, as the other client made, gives the key a new createdIndex; a
    // compare-and-swap keeps it)
    const quint64 created = m_cluster.get(key)->createdIndex;
    QCOMPARE(m_cluster.get(key)->value,
             QStringLiteral(R"({"replicas":3,"image":"web:2","debug":false})"));

    auto checked = std::make_shared<bool>(false);
    onNextModal([checked](QWidget *w) {
        auto *dialog = qobject_cast<admin::editor::ConflictDialog *>(w);
        // A failed check returns early: the dialog must not stay open.
        const auto closer = qScopeGuard([w] {
            if (auto *d = qobject_cast<QDialog *>(w); d && d->isVisible())
                d->reject();
        });
        QVERIFY(dialog);
        QVERIFY(dialog->comparedAsJson());
        QVERIFY(dialog->mineView()->toPlainText().contains(QStringLiteral("\"replicas\": 4")));
        QVERIFY(dialog->baseView()->toPlainText().contains(QStringLiteral("web:1")));
        QVERIFY(dialog->theirsView()->toPlainText().contains(QStringLiteral("web:2")));
        // One changed line marked on each side, two in the base.
        QCOMPARE(dialog->mineView()->extraSelections().size(), 1);
        QCOMPARE(dialog->theirsView()->extraSelections().size(), 1);
        QCOMPARE(dialog->baseView()->extraSelections().size(), 2);
        QCOMPARE(dialog->conflictCount(), 0);
        const QString merged = dialog->mergedText();
        QVERIFY(merged.contains(QStringLiteral("\"replicas\": 4")));
        QVERIFY(merged.contains(QStringLiteral("web:2")));
        *checked = true;
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("saveMergedButton")),
                          Qt::LeftButton);
    });
    m_page->detailPane()->findChild<QAction *>(QStringLiteral("mergeAction"))->trigger();
    QVERIFY(*checked);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_cluster.get(key)->value.contains(QStringLiteral("web:2")) &&
            m_cluster.get(key)->value.contains(QStringLiteral("\"replicas\": 4")),
        10000);
    QCOMPARE(m_cluster.get(key)->createdIndex, created);
    QVERIFY(JsonCheck(m_cluster.get(key)->value));
}

void TestKeyEditing::conflictDialogMarksClashes()
{
    const QString key = QStringLiteral("/merge/clash");
    QVERIFY(m_cluster.set(key, QStringLiteral("host=a\nport=1\nmode=x")));
    QVERIFY(open(key));
    makeConflict(m_cluster, m_page.get(), key, QStringLiteral("host=a\nport=2\nmode=x"),
                 QStringLiteral("host=a\nport=3\nmode=x"));
    if (QTest::currentTestFailed())
        return;
    auto checked = std::make_shared<bool>(false);
    onNextModal([checked](QWidget *w) {
        auto *dialog = qobject_cast<admin::editor::ConflictDialog *>(w);
        // A failed check returns early: the dialog must not stay open.
        const auto closer = qScopeGuard([w] {
            if (auto *d = qobject_cast<QDialog *>(w); d && d->isVisible())
                d->reject();
        });
        QVERIFY(dialog);
        QCOMPARE(dialog->conflictCount(), 1);
        auto *save = dialog->findChild<QPushButton *>(QStringLiteral("saveMergedButton"));
        QVERIFY(!save->isEnabled()); // markers left
        QVERIFY(dialog->mergedText().contains(QStringLiteral("<<<<<<< mine")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("useTheirsButton")),
                          Qt::LeftButton);
        QVERIFY(save->isEnabled());
        dialog->mergedEdit()->setPlainText(QStringLiteral("host=a\nport=23\nmode=x"));
        *checked = true;
        QTest::mouseClick(save, Qt::LeftButton);
    });
    m_page->detailPane()->findChild<QAction *>(QStringLiteral("mergeAction"))->trigger();
    QVERIFY(*checked);
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(key)->value, QStringLiteral("host=a\nport=23\nmode=x"),
                              10000);
}

void TestKeyEditing::overwriteIsCompareAndSwap()
{
    const QString key = QStringLiteral("/ow/k");
    QVERIFY(m_cluster.set(key, QStringLiteral("base")));
    QVERIFY(open(key));
    makeConflict(m_cluster, m_page.get(), key, QStringLiteral("mine"), QStringLiteral("theirs"));
    if (QTest::currentTestFailed())
        return;
    const quint64 created = m_cluster.get(key)->createdIndex;
    const quint64 theirsIndex = m_cluster.get(key)->modifiedIndex;
    // Other writes move the cluster's index (X-Etcd-Index) past the key's.
    QVERIFY(m_cluster.set(QStringLiteral("/ow/other1"), QStringLiteral("x")));
    QVERIFY(m_cluster.set(QStringLiteral("/ow/other2"), QStringLiteral("x")));
    admin::MessageBanner *banner = m_page->detailPane()->banner();
    QTRY_VERIFY_WITH_TIMEOUT(
        banner->text().contains(QStringLiteral("modifiedIndex %1").arg(theirsIndex)), 10000);

    // Overwrite after having seen theirs: written, createdIndex kept.
    m_page->detailPane()->findChild<QAction *>(QStringLiteral("overwriteAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_cluster.get(key)->value, QStringLiteral("mine"), 10000);
    QCOMPARE(m_cluster.get(key)->createdIndex, created);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->detailPane()->isDirty(), 10000);

    // A key deleted meanwhile is not brought back by Overwrite.
    makeConflict(m_cluster, m_page.get(), key, QStringLiteral("mine again"),
                 QStringLiteral("theirs again"));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_cluster.remove(key));
    m_page->detailPane()->findChild<QAction *>(QStringLiteral("overwriteAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QStringLiteral("not recreated")), 10000);
    QVERIFY(!m_cluster.get(key));
    // Even when the pane had not heard of the deletion: a fresh pane state.
    QVERIFY(m_cluster.set(key, QStringLiteral("v1")));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexForKey(key).isValid(), 10000);
    // (the pane knows its key was deleted: leaving it does not ask)
    QVERIFY(open(QStringLiteral("/ow/other1")));
    QVERIFY(open(key));
    type(QStringLiteral("late"));
    QVERIFY(m_cluster.remove(key));
    m_page->detailPane()->overwrite();
    QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QStringLiteral("not recreated")), 10000);
    QVERIFY(!m_cluster.get(key));
}

void TestKeyEditing::deleteSaysWhatGoesAndComparesFirst()
{
    QVERIFY(m_cluster.set(QStringLiteral("/count/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/count/b/c"), QStringLiteral("2")));
    QVERIFY(m_cluster.set(QStringLiteral("/count/b/d"), QStringLiteral("3")));
    QVERIFY(open(QStringLiteral("/count")));
    auto seen = std::make_shared<QString>();
    answerMessageBox(QMessageBox::No, seen);
    m_page->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!seen->isEmpty(), 10000);
    QVERIFY2(seen->contains(QStringLiteral("3 keys")), qPrintable(*seen));
    QVERIFY2(seen->contains(QStringLiteral("in 1 subdirectory")), qPrintable(*seen));
    QVERIFY(m_cluster.get(QStringLiteral("/count/a")));

    // A key changed while the question was open is not deleted.
    QVERIFY(open(QStringLiteral("/count/a")));
    auto asked = std::make_shared<bool>(false);
    onNextModal([this, asked](QWidget *w) {
        auto *box = qobject_cast<QMessageBox *>(w);
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("/count/a")));
        *asked = true;
        QVERIFY(m_cluster.set(QStringLiteral("/count/a"), QStringLiteral("changed")));
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
    });
    m_page->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(*asked, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->banner()->text().contains(QStringLiteral("not deleted")),
                             10000);
    QCOMPARE(m_cluster.get(QStringLiteral("/count/a"))->value, QStringLiteral("changed"));

    // Unchanged: deleted.
    QTRY_COMPARE_WITH_TIMEOUT(m_page->model()->node(QStringLiteral("/count/a"))->value,
                              QStringLiteral("changed"), 10000);
    answerMessageBox(QMessageBox::Yes);
    m_page->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_cluster.get(QStringLiteral("/count/a")), 10000);
}

void TestKeyEditing::contextMenuAndShortcuts()
{
    QVERIFY(m_cluster.set(QStringLiteral("/menu/one"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/menu/two"), QStringLiteral("2")));
    QVERIFY(open(QStringLiteral("/menu/one")));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexForKey(QStringLiteral("/menu/two")).isValid(),
                             10000);
    QTreeView *tree = m_page->treeView();
    const QModelIndex two =
        m_page->proxy()->mapFromSource(m_page->model()->indexForKey(QStringLiteral("/menu/two")));
    QVERIFY(two.isValid());
    emit tree->customContextMenuRequested(tree->visualRect(two).center());
    QCOMPARE(m_page->currentKey(), QStringLiteral("/menu/two")); // the row clicked
    QMenu *menu = tree->findChild<QMenu *>(QStringLiteral("keyContextMenu"));
    QVERIFY(menu);
    QStringList names;
    for (QAction *a : menu->actions())
        names << a->objectName();
    for (const char *name : {"newKeyAction", "deleteAction", "copyPathAction", "exportAction"})
        QVERIFY2(names.contains(QLatin1String(name)), name);
    menu->close();

    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), child<QLineEdit>("filterEdit"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), child<QLineEdit>("gotoEdit"));
}

void TestKeyEditing::revealsNewlyCreatedKey()
{
    // /reveal/deep was never opened in the tree, and the filter hides it.
    QVERIFY(m_cluster.set(QStringLiteral("/reveal/deep/old"), QStringLiteral("o")));
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->indexForKey(QStringLiteral("/reveal")).isValid(),
                             10000);
    child<QLineEdit>("filterEdit")->setText(QStringLiteral("zzz"));
    onNextModal([](QWidget *dialog) {
        dialog->findChild<QLineEdit *>(QStringLiteral("parentEdit"))
            ->setText(QStringLiteral("/reveal/deep"));
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("new"));
        auto *box = dialog->findChild<QDialogButtonBox *>();
        QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    m_page->findChild<QAction *>(QStringLiteral("newKeyAction"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_page->currentKey(), QStringLiteral("/reveal/deep/new"), 10000);
    const QModelIndex shown = m_page->treeView()->currentIndex();
    QVERIFY(m_page->treeView()->visualRect(shown).isValid());
    QCOMPARE(m_page->detailPane()->key(), QStringLiteral("/reveal/deep/new"));
}

QTEST_MAIN(TestKeyEditing)
#include "tst_keyediting.moc"
