// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/CredentialVerifier.h"

#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace auth {

Q_LOGGING_CATEGORY(lcCredentials, "qetcd.auth.credentials")

namespace {

QByteArray randomKey()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words);
}

// Hashing threads yield to the member's thread when the cores are busy. On
// Linux the nice value is per thread; QThread priorities do nothing under
// the default scheduler, hence setpriority.
void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (!lowered) {
        lowered = true;
        if (setpriority(PRIO_PROCESS, 0, 10) != 0)
            qCDebug(lcCredentials, "could not lower the priority of a hashing thread");
    }
#endif
}

} // namespace

struct CredentialVerifier::Check
{
    QList<Done> waiting;
};

CredentialVerifier::CredentialVerifier(Clock clock) : CredentialVerifier(std::move(clock), Limits{})
{
}

CredentialVerifier::CredentialVerifier(Clock clock, const Limits &limits)
    : m_clock(std::move(clock)), m_limits(limits), m_digestKey(randomKey()),
      m_context(std::make_unique<QObject>())
{
    m_pool.setMaxThreadCount(qMax(1, limits.threads));
}

CredentialVerifier::~CredentialVerifier()
{
    m_pool.clear();
    m_pool.waitForDone();
    m_context.reset();
}

QByteArray CredentialVerifier::digest(const QString &user, const QString &password) const
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, m_digestKey);
    const QByteArray u = user.toUtf8();
    mac.addData(QByteArray::number(u.size()) + ':' + u);
    mac.addData(password.toUtf8());
    return mac.result();
}

std::optional<CredentialVerifier::Verdict>
CredentialVerifier::known(const QString &user, const QString &password,
                          const PasswordHash &stored) const
{
    const QByteArray d = digest(user, password);
    const auto ok = m_verified.constFind(user);
    if (ok != m_verified.cend() && ok->passwordDigest == d && ok->storedKey == stored.key)
        return Verdict::Valid;
    const auto failed = m_failures.constFind(d);
    if (failed != m_failures.cend() && failed->storedKey == stored.key &&
        failed->expiresNs > m_clock())
        return Verdict::Invalid;
    return std::nullopt;
}

bool CredentialVerifier::verify(const QString &user, const QString &password,
                                const PasswordHash &stored, Done done, const QByteArray &client)
{
    const QByteArray d = digest(user, password);
    const QByteArray checkKey = d + stored.key;
    if (const auto running = m_inFlight.constFind(checkKey); running != m_inFlight.cend()) {
        (*running)->waiting.append(std::move(done));
        return true;
    }
    if (m_inFlight.size() >= m_limits.maxPending ||
        m_pendingPerUser.value(user) >= m_limits.maxPendingPerUser ||
        (!client.isEmpty() && m_pendingPerClient.value(client) >= m_limits.maxPendingPerClient)) {
        ++m_refused;
        return false;
    }
    auto check = std::make_shared<Check>();
    check->waiting.append(std::move(done));
    m_inFlight.insert(checkKey, check);
    ++m_pendingPerUser[user];
    if (!client.isEmpty())
        ++m_pendingPerClient[client];
    ++m_hashesRun;
    auto valid = std::make_shared<bool>(false);
    runOnPool([valid, password, stored] { *valid = stored.matches(password); },
              [this, checkKey, user, client, d, stored, valid] {
                  finish(checkKey, user, client, d, stored, *valid);
              });
    return true;
}

void CredentialVerifier::hash(const QString &password,
                              std::function<void(const PasswordHash &)> done)
{
    auto result = std::make_shared<PasswordHash>();
    runOnPool([result, password] { *result = PasswordHash::bcrypt(password); },
              [result, done = std::move(done)] { done(*result); });
}

void CredentialVerifier::runOnPool(std::function<void()> work, std::function<void()> then)
{
    QObject *context = m_context.get();
    m_pool.start([context, work = std::move(work), then = std::move(then)]() mutable {
        lowerThisThreadsPriority();
        work();
        // The context outlives every running task (the destructor waits).
        QMetaObject::invokeMethod(context, std::move(then), Qt::QueuedConnection);
    });
}

void CredentialVerifier::finish(const QByteArray &checkKey, const QString &user,
                                const QByteArray &client, const QByteArray &passwordDigest,
                                const PasswordHash &stored, bool valid)
{
    const std::shared_ptr<Check> check = m_inFlight.take(checkKey);
    if (int &pending = m_pendingPerUser[user]; --pending <= 0)
        m_pendingPerUser.remove(user);
    if (!client.isEmpty()) {
        if (int &pending = m_pendingPerClient[client]; --pending <= 0)
            m_pendingPerClient.remove(client);
    }
    remember(user, passwordDigest, stored, valid);
    if (!check)
        return;
    const Verdict verdict = valid ? Verdict::Valid : Verdict::Invalid;
    for (const Done &done : std::as_const(check->waiting))
        done(verdict);
}

void CredentialVerifier::remember(const QString &user, const QByteArray &passwordDigest,
                                  const PasswordHash &stored, bool valid)
{
    if (valid) {
        if (m_verified.size() >= m_limits.maxCachedSuccesses && !m_verified.contains(user))
            m_verified.clear(); // as many as users exist: they verify again
        m_verified.insert(user, Remembered{passwordDigest, stored.key, 0});
        return;
    }
    const qint64 now = m_clock();
    if (m_failures.size() >= m_limits.maxCachedFailures) {
        for (auto it = m_failures.begin(); it != m_failures.end();)
            it = it->expiresNs <= now ? m_failures.erase(it) : std::next(it);
        if (m_failures.size() >= m_limits.maxCachedFailures)
            return;
    }
    m_failures.insert(passwordDigest,
                      Remembered{passwordDigest, stored.key, now + m_limits.failureTtlNs});
}

} // namespace auth
