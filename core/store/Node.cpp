// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/Node.h"

#include <QtNumeric>

#include <algorithm>
#include <limits>
#include <vector>

namespace store {

namespace {
// Maps a UTF-16 code unit so that comparing mapped units orders strings by code point:
// surrogates (U+D800..U+DFFF, i.e. code points >= U+10000) go above U+E000..U+FFFF.
inline char32_t codePointRank(char16_t u)
{
    if (u >= 0xE000)
        return u - 0x800;
    if (u >= 0xD800)
        return u + 0x2000;
    return u;
}
} // namespace

bool NodeNameLess::operator()(QStringView a, QStringView b) const
{
    const qsizetype n = std::min(a.size(), b.size());
    const QChar *pa = a.data();
    const QChar *pb = b.data();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t ua = pa[i].unicode(), ub = pb[i].unicode();
        if (ua != ub)
            return codePointRank(ua) < codePointRank(ub);
    }
    return a.size() < b.size();
}

Node::Node(const QString &n, Node *par, bool isDir, quint64 index, qint64 expNs)
    : name(n), parent(par), dir(isDir), createdIndex(index), modifiedIndex(index),
      expirationNs(expNs)
{
}

Node::~Node()
{
    if (children.empty())
        return;
    std::vector<std::unique_ptr<Node>> pending;
    for (auto &c : children)
        pending.push_back(std::move(c.second));
    children.clear();
    while (!pending.empty()) {
        std::unique_ptr<Node> n = std::move(pending.back());
        pending.pop_back();
        for (auto &c : n->children)
            pending.push_back(std::move(c.second));
        n->children.clear();
    } // each n dies childless, so no recursion
}

bool Node::isHidden() const
{
    return !name.isEmpty() && name.front() == QLatin1Char('_');
}

Node *Node::child(QStringView childName) const
{
    auto it = children.find(childName);
    return it == children.end() ? nullptr : it->second.get();
}

Node *Node::adopt(std::unique_ptr<Node> c)
{
    Node *raw = c.get();
    children.emplace(raw->name, std::move(c)); // the map key shares the name's data
    return raw;
}

QString Node::path() const
{
    if (!parent)
        return QStringLiteral("/");
    qsizetype size = 0;
    for (const Node *n = this; n->parent; n = n->parent)
        size += 1 + n->name.size();
    QString out(size, Qt::Uninitialized);
    QChar *end = out.data() + size;
    for (const Node *n = this; n->parent; n = n->parent) {
        end -= n->name.size();
        std::copy_n(n->name.constData(), n->name.size(), end);
        *--end = QLatin1Char('/');
    }
    return out;
}

QString Node::joinPath(const QString &parentKey, QStringView childName)
{
    QString out;
    out.reserve(parentKey.size() + 1 + childName.size());
    if (parentKey.size() > 1) // not "/"
        out += parentKey;
    out += QLatin1Char('/');
    out += childName;
    return out;
}

qint64 Node::ttlSeconds(qint64 expirationNs, qint64 nowNs)
{
    // Saturating like Go's Time.Sub: an expiration from a damaged or hostile command (any
    // i64 decodes) must not overflow (undefined behaviour, found by fuzz_raft_message).
    qint64 left = 0;
    if (qSubOverflow(expirationNs, nowNs, &left))
        left = expirationNs > nowNs ? std::numeric_limits<qint64>::max()
                                    : std::numeric_limits<qint64>::min();
    qint64 ttl = left / 1000000000LL; // C++ truncates toward zero, like Go
    if (left % 1000000000LL > 0)
        ++ttl;
    return ttl;
}

void Node::fillBasics(NodeValue &v, const QString &key, qint64 nowNs) const
{
    v.key = key;
    v.dir = dir;
    if (!dir)
        v.value = value;
    v.modifiedIndex = modifiedIndex;
    v.createdIndex = createdIndex;
    if (expirationNs != 0) {
        v.expirationNs = expirationNs;
        v.ttl = ttlSeconds(expirationNs, nowNs);
    }
}

// This node's value; with `listSelf` (a dir) its visible children, and with `recursive`
// theirs too, level by level from an explicit stack (no recursion).
NodeValue Node::build(const QString &key, bool listSelf, bool recursive, qint64 nowNs) const
{
    NodeValue top;
    fillBasics(top, key, nowNs);
    if (!dir || !listSelf)
        return top;

    // A value's list is filled completely before pointers into it are taken, and never
    // grows again, so those pointers stay valid until the walk ends.
    struct Pending
    {
        const Node *node;
        NodeValue *value;
    };
    std::vector<Pending> stack{{this, &top}};
    std::vector<const Node *> listed;
    while (!stack.empty()) {
        const Pending p = stack.back();
        stack.pop_back();
        // The map is ordered by name, which is the order of the keys, so the listing is
        // sorted whether or not `sorted` was asked for (etcd's unsorted order is random).
        listed.clear();
        for (const auto &c : p.node->children) {
            if (!c.second->isHidden())
                listed.push_back(c.second.get());
        }
        QList<NodeValue> &nodes = p.value->nodes;
        nodes.reserve(qsizetype(listed.size()));
        for (const Node *c : listed) {
            NodeValue v;
            c->fillBasics(v, joinPath(p.value->key, c->name), nowNs);
            nodes.append(std::move(v));
        }
        p.value->hasNodes = !nodes.isEmpty();
        if (!recursive)
            continue;
        NodeValue *values = nodes.data();
        for (size_t i = 0; i < listed.size(); ++i) {
            if (listed[i]->dir)
                stack.push_back({listed[i], values + i});
        }
    }
    return top;
}

NodeValue Node::repr(const QString &key, bool recursive, bool sorted, qint64 nowNs) const
{
    Q_UNUSED(sorted);
    Q_ASSERT(key == path());
    return build(key, recursive, recursive, nowNs);
}

NodeValue Node::load(const QString &key, bool recursive, bool sorted, qint64 nowNs) const
{
    Q_UNUSED(sorted);
    Q_ASSERT(key == path());
    return build(key, true, recursive, nowNs);
}

} // namespace store
