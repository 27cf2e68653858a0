// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// KeyTreeModel against a real member: lazy listing of nested directories
// under QAbstractItemModelTester, incremental insertion, live events from a
// watch, stale events, hidden keys and the filter proxy.

#include "GuiTestCluster.h"
#include "client/Watcher.h"
#include "keys/KeyFilterProxyModel.h"
#include "keys/KeyTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

// Lists every directory the model knows of (the view would do this as the
// user expands them). True once nothing is left to fetch or loading.
bool fetchEverything(admin::KeyTreeModel &model, const QModelIndex &parent = {})
{
    bool done = true;
    if (model.canFetchMore(parent)) {
        model.fetchMore(parent);
        done = false;
    }
    for (int r = 0; r < model.rowCount(parent); ++r)
        done = fetchEverything(model, model.index(r, 0, parent)) && done;
    return done && !model.isLoading();
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(parent); ++r)
        names.append(model.index(r, 0, parent).data().toString());
    return names;
}

} // namespace

class TestKeyTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void nestedTreePassesModelTester();
    void insertsBigDirectoriesInBatches();
    void followsChangesFromWatch();
    void ignoresStaleEvents();
    void removesDirectoryThatVanishedBeforeListing();
    void revealsHiddenKeys();
    void filterKeepsAncestors();

private:
    GuiTestCluster m_cluster;
    std::unique_ptr<admin::KeyTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestKeyTreeModel::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
    for (const auto &[key, value] :
         std::initializer_list<std::pair<const char *, const char *>>{{"/a/b/c/k1", "1"},
                                                                      {"/a/b/c/k2", "2"},
                                                                      {"/a/b/k3", "3"},
                                                                      {"/a/x", "x"},
                                                                      {"/e/_hid", "h"},
                                                                      {"/_secret/token", "t"}})
        QVERIFY(m_cluster.set(QString::fromLatin1(key), QString::fromLatin1(value)));
    QVERIFY(m_cluster.mkdir(QStringLiteral("/d")));
    QVERIFY(m_cluster.set(QStringLiteral("/z"), QStringLiteral("expiring"), 300));
    for (int i = 0; i < 50; ++i)
        QVERIFY(m_cluster.set(QStringLiteral("/big/k%1").arg(i, 3, 10, QLatin1Char('0')),
                              QString::number(i)));
}

void TestKeyTreeModel::init()
{
    m_model = std::make_unique<admin::KeyTreeModel>();
    m_model->setConnection(m_cluster.connection());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy root(m_model.get(), &admin::KeyTreeModel::rootLoaded);
    m_model->reload();
    QVERIFY(root.wait(10000));
}

void TestKeyTreeModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void TestKeyTreeModel::nestedTreePassesModelTester()
{
    admin::KeyTreeModel &model = *m_model;
    QCOMPARE(childNames(model, {}),
             QStringList({"a", "big", "d", "e", "z"})); // "_secret" is never listed
    QTRY_VERIFY_WITH_TIMEOUT(fetchEverything(model), 15000);

    const QModelIndex c = model.indexForKey(QStringLiteral("/a/b/c"));
    QVERIFY(c.isValid());
    QCOMPARE(childNames(model, c), QStringList({"k1", "k2"}));
    QCOMPARE(childNames(model, model.indexForKey(QStringLiteral("/a/b"))),
             QStringList({"c", "k3"}));
    const QModelIndex k2 = model.indexForKey(QStringLiteral("/a/b/c/k2"));
    QCOMPARE(k2.parent(), c);
    QCOMPARE(k2.data(admin::KeyTreeModel::ValueRole).toString(), QStringLiteral("2"));
    QCOMPARE(model.index(k2.row(), admin::KeyTreeModel::ValueColumn, c).data().toString(),
             QStringLiteral("2"));
    QVERIFY(k2.data(admin::KeyTreeModel::ModifiedIndexRole).toULongLong() > 0);
    QVERIFY(!model.hasChildren(k2));

    // Empty directories (and ones holding only hidden keys) have no expander.
    QVERIFY(!model.hasChildren(model.indexForKey(QStringLiteral("/d"))));
    QVERIFY(!model.hasChildren(model.indexForKey(QStringLiteral("/e"))));
    QCOMPARE(model.rowCount(model.indexForKey(QStringLiteral("/big"))), 50);

    const QModelIndex z = model.indexForKey(QStringLiteral("/z"));
    QVERIFY(!z.data(admin::KeyTreeModel::ExpirationRole).toString().isEmpty());
    QVERIFY(z.data(admin::KeyTreeModel::TtlRole).toLongLong() > 0);
    const auto node = model.node(QStringLiteral("/z"));
    QVERIFY(node);
    QCOMPARE(node->value, QStringLiteral("expiring"));
}

void TestKeyTreeModel::insertsBigDirectoriesInBatches()
{
    // A model of its own with small batches; its tester lists /big itself
    // (QAbstractItemModelTester fetches every directory it checks).
    admin::KeyTreeModel model;
    model.setConnection(m_cluster.connection());
    model.setBatchSize(7);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy loaded(&model, &admin::KeyTreeModel::directoryLoaded);
    model.reload();
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 0); // nothing happens synchronously
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(loaded.begin(), loaded.end(),
                    [](const QList<QVariant> &a) { return a.first().toString() == "/big"; }),
        10000);
    const QModelIndex big = model.indexForKey(QStringLiteral("/big"));
    int batches = 0;
    for (const QList<QVariant> &args : inserted) {
        if (args.at(0).value<QModelIndex>() == big) {
            ++batches;
            QVERIFY(args.at(2).toInt() - args.at(1).toInt() + 1 <= 7);
        }
    }
    QCOMPARE(batches, 8); // ceil(50 / 7)
    QCOMPARE(model.rowCount(big), 50);
    const QStringList names = childNames(model, big);
    QStringList sorted = names;
    sorted.sort();
    QCOMPARE(names, sorted);
    QVERIFY(!model.canFetchMore(big));
}

void TestKeyTreeModel::followsChangesFromWatch()
{
    admin::KeyTreeModel &model = *m_model;
    QTRY_VERIFY_WITH_TIMEOUT(fetchEverything(model), 15000);
    client::WatchOptions o;
    o.recursive = true;
    client::Watcher *watcher = m_cluster.connection()->client()->watch(QStringLiteral("/"), o);
    connect(watcher, &client::Watcher::event, &model, &admin::KeyTreeModel::applyEvent);
    QSignalSpy listening(watcher, &client::Watcher::connected);
    QVERIFY(listening.wait(10000)); // the member has the watch: nothing is missed from here

    QVERIFY(m_cluster.set(QStringLiteral("/a/b/new"), QStringLiteral("n")));
    QVERIFY(m_cluster.set(QStringLiteral("/fresh/deep/k"), QStringLiteral("v")));
    QVERIFY(m_cluster.set(QStringLiteral("/a/x"), QStringLiteral("x2")));
    QVERIFY(m_cluster.remove(QStringLiteral("/a/b/c"), true));

    QTRY_VERIFY_WITH_TIMEOUT(!model.indexForKey(QStringLiteral("/a/b/c")).isValid(), 10000);
    QCOMPARE(childNames(model, model.indexForKey(QStringLiteral("/a/b"))),
             QStringList({"k3", "new"}));
    QCOMPARE(model.node(QStringLiteral("/a/x"))->value, QStringLiteral("x2"));
    // Directories the write created on its way are shown, as loaded.
    const QModelIndex deep = model.indexForKey(QStringLiteral("/fresh/deep"));
    QVERIFY(deep.isValid());
    QVERIFY(deep.data(admin::KeyTreeModel::IsDirRole).toBool());
    QCOMPARE(childNames(model, deep), QStringList({"k"}));
    QVERIFY(!model.canFetchMore(deep));

    delete watcher;
    // Restore for the other tests.
    QVERIFY(m_cluster.set(QStringLiteral("/a/b/c/k1"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/a/b/c/k2"), QStringLiteral("2")));
    QVERIFY(m_cluster.remove(QStringLiteral("/a/b/new")));
    QVERIFY(m_cluster.remove(QStringLiteral("/fresh"), true));
}

void TestKeyTreeModel::ignoresStaleEvents()
{
    admin::KeyTreeModel &model = *m_model;
    model.fetchMore(model.indexForKey(QStringLiteral("/a")));
    // Wait for /a itself: the model tester may have other directories loading,
    // whose directoryLoaded would come first.
    QTRY_VERIFY_WITH_TIMEOUT(model.node(QStringLiteral("/a/x")).has_value(), 10000);
    const client::Node x = *model.node(QStringLiteral("/a/x"));

    client::Response old;
    old.action = QStringLiteral("set");
    old.node = x;
    old.node.value = QStringLiteral("older");
    old.node.modifiedIndex = x.modifiedIndex - 1;
    model.applyEvent(old);
    QCOMPARE(model.node(QStringLiteral("/a/x"))->value, x.value);

    client::Response oldDelete = old;
    oldDelete.action = QStringLiteral("delete");
    model.applyEvent(oldDelete);
    QVERIFY(model.indexForKey(QStringLiteral("/a/x")).isValid());

    // A key created before the listing of /a but missing from it was
    // deleted in between: the late event must not bring it back.
    client::Response ghost = old;
    ghost.node.key = QStringLiteral("/a/ghost");
    ghost.node.modifiedIndex = 1;
    model.applyEvent(ghost);
    QVERIFY(!model.indexForKey(QStringLiteral("/a/ghost")).isValid());

    client::Response newer = old;
    newer.node.value = QStringLiteral("newer");
    newer.node.modifiedIndex = x.modifiedIndex + 1000;
    model.applyEvent(newer);
    QCOMPARE(model.node(QStringLiteral("/a/x"))->value, QStringLiteral("newer"));
}

void TestKeyTreeModel::removesDirectoryThatVanishedBeforeListing()
{
    // No tester here: it would list /gone before the test deletes it.
    QVERIFY(m_cluster.mkdir(QStringLiteral("/gone")));
    admin::KeyTreeModel model;
    model.setConnection(m_cluster.connection());
    QSignalSpy root(&model, &admin::KeyTreeModel::rootLoaded);
    model.reload();
    QVERIFY(root.wait(10000));
    const QModelIndex gone = model.indexForKey(QStringLiteral("/gone"));
    QVERIFY(gone.isValid());
    QVERIFY(model.canFetchMore(gone));
    QVERIFY(m_cluster.remove(QStringLiteral("/gone"), true));
    QSignalSpy removed(&model, &admin::KeyTreeModel::nodeRemoved);
    model.fetchMore(gone);
    QVERIFY(removed.wait(10000));
    QCOMPARE(removed.first().first().toString(), QStringLiteral("/gone"));
    QVERIFY(!model.indexForKey(QStringLiteral("/gone")).isValid());
}

void TestKeyTreeModel::revealsHiddenKeys()
{
    admin::KeyTreeModel &model = *m_model;
    admin::KeyFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy revealed(&model, &admin::KeyTreeModel::keyRevealed);
    model.revealKey(QStringLiteral("/_secret/token"));
    QVERIFY(revealed.wait(10000));
    QCOMPARE(revealed.first().first().toString(), QStringLiteral("/_secret/token"));
    const QModelIndex token = model.indexForKey(QStringLiteral("/_secret/token"));
    QVERIFY(token.isValid());
    QVERIFY(token.parent().data(admin::KeyTreeModel::IsHiddenRole).toBool());
    QCOMPARE(token.data(admin::KeyTreeModel::ValueRole).toString(), QStringLiteral("t"));

    QVERIFY(!proxy.mapFromSource(token).isValid());
    QVERIFY(!proxy.mapFromSource(token.parent()).isValid());
    proxy.setShowHidden(true);
    QVERIFY(proxy.mapFromSource(token).isValid());

    // A hidden key inside a listed directory, and a key that does not exist.
    model.revealKey(QStringLiteral("/e/_hid"));
    QTRY_COMPARE_WITH_TIMEOUT(revealed.count(), 2, 10000);
    QVERIFY(model.indexForKey(QStringLiteral("/e/_hid")).isValid());
    QSignalSpy failed(&model, &admin::KeyTreeModel::revealFailed);
    model.revealKey(QStringLiteral("/a/nothing"));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(1).value<client::Error>().errorCode(),
             int(client::Error::KeyNotFound));
}

void TestKeyTreeModel::filterKeepsAncestors()
{
    admin::KeyTreeModel &model = *m_model;
    QTRY_VERIFY_WITH_TIMEOUT(fetchEverything(model), 15000);
    admin::KeyFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setFilterText(QStringLiteral("K2"));
    QCOMPARE(childNames(proxy, {}), QStringList({"a"}));
    const QModelIndex a = proxy.index(0, 0);
    QCOMPARE(childNames(proxy, a), QStringList({"b"}));
    const QModelIndex b = proxy.index(0, 0, a);
    QCOMPARE(childNames(proxy, b), QStringList({"c"}));
    QCOMPARE(childNames(proxy, proxy.index(0, 0, b)), QStringList({"k2"}));
    proxy.setFilterText(QString());
    QCOMPARE(proxy.rowCount(), model.rowCount());
}

QTEST_MAIN(TestKeyTreeModel)
#include "tst_keytreemodel.moc"
