// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "editor/LineDiff.h"

#include <optional>
#include <vector>

namespace admin::editor {

QStringList LineDiff::lines(const QString &text)
{
    return text.split(QLatin1Char('\n'));
}

QList<qsizetype> LineDiff::match(const QStringList &a, const QStringList &b)
{
    const qsizetype n = a.size(), m = b.size();
    QList<qsizetype> result(n, -1);
    // Common prefix and suffix first: most edits are small.
    qsizetype lo = 0;
    while (lo < n && lo < m && a.at(lo) == b.at(lo)) {
        result[lo] = lo;
        ++lo;
    }
    qsizetype hiA = n, hiB = m;
    while (hiA > lo && hiB > lo && a.at(hiA - 1) == b.at(hiB - 1)) {
        --hiA;
        --hiB;
        result[hiA] = hiB;
    }
    const qsizetype rows = hiA - lo, cols = hiB - lo;
    if (rows == 0 || cols == 0 || rows > maxLines || cols > maxLines)
        return result;
    // lcs[i][j]: length of the LCS of a[lo+i..hiA) and b[lo+j..hiB).
    std::vector<quint16> lcs(size_t((rows + 1) * (cols + 1)), 0);
    auto at = [cols](qsizetype i, qsizetype j) { return size_t(i * (cols + 1) + j); };
    for (qsizetype i = rows - 1; i >= 0; --i) {
        for (qsizetype j = cols - 1; j >= 0; --j) {
            lcs[at(i, j)] = a.at(lo + i) == b.at(lo + j)
                                ? quint16(lcs[at(i + 1, j + 1)] + 1)
                                : qMax(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
        }
    }
    qsizetype i = 0, j = 0;
    while (i < rows && j < cols) {
        if (a.at(lo + i) == b.at(lo + j)) {
            result[lo + i] = lo + j;
            ++i;
            ++j;
        } else if (lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            ++i;
        } else {
            ++j;
        }
    }
    return result;
}

LineDiff::Marks LineDiff::compare(const QString &a, const QString &b)
{
    const QStringList la = lines(a), lb = lines(b);
    const QList<qsizetype> m = match(la, lb);
    Marks marks;
    marks.a = QList<bool>(la.size(), true);
    marks.b = QList<bool>(lb.size(), true);
    for (qsizetype i = 0; i < m.size(); ++i) {
        if (m.at(i) >= 0) {
            marks.a[i] = false;
            marks.b[m.at(i)] = false;
        }
    }
    return marks;
}

// Both sides replaced lines of the same region one for one (the usual edit
// of neighbouring config members): merged line by line when no line was
// changed differently on both sides. diff3 itself would call it a conflict.
static std::optional<QStringList> mergeLines(const QStringList &base, const QStringList &mine,
                                             const QStringList &theirs)
{
    if (mine.size() != base.size() || theirs.size() != base.size())
        return std::nullopt;
    QStringList out;
    for (qsizetype k = 0; k < base.size(); ++k) {
        if (mine.at(k) == base.at(k))
            out << theirs.at(k);
        else if (theirs.at(k) == base.at(k) || theirs.at(k) == mine.at(k))
            out << mine.at(k);
        else
            return std::nullopt;
    }
    return out;
}

LineDiff::Merge LineDiff::merge(const QString &base, const QString &mine, const QString &theirs)
{
    Merge result;
    if (mine == theirs || theirs == base) {
        result.text = mine;
        return result;
    }
    if (mine == base) {
        result.text = theirs;
        return result;
    }
    const QStringList b = lines(base), a = lines(mine), c = lines(theirs);
    const QList<qsizetype> toMine = match(b, a), toTheirs = match(b, c);
    QStringList out;
    qsizetype i = 0, ia = 0, ic = 0;
    const qsizetype nb = b.size(), na = a.size(), nc = c.size();
    while (i < nb || ia < na || ic < nc) {
        if (i < nb && toMine.at(i) == ia && toTheirs.at(i) == ic) {
            out << b.at(i); // unchanged on both sides
            ++i, ++ia, ++ic;
            continue;
        }
        // The next base line both sides kept ends the changed region.
        qsizetype j = i;
        while (j < nb && (toMine.at(j) < 0 || toTheirs.at(j) < 0))
            ++j;
        const qsizetype endA = j < nb ? toMine.at(j) : na;
        const qsizetype endC = j < nb ? toTheirs.at(j) : nc;
        const QStringList basePart = b.mid(i, j - i);
        const QStringList minePart = a.mid(ia, endA - ia);
        const QStringList theirPart = c.mid(ic, endC - ic);
        if (minePart == basePart) {
            out << theirPart;
        } else if (theirPart == basePart || minePart == theirPart) {
            out << minePart;
        } else if (const auto lineWise = mergeLines(basePart, minePart, theirPart)) {
            out << *lineWise;
        } else {
            ++result.conflicts;
            out << QStringLiteral("<<<<<<< mine") << minePart << QStringLiteral("||||||| base")
                << basePart << QStringLiteral("=======") << theirPart
                << QStringLiteral(">>>>>>> theirs");
        }
        i = j, ia = endA, ic = endC;
    }
    result.text = out.join(QLatin1Char('\n'));
    return result;
}

bool LineDiff::hasConflictMarkers(const QString &text)
{
    for (const QString &line : lines(text)) {
        if (line.startsWith(QLatin1String("<<<<<<< ")) || line == QLatin1String("=======") ||
            line.startsWith(QLatin1String(">>>>>>> ")))
            return true;
    }
    return false;
}

} // namespace admin::editor
