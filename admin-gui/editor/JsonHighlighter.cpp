// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "editor/JsonHighlighter.h"

namespace admin::editor {

JsonHighlighter::JsonHighlighter(QTextDocument *document, bool darkBackground)
    : QSyntaxHighlighter(document)
{
    m_name.setForeground(QColor(darkBackground ? 0x7a : 0x1f, darkBackground ? 0xb8 : 0x4f,
                                darkBackground ? 0xff : 0xa0));
    m_name.setFontWeight(QFont::DemiBold);
    m_string.setForeground(darkBackground ? QColor(0x9c, 0xdc, 0x8a) : QColor(0x2e, 0x7d, 0x32));
    m_number.setForeground(darkBackground ? QColor(0xf0, 0xb0, 0x70) : QColor(0xb0, 0x50, 0x00));
    m_literal.setForeground(darkBackground ? QColor(0xd8, 0x9c, 0xf0) : QColor(0x8e, 0x24, 0xaa));
    m_literal.setFontWeight(QFont::Bold);
    m_punctuation.setForeground(darkBackground ? QColor(0xa0, 0xa0, 0xa0)
                                               : QColor(0x70, 0x70, 0x70));
}

void JsonHighlighter::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    rehighlight();
}

const QTextCharFormat &JsonHighlighter::format(Kind kind) const
{
    switch (kind) {
    case Kind::Name:
        return m_name;
    case Kind::String:
        return m_string;
    case Kind::Number:
        return m_number;
    case Kind::Literal:
        return m_literal;
    case Kind::Punctuation:
        break;
    }
    return m_punctuation;
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (!m_active)
        return;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'"') {
            qsizetype j = i + 1;
            while (j < n && text.at(j) != u'"')
                j += text.at(j) == u'\\' ? 2 : 1;
            j = qMin(j + 1, n);
            // A string followed by ':' is a member name.
            qsizetype k = j;
            while (k < n && text.at(k).isSpace())
                ++k;
            const bool name = k < n && text.at(k) == u':';
            setFormat(int(i), int(j - i), name ? m_name : m_string);
            i = j;
        } else if (c == u'-' || c.isDigit()) {
            qsizetype j = i + 1;
            while (j < n && (text.at(j).isDigit() || QStringView(u".eE+-").contains(text.at(j))))
                ++j;
            setFormat(int(i), int(j - i), m_number);
            i = j;
        } else if (c.isLetter()) {
            qsizetype j = i + 1;
            while (j < n && text.at(j).isLetter())
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(i), int(j - i), m_literal);
            i = j;
        } else {
            if (QStringView(u"{}[],:").contains(c))
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace admin::editor
