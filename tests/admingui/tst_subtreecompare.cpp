// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Compare two subtrees (issue 19, beyond the tools compared) against real
// members: on one cluster and on two (two members, two connections), the
// differences are listed, chosen ones are copied across in either
// direction, and a copy is refused for a destination key changed since
// the comparison (compare-and-swap).

#include "GuiTestCluster.h"
#include "compare/CompareDialog.h"
#include "compare/CompareModel.h"
#include "compare/SubtreeCompare.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyTreeModel.h"

#include <QAction>
#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestSubtreeCompare : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void comparesAndCopiesOnOneCluster();
    void copiesBetweenTwoClustersBothWays();
    void refusesCopyOverChangedKey();
    void dialogComparesAndCopies();

private:
    bool compare(admin::SubtreeCompare &c);

    GuiTestCluster m_staging;
    GuiTestCluster m_production;
};

void TestSubtreeCompare::initTestCase()
{
    QVERIFY2(m_staging.start(), m_staging.daemon().output().constData());
    QVERIFY2(m_production.start(), m_production.daemon().output().constData());
    QVERIFY(m_staging.daemon().clientUrl() != m_production.daemon().clientUrl());
}

bool TestSubtreeCompare::compare(admin::SubtreeCompare &c)
{
    QSignalSpy compared(&c, &admin::SubtreeCompare::compared);
    QSignalSpy failed(&c, &admin::SubtreeCompare::failed);
    c.compare();
    return QTest::qWaitFor([&] { return compared.count() + failed.count() > 0; }, 10000) &&
           compared.count() == 1;
}

void TestSubtreeCompare::comparesAndCopiesOnOneCluster()
{
    QVERIFY(m_staging.set(QStringLiteral("/stage/a"), QStringLiteral("1")));
    QVERIFY(m_staging.set(QStringLiteral("/stage/b"), QStringLiteral("2")));
    QVERIFY(m_staging.set(QStringLiteral("/stage/sub/c"), QStringLiteral("3")));
    QVERIFY(m_staging.set(QStringLiteral("/prod/a"), QStringLiteral("1")));
    QVERIFY(m_staging.set(QStringLiteral("/prod/b"), QStringLiteral("20")));
    QVERIFY(m_staging.set(QStringLiteral("/prod/d"), QStringLiteral("4")));
    admin::SubtreeCompare c;
    admin::CompareModel model(&c);
    c.setLeft(m_staging.connection(), QStringLiteral("/stage"));
    c.setRight(m_staging.connection(), QStringLiteral("/prod/"));
    QVERIFY(compare(c));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.sameCount(), 1);
    auto status = [&](const QString &rel) {
        const int row = model.rowOf(rel);
        return row < 0 ? QString()
                       : model.index(row, admin::CompareModel::StatusColumn).data().toString();
    };
    QCOMPARE(status(QStringLiteral("/b")), QStringLiteral("different"));
    QCOMPARE(status(QStringLiteral("/sub/c")), QStringLiteral("only left"));
    QCOMPARE(status(QStringLiteral("/d")), QStringLiteral("only right"));
    const int b = model.rowOf(QStringLiteral("/b"));
    QCOMPARE(model.index(b, admin::CompareModel::LeftColumn).data().toString(),
             QStringLiteral("2"));
    QCOMPARE(model.index(b, admin::CompareModel::RightColumn).data().toString(),
             QStringLiteral("20"));

    // Copy b and sub/c to the right; d stays.
    model.setChecked(QStringLiteral("/b"), true);
    model.setChecked(QStringLiteral("/sub/c"), true);
    QSignalSpy copied(&c, &admin::SubtreeCompare::copied);
    QSignalSpy compared(&c, &admin::SubtreeCompare::compared);
    c.copy(admin::SubtreeCompare::Direction::LeftToRight, model.checkedKeys());
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 10000); // compares again after the copy
    QVERIFY2(copied.first().at(0).toBool(), qPrintable(copied.first().at(1).toString()));
    QCOMPARE(m_staging.get(QStringLiteral("/prod/b"))->value, QStringLiteral("2"));
    QCOMPARE(m_staging.get(QStringLiteral("/prod/sub/c"))->value, QStringLiteral("3"));
    QCOMPARE(m_staging.get(QStringLiteral("/prod/d"))->value, QStringLiteral("4"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(status(QStringLiteral("/d")), QStringLiteral("only right"));
}

void TestSubtreeCompare::copiesBetweenTwoClustersBothWays()
{
    QVERIFY(m_staging.set(QStringLiteral("/cfg/x"), QStringLiteral("staging")));
    QVERIFY(m_staging.set(QStringLiteral("/cfg/new"), QStringLiteral("n")));
    QVERIFY(m_production.set(QStringLiteral("/cfg/x"), QStringLiteral("production")));
    QVERIFY(m_production.set(QStringLiteral("/cfg/old"), QStringLiteral("o")));
    QVERIFY(m_production.set(QStringLiteral("/cfg/only-prod"), QStringLiteral("p")));
    admin::SubtreeCompare c;
    admin::CompareModel model(&c);
    c.setLeft(m_staging.connection(), QStringLiteral("/cfg"));
    c.setRight(m_production.connection(), QStringLiteral("/cfg"));
    QVERIFY(compare(c));
    QCOMPARE(model.rowCount(), 4);

    QSignalSpy compared(&c, &admin::SubtreeCompare::compared);
    QSignalSpy copied(&c, &admin::SubtreeCompare::copied);
    // To production: the new key, and the removal of the old one.
    c.copy(admin::SubtreeCompare::Direction::LeftToRight,
           {QStringLiteral("/new"), QStringLiteral("/old")});
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, 10000);
    QVERIFY2(copied.first().at(0).toBool(), qPrintable(copied.first().at(1).toString()));
    QCOMPARE(m_production.get(QStringLiteral("/cfg/new"))->value, QStringLiteral("n"));
    QVERIFY(!m_production.get(QStringLiteral("/cfg/old")).has_value());
    QVERIFY(!m_staging.get(QStringLiteral("/cfg/only-prod")).has_value());
    // Back to staging: production's x and its extra key.
    c.copy(admin::SubtreeCompare::Direction::RightToLeft,
           {QStringLiteral("/x"), QStringLiteral("/only-prod")});
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 2, 10000);
    QVERIFY2(copied.at(1).at(0).toBool(), qPrintable(copied.at(1).at(1).toString()));
    QCOMPARE(m_staging.get(QStringLiteral("/cfg/x"))->value, QStringLiteral("production"));
    QCOMPARE(m_staging.get(QStringLiteral("/cfg/only-prod"))->value, QStringLiteral("p"));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.sameCount(), 3);
}

void TestSubtreeCompare::refusesCopyOverChangedKey()
{
    QVERIFY(m_staging.set(QStringLiteral("/race/k"), QStringLiteral("mine")));
    QVERIFY(m_staging.set(QStringLiteral("/race/n"), QStringLiteral("new")));
    QVERIFY(m_production.set(QStringLiteral("/race/k"), QStringLiteral("theirs")));
    admin::SubtreeCompare c;
    c.setLeft(m_staging.connection(), QStringLiteral("/race"));
    c.setRight(m_production.connection(), QStringLiteral("/race"));
    QVERIFY(compare(c));
    // Someone changes production's k and creates n after the comparison.
    QVERIFY(m_production.set(QStringLiteral("/race/k"), QStringLiteral("changed meanwhile")));
    QVERIFY(m_production.set(QStringLiteral("/race/n"), QStringLiteral("theirs too")));
    QSignalSpy copied(&c, &admin::SubtreeCompare::copied);
    c.copy(admin::SubtreeCompare::Direction::LeftToRight,
           {QStringLiteral("/k"), QStringLiteral("/n")});
    QTRY_COMPARE_WITH_TIMEOUT(copied.count(), 1, 10000);
    QVERIFY(!copied.first().at(0).toBool());
    QVERIFY2(copied.first().at(1).toString().contains(QStringLiteral("/race/k")),
             qPrintable(copied.first().at(1).toString()));
    QCOMPARE(m_production.get(QStringLiteral("/race/k"))->value,
             QStringLiteral("changed meanwhile"));
    QCOMPARE(m_production.get(QStringLiteral("/race/n"))->value, QStringLiteral("theirs too"));
}

void TestSubtreeCompare::dialogComparesAndCopies()
{
    QVERIFY(m_staging.set(QStringLiteral("/dlg/only-left"), QStringLiteral("L")));
    QVERIFY(m_production.set(QStringLiteral("/dlg/same"), QStringLiteral("s")));
    QVERIFY(m_staging.set(QStringLiteral("/dlg/same"), QStringLiteral("s")));
    // Opened from the key browser, on the selected directory.
    admin::KeyBrowserPage page(m_staging.connection());
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isRootLoaded(), 10000);
    QVERIFY(page.selectKey(QStringLiteral("/dlg")));
    auto *action = page.findChild<QAction *>(QStringLiteral("compareAction"));
    QVERIFY(action);
    action->trigger();
    auto *dialog = page.findChild<admin::CompareDialog *>();
    QVERIFY(dialog);
    dialog->setRightConnection(m_production.connection());
    dialog->setRightKey(QStringLiteral("/dlg"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("compareButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->rowCount(), 1, 10000);
    QVERIFY2(dialog->statusText().contains(QStringLiteral("1 only on the left")),
             qPrintable(dialog->statusText()));
    QVERIFY(dialog->statusText().contains(QStringLiteral("1 the same")));
    dialog->findChild<QCheckBox *>(QStringLiteral("compareCheckAll"))->setChecked(true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyToRightButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->model()->rowCount(), 0, 10000);
    QCOMPARE(m_production.get(QStringLiteral("/dlg/only-left"))->value, QStringLiteral("L"));
    QVERIFY2(dialog->statusText().contains(QStringLiteral("1 added")),
             qPrintable(dialog->statusText()));
}

QTEST_MAIN(TestSubtreeCompare)
#include "tst_subtreecompare.moc"
