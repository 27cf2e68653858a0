#include "auth/AuthPermissions.h"

#include <algorithm>

namespace {

const QStringList &listOf(const AuthPermissions &p, bool write)
{
    static const QStringList none;
    const std::optional<QStringList> &list = write ? p.write : p.read;
    return list ? *list : none;
}

// etcd's simpleMatch. An empty pattern matches nothing (etcd would panic).
bool simpleMatch(const QString &pattern, const QString &key)
{
    if (pattern.isEmpty())
        return false;
    if (pattern.endsWith(QLatin1Char('*')))
        return key.startsWith(QStringView(pattern).chopped(1));
    return key == pattern;
}

// etcd's prefixMatch: only '*' patterns grant access to a subtree.
bool prefixMatch(const QString &pattern, const QString &key)
{
    if (pattern.isEmpty() || !pattern.endsWith(QLatin1Char('*')))
        return false;
    return key.startsWith(QStringView(pattern).chopped(1));
}

} // namespace

bool AuthPermissions::isEmpty() const
{
    return (!read || read->isEmpty()) && (!write || write->isEmpty());
}

bool AuthPermissions::hasAccess(const QString &key, bool write) const
{
    const QStringList &list = listOf(*this, write);
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const QString &pattern) { return simpleMatch(pattern, key); });
}

bool AuthPermissions::hasRecursiveAccess(const QString &key, bool write) const
{
    const QStringList &list = listOf(*this, write);
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const QString &pattern) { return prefixMatch(pattern, key); });
}

std::optional<AuthPermissions> AuthPermissions::granted(const AuthPermissions &more,
                                                        QString *error) const
{
    AuthPermissions out;
    const char *kinds[] = {"read", "write"};
    for (int w = 0; w < 2; ++w) {
        QStringList set = listOf(*this, w);
        set.removeDuplicates();
        for (const QString &p : listOf(more, w)) {
            if (set.contains(p)) {
                *error = QStringLiteral("auth: Granting duplicate %1 permission %2")
                             .arg(QLatin1String(kinds[w]), p);
                return std::nullopt;
            }
            set.append(p);
        }
        sortLikeGo(set);
        (w ? out.write : out.read) = set;
    }
    return out;
}

AuthPermissions AuthPermissions::revoked(const AuthPermissions &less) const
{
    AuthPermissions out;
    for (int w = 0; w < 2; ++w) {
        QStringList set = listOf(*this, w);
        set.removeDuplicates();
        for (const QString &p : listOf(less, w))
            set.removeAll(p);
        sortLikeGo(set);
        (w ? out.write : out.read) = set;
    }
    return out;
}

void AuthPermissions::sortLikeGo(QStringList &list)
{
    std::sort(list.begin(), list.end(),
              [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
}
