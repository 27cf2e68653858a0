// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "search/KeySearchQuery.h"

namespace admin {

KeySearchQuery::KeySearchQuery(const QString &pattern, bool searchValues, bool caseSensitive)
    : m_pattern(pattern.trimmed()), m_searchValues(searchValues),
      m_pathPattern(m_pattern.contains(QLatin1Char('/'))),
      m_case(caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive)
{
    if (m_pattern.contains(QLatin1Char('*')) || m_pattern.contains(QLatin1Char('?'))) {
        const auto options = caseSensitive ? QRegularExpression::NoPatternOption
                                           : QRegularExpression::CaseInsensitiveOption;
        // Non-path wildcards: '*' may cross '/' in a whole-key pattern too,
        // which is what someone typing "/app/*settings*" means.
        const QString re = QRegularExpression::wildcardToRegularExpression(
            m_pattern, QRegularExpression::UnanchoredWildcardConversion);
        m_whole = QRegularExpression(QRegularExpression::anchoredPattern(re), options);
        m_anywhere = QRegularExpression(re, options);
    }
}

bool KeySearchQuery::matchesText(const QString &text, bool whole) const
{
    if (m_whole.isValid() && !m_whole.pattern().isEmpty())
        return whole ? m_whole.match(text).hasMatch() : m_anywhere.match(text).hasMatch();
    return text.contains(m_pattern, m_case);
}

KeySearchQuery::Match KeySearchQuery::match(const client::Node &node) const
{
    if (m_pattern.isEmpty())
        return Match::None;
    const QString name = m_pathPattern ? node.key : node.key.section(QLatin1Char('/'), -1);
    if (matchesText(name, true))
        return Match::Name;
    if (m_searchValues && !node.dir && matchesText(node.value, false))
        return Match::Value;
    return Match::None;
}

} // namespace admin
