// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transfer/ImportPlan.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QTreeWidget;

namespace admin {

// The dry run of an import, shown before anything is written: the counts
// (added / changed / deleted or kept / unchanged / conflicts) and every
// entry with the server's and the file's value. "Delete keys that are not
// in the file" turns the extras into deletions. Accepting returns the plan
// to apply (plan()); nothing else is written than what it lists.
// GUI thread only.
class ImportPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportPreviewDialog(const ImportPlan &plan, QWidget *parent = nullptr);

    const ImportPlan &plan() const { return m_plan; }
    void setDeleteExtras(bool on);
    QString summaryText() const;

private:
    void refresh();

    ImportPlan m_plan;
    QLabel *m_summary;
    QCheckBox *m_deleteExtras;
    QTreeWidget *m_entries;
};

} // namespace admin
