// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "connection/PasswordVault.h"

#include "app/AdminLog.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace admin {

namespace {

const QString kService = QStringLiteral("qetcd-admin");

// Runs a job to its end; false when it did not finish in time.
bool runJob(QKeychain::Job *job)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    job->setAutoDelete(false);
    job->start();
    if (!finished)
        loop.exec();
    return finished;
}

} // namespace

PasswordVault::PasswordVault(const QString &scope, const QString &profile)
    : m_key(scope + QLatin1Char('|') + profile)
{
}

bool PasswordVault::disabledByEnvironment()
{
    return qEnvironmentVariable("QETCD_ADMIN_KEYRING") == QLatin1String("off");
}

QString PasswordVault::store(const QString &password) const
{
    if (disabledByEnvironment())
        return tr("No desktop keyring is available (QETCD_ADMIN_KEYRING=off).");
    QKeychain::WritePasswordJob job(kService);
    job.setKey(m_key);
    job.setTextData(password);
    if (!runJob(&job))
        return tr("The desktop keyring did not answer.");
    if (job.error() != QKeychain::NoError) {
        qCWarning(lcAdmin) << "keyring: cannot store the password:" << job.errorString();
        return tr("No desktop keyring is available (%1).").arg(job.errorString());
    }
    return QString();
}

std::optional<QString> PasswordVault::read(QString *error) const
{
    if (error)
        error->clear();
    if (disabledByEnvironment()) {
        if (error)
            *error = tr("No desktop keyring is available (QETCD_ADMIN_KEYRING=off).");
        return std::nullopt;
    }
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(m_key);
    if (!runJob(&job)) {
        if (error)
            *error = tr("The desktop keyring did not answer.");
        return std::nullopt;
    }
    if (job.error() == QKeychain::EntryNotFound)
        return std::nullopt;
    if (job.error() != QKeychain::NoError) {
        if (error)
            *error = tr("No desktop keyring is available (%1).").arg(job.errorString());
        return std::nullopt;
    }
    return job.textData();
}

void PasswordVault::remove() const
{
    if (disabledByEnvironment())
        return;
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(m_key);
    runJob(&job);
}

} // namespace admin
