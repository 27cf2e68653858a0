// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "GoldenFile.h"

#include <vector>

namespace {
const QString kSeparator = QStringLiteral("----");
}

bool GoldenFile::parse(const QString &text, QString *error)
{
    m_blocks.clear();
    m_trailer.clear();
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the final newline
    Block current;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#'))) {
            current.preamble.append(line);
            continue;
        }
        current.command = line;
        current.line = i + 1;
        if (i + 1 >= lines.size() || lines.at(i + 1) != kSeparator) {
            *error =
                QStringLiteral("line %1: expected %2 after the command").arg(i + 2).arg(kSeparator);
            return false;
        }
        i += 2;
        while (i < lines.size() && !lines.at(i).isEmpty())
            current.expected.append(lines.at(i++));
        // lines[i] is the blank line that ends the block (or i is past the end); it is
        // written back by run(), so it is not part of the next preamble.
        m_blocks.append(current);
        current = Block{};
    }
    m_trailer = current.preamble;
    return true;
}

QString GoldenFile::run(const std::function<QString(const Block &)> &execute) const
{
    QStringList out;
    for (qsizetype b = 0; b < m_blocks.size(); ++b) {
        const Block &block = m_blocks.at(b);
        out += block.preamble;
        out.append(block.command);
        out.append(kSeparator);
        QString output = execute(block);
        while (output.endsWith(QLatin1Char('\n')))
            output.chop(1);
        if (output.isEmpty())
            output = QStringLiteral("ok");
        for (const QString &line : output.split(QLatin1Char('\n')))
            out.append(line.isEmpty() ? QStringLiteral("<blank>") : line);
        if (b + 1 < m_blocks.size() || !m_trailer.isEmpty())
            out.append(QString());
    }
    out += m_trailer;
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString GoldenFile::diff(const QString &expected, const QString &actual)
{
    if (expected == actual)
        return {};
    const QStringList a = expected.split(QLatin1Char('\n'));
    const QStringList b = actual.split(QLatin1Char('\n'));
    const qsizetype n = a.size(), m = b.size();
    // Longest common subsequence table, from the end (the files are a few hundred lines).
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : qMax(lcs[i + 1][j], lcs[i][j + 1]);
    }
    struct Line
    {
        QChar tag;
        QString text;
        qsizetype oldLine;
    };
    QList<Line> script;
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            script.append({QLatin1Char(' '), a[i], i + 1});
            ++i, ++j;
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            script.append({QLatin1Char('-'), a[i], i + 1});
            ++i;
        } else {
            script.append({QLatin1Char('+'), b[j++], i + 1});
        }
    }
    const int context = 2;
    QStringList out{QStringLiteral("--- expected"), QStringLiteral("+++ actual")};
    qsizetype lastPrinted = -1;
    for (qsizetype k = 0; k < script.size(); ++k) {
        bool near = false;
        for (qsizetype d = qMax<qsizetype>(0, k - context);
             d <= qMin(script.size() - 1, k + context) && !near; ++d)
            near = script[d].tag != QLatin1Char(' ');
        if (!near)
            continue;
        if (k != lastPrinted + 1)
            out.append(QStringLiteral("@@ line %1 @@").arg(script[k].oldLine));
        out.append(script[k].tag + script[k].text);
        lastPrinted = k;
    }
    return out.join(QLatin1Char('\n'));
}
