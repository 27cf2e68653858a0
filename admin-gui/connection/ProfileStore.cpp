// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "connection/ProfileStore.h"

#include <QSettings>
#include <QUrl>

namespace admin {

namespace {

const QString kGroup = QStringLiteral("profiles");

QString groupKey(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

} // namespace

ProfileStore::ProfileStore(QSettings *settings) : m_settings(settings) {}

QStringList ProfileStore::names() const
{
    m_settings->beginGroup(kGroup);
    const QStringList groups = m_settings->childGroups();
    m_settings->endGroup();
    QStringList out;
    for (const QString &g : groups)
        out.append(QUrl::fromPercentEncoding(g.toLatin1()));
    out.sort(Qt::CaseInsensitive);
    return out;
}

std::optional<ConnectionProfile> ProfileStore::load(const QString &name) const
{
    if (name.isEmpty() || !names().contains(name))
        return std::nullopt;
    m_settings->beginGroup(kGroup + QLatin1Char('/') + groupKey(name));
    ConnectionProfile p;
    p.name = name;
    p.endpoints = m_settings->value(QStringLiteral("endpoints")).toStringList();
    p.caFile = m_settings->value(QStringLiteral("caFile")).toString();
    p.certFile = m_settings->value(QStringLiteral("certFile")).toString();
    p.keyFile = m_settings->value(QStringLiteral("keyFile")).toString();
    p.username = m_settings->value(QStringLiteral("username")).toString();
    p.savePassword = m_settings->value(QStringLiteral("savePassword"), false).toBool();
    if (p.savePassword)
        p.password = m_settings->value(QStringLiteral("password")).toString();
    m_settings->endGroup();
    return p;
}

void ProfileStore::save(const ConnectionProfile &profile)
{
    m_settings->beginGroup(kGroup + QLatin1Char('/') + groupKey(profile.name));
    m_settings->remove(QString()); // drop stale fields (e.g. a password no longer saved)
    m_settings->setValue(QStringLiteral("endpoints"), profile.endpoints);
    m_settings->setValue(QStringLiteral("caFile"), profile.caFile);
    m_settings->setValue(QStringLiteral("certFile"), profile.certFile);
    m_settings->setValue(QStringLiteral("keyFile"), profile.keyFile);
    m_settings->setValue(QStringLiteral("username"), profile.username);
    m_settings->setValue(QStringLiteral("savePassword"), profile.savePassword);
    if (profile.savePassword)
        m_settings->setValue(QStringLiteral("password"), profile.password);
    m_settings->endGroup();
    m_settings->sync();
}

void ProfileStore::remove(const QString &name)
{
    m_settings->remove(kGroup + QLatin1Char('/') + groupKey(name));
    if (recent() == name)
        m_settings->remove(QStringLiteral("recentProfile"));
    m_settings->sync();
}

QString ProfileStore::recent() const
{
    return m_settings->value(QStringLiteral("recentProfile")).toString();
}

void ProfileStore::setRecent(const QString &name)
{
    m_settings->setValue(QStringLiteral("recentProfile"), name);
    m_settings->sync();
}

} // namespace admin
