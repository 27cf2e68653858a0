// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "go/GoPath.h"

#include <QList>

namespace go {

namespace {

template <typename View> bool isDot(View seg)
{
    return seg.size() == 1 && seg.at(0) == '.';
}

template <typename View> bool isDotDot(View seg)
{
    return seg.size() == 2 && seg.at(0) == '.' && seg.at(1) == '.';
}

// The segments of a path after path.Clean's rules, as views into `path`.
template <typename View> QList<View> cleanSegments(View path)
{
    QList<View> segs;
    qsizetype pos = 0;
    while (pos <= path.size()) {
        qsizetype slash = path.indexOf('/', pos);
        if (slash < 0)
            slash = path.size();
        const View seg = path.sliced(pos, slash - pos);
        if (seg.isEmpty() || isDot(seg)) {
            // dropped
        } else if (isDotDot(seg)) {
            if (!segs.isEmpty())
                segs.removeLast();
        } else {
            segs.append(seg);
        }
        pos = slash + 1;
    }
    return segs;
}

template <typename Text, typename View> Text cleanRooted(const Text &path, bool keepSlash)
{
    const QList<View> segs = cleanSegments(View(path));
    Text out;
    for (const View &s : segs) {
        out += '/';
        out += s;
    }
    if (out.isEmpty())
        out += '/';
    else if (keepSlash && path.endsWith('/'))
        out += '/';
    return out;
}

// Every segment between `from` and `to` is non-empty and neither "." nor "..".
template <typename View> bool segmentsClean(View p, qsizetype from, qsizetype to)
{
    qsizetype segStart = from;
    for (qsizetype i = from; i <= to; ++i) {
        if (i == to || p.at(i) == '/') {
            const qsizetype len = i - segStart;
            if (len == 0)
                return false;
            if (isDot(p.sliced(segStart, len)) || isDotDot(p.sliced(segStart, len)))
                return false;
            segStart = i + 1;
        }
    }
    return true;
}

} // namespace

QString GoPath::clean(const QString &path)
{
    if (isClean(path))
        return path;
    return cleanRooted<QString, QStringView>(path, false);
}

QString GoPath::cleanKeepingSlash(const QString &path)
{
    return cleanRooted<QString, QStringView>(path, true);
}

QByteArray GoPath::cleanKeepingSlash(const QByteArray &path)
{
    if (isCleanKeepingSlash(path))
        return path;
    return cleanRooted<QByteArray, QByteArrayView>(path, true);
}

bool GoPath::isClean(QStringView p)
{
    const qsizetype n = p.size();
    if (n == 0 || p.at(0) != u'/')
        return false;
    if (n == 1)
        return true;
    if (p.at(n - 1) == u'/')
        return false;
    return segmentsClean(p, 1, n);
}

bool GoPath::isCleanKeepingSlash(QByteArrayView p)
{
    const qsizetype n = p.size();
    if (n == 0 || p.at(0) != '/')
        return false;
    if (n == 1)
        return true;
    // A trailing slash is kept, so only the segments before it count.
    return segmentsClean(p, 1, p.at(n - 1) == '/' ? n - 1 : n);
}

} // namespace go
