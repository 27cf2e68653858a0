// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace admin {

// The dry run of an import: what writing an exported subtree below a
// target would do to what the server holds there now, entry by entry, and
// the compare-and-swap guard each write carries so that what is written is
// exactly what was previewed:
//   Add       the key or directory is not there: create with prevExist=false
//   Change    a key with another value: set with prevIndex = its modifiedIndex
//   Unchanged same value (or a directory that exists): not written
//   Extra     on the server but not in the file: deleted with prevIndex
//             (directories: non-recursive, after their keys) only when
//             deleteExtras is set, kept otherwise
//   Conflict  a key in the file where the server has a directory or the
//             other way round: never written, reported
// The file side is SubtreeJson::writesFor(file, target). `current` is the
// server's recursive listing of the target (absent: nothing there) with
// any hidden subtrees of the file fetched by name grafted in (the server
// never lists hidden keys, so hidden keys that are on the server but not
// in the file cannot be seen and are never deleted).
// A value type built by pure functions; thread-safe.
class ImportPlan
{
    Q_DECLARE_TR_FUNCTIONS(admin::ImportPlan)
public:
    enum class Action { Add, Change, Unchanged, Extra, Conflict };
    struct Entry
    {
        QString key;
        Action action = Action::Add;
        bool dir = false;
        QString value;         // the file's value (Add, Change)
        QString currentValue;  // the server's value (Change, Extra)
        qint64 ttl = 0;        // the file's remaining TTL
        quint64 prevIndex = 0; // the server's modifiedIndex (Change, Extra)
    };

    static ImportPlan build(const client::Node &file, const QString &target,
                            const client::Node *current);

    // The topmost hidden keys of the file's writes below `target` (the
    // server must be asked for each by name to know what is there).
    static QStringList hiddenRoots(const client::Node &file, const QString &target);

    QString target;
    QList<Entry> entries; // file order (parents first), then extras deepest first
    bool deleteExtras = false;

    int count(Action action) const;
    // The counts in words ("2 added, 1 changed, ...").
    QString summary() const;
    static QString actionName(Action action);
};

} // namespace admin

Q_DECLARE_METATYPE(admin::ImportPlan)
