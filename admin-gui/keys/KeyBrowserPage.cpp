// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/KeyBrowserPage.h"

#include "app/AdminLog.h"
#include "client/Client.h"
#include "client/Watcher.h"
#include "compare/CompareDialog.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"
#include "keys/KeyBrowserShortcuts.h"
#include "keys/KeyDetailPane.h"
#include "keys/KeyFilterProxyModel.h"
#include "keys/KeyOperations.h"
#include "keys/KeyTreeModel.h"
#include "keys/NewKeyDialog.h"
#include "keys/SubtreeTransfer.h"
#include "search/KeySearchDialog.h"
#include "transfer/ImportPreviewDialog.h"
#include "transfer/SafetyExport.h"
#include "widgets/MessageBanner.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSplitter>
#include <QStyle>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>
#include <memory>

namespace admin {

namespace {

// The hidden keys below `root` the tree has met (opened by name, created
// here): the server lists none of them, so an export must name them.
QStringList knownHiddenKeys(const KeyTreeModel *model, const QString &root)
{
    QStringList out;
    const QString prefix = root == QLatin1String("/") ? root : root + QLatin1Char('/');
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex index = model->index(r, 0, parent);
            const QString key = index.data(KeyTreeModel::KeyRole).toString();
            if (index.data(KeyTreeModel::IsHiddenRole).toBool() && key.startsWith(prefix)) {
                out.append(key); // its subtree comes with it
                continue;
            }
            walk(index);
        }
    };
    walk({});
    return out;
}

// The page's safety net (created on first use): a failed safety export
// and the outcome of a restore are told in the banner.
SafetyExport *safetyNet(QWidget *page, ClusterConnection *connection, MessageBanner *banner,
                        KeyTreeModel *model)
{
    if (auto *existing = page->findChild<SafetyExport *>())
        return existing;
    auto *safety = new SafetyExport(connection, page);
    QObject::connect(safety, &SafetyExport::failed, banner,
                     [banner](const QString &text) { banner->showMessage(Severity::Error, text); });
    QObject::connect(
        safety, &SafetyExport::restored, banner, [banner, model](bool ok, const QString &text) {
            banner->showMessage(ok ? Severity::Success : Severity::Error,
                                KeyBrowserPage::tr("Restored from the safety export. ") + text);
            model->reload(); // hidden keys may be among them
        });
    return safety;
}

// Import = dry run, (the user's approval,) safety export of the target,
// then exactly the writes of the dry run; the result's banner offers the
// one-click restore.
void previewThenApply(QWidget *page, SubtreeTransfer *transfer, SafetyExport *safety,
                      MessageBanner *banner, const QString &fileName, const QString &target,
                      bool ask)
{
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = QObject::connect(
        transfer, &SubtreeTransfer::previewReady, page, [=](const ImportPlan &preview) {
            QObject::disconnect(*once);
            ImportPlan plan = preview;
            if (ask) {
                ImportPreviewDialog dialog(preview, page);
                if (dialog.exec() != QDialog::Accepted)
                    return;
                plan = dialog.plan();
            }
            QStringList hidden;
            for (const ImportPlan::Entry &e : plan.entries) {
                if (e.key.contains(QLatin1String("/_")))
                    hidden.append(e.key);
            }
            safety->protect(
                plan.target, KeyBrowserPage::tr("the import below %1").arg(plan.target), hidden,
                true, [=] {
                    QObject::connect(
                        transfer, &SubtreeTransfer::finished, banner,
                        [=](bool ok, const QString &text) {
                            banner->showMessage(
                                ok ? Severity::Success : Severity::Error,
                                text + QLatin1Char('\n') +
                                    KeyBrowserPage::tr("A safety export was taken first: %1")
                                        .arg(safety->lastFile()),
                                {safety->restoreAction()});
                        },
                        Qt::SingleShotConnection);
                    transfer->apply(plan);
                });
        });
    QObject::connect(
        transfer, &SubtreeTransfer::finished, page, [once] { QObject::disconnect(*once); },
        Qt::SingleShotConnection);
    transfer->preview(fileName, target);
}

} // namespace

KeyBrowserPage::KeyBrowserPage(ClusterConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_model = new KeyTreeModel(this);
    m_model->setConnection(connection);
    // Before the proxy connects: when the shown node is about to leave the
    // tree, the view moves its current index to a neighbour, and the pane
    // must not follow (it keeps the node, and any unsaved edit, and says
    // that it was deleted).
    connect(m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                const QString shown = m_detail ? m_detail->key() : QString();
                for (int r = first; r <= last && !shown.isEmpty(); ++r) {
                    const QString key =
                        m_model->index(r, 0, parent).data(KeyTreeModel::KeyRole).toString();
                    if (shown == key || shown.startsWith(key + QLatin1Char('/')))
                        m_holdPane = true;
                }
            });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] { m_holdPane = false; });
    m_proxy = new KeyFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_operations = new KeyOperations(connection, m_model, this);
    m_transfer = new SubtreeTransfer(connection, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QStyle *s = style();
    auto addAction = [this](const QIcon &icon, const QString &text, const char *name,
                            void (KeyBrowserPage::*slot)()) {
        QAction *a = m_toolBar->addAction(icon, text);
        a->setObjectName(QLatin1String(name));
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    QAction *newAction = addAction(QIcon(QStringLiteral(":/icons/new-key.png")), tr("New…"),
                                   "newKeyAction", &KeyBrowserPage::newKey);
    newAction->setShortcut(QKeySequence::New);
    QAction *deleteAction = addAction(s->standardIcon(QStyle::SP_TrashIcon), tr("Delete…"),
                                      "deleteAction", &KeyBrowserPage::deleteSelected);
    deleteAction->setShortcut(QKeySequence::Delete);
    addAction(QIcon(QStringLiteral(":/icons/copy-path.png")), tr("Copy path"), "copyPathAction",
              &KeyBrowserPage::copyPath);
    m_toolBar->addSeparator();
    addAction(s->standardIcon(QStyle::SP_DialogSaveButton), tr("Export…"), "exportAction",
              &KeyBrowserPage::exportSubtree);
    addAction(s->standardIcon(QStyle::SP_DialogOpenButton), tr("Import…"), "importAction",
              &KeyBrowserPage::importSubtree);
    QAction *searchAction = m_toolBar->addAction(s->standardIcon(QStyle::SP_FileDialogContentsView),
                                                 tr("Search on server…"));
    searchAction->setObjectName(QStringLiteral("serverSearchAction"));
    searchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    searchAction->setToolTip(tr("Search keys and values below a directory on the server, "
                                "including directories never opened here"));
    connect(searchAction, &QAction::triggered, this, [this] {
        auto *dialog = findChild<KeySearchDialog *>();
        if (!dialog) {
            dialog = new KeySearchDialog(m_connection, this);
            connect(dialog, &KeySearchDialog::keyActivated, this, &KeyBrowserPage::goToKey);
        }
        dialog->setRoot(selectedDirectory());
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    QAction *compareAction =
        m_toolBar->addAction(s->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Compare…"));
    compareAction->setObjectName(QStringLiteral("compareAction"));
    compareAction->setToolTip(tr("Compare two subtrees, on this cluster or another one, and copy "
                                 "differences across"));
    connect(compareAction, &QAction::triggered, this, [this] {
        auto *dialog = findChild<CompareDialog *>();
        if (!dialog)
            dialog = new CompareDialog(m_connection, this);
        dialog->setLeftKey(selectedDirectory());
        dialog->setRightKey(selectedDirectory());
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });
    m_toolBar->addSeparator();
    QAction *refreshAction = addAction(s->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"),
                                       "refreshAction", &KeyBrowserPage::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);
    layout->addWidget(m_toolBar);

    auto *filterRow = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter loaded keys by name"));
    m_filterEdit->setClearButtonEnabled(true);
    m_gotoEdit = new QLineEdit(this);
    m_gotoEdit->setObjectName(QStringLiteral("gotoEdit"));
    m_gotoEdit->setPlaceholderText(tr("Go to key, e.g. /config/_secret"));
    m_showHiddenCheck = new QCheckBox(tr("Show hidden keys"), this);
    m_showHiddenCheck->setObjectName(QStringLiteral("showHiddenCheck"));
    m_showHiddenCheck->setToolTip(
        tr("Keys whose name starts with '_' are never listed by the server; the tree shows "
           "those you opened with \"Go to key\" or created here."));
    filterRow->addWidget(m_filterEdit, 2);
    filterRow->addWidget(m_gotoEdit, 2);
    filterRow->addWidget(m_showHiddenCheck);
    layout->addLayout(filterRow);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(QStringLiteral("keysBanner"));
    layout->addWidget(m_banner);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_tree = new QTreeView(splitter);
    m_tree->setObjectName(QStringLiteral("keyTree"));
    m_tree->setModel(m_proxy);
    // Needed for 100,000 rows: the view then never measures rows one by one.
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::NameColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(KeyTreeModel::ModifiedColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->setColumnWidth(KeyTreeModel::NameColumn, 240);
    m_detail = new KeyDetailPane(splitter);
    m_detail->setOperations(m_operations);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &KeyFilterProxyModel::setFilterText);
    connect(m_gotoEdit, &QLineEdit::returnPressed, this,
            [this] { goToKey(m_gotoEdit->text().trimmed()); });
    KeyBrowserShortcuts::install(this, m_tree, m_filterEdit, m_gotoEdit, m_toolBar);
    connect(m_showHiddenCheck, &QCheckBox::toggled, this, &KeyBrowserPage::setShowHidden);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &KeyBrowserPage::selectionChanged);
    connect(m_tree, &QTreeView::expanded, this,
            [this](const QModelIndex &index) { m_model->retryLoad(m_proxy->mapToSource(index)); });
    connect(m_detail, &KeyDetailPane::reloadRequested, this, &KeyBrowserPage::reloadKey);

    connect(m_model, &KeyTreeModel::rootLoaded, this, [this](quint64 index) {
        stopWatch();
        startWatch(index + 1);
    });
    connect(m_model, &KeyTreeModel::loadFailed, this,
            [this](const QString &key, const client::Error &error) {
                m_banner->showMessage(Severity::Error, tr("Could not list %1.").arg(key) +
                                                           QLatin1Char(' ') +
                                                           ErrorText::describe(error));
            });
    connect(m_model, &KeyTreeModel::nodeChanged, this, [this](const QString &key) {
        if (key == m_detail->key()) {
            if (const auto node = m_model->node(key))
                m_detail->serverChanged(*node);
        }
    });
    connect(m_model, &KeyTreeModel::nodeRemoved, this, [this](const QString &key) {
        const QString shown = m_detail->key();
        if (!shown.isEmpty() && (shown == key || shown.startsWith(key + QLatin1Char('/'))))
            m_detail->serverRemoved();
    });
    connect(m_model, &KeyTreeModel::keyRevealed, this, [this](const QString &key) {
        if (selectKey(key))
            return;
        // Asked for by name: a hidden key is what the user wants to see.
        setShowHidden(true);
        selectKey(key);
    });
    connect(m_model, &KeyTreeModel::revealFailed, this,
            [this](const QString &key, const client::Error &error) {
                m_banner->showMessage(Severity::Error, tr("Cannot open %1.").arg(key) +
                                                           QLatin1Char(' ') +
                                                           ErrorText::describe(error));
            });
    connect(m_transfer, &SubtreeTransfer::finished, this, [this](bool ok, const QString &text) {
        m_banner->showMessage(ok ? Severity::Success : Severity::Error, text);
        if (ok)
            m_model->reload(); // imports may touch hidden keys the watch does not report
    });
    connect(m_transfer, &SubtreeTransfer::progress, this, [this](int done, int total) {
        m_banner->showMessage(Severity::Info, tr("Importing… %1 of %2").arg(done).arg(total));
    });

    if (connection) {
        connect(connection, &ClusterConnection::opened, this, &KeyBrowserPage::connectionOpened);
        connect(connection, &ClusterConnection::closing, this, &KeyBrowserPage::connectionClosing);
        if (connection->isConnected())
            connectionOpened();
    }
}

KeyBrowserPage::~KeyBrowserPage()
{
    stopWatch();
}

bool KeyBrowserPage::isWatching() const
{
    return m_watcher && m_watcher->isRunning();
}

void KeyBrowserPage::connectionOpened()
{
    m_detail->showNode(std::nullopt);
    m_model->reload();
}

void KeyBrowserPage::connectionClosing()
{
    stopWatch();
    m_detail->showNode(std::nullopt);
    m_model->clear();
}

void KeyBrowserPage::refresh()
{
    if (m_connection && m_connection->client()) {
        stopWatch();
        m_detail->showNode(std::nullopt);
        m_model->reload();
    }
}

// --- live updates -------------------------------------------------------------------------

void KeyBrowserPage::startWatch(quint64 fromIndex)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c)
        return;
    client::WatchOptions o;
    o.recursive = true;
    o.waitIndex = fromIndex;
    m_watcher = c->watch(QStringLiteral("/"), o, this);
    m_watchInterrupted = false;
    connect(m_watcher, &client::Watcher::event, this, &KeyBrowserPage::watchEvent);
    connect(m_watcher, &client::Watcher::historyCleared, this,
            &KeyBrowserPage::watchHistoryCleared);
    connect(m_watcher, &client::Watcher::error, this, [this](const client::Error &e) {
        m_banner->showMessage(Severity::Error, tr("Live updates of the tree stopped.") +
                                                   QLatin1Char(' ') + ErrorText::describe(e));
    });
    connect(m_watcher, &client::Watcher::disconnected, this, [this](const client::Error &e) {
        if (m_watchInterrupted)
            return;
        m_watchInterrupted = true;
        m_banner->showMessage(
            Severity::Warning,
            tr("Live updates interrupted; reconnecting… (%1)").arg(ErrorText::describe(e)));
    });
    connect(m_watcher, &client::Watcher::connected, this, [this](const QUrl &endpoint) {
        if (!m_watchInterrupted)
            return;
        m_watchInterrupted = false;
        m_banner->showMessage(
            Severity::Success,
            tr("Live updates resumed from %1; no change was missed.").arg(endpoint.toString()));
    });
    qCDebug(lcAdmin) << "tree watch from index" << fromIndex;
}

void KeyBrowserPage::stopWatch()
{
    if (m_watcher) {
        m_watcher->stop();
        delete m_watcher;
    }
    m_watcher = nullptr;
}

void KeyBrowserPage::watchEvent(const client::Response &event)
{
    if (m_connection)
        m_connection->observeEvent(event);
    m_model->applyEvent(event);
}

void KeyBrowserPage::watchHistoryCleared(const client::Error &error)
{
    m_banner->showMessage(Severity::Warning,
                          tr("Too many changes to follow one by one (history cleared at index "
                             "%1); the tree was listed again.")
                              .arg(error.index()));
    refresh();
}

// --- selection ------------------------------------------------------------------------------

QString KeyBrowserPage::currentKey() const
{
    const QModelIndex index = m_tree->currentIndex();
    return index.isValid() ? index.data(KeyTreeModel::KeyRole).toString() : QString();
}

bool KeyBrowserPage::selectKey(const QString &key)
{
    const QModelIndex source = m_model->indexForKey(key);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return false;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void KeyBrowserPage::report(const OperationResult &r)
{
    m_banner->showMessage(r.ok()                                            ? Severity::Success
                          : r.outcome == OperationResult::Outcome::Conflict ? Severity::Warning
                                                                            : Severity::Error,
                          r.message);
}

void KeyBrowserPage::selectionChanged()
{
    if (m_holdPane)
        return;
    const QString key = currentKey();
    if (key != m_detail->key() && !m_detail->confirmLeave()) {
        // Cancel: back to the key being edited (showNode() keeps the edit).
        selectKey(m_detail->key());
        return;
    }
    m_detail->showNode(key.isEmpty() ? std::nullopt : m_model->node(key));
}

QString KeyBrowserPage::selectedDirectory() const
{
    const QModelIndex index = m_tree->currentIndex();
    if (!index.isValid())
        return QStringLiteral("/");
    const QString key = index.data(KeyTreeModel::KeyRole).toString();
    if (index.data(KeyTreeModel::IsDirRole).toBool())
        return key;
    const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : key.left(slash);
}

void KeyBrowserPage::reloadKey(const QString &key)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c)
        return;
    c->get(key)->then(this, [this, key](client::Reply *r) {
        if (m_connection)
            m_connection->observe(r);
        if (r->error()) {
            m_banner->showMessage(Severity::Error, tr("Cannot read %1.").arg(key) +
                                                       QLatin1Char(' ') +
                                                       ErrorText::describe(r->error()));
            return;
        }
        client::Response response = r->keys();
        response.action = QStringLiteral("get");
        m_model->applyEvent(response);
        if (m_detail->key() == key)
            m_detail->showNode(response.node);
    });
}

// --- actions ----------------------------------------------------------------------------------

void KeyBrowserPage::newKey()
{
    NewKeyDialog dialog(selectedDirectory(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString key = dialog.key();
    auto select = [this](const OperationResult &r) {
        report(r);
        if (!r.ok())
            return;
        // Revealed even where the tree never listed (or the filter hides) it.
        const QString created = r.response.node.key;
        if (selectKey(created))
            return;
        if (m_model->indexForKey(created).isValid() && !m_filterEdit->text().isEmpty()) {
            m_filterEdit->clear();
            if (selectKey(created))
                return;
        }
        m_model->revealKey(created);
    };
    switch (dialog.kind()) {
    case NewKeyDialog::Kind::Key:
        m_operations->createKey(key, dialog.value(), dialog.ttl(), select);
        break;
    case NewKeyDialog::Kind::Directory:
        m_operations->createDirectory(key, dialog.ttl(), select);
        break;
    case NewKeyDialog::Kind::InOrderKey:
        m_operations->createInOrder(key, dialog.value(), dialog.ttl(), select);
        break;
    }
}

void KeyBrowserPage::deleteSelected()
{
    const QModelIndex index = m_tree->currentIndex();
    if (!index.isValid())
        return;
    const QString key = index.data(KeyTreeModel::KeyRole).toString();
    const bool dir = index.data(KeyTreeModel::IsDirRole).toBool();
    // The version shown: a key changed since is not deleted (compare-and-delete).
    const auto shown = m_model->node(key);
    const quint64 shownIndex = shown && !dir ? shown->modifiedIndex : 0;
    // Count first, so the question says what goes.
    m_operations->countBelow(key, [this, key, dir, shownIndex](const KeyOperations::Count &count,
                                                               const client::Error &error) {
        if (error) {
            m_banner->showMessage(Severity::Error, tr("Cannot read %1.").arg(key) +
                                                       QLatin1Char(' ') +
                                                       ErrorText::describe(error));
            return;
        }
        confirmDelete(key, dir, shownIndex, KeyOperations::deleteQuestion(key, dir, count));
    });
}

void KeyBrowserPage::confirmDelete(const QString &key, bool dir, quint64 shownIndex,
                                   const QString &question)
{
    const auto answer = QMessageBox::question(this, tr("Delete"), question,
                                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    auto remove = [this, key, dir, shownIndex] {
        m_operations->remove(
            key, dir, dir,
            [this, key, dir](const OperationResult &r) {
                report(r);
                if (r.ok() && dir) {
                    SafetyExport *safety = safetyNet(this, m_connection, m_banner, m_model);
                    m_banner->showMessage(
                        Severity::Success,
                        r.message + QLatin1Char(' ') +
                            tr("A safety export was taken first: %1").arg(safety->lastFile()),
                        {safety->restoreAction()});
                }
                if (r.ok())
                    selectionChanged(); // our own deletion: show where the view moved to
            },
            shownIndex);
    };
    if (!dir) {
        remove();
        return;
    }
    // A recursive delete: export the subtree (and the hidden keys the tree
    // knows below it) first, so one click can put it back.
    safetyNet(this, m_connection, m_banner, m_model)
        ->protect(key, tr("deleting %1").arg(key), knownHiddenKeys(m_model, key), false, remove);
}

void KeyBrowserPage::copyPath()
{
    const QString key = currentKey();
    if (key.isEmpty())
        return;
    QApplication::clipboard()->setText(key);
    m_banner->showMessage(Severity::Info, tr("Copied %1 to the clipboard.").arg(key));
}

void KeyBrowserPage::exportSubtree()
{
    const QString key = currentKey().isEmpty() ? QStringLiteral("/") : currentKey();
    QString suggested = key.mid(1).replace(QLatin1Char('/'), QLatin1Char('_'));
    if (suggested.isEmpty())
        suggested = QStringLiteral("root");
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export %1").arg(key),
                                                          suggested + QStringLiteral(".json"),
                                                          tr("JSON files (*.json)"));
    if (fileName.isEmpty())
        return;
    // The server never lists hidden keys: offer those the tree knows and
    // let the user name more, so the export says what it holds.
    bool ok = false;
    const QString named = QInputDialog::getMultiLineText(
        this, tr("Export %1").arg(key),
        tr("Hidden keys (names starting with '_') are never listed by the server. Hidden keys "
           "or directories to include, one per line:"),
        knownHiddenKeys(m_model, key).join(QLatin1Char('\n')), &ok);
    if (!ok)
        return;
    QStringList hidden;
    for (const QString &line : named.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            hidden.append(line.trimmed());
    }
    m_transfer->exportTo(key, fileName, hidden);
}

void KeyBrowserPage::importSubtree()
{
    const QString target = selectedDirectory();
    const QString fileName =
        QFileDialog::getOpenFileName(this, tr("Import below %1").arg(target), QString(),
                                     tr("JSON files (*.json);;All files (*)"));
    if (fileName.isEmpty())
        return;
    // Dry run first; nothing is written unless the preview is accepted.
    previewThenApply(this, m_transfer, safetyNet(this, m_connection, m_banner, m_model), m_banner,
                     fileName, target, true);
}

void KeyBrowserPage::exportSubtreeTo(const QString &key, const QString &fileName)
{
    m_transfer->exportTo(key, fileName, knownHiddenKeys(m_model, key));
}

void KeyBrowserPage::importSubtreeFrom(const QString &fileName, const QString &targetKey)
{
    previewThenApply(this, m_transfer, safetyNet(this, m_connection, m_banner, m_model), m_banner,
                     fileName, targetKey, false);
}

void KeyBrowserPage::goToKey(const QString &key)
{
    if (key.isEmpty())
        return;
    m_model->revealKey(key.startsWith(QLatin1Char('/')) ? key : QLatin1Char('/') + key);
}

void KeyBrowserPage::setShowHidden(bool show)
{
    if (m_showHiddenCheck->isChecked() != show)
        m_showHiddenCheck->setChecked(show); // comes back here through toggled()
    if (m_proxy->showHidden() == show)
        return;
    m_proxy->setShowHidden(show);
    emit showHiddenChanged(show);
}

} // namespace admin
