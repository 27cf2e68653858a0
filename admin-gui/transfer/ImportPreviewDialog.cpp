// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transfer/ImportPreviewDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace admin {

namespace {
QString preview(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return v.size() > 120 ? v.left(120) + QChar(0x2026) : v;
}
} // namespace

ImportPreviewDialog::ImportPreviewDialog(const ImportPlan &plan, QWidget *parent)
    : QDialog(parent), m_plan(plan)
{
    setWindowTitle(tr("Import below %1: dry run").arg(plan.target));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_deleteExtras = new QCheckBox(tr("Delete keys that are not in the file"), this);
    m_deleteExtras->setObjectName(QStringLiteral("deleteExtrasCheck"));
    m_deleteExtras->setChecked(plan.deleteExtras);
    m_entries = new QTreeWidget(this);
    m_entries->setObjectName(QStringLiteral("importEntries"));
    m_entries->setRootIsDecorated(false);
    m_entries->setHeaderLabels({tr("Key"), tr("Action"), tr("On the server"), tr("In the file")});
    m_entries->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_entries->setColumnWidth(0, 280);
    auto *note = new QLabel(
        tr("Every write is guarded: a key that changes on the server after this preview is "
           "not overwritten but reported. Hidden keys ('_') on the server are never listed, "
           "so only those in the file are compared."),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_deleteExtras);
    layout->addWidget(m_entries, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(760, 480);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_deleteExtras, &QCheckBox::toggled, this, &ImportPreviewDialog::setDeleteExtras);
    refresh();
}

void ImportPreviewDialog::setDeleteExtras(bool on)
{
    m_plan.deleteExtras = on;
    if (m_deleteExtras->isChecked() != on)
        m_deleteExtras->setChecked(on);
    refresh();
}

QString ImportPreviewDialog::summaryText() const
{
    return m_summary->text();
}

void ImportPreviewDialog::refresh()
{
    m_summary->setText(m_plan.summary());
    m_entries->clear();
    for (const ImportPlan::Entry &e : m_plan.entries) {
        QString action = ImportPlan::actionName(e.action);
        if (e.action == ImportPlan::Action::Extra)
            action = m_plan.deleteExtras ? tr("delete") : tr("keep (not in the file)");
        const QString dirText = tr("(directory)");
        const bool onServer = e.action != ImportPlan::Action::Add;
        const bool inFile = e.action != ImportPlan::Action::Extra;
        auto *item = new QTreeWidgetItem(
            m_entries, {e.dir ? e.key + QLatin1Char('/') : e.key, action,
                        onServer ? (e.dir ? dirText : preview(e.currentValue)) : QString(),
                        inFile ? (e.dir ? dirText : preview(e.value)) : QString()});
        item->setToolTip(2, e.currentValue);
        item->setToolTip(3, e.value);
    }
}

} // namespace admin
