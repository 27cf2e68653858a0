// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "connection/ProfileStore.h"

#include "connection/PasswordVault.h"

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
    p.production = m_settings->value(QStringLiteral("production"), false).toBool();
    const QString legacy = m_settings->value(QStringLiteral("password")).toString();
    m_settings->endGroup();
    if (p.savePassword)
        p.password =
            legacy.isEmpty() ? PasswordVault(scope(), name).read().value_or(QString()) : legacy;
    return p;
}

QString ProfileStore::scope() const
{
    return m_settings->fileName();
}

QString ProfileStore::save(const ConnectionProfile &profile)
{
    m_settings->beginGroup(kGroup + QLatin1Char('/') + groupKey(profile.name));
    // The keyring is only asked when there is something for it to do.
    const bool hadPassword = m_settings->value(QStringLiteral("savePassword"), false).toBool();
    m_settings->remove(QString()); // drop stale fields (e.g. a password no longer saved)
    m_settings->setValue(QStringLiteral("endpoints"), profile.endpoints);
    m_settings->setValue(QStringLiteral("caFile"), profile.caFile);
    m_settings->setValue(QStringLiteral("certFile"), profile.certFile);
    m_settings->setValue(QStringLiteral("keyFile"), profile.keyFile);
    m_settings->setValue(QStringLiteral("username"), profile.username);
    m_settings->setValue(QStringLiteral("savePassword"), profile.savePassword);
    m_settings->setValue(QStringLiteral("production"), profile.production);
    m_settings->endGroup();
    m_settings->sync();
    const PasswordVault vault(scope(), profile.name);
    if (!profile.savePassword || profile.password.isEmpty()) {
        if (hadPassword)
            vault.remove();
        return QString();
    }
    return vault.store(profile.password);
}

void ProfileStore::remove(const QString &name)
{
    const bool hadPassword =
        m_settings
            ->value(kGroup + QLatin1Char('/') + groupKey(name) + QStringLiteral("/savePassword"),
                    false)
            .toBool();
    m_settings->remove(kGroup + QLatin1Char('/') + groupKey(name));
    if (hadPassword)
        PasswordVault(scope(), name).remove();
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
