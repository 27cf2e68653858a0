// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class QAction;

namespace admin {

class ClusterConnection;
class SubtreeTransfer;

// The safety net under destructive actions (recursive delete, import,
// member removal): protect() exports the subtree about to be touched to a
// new file in directory() first and only then runs the action; if that
// export fails, the action is not run and failed() says why. The newest
// safety export can be put back with one click (restoreAction(), or
// restoreLast()): an import of the file over its key, guarded by
// compare-and-swap like every import (keys added since are deleted only
// when the protect() call asked for it, e.g. to undo an import).
// Keeps the newest kKeep files of the directory and removes older ones.
//
// Owns its transfer and action; does not own the connection. GUI thread.
class SafetyExport : public QObject
{
    Q_OBJECT
public:
    static constexpr int kKeep = 20;

    explicit SafetyExport(ClusterConnection *connection, QObject *parent = nullptr);

    // <AppLocalDataLocation>/safety-exports
    static QString defaultDirectory();
    QString directory() const { return m_directory; }
    void setDirectory(const QString &directory) { m_directory = directory; }

    // `what` names the action in messages ("delete /app"); `hiddenKeys`
    // go into the export too (the server never lists them).
    void protect(const QString &key, const QString &what, const QStringList &hiddenKeys,
                 bool restoreDeletesExtras, std::function<void()> action);

    bool hasRestorePoint() const { return !m_lastFile.isEmpty(); }
    QString lastFile() const { return m_lastFile; }
    QString lastKey() const { return m_lastKey; }
    QAction *restoreAction() const { return m_restoreAction; }
    void restoreLast();

signals:
    void taken(const QString &fileName);
    void failed(const QString &message);
    void restored(bool ok, const QString &message);

private:
    void prune();

    QPointer<ClusterConnection> m_connection;
    SubtreeTransfer *m_transfer;
    QAction *m_restoreAction;
    QString m_directory;
    QString m_lastFile;
    QString m_lastKey;
    bool m_lastDeletesExtras = false;
    enum class Step { Idle, Exporting, Restoring } m_step = Step::Idle;
    std::function<void()> m_pending;
    QString m_pendingWhat;
};

} // namespace admin
