// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace admin::editor {

// Line-based comparison and three-way merge of a value: which lines of two
// texts differ (longest common subsequence of lines), and the merge of
// "mine" and "theirs" against the base both started from, as diff3 does:
// a region changed on one side only takes that side, the same change on
// both is taken once, different changes of the same region are a conflict,
// written with git's markers (<<<<<<< mine / ||||||| base / ======= /
// >>>>>>> theirs) for the user to resolve.
//
// Texts longer than maxLines lines are compared as one changed block
// (quadratic memory otherwise). Stateless; any thread.
class LineDiff
{
public:
    static constexpr qsizetype maxLines = 3000;

    // For each line of `a` and of `b`: true when it is not part of the
    // common subsequence (removed from a / added in b).
    struct Marks
    {
        QList<bool> a;
        QList<bool> b;
    };
    static Marks compare(const QString &a, const QString &b);

    struct Merge
    {
        QString text;
        int conflicts = 0; // regions written with markers
    };
    static Merge merge(const QString &base, const QString &mine, const QString &theirs);

    static bool hasConflictMarkers(const QString &text);
    static QStringList lines(const QString &text);

private:
    // match[i] = index in b of line i of a, or -1.
    static QList<qsizetype> match(const QStringList &a, const QStringList &b);
};

} // namespace admin::editor
