// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "watch/WatchPanel.h"

#include "client/Client.h"
#include "client/Watcher.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"
#include "watch/WatchEventModel.h"
#include "widgets/MessageBanner.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace admin {

WatchPanel::WatchPanel(ClusterConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_model = new WatchEventModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    m_keyEdit = new QLineEdit(QStringLiteral("/"), this);
    m_keyEdit->setObjectName(QStringLiteral("watchKeyEdit"));
    m_keyEdit->setPlaceholderText(tr("Key or prefix to watch"));
    m_recursiveCheck = new QCheckBox(tr("Recursive"), this);
    m_recursiveCheck->setObjectName(QStringLiteral("recursiveCheck"));
    m_recursiveCheck->setChecked(true);
    m_fromIndexSpin = new QSpinBox(this);
    m_fromIndexSpin->setObjectName(QStringLiteral("fromIndexSpin"));
    m_fromIndexSpin->setRange(0, std::numeric_limits<int>::max());
    m_fromIndexSpin->setSpecialValueText(tr("now"));
    m_fromIndexSpin->setPrefix(tr("from index "));
    m_fromIndexSpin->setToolTip(tr("Replay the server's recent history from this index"));
    m_startButton = new QPushButton(tr("Watch"), this);
    m_startButton->setObjectName(QStringLiteral("startButton"));
    m_pauseButton = new QPushButton(tr("Pause"), this);
    m_pauseButton->setObjectName(QStringLiteral("pauseButton"));
    m_pauseButton->setCheckable(true);
    m_clearButton = new QPushButton(tr("Clear"), this);
    m_clearButton->setObjectName(QStringLiteral("clearButton"));
    m_saveButton = new QPushButton(tr("Save…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveEventsButton"));
    row->addWidget(new QLabel(tr("Key:"), this));
    row->addWidget(m_keyEdit, 2);
    row->addWidget(m_recursiveCheck);
    row->addWidget(m_fromIndexSpin);
    row->addWidget(m_startButton);
    row->addWidget(m_pauseButton);
    row->addWidget(m_clearButton);
    row->addWidget(m_saveButton);
    layout->addLayout(row);

    auto *filterRow = new QHBoxLayout;
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("eventFilterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter events (any column)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("watchStatus"));
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_status, 1);
    layout->addLayout(filterRow);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(QStringLiteral("watchBanner"));
    layout->addWidget(m_banner);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(WatchEventModel::ValueColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(WatchEventModel::PreviousValueColumn,
                                                      QHeaderView::Stretch);
    m_table->setColumnWidth(WatchEventModel::TimeColumn, 110);
    m_table->setColumnWidth(WatchEventModel::ActionColumn, 130);
    m_table->setColumnWidth(WatchEventModel::KeyColumn, 220);
    m_table->setColumnWidth(WatchEventModel::IndexColumn, 70);
    layout->addWidget(m_table, 1);

    connect(m_startButton, &QPushButton::clicked, this, &WatchPanel::toggleWatch);
    connect(m_pauseButton, &QPushButton::toggled, this, &WatchPanel::setPaused);
    connect(m_clearButton, &QPushButton::clicked, this, &WatchPanel::clearEvents);
    connect(m_saveButton, &QPushButton::clicked, this, &WatchPanel::saveEventsAs);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &WatchPanel::setFilterText);
    connect(m_keyEdit, &QLineEdit::returnPressed, this, [this] {
        if (!isWatching())
            toggleWatch();
    });
    if (connection) {
        connect(connection, &ClusterConnection::opened, this, &WatchPanel::connectionOpened);
        connect(connection, &ClusterConnection::closing, this, &WatchPanel::connectionClosing);
    }
    updateControls();
    updateStatus();
}

WatchPanel::~WatchPanel()
{
    delete m_watcher;
}

bool WatchPanel::isWatching() const
{
    return m_watcher && m_watcher->isRunning();
}

void WatchPanel::toggleWatch()
{
    if (isWatching()) {
        stopWatch();
        return;
    }
    QString key = m_keyEdit->text().trimmed();
    if (key.isEmpty())
        key = QStringLiteral("/");
    startWatch(key, m_recursiveCheck->isChecked(), quint64(m_fromIndexSpin->value()));
}

void WatchPanel::startWatch(const QString &key, bool recursive, quint64 fromIndex)
{
    stopWatch();
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        m_banner->showMessage(Severity::Error, tr("Not connected."));
        return;
    }
    m_key = key;
    m_recursive = recursive;
    m_keyEdit->setText(key);
    m_recursiveCheck->setChecked(recursive);
    m_interrupted = false;
    m_listening = false;
    m_resumeOnOpen = false;
    client::WatchOptions o;
    o.recursive = recursive;
    o.waitIndex = fromIndex;
    m_watcher = c->watch(key, o, this);
    connect(m_watcher, &client::Watcher::event, this, &WatchPanel::onEvent);
    connect(m_watcher, &client::Watcher::historyCleared, this, &WatchPanel::onHistoryCleared);
    connect(m_watcher, &client::Watcher::error, this, [this](const client::Error &e) {
        m_banner->showMessage(Severity::Error,
                              tr("The watch stopped.") + QLatin1Char(' ') + ErrorText::describe(e));
        updateControls();
        updateStatus();
    });
    connect(m_watcher, &client::Watcher::disconnected, this, [this](const client::Error &e) {
        if (m_interrupted)
            return;
        m_interrupted = true;
        m_banner->showMessage(
            Severity::Warning,
            tr("The watch lost its connection; reconnecting… (%1)").arg(ErrorText::describe(e)));
        updateStatus();
    });
    connect(m_watcher, &client::Watcher::connected, this, [this](const QUrl &endpoint) {
        m_listening = true;
        if (!m_interrupted)
            return;
        m_interrupted = false;
        m_banner->showMessage(Severity::Success,
                              tr("The watch resumed on %1 from index %2; no event was missed.")
                                  .arg(endpoint.toString())
                                  .arg(m_watcher ? m_watcher->nextIndex() : 0));
        updateStatus();
    });
    updateControls();
    updateStatus();
}

void WatchPanel::stopWatch()
{
    if (m_watcher) {
        m_watcher->stop();
        delete m_watcher;
    }
    m_watcher = nullptr;
    m_interrupted = false;
    updateControls();
    updateStatus();
}

void WatchPanel::onEvent(const client::Response &event)
{
    if (m_connection)
        m_connection->observeEvent(event);
    WatchEvent e;
    e.time = QDateTime::currentDateTime();
    e.action = event.action;
    e.key = event.node.key;
    e.value = event.node.value;
    e.dir = event.node.dir;
    if (event.prevNode)
        e.previousValue = event.prevNode->value;
    e.index = event.node.modifiedIndex;
    m_lastIndex = qMax(m_lastIndex, e.index);
    ++m_eventCount;
    if (m_paused) {
        m_heldBack.append(e);
    } else {
        QScrollBar *bar = m_table->verticalScrollBar();
        const bool atBottom = bar->value() >= bar->maximum() - 2;
        m_model->append(e);
        if (atBottom)
            m_table->scrollToBottom();
    }
    updateStatus();
}

void WatchPanel::onHistoryCleared(const client::Error &error)
{
    const quint64 wanted = m_watcher ? m_watcher->nextIndex() : 0;
    // The 401's index is the store's current index: continue right after it.
    m_banner->showMessage(Severity::Warning,
                          tr("The server's history was cleared: events from index %1 up to %2 "
                             "are lost. Watching again from index %3.")
                              .arg(wanted)
                              .arg(error.index())
                              .arg(error.index() + 1));
    if (m_watcher)
        m_watcher->restartFrom(error.index() + 1);
    updateStatus();
}

void WatchPanel::setPaused(bool paused)
{
    if (m_pauseButton->isChecked() != paused)
        m_pauseButton->setChecked(paused);
    if (m_paused == paused)
        return;
    m_paused = paused;
    m_pauseButton->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused && !m_heldBack.isEmpty()) {
        m_model->append(m_heldBack);
        m_heldBack.clear();
        m_table->scrollToBottom();
    }
    updateStatus();
}

void WatchPanel::clearEvents()
{
    m_model->clear();
    m_heldBack.clear();
    m_eventCount = 0;
    updateStatus();
}

void WatchPanel::setFilterText(const QString &text)
{
    if (m_filterEdit->text() != text)
        m_filterEdit->setText(text);
    m_proxy->setFilterFixedString(text);
}

bool WatchPanel::saveEvents(const QString &fileName)
{
    QList<int> rows;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        rows.append(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
    if (rows.isEmpty() && m_model->rowCount() > 0) {
        m_banner->showMessage(Severity::Warning, tr("No event matches the filter; nothing saved."));
        return false;
    }
    const bool json = fileName.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    // toCsv/toJson treat an empty list as "all rows": an empty table stays empty.
    const QByteArray data = rows.isEmpty() ? (json ? QByteArray("[]\n") : m_model->toCsv({}))
                            : json         ? m_model->toJson(rows)
                                           : m_model->toCsv(rows);
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) < 0 || !file.commit()) {
        m_banner->showMessage(Severity::Error,
                              tr("Could not write %1: %2").arg(fileName, file.errorString()));
        return false;
    }
    m_banner->showMessage(Severity::Success,
                          tr("Saved %1 events to %2.").arg(rows.size()).arg(fileName));
    return true;
}

void WatchPanel::saveEventsAs()
{
    QString selected;
    const QString fileName =
        QFileDialog::getSaveFileName(this, tr("Save events"), QStringLiteral("events.csv"),
                                     tr("CSV files (*.csv);;JSON files (*.json)"), &selected);
    if (fileName.isEmpty())
        return;
    QString name = fileName;
    if (!name.contains(QLatin1Char('.')))
        name += selected.contains(QLatin1String("json")) ? QStringLiteral(".json")
                                                         : QStringLiteral(".csv");
    saveEvents(name);
}

void WatchPanel::connectionOpened()
{
    if (!m_resumeOnOpen || m_key.isEmpty())
        return;
    const quint64 from = m_lastIndex + 1;
    startWatch(m_key, m_recursive, m_lastIndex ? from : 0);
    m_banner->showMessage(
        Severity::Info,
        m_lastIndex ? tr("Reconnected: watching %1 again from index %2.").arg(m_key).arg(from)
                    : tr("Reconnected: watching %1 again.").arg(m_key));
}

void WatchPanel::connectionClosing()
{
    const bool was = isWatching();
    stopWatch();
    m_resumeOnOpen = was;
}

QString WatchPanel::statusText() const
{
    return m_status->text();
}

void WatchPanel::updateStatus()
{
    QString text;
    if (isWatching()) {
        text = m_recursive ? tr("Watching %1 and everything below it").arg(m_key)
                           : tr("Watching %1").arg(m_key);
        if (m_interrupted)
            text += tr(" (reconnecting…)");
    } else {
        text = tr("Not watching");
    }
    text += QStringLiteral(" · ") + tr("%n event(s)", nullptr, m_eventCount);
    if (m_paused)
        text += QStringLiteral(" · ") + tr("paused, %n held back", nullptr, int(m_heldBack.size()));
    m_status->setText(text);
}

void WatchPanel::updateControls()
{
    const bool watching = isWatching();
    m_startButton->setText(watching ? tr("Stop") : tr("Watch"));
    m_keyEdit->setEnabled(!watching);
    m_recursiveCheck->setEnabled(!watching);
    m_fromIndexSpin->setEnabled(!watching);
}

} // namespace admin
