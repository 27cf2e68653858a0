// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "search/KeySearchDialog.h"

#include "search/KeySearch.h"
#include "search/SearchResultsModel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace admin {

KeySearchDialog::KeySearchDialog(ClusterConnection *connection, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Search on server"));
    m_search = new KeySearch(connection, this);
    m_results = new SearchResultsModel(this);

    m_rootEdit = new QLineEdit(QStringLiteral("/"), this);
    m_rootEdit->setObjectName(QStringLiteral("searchRootEdit"));
    m_patternEdit = new QLineEdit(this);
    m_patternEdit->setObjectName(QStringLiteral("searchPatternEdit"));
    m_patternEdit->setPlaceholderText(tr("Part of a key name, or a pattern such as *.json"));
    m_valuesCheck = new QCheckBox(tr("Also search values"), this);
    m_valuesCheck->setObjectName(QStringLiteral("searchValuesCheck"));
    m_caseCheck = new QCheckBox(tr("Match case"), this);
    m_caseCheck->setObjectName(QStringLiteral("searchCaseCheck"));
    m_startButton = new QPushButton(tr("Search"), this);
    m_startButton->setObjectName(QStringLiteral("searchStartButton"));
    m_startButton->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Below:"), m_rootEdit);
    form->addRow(tr("Find:"), m_patternEdit);
    auto *options = new QHBoxLayout;
    options->addWidget(m_valuesCheck);
    options->addWidget(m_caseCheck);
    options->addStretch(1);
    options->addWidget(m_startButton);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_status->setWordWrap(true);
    m_status->setText(tr("Searches the server: directories that were never opened are "
                         "searched too. Hidden keys ('_') are never listed by the server."));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("searchResults"));
    m_view->setModel(m_results);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(SearchResultsModel::KeyColumn,
                                                     QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(SearchResultsModel::MatchColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(SearchResultsModel::KeyColumn, 320);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(options);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    resize(720, 480);

    connect(m_startButton, &QPushButton::clicked, this, [this] {
        if (m_search->isRunning())
            m_search->cancel();
        else
            startSearch();
    });
    connect(m_patternEdit, &QLineEdit::returnPressed, this, &KeySearchDialog::startSearch);
    connect(m_search, &KeySearch::hitsFound, m_results, &SearchResultsModel::append);
    connect(m_search, &KeySearch::progress, this, [this] { updateStatus(true); });
    connect(m_search, &KeySearch::finished, this, [this] { updateStatus(false); });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit keyActivated(index.data(SearchResultsModel::KeyRole).toString());
    });
}

void KeySearchDialog::setRoot(const QString &root)
{
    m_rootEdit->setText(root.isEmpty() ? QStringLiteral("/") : root);
}

void KeySearchDialog::startSearch()
{
    const KeySearchQuery query(m_patternEdit->text(), m_valuesCheck->isChecked(),
                               m_caseCheck->isChecked());
    if (query.isEmpty()) {
        m_status->setText(tr("Type what to look for."));
        return;
    }
    m_results->clear();
    m_startButton->setText(tr("Stop"));
    m_search->start(m_rootEdit->text(), query);
    updateStatus(m_search->isRunning());
}

QString KeySearchDialog::statusText() const
{
    return m_status->text();
}

void KeySearchDialog::updateStatus(bool running)
{
    const KeySearch::Summary &s = m_search->summary();
    QString text;
    if (running) {
        text = tr("Searching… %n keys searched", nullptr, s.keysSearched) + QStringLiteral(", ") +
               tr("%n directories", nullptr, s.directoriesSearched) + QStringLiteral(", ") +
               tr("%n found", nullptr, s.hits);
    } else {
        text = (s.completed ? tr("Done: %n keys searched", nullptr, s.keysSearched)
                            : tr("Stopped: %n keys searched", nullptr, s.keysSearched)) +
               QStringLiteral(", ") + tr("%n directories", nullptr, s.directoriesSearched) +
               QStringLiteral(", ") + tr("%n found", nullptr, s.hits) + QLatin1Char('.');
        if (!s.failedDirectories.isEmpty())
            text += QLatin1Char(' ') +
                    tr("Could not list: %1").arg(s.failedDirectories.join(QStringLiteral(", ")));
        text += QLatin1Char(' ') + tr("Hidden keys ('_') are never listed by the server.");
        m_startButton->setText(tr("Search"));
    }
    m_status->setText(text);
}

} // namespace admin
