// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"
#include "editor/DraftStore.h"
#include "keys/OperationResult.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace admin {
namespace editor {
class JsonHighlighter;
}

class KeyOperations;
class MessageBanner;

// Shows and edits the selected node: its value as text and, when it parses,
// as pretty-printed JSON; created/modified index; TTL with a live countdown
// and the expiration time. Save writes with compare-and-swap on the
// modifiedIndex the edit started from, so a change made meanwhile by
// someone else is reported (with Reload and Overwrite offered), never
// silently overwritten. After a refusal the pane reads the key's current
// version and quotes its modifiedIndex; "Compare and merge…" shows mine,
// theirs and the base (editor::ConflictDialog), and the merge is saved with
// compare-and-swap against theirs. Overwrite is a compare-and-swap too,
// against the version just seen: it never recreates a key deleted
// meanwhile (a plain set would, with a new createdIndex). TTL can be set
// or removed.
//
// An unsaved edit is never dropped silently: before another node is shown
// the page asks confirmLeave() (save / discard / keep as draft / cancel),
// and whatever is still unsaved when the pane moves on (a refresh, a
// reconnect) is kept as that key's draft, restored when the key is shown
// again, still based on the index it started from.
//
// Values meant as JSON (objects and arrays) are highlighted and checked as
// they are typed (the first error's line and column shown and underlined),
// can be formatted or minified, and a save or overwrite of a value that was
// valid JSON and no longer is (or is meant to be JSON and is not) asks
// first. The JSON tab shows the stored text indented, never a re-sorted copy.
//
// The pane tracks the server: when the node changes while the user has no
// unsaved edit, the new version is shown; with an unsaved edit the pane
// keeps the edit (and its base index) and says that the server moved on.
//
// Does not own the KeyOperations. GUI thread only.
class KeyDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit KeyDetailPane(QWidget *parent = nullptr);

    void setOperations(KeyOperations *operations);

    // Selection changed (nullopt: nothing selected).
    void showNode(const std::optional<client::Node> &node);
    // The selected node changed on the server / left the tree.
    void serverChanged(const client::Node &node);
    void serverRemoved();

    // Called before another node (or none) is shown while this one may hold
    // an unsaved edit: asks the user. False: stay on this node.
    bool confirmLeave();

    QString key() const { return m_node ? m_node->key : QString(); }
    const editor::DraftStore &drafts() const { return m_drafts; }
    QAction *saveAction() const { return m_saveAction; }
    bool isDirty() const;
    // The modifiedIndex the current edit is based on.
    quint64 baseIndex() const { return m_node ? m_node->modifiedIndex : 0; }
    MessageBanner *banner() const { return m_banner; }

    void setNow(const QDateTime &now) { m_fixedNow = now; } // screenshots: a frozen clock

signals:
    // The pane needs the server's current version of `key` (after a
    // conflict the watch may not have delivered it yet); answer with showNode().
    void reloadRequested(const QString &key);

public slots:
    void save();
    void formatValue();
    void minifyValue();
    void revert();
    void overwrite();
    void openConflictDialog();
    void reloadFromServer();
    void applyTtl();
    void removeTtl();

private:
    void load(const client::Node &node);
    void restoreDraft(const client::Node &server);
    void sendSave(quint64 expectedIndex);
    bool confirmJson();
    void updateJsonState();
    void replaceText(const QString &text);
    void updateCountdown();
    void updateButtons();
    void handleResult(const OperationResult &result);
    void readServerVersion(const QString &key);
    void reportDeleted(const QString &key);
    qint64 remainingTtl() const;
    QDateTime now() const;

    QPointer<KeyOperations> m_operations;
    std::optional<client::Node> m_node;       // what the editor started from
    std::optional<client::Node> m_serverNode; // newer version seen meanwhile
    bool m_removed = false;

    QLabel *m_keyLabel;
    QLabel *m_typeLabel;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_valueEdit;
    QPlainTextEdit *m_jsonView;
    editor::JsonHighlighter *m_valueHighlighter;
    editor::JsonHighlighter *m_viewHighlighter;
    QLabel *m_jsonStatus;
    QPushButton *m_formatButton;
    QPushButton *m_minifyButton;
    QLabel *m_createdLabel;
    QLabel *m_modifiedLabel;
    QLabel *m_ttlLabel;
    QLabel *m_expirationLabel;
    QPushButton *m_saveButton;
    QPushButton *m_revertButton;
    QSpinBox *m_ttlSpin;
    QPushButton *m_setTtlButton;
    QPushButton *m_removeTtlButton;
    QAction *m_saveAction;
    QAction *m_reloadAction;
    QAction *m_overwriteAction;
    QAction *m_mergeAction;
    QTimer m_countdown;
    QDateTime m_fixedNow;
    editor::DraftStore m_drafts;
};

} // namespace admin
