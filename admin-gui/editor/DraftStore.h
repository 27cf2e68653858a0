// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"

#include <QHash>
#include <QString>

#include <optional>

namespace admin::editor {

// Unsaved edits kept per key while the user looks at other keys: the text
// typed and the version of the node the edit started from (its
// modifiedIndex is what a later save compares against, so a draft restored
// after someone else changed the key is still refused, not written over).
//
// Invariant: at most one draft per key; a draft is never empty of meaning
// (storing the base value itself removes the draft). Plain value holder,
// no I/O. GUI thread only (not synchronised).
class DraftStore
{
public:
    struct Draft
    {
        QString text;
        client::Node base;
    };

    // Keeps `text` as the draft of base.key; the base's own value drops it.
    void keep(const client::Node &base, const QString &text);
    std::optional<Draft> draft(const QString &key) const;
    void drop(const QString &key);
    bool contains(const QString &key) const { return m_drafts.contains(key); }
    qsizetype size() const { return m_drafts.size(); }
    QStringList keys() const { return m_drafts.keys(); }

private:
    QHash<QString, Draft> m_drafts;
};

} // namespace admin::editor
