// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace admin::editor {

// Colours JSON in a text document line by line: member names, string
// values, numbers, true/false/null and punctuation. A lexer only (it never
// judges validity: the editor's status line does), so it stays correct
// while the user types half a value. Colours are picked for the palette's
// lightness (light or dark theme). Enabled only while the document is
// meant to be JSON (setActive): plain values stay plain.
//
// Owned by its document (QSyntaxHighlighter's parent). GUI thread only.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document, bool darkBackground = false);

    void setActive(bool active);
    bool isActive() const { return m_active; }

    enum class Kind { Name, String, Number, Literal, Punctuation };
    const QTextCharFormat &format(Kind kind) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    bool m_active = true;
    QTextCharFormat m_name, m_string, m_number, m_literal, m_punctuation;
};

} // namespace admin::editor
