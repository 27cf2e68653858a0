// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

#include <optional>

namespace admin::editor {

// JSON as the text a user stores, not as a document: validation with the
// place of the first error, and reformatting (indented or minified) that
// keeps everything the text says - object members in their stored order,
// duplicate names, numbers spelled as written, string escapes as typed -
// and changes only the whitespace between tokens. QJsonDocument cannot do
// that: it sorts object members and rewrites numbers, so a view built on it
// would show a value that is not the stored one.
//
// Grammar: RFC 8259 (any value at the top, surrounded by whitespace);
// nesting deeper than maxDepth is refused rather than recursed into.
// Stateless; any thread.
class JsonText
{
public:
    static constexpr int maxDepth = 512;

    struct Check
    {
        bool valid = false;
        qsizetype offset = 0; // of the first error, in UTF-16 units
        int line = 0;         // 1-based
        int column = 0;       // 1-based, in characters of that line
        QString message;      // translated; empty when valid

        // "line 3, column 5: expected ',' or '}'", translated.
        QString describe() const;
    };

    static Check check(const QString &text);
    // True when `text` is a valid JSON object or array (what the editor
    // treats as structured configuration).
    static bool isStructured(const QString &text);
    // True when the text starts like an object or array (after whitespace),
    // valid or not: the user means it to be JSON.
    static bool looksStructured(const QString &text);
    // nullopt when `text` is not valid JSON.
    static std::optional<QString> format(const QString &text, int indent = 4);
    static std::optional<QString> minify(const QString &text);
};

} // namespace admin::editor
