// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/StoreCapture.h"

namespace store {

void StoreCapture::beforeModify(const Node *n)
{
    if (recording(n) && !m_preImages.contains(n))
        m_preImages.insert(n, {n->value, n->modifiedIndex, n->expirationNs});
}

void StoreCapture::adopted(const Node *parent, const Node *child)
{
    if (m_retired)
        return;
    // The image does not count the new child. (Its address may be a freed node's that was
    // born too: no node of the image is freed while the capture lives.)
    m_born.insert(child);
    if (inImage(parent))
        --m_childDelta[parent];
}

void StoreCapture::removed(const Node *parent, std::unique_ptr<Node> &owned)
{
    if (!recording(parent))
        return;
    // Live children no longer count it: the image does when it existed at the start (it is
    // kept here then), and never did otherwise (adopted() took it off).
    ++m_childDelta[parent];
    if (inImage(owned.get())) {
        const QString name = owned->name;
        m_graves.emplace(GraveKey{parent, name}, std::move(owned));
    }
}

void StoreCapture::retire(std::unique_ptr<Node> oldRoot)
{
    if (!m_retired)
        m_retired = std::move(oldRoot);
}

const Node *StoreCapture::nextChild(const Node *dir, const QString *after,
                                    ChildCursor *cursor) const
{
    const Node::Children &live = dir->children;
    if (!cursor->valid) {
        cursor->live = after ? live.upper_bound(*after) : live.begin();
        // Looked up once per piece, not per child: with tens of thousands of removed nodes
        // this lookup was most of the time a member spent encoding (bench/README "Scale").
        cursor->grave = m_graves.empty() ? m_graves.end()
                        : after          ? m_graves.upper_bound(GraveKey{dir, *after})
                                         : m_graves.lower_bound(GraveKey{dir, QString()});
        cursor->valid = true;
    }
    auto &it = cursor->live;
    while (it != live.end() && !inImage(it->second.get()))
        ++it;
    const Node *fromLive = it == live.end() ? nullptr : it->second.get();
    const Node *fromGrave = cursor->grave != m_graves.end() && cursor->grave->first.parent == dir
                                ? cursor->grave->second.get()
                                : nullptr;
    // Never the same name from both: a live child of that name was created after the one
    // removed, so it is not in the image.
    if (fromLive && (!fromGrave || NodeNameLess()(fromLive->name, fromGrave->name))) {
        ++it;
        return fromLive;
    }
    if (fromGrave)
        ++cursor->grave;
    return fromGrave;
}

quint32 StoreCapture::childCount(const Node *dir) const
{
    return quint32(qint64(dir->children.size()) + m_childDelta.value(dir, 0));
}

const StoreCapture::PreImage *StoreCapture::preImage(const Node *n) const
{
    if (m_preImages.isEmpty())
        return nullptr;
    auto it = m_preImages.constFind(n);
    return it == m_preImages.cend() ? nullptr : &*it;
}

} // namespace store
