// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"

#include <QRegularExpression>
#include <QString>

namespace admin {

// What a server-side key search looks for, and the test of one node.
//
// The pattern matches a key's name (the last path segment) or, when it
// holds a '/', the whole key; with '*' or '?' it is a wildcard pattern that
// must match all of it, otherwise a substring. With searchValues set, a
// key whose value contains the pattern (as a substring, or matching the
// wildcard anywhere in it) matches too. Case-insensitive unless
// caseSensitive. An empty pattern matches nothing. Directories match by
// name only. A value type; thread-safe.
class KeySearchQuery
{
public:
    enum class Match { None, Name, Value };

    KeySearchQuery() = default;
    KeySearchQuery(const QString &pattern, bool searchValues, bool caseSensitive = false);

    QString pattern() const { return m_pattern; }
    bool searchValues() const { return m_searchValues; }
    bool isEmpty() const { return m_pattern.isEmpty(); }

    Match match(const client::Node &node) const;

private:
    bool matchesText(const QString &text, bool whole) const;

    QString m_pattern;
    bool m_searchValues = false;
    bool m_pathPattern = false;
    Qt::CaseSensitivity m_case = Qt::CaseInsensitive;
    QRegularExpression m_whole; // wildcard, anchored; invalid when not a wildcard
    QRegularExpression m_anywhere;
};

} // namespace admin
