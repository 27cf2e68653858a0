// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>
#include <QStringList>

#include <functional>

// Test support: golden files in the shape of etcd's datadriven test files. A file is a
// sequence of blocks
//     # comments and blank lines (kept as they are)
//     <command line>
//     ----
//     <expected output, one or more non-empty lines>
//     <blank line or end of file>
// run() hands every command to a callback, collects what it prints and rebuilds the file
// text with the actual output in place of the expected one. The test compares that text
// with the file (diff() shows where they differ) or, when regenerating, writes it back.
// Output must not contain blank lines (they end a block); the callback's empty output is
// written as "ok".
class GoldenFile
{
public:
    struct Block
    {
        QStringList preamble; // comment and blank lines before the command
        QString command;
        int line = 0; // 1-based line of the command, for messages
        QStringList expected;
    };

    // Parses text; on malformed input returns false and sets *error.
    bool parse(const QString &text, QString *error);
    const QList<Block> &blocks() const { return m_blocks; }
    // Runs every command in order; the callback returns the command's output.
    QString run(const std::function<QString(const Block &)> &execute) const;

    // A unified-style line diff of two texts (only changed lines with 2 lines of context),
    // empty when they are equal.
    static QString diff(const QString &expected, const QString &actual);

private:
    QList<Block> m_blocks;
    QStringList m_trailer; // comments after the last block
};
