// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "editor/DraftStore.h"

namespace admin::editor {

void DraftStore::keep(const client::Node &base, const QString &text)
{
    if (base.dir || text == base.value) {
        m_drafts.remove(base.key);
        return;
    }
    m_drafts.insert(base.key, Draft{text, base});
}

std::optional<DraftStore::Draft> DraftStore::draft(const QString &key) const
{
    const auto it = m_drafts.constFind(key);
    if (it == m_drafts.constEnd())
        return std::nullopt;
    return *it;
}

void DraftStore::drop(const QString &key)
{
    m_drafts.remove(key);
}

} // namespace admin::editor
