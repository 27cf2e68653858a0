// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Error.h"
#include "keys/SubtreeJson.h"
#include "transfer/ImportPlan.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace admin {

class ClusterConnection;

// Exports a subtree to a file and imports one, with a dry run first.
//
// Export: one recursive, sorted GET, plus one GET per hidden key named by
// the caller (the v2 API never lists names starting with '_', so those are
// the only hidden keys it can put in the file); the report says how many
// keys went in, which hidden ones, which named ones were not found, and
// that unnamed hidden keys are not in the file.
//
// Import: preview() reads the file and what the server holds below the
// target (a recursive GET, and a GET per hidden subtree of the file) and
// emits previewReady() with the ImportPlan; apply() performs exactly that
// plan, each write guarded by compare-and-swap (prevExist=false for what is
// added, prevIndex for what is changed or deleted), so anything that
// changed on the server since the preview is refused and reported, never
// overwritten. Directories are created one at a time parents first, keys
// at most 8 in flight, deletions keys first and directories last
// (non-recursive). importFrom() is preview + apply in one go.
//
// Reports progress() while writing and finished() once per export, failed
// preview or apply, with a message for the user. One transfer at a time.
// Does not own the connection. GUI thread.
class SubtreeTransfer : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        QStringList written;
        QStringList refused; // the compare-and-swap guard failed: changed since the preview
        QStringList failed;  // other errors, with the reason
    };

    explicit SubtreeTransfer(ClusterConnection *connection, QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }
    // With allowMissing, a key that does not exist exports as an empty
    // directory (a safety export before an import into a new place).
    void exportTo(const QString &key, const QString &fileName, const QStringList &hiddenKeys = {},
                  bool allowMissing = false);
    void preview(const QString &fileName, const QString &targetKey);
    void apply(const ImportPlan &plan);
    void importFrom(const QString &fileName, const QString &targetKey);
    const Outcome &lastOutcome() const { return m_outcome; }

signals:
    void previewReady(const admin::ImportPlan &plan);
    void progress(int done, int total);
    void finished(bool ok, const QString &message);

private:
    // What a recursive listing of `root` plus a listing of each of `named`
    // (hidden subtrees, which the server never lists) grafted into it
    // hold; `exists` tells whether any of them was there. A failed read
    // ends the transfer instead.
    using Listed = std::function<void(const client::Node &tree, bool exists,
                                      const QStringList &found, const QStringList &missing)>;
    void listWithNamed(const QString &root, const QStringList &named, Listed done);
    void graftNamed(client::Node tree, bool exists, QStringList named, QStringList found,
                    QStringList missing, Listed done);
    void writeExport(const QString &root, const QString &fileName, const client::Node &tree,
                     const QStringList &included, const QStringList &missing);
    void pump();
    void written(const ImportPlan::Entry &entry, const client::Error &error);
    void end(bool ok, const QString &message);

    QPointer<ClusterConnection> m_connection;
    bool m_busy = false;
    bool m_applyAfterPreview = false;
    QString m_target;
    // Apply: phases run one after the other; entries of a phase run
    // `parallel` at a time.
    struct Phase
    {
        QList<ImportPlan::Entry> entries;
        int parallel = 1;
    };
    QList<Phase> m_phases;
    ImportPlan m_plan;
    int m_next = 0;
    int m_inFlight = 0;
    int m_done = 0;
    int m_total = 0;
    Outcome m_outcome;
};

} // namespace admin
