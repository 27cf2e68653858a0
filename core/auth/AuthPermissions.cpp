// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthPermissions.h"

#include <algorithm>

namespace auth {

namespace {

const QStringList &listOf(const AuthPermissions &p, bool write)
{
    static const QStringList none;
    const std::optional<QStringList> &list = write ? p.write : p.read;
    return list ? *list : none;
}

// A '*' pattern's prefix covers `key`. Keys arrive clean ("/dir", never
// "/dir/"), so "/dir/*" also covers the directory /dir itself: what etcd,
// which checks the path as sent, allows when it is spelt "/dir/".
bool coveredByPrefix(const QString &pattern, const QString &key)
{
    const QStringView prefix = QStringView(pattern).chopped(1);
    if (key.startsWith(prefix))
        return true;
    return prefix.size() > 1 && prefix.endsWith(QLatin1Char('/')) &&
           QStringView(key) == prefix.chopped(1);
}

// etcd's simpleMatch. An empty pattern matches nothing (etcd would panic).
bool simpleMatch(const QString &pattern, const QString &key)
{
    if (pattern.isEmpty())
        return false;
    if (pattern.endsWith(QLatin1Char('*')))
        return coveredByPrefix(pattern, key);
    return key == pattern;
}

// etcd's prefixMatch: only '*' patterns grant access to a subtree.
bool prefixMatch(const QString &pattern, const QString &key)
{
    if (pattern.isEmpty() || !pattern.endsWith(QLatin1Char('*')))
        return false;
    return coveredByPrefix(pattern, key);
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

} // namespace auth
