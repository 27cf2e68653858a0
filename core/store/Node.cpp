#include "store/Node.h"

#include <algorithm>
#include <vector>

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

Node::Node(const QString &p, Node *par, bool isDir, quint64 index, qint64 expNs)
    : path(p), parent(par), dir(isDir), createdIndex(index), modifiedIndex(index),
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

QStringView Node::name() const
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return QStringView(path).mid(slash + 1);
}

bool Node::isHidden() const
{
    const QStringView n = name();
    return !n.isEmpty() && n.front() == QLatin1Char('_');
}

Node *Node::child(QStringView name) const
{
    auto it = children.find(name);
    return it == children.end() ? nullptr : it->second.get();
}

qint64 Node::ttlSeconds(qint64 expirationNs, qint64 nowNs)
{
    const qint64 left = expirationNs - nowNs;
    qint64 ttl = left / 1000000000LL; // C++ truncates toward zero, like Go
    if (left % 1000000000LL > 0)
        ++ttl;
    return ttl;
}

void Node::fillBasics(NodeValue &v, qint64 nowNs) const
{
    v.key = path;
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

void Node::listChildren(NodeValue &v, bool recursive, bool sorted, qint64 nowNs) const
{
    // The map is ordered by name, which is the order of the keys, so the listing is
    // sorted whether or not `sorted` was asked for (etcd's unsorted order is random).
    Q_UNUSED(sorted);
    v.nodes.reserve(qsizetype(children.size()));
    for (const auto &c : children) {
        const Node &n = *c.second;
        if (n.isHidden())
            continue;
        v.nodes.append(n.repr(recursive, sorted, nowNs));
    }
    v.hasNodes = !v.nodes.isEmpty();
}

NodeValue Node::repr(bool recursive, bool sorted, qint64 nowNs) const
{
    NodeValue v;
    fillBasics(v, nowNs);
    if (dir && recursive)
        listChildren(v, recursive, sorted, nowNs);
    return v;
}

NodeValue Node::load(bool recursive, bool sorted, qint64 nowNs) const
{
    NodeValue v;
    fillBasics(v, nowNs);
    if (dir)
        listChildren(v, recursive, sorted, nowNs);
    return v;
}
