// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Director.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>

namespace server::proxy {

Q_DECLARE_LOGGING_CATEGORY(lcProxy)

Director::Director(qint64 failureWaitMs) : m_failureWaitMs(failureWaitMs)
{
    m_clock.start();
}

void Director::setUrls(const QStringList &clientUrls)
{
    QList<Entry> entries;
    for (const QString &text : clientUrls) {
        const QUrl url(text);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            qCWarning(lcProxy).noquote() << "upstream URL invalid:" << text;
            continue;
        }
        Entry e;
        e.endpoint.url = url;
        e.endpoint.key = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                                      QUrl::RemoveUserInfo)
                             .toEncoded();
        const bool seen = std::any_of(entries.cbegin(), entries.cend(), [&](const Entry &o) {
            return o.endpoint.key == e.endpoint.key;
        });
        if (!seen)
            entries.append(e);
    }
    std::shuffle(entries.begin(), entries.end(), *QRandomGenerator::global());
    QMutexLocker lock(&m_mutex);
    // A member that failed a moment ago stays skipped across a refresh that names it again.
    for (Entry &e : entries) {
        for (const Entry &old : std::as_const(m_entries)) {
            if (old.endpoint.key == e.endpoint.key)
                e.unavailableUntil = old.unavailableUntil;
        }
    }
    m_entries = std::move(entries);
}

QList<Director::Endpoint> Director::endpoints()
{
    QList<Endpoint> out;
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.elapsed();
    out.reserve(m_entries.size());
    for (Entry &e : m_entries) {
        if (e.unavailableUntil != 0) {
            if (now < e.unavailableUntil)
                continue;
            e.unavailableUntil = 0;
            qCInfo(lcProxy).noquote()
                << "marked endpoint" << e.endpoint.key << "available, to retest connectivity";
        }
        out.append(e.endpoint);
    }
    return out;
}

void Director::failed(const QByteArray &key)
{
    QMutexLocker lock(&m_mutex);
    for (Entry &e : m_entries) {
        if (e.endpoint.key != key || e.unavailableUntil != 0)
            continue;
        e.unavailableUntil = qMax<qint64>(1, m_clock.elapsed() + m_failureWaitMs);
        qCWarning(lcProxy).noquote()
            << "marked endpoint" << key << "unavailable for" << m_failureWaitMs << "ms";
    }
}

} // namespace server::proxy
