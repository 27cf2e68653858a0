// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace admin::editor {

// What a refused compare-and-swap leaves the user with: their edit
// ("mine"), the server's current version ("theirs") and the version both
// started from ("base") side by side, the lines each side changed against
// the base marked, and a merged text to edit and save: changes of one side
// only are taken, conflicting ones are written with markers that must be
// resolved before the merge can be saved (or "Use mine" / "Use theirs").
//
// When all three are JSON objects or arrays they are compared formatted
// (one line per member), so that a change inside a one-line value shows as
// the member it is; the merged text is then formatted JSON too.
//
// The caller saves mergedText() with compare-and-swap against
// theirs.modifiedIndex after exec() returned Accepted. GUI thread only.
class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    ConflictDialog(const client::Node &base, const QString &mine, const client::Node &theirs,
                   QWidget *parent = nullptr);

    QString mergedText() const;
    int conflictCount() const { return m_conflicts; }
    bool comparedAsJson() const { return m_json; }
    QPlainTextEdit *baseView() const { return m_base; }
    QPlainTextEdit *mineView() const { return m_mine; }
    QPlainTextEdit *theirsView() const { return m_theirs; }
    QPlainTextEdit *mergedEdit() const { return m_merged; }

private:
    void updateState();

    QPlainTextEdit *m_base;
    QPlainTextEdit *m_mine;
    QPlainTextEdit *m_theirs;
    QPlainTextEdit *m_merged;
    QLabel *m_mergeStatus;
    QPushButton *m_saveButton;
    int m_conflicts = 0;
    bool m_json = false;
};

} // namespace admin::editor
