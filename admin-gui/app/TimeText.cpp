// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "app/TimeText.h"

#include <QRegularExpression>

namespace admin {

QString TimeText::duration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("—");
    const qint64 d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60,
                 s = seconds % 60;
    if (d > 0)
        return tr("%1 d %2 h").arg(d).arg(h);
    if (h > 0)
        return tr("%1 h %2 min").arg(h).arg(m);
    if (m > 0)
        return tr("%1 min %2 s").arg(m).arg(s);
    return tr("%1 s").arg(s);
}

QDateTime TimeText::parseRfc3339(const QString &text)
{
    // Qt reads at most milliseconds; cut the fraction to three digits.
    static const QRegularExpression fraction(QStringLiteral("\\.(\\d{1,3})\\d*"));
    QString t = text.trimmed();
    t.replace(fraction, QStringLiteral(".\\1"));
    return QDateTime::fromString(t, Qt::ISODateWithMs);
}

} // namespace admin
