// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/PasswordHash.h"

#include <QHash>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace auth {

// Checks passwords against stored hashes away from the member's thread, so
// that a flood of wrong passwords cannot delay Raft ticks and heartbeats:
// every hash (bcrypt, or PBKDF2 for old records) runs on a small pool of its
// own, at a lower scheduling priority, and the answer comes back on the
// owner's thread through the event loop.
//
// In front of the pool, answers that need no hash:
//  - a password already verified against the user's current stored hash
//    (keyed by the stored hash, so a password change invalidates it);
//  - a wrong password refused less than `failureTtlNs` ago against the same
//    stored hash (the same `root:x` again costs nothing for a few seconds).
// Identical checks in flight share one hash. Distinct checks in flight are
// bounded per user and in all, so a flood of fresh passwords cannot queue
// unbounded work: verify() refuses the excess at once and the caller answers
// "too many requests".
//
// Passwords are cached only as a keyed digest (HMAC-SHA256 with a key made
// per process). Time comes from the owner's clock (the member's nowNs()),
// passed in. Owned by the api; every call on the owner's thread, which must
// run an event loop; the destructor waits for hashes already running.
class CredentialVerifier
{
public:
    enum class Verdict : quint8 { Valid, Invalid };
    using Clock = std::function<qint64()>; // ns since the epoch
    using Done = std::function<void(Verdict)>;

    struct Limits
    {
        int threads = 1;             // hashing threads
        int maxPending = 16;         // distinct checks queued or running
        int maxPendingPerUser = 4;   // of those, for one user name
        int maxPendingPerClient = 4; // of those, from one client address
        qint64 failureTtlNs = 3'000'000'000;
        int maxCachedFailures = 4096; // a full cache takes no more until entries expire
        int maxCachedSuccesses = 4096;
    };

    explicit CredentialVerifier(Clock clock);
    CredentialVerifier(Clock clock, const Limits &limits);
    ~CredentialVerifier();
    CredentialVerifier(const CredentialVerifier &) = delete;
    CredentialVerifier &operator=(const CredentialVerifier &) = delete;

    // The verdict for `password` against `stored` if a cache knows it.
    std::optional<Verdict> known(const QString &user, const QString &password,
                                 const PasswordHash &stored) const;
    // Computes the verdict on the pool; `done` runs later on the owner's
    // thread (never within this call), unless the verifier is destroyed
    // first. False, and `done` dropped, when the limits refuse the check.
    // `client` (the client's address; empty when unknown) bounds one client's
    // checks too, so that a flood from one address cannot take every slot.
    bool verify(const QString &user, const QString &password, const PasswordHash &stored, Done done,
                const QByteArray &client = {});
    // A new bcrypt hash of `password` on the pool (not limited: only root
    // changes passwords); `done` runs later on the owner's thread.
    void hash(const QString &password, std::function<void(const PasswordHash &)> done);

    // Hashes computed to verify a password (not those answered by a cache or
    // refused by the limits), and checks refused by the limits.
    quint64 hashesRun() const { return m_hashesRun; }
    quint64 refused() const { return m_refused; }

private:
    struct Check; // one distinct check in flight
    QByteArray digest(const QString &user, const QString &password) const;
    void finish(const QByteArray &checkKey, const QString &user, const QByteArray &client,
                const QByteArray &passwordDigest, const PasswordHash &stored, bool valid);
    void remember(const QString &user, const QByteArray &passwordDigest, const PasswordHash &stored,
                  bool valid);
    // Runs `work` on the pool and `then` on the owner's thread afterwards.
    void runOnPool(std::function<void()> work, std::function<void()> then);

    struct Remembered
    {
        QByteArray passwordDigest;
        QByteArray storedKey;
        qint64 expiresNs = 0; // failures only
    };

    const Clock m_clock;
    const Limits m_limits;
    const QByteArray m_digestKey;
    QHash<QString, Remembered> m_verified;    // user -> the password last verified
    QHash<QByteArray, Remembered> m_failures; // digest(user, password) -> refusal
    QHash<QByteArray, std::shared_ptr<Check>> m_inFlight;
    QHash<QString, int> m_pendingPerUser;
    QHash<QByteArray, int> m_pendingPerClient;
    quint64 m_hashesRun = 0;
    quint64 m_refused = 0;
    // The owner's thread, for answers posted back from the pool: deleted
    // after the pool stopped, which discards answers still queued.
    std::unique_ptr<QObject> m_context;
    QThreadPool m_pool;
};

} // namespace auth
