// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Event.h"
#include "store/Node.h"
#include "store/StoreStats.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <map>
#include <memory>

namespace store {

// StoreCapture: the store as it was at one index, kept readable while the store goes on
// changing, so that a snapshot can be serialized on another thread, piece by piece, without
// stopping the member and without a copy of the tree (issue 15, target 2: no fork, no
// second image in memory).
//
// How: at the start it records the index, the stats and the event history (small). The tree
// is not copied. From then on the store tells the capture about each change before it makes
// it, and the capture keeps what the change would destroy of the old state:
//   - a node that existed at the start and is modified: its value, modifiedIndex and
//     expiration before the first change (preImage);
//   - such a node removed from the tree: the detached subtree itself (the grave), not freed;
//   - a directory that existed at the start: how its number of children differs from the
//     start's (childDelta), as children come and go;
//   - every node created since the start (born), which whoever reads the capture skips. Not
//     told apart by createdIndex: an image read from disk is not trusted to keep every
//     createdIndex at or below its index.
// So the capture costs memory in proportion to what changes while it lives, and a node that
// existed at the start is never freed while it lives, so pointers to it stay valid.
// If the store is replaced wholesale (an installed snapshot), the old tree is handed over
// (retire()) and nothing is recorded any more: the old tree no longer changes.
//
// Threading: the store's owner calls the hooks (before*, adopted, removed, retire) between
// changes; a reader (StoreSnapshot::Encoder) reads the capture and the live tree when no change
// can come in between: the member reads it on its own thread, between two changes (node::
// StateMachine::imageStream). Ownership: shared by the store (until Store::endCapture) and the
// reader; the store must outlive the reader's use of the live tree, which its owner guarantees
// by ending the capture only after the reader is done. The last owner may free it on any thread.
class StoreCapture
{
public:
    struct PreImage
    {
        QByteArray value;
        quint64 modifiedIndex = 0;
        qint64 expirationNs = 0;
    };

    StoreCapture(const Node *root, quint64 index, const StoreStats &stats,
                 const QList<Event> &history)
        : m_root(root), m_index(index), m_stats(stats), m_history(history)
    {
    }
    StoreCapture(const StoreCapture &) = delete;
    StoreCapture &operator=(const StoreCapture &) = delete;

    // --- the store's hooks (owner's thread) ---
    // n is about to be modified in place (value, modifiedIndex, expiration).
    void beforeModify(const Node *n);
    // `child`, new, was inserted into `parent`.
    void adopted(const Node *parent, const Node *child);
    // `owned` (a child of `parent`, with its subtree) was just detached from the tree; takes
    // it when the image needs it, else leaves it to the caller to free.
    void removed(const Node *parent, std::unique_ptr<Node> &owned);
    // The store replaced its whole tree: `oldRoot` is the tree the image is read from; kept,
    // and nothing is recorded from now on.
    void retire(std::unique_ptr<Node> oldRoot);

    // --- what a reader sees (between two changes) ---
    const Node *root() const { return m_root; }
    quint64 index() const { return m_index; }
    const StoreStats &stats() const { return m_stats; }
    const QList<Event> &history() const { return m_history; }
    // Whether n belongs to the image (it existed at the start).
    bool inImage(const Node *n) const { return m_born.isEmpty() || !m_born.contains(n); }

private:
    struct GraveKey
    {
        const Node *parent;
        QString name;
    };
    struct GraveLess
    {
        bool operator()(const GraveKey &a, const GraveKey &b) const
        {
            if (a.parent != b.parent)
                return std::less<const Node *>()(a.parent, b.parent);
            return NodeNameLess()(a.name, b.name);
        }
    };
    using Graves = std::map<GraveKey, std::unique_ptr<Node>, GraveLess>;

public:
    // Where a reader is among a directory's live and removed children: valid only while no
    // change can come in between (within one piece of the image).
    struct ChildCursor
    {
        Node::Children::const_iterator live;
        Graves::const_iterator grave; // the first removed child after the last one returned
        bool valid = false;
    };
    // The image's next child of `dir` after the name `*after` (the first one when null), in
    // NodeNameLess order: live children that existed at the start, and removed ones. A valid
    // `cursor` saves looking `after` up again (a lookup per node in a directory of a million).
    const Node *nextChild(const Node *dir, const QString *after, ChildCursor *cursor) const;
    // How many children `dir` had at the start.
    quint32 childCount(const Node *dir) const;
    // n's fields as they were at the start.
    const PreImage *preImage(const Node *n) const;

private:
    bool recording(const Node *n) const { return !m_retired && inImage(n); }

    const Node *m_root;
    const quint64 m_index;
    const StoreStats m_stats;
    const QList<Event> m_history;
    QHash<const Node *, PreImage> m_preImages;
    QHash<const Node *, qint64> m_childDelta;
    QSet<const Node *> m_born;
    Graves m_graves;
    std::unique_ptr<Node> m_retired;
};

} // namespace store
