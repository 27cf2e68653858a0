// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transfer/SafetyExport.h"

#include "connection/ClusterConnection.h"
#include "keys/SubtreeTransfer.h"

#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QStandardPaths>

namespace admin {

SafetyExport::SafetyExport(ClusterConnection *connection, QObject *parent)
    : QObject(parent), m_connection(connection), m_transfer(new SubtreeTransfer(connection, this)),
      m_directory(defaultDirectory())
{
    m_restoreAction = new QAction(tr("Restore"), this);
    m_restoreAction->setObjectName(QStringLiteral("restoreSafetyExportAction"));
    m_restoreAction->setEnabled(false);
    connect(m_restoreAction, &QAction::triggered, this, &SafetyExport::restoreLast);

    connect(m_transfer, &SubtreeTransfer::finished, this, [this](bool ok, const QString &text) {
        const Step step = m_step;
        m_step = Step::Idle;
        if (step == Step::Restoring) {
            emit restored(ok, text);
            return;
        }
        if (step != Step::Exporting)
            return;
        std::function<void()> action = std::move(m_pending);
        m_pending = nullptr;
        if (!ok) {
            m_lastFile.clear();
            m_restoreAction->setEnabled(false);
            emit failed(tr("The safety export before %1 failed, so nothing was changed: %2")
                            .arg(m_pendingWhat, text));
            return;
        }
        m_restoreAction->setEnabled(true);
        m_restoreAction->setToolTip(tr("Put %1 back as it was before %2 (from %3)")
                                        .arg(m_lastKey, m_pendingWhat, m_lastFile));
        prune();
        emit taken(m_lastFile);
        if (action)
            action();
    });
}

QString SafetyExport::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/safety-exports");
}

void SafetyExport::protect(const QString &key, const QString &what, const QStringList &hiddenKeys,
                           bool restoreDeletesExtras, std::function<void()> action)
{
    if (m_step != Step::Idle || m_transfer->isBusy()) {
        emit failed(tr("A safety export is already running; %1 was not done.").arg(what));
        return;
    }
    if (!QDir().mkpath(m_directory)) {
        emit failed(
            tr("Cannot create %1 for the safety export; %2 was not done.").arg(m_directory, what));
        return;
    }
    QString name = key.mid(1);
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    if (name.isEmpty())
        name = QStringLiteral("root");
    m_lastFile =
        QDir(m_directory)
            .filePath(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
                      QLatin1Char('-') + name + QStringLiteral(".json"));
    m_lastKey = key;
    m_lastDeletesExtras = restoreDeletesExtras;
    m_pending = std::move(action);
    m_pendingWhat = what;
    m_step = Step::Exporting;
    m_transfer->exportTo(key, m_lastFile, hiddenKeys, true);
}

void SafetyExport::restoreLast()
{
    if (m_lastFile.isEmpty() || m_step != Step::Idle || m_transfer->isBusy()) {
        emit restored(false, tr("Nothing to restore, or a transfer is running."));
        return;
    }
    m_step = Step::Restoring;
    const bool deleteExtras = m_lastDeletesExtras;
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_transfer, &SubtreeTransfer::previewReady, this,
                    [this, once, deleteExtras](const ImportPlan &preview) {
                        disconnect(*once);
                        ImportPlan plan = preview;
                        plan.deleteExtras = deleteExtras;
                        m_transfer->apply(plan);
                    });
    // A failed preview ends with finished(); the connection must not
    // outlive it.
    connect(
        m_transfer, &SubtreeTransfer::finished, this, [once] { QObject::disconnect(*once); },
        Qt::SingleShotConnection);
    m_transfer->preview(m_lastFile, m_lastKey);
}

void SafetyExport::prune()
{
    QDir dir(m_directory);
    const QStringList files =
        dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name | QDir::Reversed);
    for (qsizetype i = kKeep; i < files.size(); ++i)
        dir.remove(files.at(i));
}

} // namespace admin
