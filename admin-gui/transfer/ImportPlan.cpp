// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transfer/ImportPlan.h"

#include "keys/SubtreeJson.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace admin {

namespace {

void flatten(const client::Node &node, QHash<QString, client::Node> *out)
{
    client::Node copy = node;
    copy.nodes.clear();
    out->insert(node.key, copy);
    for (const client::Node &child : node.nodes)
        flatten(child, out);
}

} // namespace

QStringList ImportPlan::hiddenRoots(const client::Node &file, const QString &target)
{
    const QString base = SubtreeJson::cleanKey(target);
    QStringList roots;
    for (const SubtreeWrite &w : SubtreeJson::writesFor(file, base)) {
        const QString rel = w.key.mid(base == QLatin1String("/") ? 0 : base.size());
        const qsizetype at = rel.indexOf(QLatin1String("/_"));
        if (at < 0)
            continue;
        const qsizetype end = rel.indexOf(QLatin1Char('/'), at + 1);
        const QString root =
            (base == QLatin1String("/") ? QString() : base) + (end < 0 ? rel : rel.left(end));
        if (!roots.contains(root))
            roots.append(root);
    }
    return roots;
}

ImportPlan ImportPlan::build(const client::Node &file, const QString &target,
                             const client::Node *current)
{
    ImportPlan plan;
    plan.target = SubtreeJson::cleanKey(target);
    QHash<QString, client::Node> server;
    if (current)
        flatten(*current, &server);

    QSet<QString> inFile;
    for (const SubtreeWrite &w : SubtreeJson::writesFor(file, plan.target)) {
        Entry e;
        e.key = w.key;
        e.dir = w.dir;
        e.value = w.value;
        e.ttl = w.ttl;
        // Every ancestor below the target is implied by the file.
        for (QString k = w.key; k.size() > plan.target.size();
             k = k.left(std::max<qsizetype>(k.lastIndexOf(QLatin1Char('/')), 1)))
            inFile.insert(k);
        const auto it = server.constFind(w.key);
        if (it == server.constEnd()) {
            e.action = Action::Add;
        } else if (it->dir != w.dir) {
            e.action = Action::Conflict;
            e.currentValue = it->value;
            e.prevIndex = it->modifiedIndex;
        } else if (w.dir || it->value == w.value) {
            e.action = Action::Unchanged;
            e.currentValue = it->value;
            e.prevIndex = it->modifiedIndex;
        } else {
            e.action = Action::Change;
            e.currentValue = it->value;
            e.prevIndex = it->modifiedIndex;
        }
        plan.entries.append(e);
    }

    QList<Entry> extras;
    for (auto it = server.constBegin(); it != server.constEnd(); ++it) {
        if (it.key().isEmpty() || it.key() == plan.target || inFile.contains(it.key()))
            continue;
        Entry e;
        e.key = it.key();
        e.dir = it->dir;
        e.action = Action::Extra;
        e.currentValue = it->value;
        e.prevIndex = it->modifiedIndex;
        extras.append(e);
    }
    // Deepest first, so a directory's keys go before the directory.
    std::sort(extras.begin(), extras.end(), [](const Entry &a, const Entry &b) {
        const auto da = a.key.count(QLatin1Char('/')), db = b.key.count(QLatin1Char('/'));
        return da != db ? da > db : a.key < b.key;
    });
    plan.entries.append(extras);
    return plan;
}

int ImportPlan::count(Action action) const
{
    return int(std::count_if(entries.cbegin(), entries.cend(),
                             [action](const Entry &e) { return e.action == action; }));
}

QString ImportPlan::actionName(Action action)
{
    switch (action) {
    case Action::Add:
        return tr("add");
    case Action::Change:
        return tr("change");
    case Action::Unchanged:
        return tr("unchanged");
    case Action::Extra:
        return tr("not in the file");
    case Action::Conflict:
        return tr("conflict");
    }
    return {};
}

QString ImportPlan::summary() const
{
    QStringList parts{tr("%n added", nullptr, count(Action::Add)),
                      tr("%n changed", nullptr, count(Action::Change)),
                      deleteExtras ? tr("%n deleted", nullptr, count(Action::Extra))
                                   : tr("%n not in the file (kept)", nullptr, count(Action::Extra)),
                      tr("%n unchanged", nullptr, count(Action::Unchanged))};
    if (const int c = count(Action::Conflict))
        parts.append(tr("%n conflicts (skipped)", nullptr, c));
    return parts.join(QStringLiteral(", "));
}

} // namespace admin
