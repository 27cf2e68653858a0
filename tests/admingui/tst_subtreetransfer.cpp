// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Export and import as a backup (issue 19, item 6) against a real member:
// hidden keys the tree knows go into the export and come back; an export
// that could not include hidden keys says so; an import shows a dry run
// and then writes exactly that, each write guarded by compare-and-swap, so
// keys changed after the preview are refused and reported.

#include "GuiTestCluster.h"
#include "ModalDialogs.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyTreeModel.h"
#include "keys/SubtreeJson.h"
#include "keys/SubtreeTransfer.h"
#include "transfer/ImportPlan.h"
#include "transfer/ImportPreviewDialog.h"
#include "widgets/MessageBanner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

namespace {

client::Node key(const QString &k, const QString &v)
{
    client::Node n;
    n.key = k;
    n.value = v;
    return n;
}

client::Node dir(const QString &k, const QList<client::Node> &children = {})
{
    client::Node n;
    n.key = k;
    n.dir = true;
    n.nodes = children;
    n.nodesPresent = true;
    return n;
}

bool writeFile(const QString &fileName, const client::Node &root)
{
    QFile f(fileName);
    return f.open(QIODevice::WriteOnly) && f.write(admin::SubtreeJson::toDocument(root)) > 0;
}

} // namespace

class TestSubtreeTransfer : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void planClassifiesEntries();
    void exportRoundTripsHiddenKeys();
    void exportSaysHiddenKeysAreNotIncluded();
    void importWritesWhatTheDryRunShowed();
    void importRefusesKeysChangedSincePreview();
    void previewDialogShowsTheDryRun();
    void importFromTheToolbarAsksFirst();

private:
    admin::ImportPlan previewOf(admin::SubtreeTransfer &t, const QString &file,
                                const QString &target);

    GuiTestCluster m_cluster;
    QTemporaryDir m_dir;
};

void TestSubtreeTransfer::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
}

admin::ImportPlan TestSubtreeTransfer::previewOf(admin::SubtreeTransfer &t, const QString &file,
                                                 const QString &target)
{
    admin::ImportPlan plan;
    bool ready = false;
    auto c =
        connect(&t, &admin::SubtreeTransfer::previewReady, this, [&](const admin::ImportPlan &p) {
            plan = p;
            ready = true;
        });
    t.preview(file, target);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(ready, 10000); }();
    disconnect(c);
    return plan;
}

void TestSubtreeTransfer::planClassifiesEntries()
{
    const client::Node file = dir(
        QStringLiteral("/src"),
        {key(QStringLiteral("/src/a"), QStringLiteral("1")),
         key(QStringLiteral("/src/b"), QStringLiteral("3")),
         key(QStringLiteral("/src/x"), QStringLiteral("k")),
         dir(QStringLiteral("/src/_h"), {key(QStringLiteral("/src/_h/s"), QStringLiteral("h"))})});
    client::Node current = dir(
        QStringLiteral("/t"),
        {key(QStringLiteral("/t/a"), QStringLiteral("1")),
         key(QStringLiteral("/t/b"), QStringLiteral("2")), dir(QStringLiteral("/t/x")),
         dir(QStringLiteral("/t/old"), {key(QStringLiteral("/t/old/k"), QStringLiteral("o"))})});
    current.nodes[1].modifiedIndex = 42;
    QCOMPARE(admin::ImportPlan::hiddenRoots(file, QStringLiteral("/t")),
             QStringList{QStringLiteral("/t/_h")});
    const admin::ImportPlan plan = admin::ImportPlan::build(file, QStringLiteral("/t"), &current);
    QHash<QString, admin::ImportPlan::Action> actions;
    for (const auto &e : plan.entries)
        actions.insert(e.key, e.action);
    using A = admin::ImportPlan::Action;
    QCOMPARE(actions.value(QStringLiteral("/t/a")), A::Unchanged);
    QCOMPARE(actions.value(QStringLiteral("/t/b")), A::Change);
    QCOMPARE(actions.value(QStringLiteral("/t/x")), A::Conflict);
    QCOMPARE(actions.value(QStringLiteral("/t/_h/s")), A::Add);
    QCOMPARE(actions.value(QStringLiteral("/t/old/k")), A::Extra);
    QCOMPARE(actions.value(QStringLiteral("/t/old")), A::Extra);
    QCOMPARE(plan.entries.size(), 6);
    // The directory's key goes before the directory.
    QCOMPARE(plan.entries.at(4).key, QStringLiteral("/t/old/k"));
    for (const auto &e : plan.entries) {
        if (e.key == QLatin1String("/t/b"))
            QCOMPARE(e.prevIndex, quint64(42));
    }
    QCOMPARE(plan.summary(), QStringLiteral("1 added, 1 changed, 2 not in the file (kept), "
                                            "1 unchanged, 1 conflicts (skipped)"));
}

void TestSubtreeTransfer::exportRoundTripsHiddenKeys()
{
    QVERIFY(m_cluster.set(QStringLiteral("/exp/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/exp/_h1"), QStringLiteral("x")));
    QVERIFY(m_cluster.set(QStringLiteral("/exp/_hd/k"), QStringLiteral("y")));
    QVERIFY(m_cluster.set(QStringLiteral("/exp/sub/_h3"), QStringLiteral("z")));
    admin::KeyBrowserPage page(m_cluster.connection());
    page.banner()->setAutoHide(false);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isRootLoaded(), 10000);
    // The tree meets the hidden keys (opened by name).
    for (const char *k : {"/exp/_h1", "/exp/_hd/k", "/exp/sub/_h3"}) {
        page.goToKey(QLatin1String(k));
        QTRY_COMPARE_WITH_TIMEOUT(page.currentKey(), QLatin1String(k), 10000);
    }
    const QString file = m_dir.filePath(QStringLiteral("exp.json"));
    page.exportSubtreeTo(QStringLiteral("/exp"), file);
    QTRY_VERIFY_WITH_TIMEOUT(page.banner()->text().contains(QStringLiteral("Exported")), 10000);
    const QString text = page.banner()->text();
    QVERIFY2(text.contains(QStringLiteral("4 keys")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("/exp/_h1")) &&
                 text.contains(QStringLiteral("/exp/_hd")) &&
                 text.contains(QStringLiteral("/exp/sub/_h3")),
             qPrintable(text));

    page.importSubtreeFrom(file, QStringLiteral("/exp2"));
    QTRY_VERIFY_WITH_TIMEOUT(page.banner()->text().contains(QStringLiteral("/exp2")), 10000);
    QCOMPARE(page.banner()->severity(), admin::Severity::Success);
    QCOMPARE(m_cluster.get(QStringLiteral("/exp2/a"))->value, QStringLiteral("1"));
    QCOMPARE(m_cluster.get(QStringLiteral("/exp2/_h1"))->value, QStringLiteral("x"));
    QCOMPARE(m_cluster.get(QStringLiteral("/exp2/_hd/k"))->value, QStringLiteral("y"));
    QCOMPARE(m_cluster.get(QStringLiteral("/exp2/sub/_h3"))->value, QStringLiteral("z"));
}

void TestSubtreeTransfer::exportSaysHiddenKeysAreNotIncluded()
{
    QVERIFY(m_cluster.set(QStringLiteral("/exq/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/exq/_secret"), QStringLiteral("x")));
    admin::SubtreeTransfer t(m_cluster.connection());
    QSignalSpy finished(&t, &admin::SubtreeTransfer::finished);
    t.exportTo(QStringLiteral("/exq"), m_dir.filePath(QStringLiteral("exq.json")),
               {QStringLiteral("/exq/_missing")});
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    const QString text = finished.first().at(1).toString();
    QVERIFY2(text.contains(QStringLiteral("1 keys")) || text.contains(QStringLiteral("1 key")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("not found: /exq/_missing")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("none are in the file")), qPrintable(text));
}

void TestSubtreeTransfer::importWritesWhatTheDryRunShowed()
{
    QVERIFY(m_cluster.set(QStringLiteral("/imp/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/imp/b"), QStringLiteral("2")));
    QVERIFY(m_cluster.set(QStringLiteral("/imp/c"), QStringLiteral("old")));
    QVERIFY(m_cluster.set(QStringLiteral("/imp/d/e"), QStringLiteral("5")));
    const QString file = m_dir.filePath(QStringLiteral("imp.json"));
    QVERIFY(writeFile(
        file, dir(QStringLiteral("/src"), {key(QStringLiteral("/src/a"), QStringLiteral("1")),
                                           key(QStringLiteral("/src/b"), QStringLiteral("3")),
                                           key(QStringLiteral("/src/n"), QStringLiteral("new")),
                                           key(QStringLiteral("/src/_h"), QStringLiteral("hid")),
                                           dir(QStringLiteral("/src/emptydir"))})));
    const quint64 aIndex = m_cluster.get(QStringLiteral("/imp/a"))->modifiedIndex;

    admin::SubtreeTransfer t(m_cluster.connection());
    admin::ImportPlan plan = previewOf(t, file, QStringLiteral("/imp"));
    using A = admin::ImportPlan::Action;
    QCOMPARE(plan.count(A::Add), 3);       // n, _h, emptydir
    QCOMPARE(plan.count(A::Change), 1);    // b
    QCOMPARE(plan.count(A::Unchanged), 1); // a
    QCOMPARE(plan.count(A::Extra), 3);     // c, d/e, d
    plan.deleteExtras = true;

    QSignalSpy finished(&t, &admin::SubtreeTransfer::finished);
    t.apply(plan);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(t.lastOutcome().written.size(), 3 + 1 + 3);
    // The server now holds exactly what the plan said.
    for (const auto &e : plan.entries) {
        const auto node = m_cluster.get(e.key);
        switch (e.action) {
        case A::Add:
        case A::Change:
            QVERIFY2(node.has_value(), qPrintable(e.key));
            QCOMPARE(node->dir, e.dir);
            if (!e.dir)
                QCOMPARE(node->value, e.value);
            break;
        case A::Extra:
            QVERIFY2(!node.has_value(), qPrintable(e.key));
            break;
        case A::Unchanged:
            QCOMPARE(node->modifiedIndex, aIndex);
            break;
        case A::Conflict:
            QFAIL("no conflicts here");
        }
    }
}

void TestSubtreeTransfer::importRefusesKeysChangedSincePreview()
{
    QVERIFY(m_cluster.set(QStringLiteral("/cas/b"), QStringLiteral("2")));
    QVERIFY(m_cluster.set(QStringLiteral("/cas/c"), QStringLiteral("old")));
    const QString file = m_dir.filePath(QStringLiteral("cas.json"));
    QVERIFY(writeFile(file, dir(QStringLiteral("/src"),
                                {key(QStringLiteral("/src/b"), QStringLiteral("3")),
                                 key(QStringLiteral("/src/n"), QStringLiteral("new")),
                                 key(QStringLiteral("/src/m"), QStringLiteral("fine"))})));
    admin::SubtreeTransfer t(m_cluster.connection());
    admin::ImportPlan plan = previewOf(t, file, QStringLiteral("/cas"));
    plan.deleteExtras = true;
    // Another administrator changes b, creates n and changes c meanwhile.
    QVERIFY(m_cluster.set(QStringLiteral("/cas/b"), QStringLiteral("theirs")));
    QVERIFY(m_cluster.set(QStringLiteral("/cas/n"), QStringLiteral("theirs too")));
    QVERIFY(m_cluster.set(QStringLiteral("/cas/c"), QStringLiteral("still used")));
    QSignalSpy finished(&t, &admin::SubtreeTransfer::finished);
    t.apply(plan);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(!finished.first().at(0).toBool());
    const QString text = finished.first().at(1).toString();
    QVERIFY2(text.contains(QStringLiteral("3 not written because they changed")), qPrintable(text));
    QStringList refused = t.lastOutcome().refused;
    refused.sort();
    QCOMPARE(refused, (QStringList{QStringLiteral("/cas/b"), QStringLiteral("/cas/c"),
                                   QStringLiteral("/cas/n")}));
    QCOMPARE(t.lastOutcome().written, QStringList{QStringLiteral("/cas/m")});
    QCOMPARE(m_cluster.get(QStringLiteral("/cas/b"))->value, QStringLiteral("theirs"));
    QCOMPARE(m_cluster.get(QStringLiteral("/cas/n"))->value, QStringLiteral("theirs too"));
    QCOMPARE(m_cluster.get(QStringLiteral("/cas/c"))->value, QStringLiteral("still used"));
    QCOMPARE(m_cluster.get(QStringLiteral("/cas/m"))->value, QStringLiteral("fine"));
}

void TestSubtreeTransfer::previewDialogShowsTheDryRun()
{
    admin::ImportPlan plan;
    plan.target = QStringLiteral("/t");
    admin::ImportPlan::Entry add;
    add.key = QStringLiteral("/t/n");
    add.value = QStringLiteral("v");
    admin::ImportPlan::Entry extra;
    extra.key = QStringLiteral("/t/old");
    extra.action = admin::ImportPlan::Action::Extra;
    plan.entries = {add, extra};
    admin::ImportPreviewDialog dialog(plan);
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("1 added")),
             qPrintable(dialog.summaryText()));
    QVERIFY(dialog.summaryText().contains(QStringLiteral("1 not in the file (kept)")));
    auto *entries = dialog.findChild<QTreeWidget *>(QStringLiteral("importEntries"));
    QCOMPARE(entries->topLevelItemCount(), 2);
    QCOMPARE(entries->topLevelItem(1)->text(1), QStringLiteral("keep (not in the file)"));
    dialog.findChild<QCheckBox *>(QStringLiteral("deleteExtrasCheck"))->setChecked(true);
    QVERIFY(dialog.plan().deleteExtras);
    QVERIFY(dialog.summaryText().contains(QStringLiteral("1 deleted")));
    QCOMPARE(entries->topLevelItem(1)->text(1), QStringLiteral("delete"));
}

void TestSubtreeTransfer::importFromTheToolbarAsksFirst()
{
    QVERIFY(m_cluster.set(QStringLiteral("/ui/a"), QStringLiteral("1")));
    const QString file = m_dir.filePath(QStringLiteral("ui.json"));
    QVERIFY(writeFile(
        file, dir(QStringLiteral("/src"), {key(QStringLiteral("/src/a"), QStringLiteral("2")),
                                           key(QStringLiteral("/src/b"), QStringLiteral("new"))})));
    admin::KeyBrowserPage page(m_cluster.connection());
    page.banner()->setAutoHide(false);
    page.resize(1000, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isRootLoaded(), 10000);
    QVERIFY(page.selectKey(QStringLiteral("/ui")));

    // The file dialog, then the dry run: what it says, and that nothing
    // was written while it is open. `accept` answers the dry run.
    auto answer = [&](bool accept, QString *seen) {
        modaldialogs::onNextModal([=, this](QWidget *w) {
            auto *files = qobject_cast<QFileDialog *>(w);
            QVERIFY(files);
            files->selectFile(file);
            // Typed in, as a user would: selectFile() alone is not always
            // taken up by the dialog's asynchronous file model.
            if (auto *edit = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit")))
                edit->setText(file);
            QCOMPARE(files->selectedFiles(), QStringList{file});
            // The file dialog may still be the modal widget for a moment.
            auto *timer = new QTimer;
            QObject::connect(timer, &QTimer::timeout, [=, this] {
                auto *preview =
                    qobject_cast<admin::ImportPreviewDialog *>(QApplication::activeModalWidget());
                if (!preview)
                    return;
                timer->stop();
                timer->deleteLater();
                *seen = preview->summaryText();
                QCOMPARE(m_cluster.get(QStringLiteral("/ui/a"))->value, QStringLiteral("1"));
                auto *box = preview->findChild<QDialogButtonBox *>();
                QTest::mouseClick(
                    box->button(accept ? QDialogButtonBox::Ok : QDialogButtonBox::Cancel),
                    Qt::LeftButton);
            });
            timer->start(20);
            static_cast<QDialog *>(files)->done(QDialog::Accepted);
        });
    };
    QString seen;
    answer(false, &seen);
    page.findChild<QAction *>(QStringLiteral("importAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty(), 10000);
    QVERIFY2(seen.startsWith(QStringLiteral("1 added, 1 changed")), qPrintable(seen));
    QTest::qWait(200);
    QVERIFY(!m_cluster.get(QStringLiteral("/ui/b")).has_value()); // cancelled: nothing written

    seen.clear();
    answer(true, &seen);
    page.findChild<QAction *>(QStringLiteral("importAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_cluster.get(QStringLiteral("/ui/b")).has_value(), 10000);
    QCOMPARE(m_cluster.get(QStringLiteral("/ui/a"))->value, QStringLiteral("2"));
    QTRY_VERIFY_WITH_TIMEOUT(page.banner()->text().contains(QStringLiteral("safety export")),
                             10000);
}

QTEST_MAIN(TestSubtreeTransfer)
#include "tst_subtreetransfer.moc"
