// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

namespace auth {

// One user's stored password hash, as the user record keeps it. Two forms:
//  - bcrypt, what every new or changed password gets: `key` holds the whole
//    crypt(3) string, "$2b$10$<22 salt chars><31 hash chars>", as etcd
//    stores it (etcd/Go write "$2a$"; "$2a$", "$2b$" and "$2y$" all verify,
//    so etcd's auth data can be imported); `salt` is empty, `iterations` 0.
//  - PBKDF2-HMAC-SHA256 (records written before bcrypt, still read from old
//    data directories and snapshots): `salt`, `iterations` >= 1 and `key`.
// The proposer derives the hash (with a fresh random salt) before the command
// goes through consensus, so every member stores the same bytes. Plain value.
// bcrypt()/derive() and matches() are pure computation (no clock, no I/O),
// deliberately slow (bcrypt cost 10 is tens of milliseconds): callers keep
// them off any thread that must stay responsive (see CredentialVerifier).
struct PasswordHash
{
    // etcd's bcrypt.DefaultCost.
    static constexpr int kBcryptCost = 10;
    // Bounds a decoded record must respect, so a corrupt or hostile one
    // cannot make a verification run for minutes (bcrypt doubles per cost
    // step: 14 is 16x the default) or allocate without limit.
    static constexpr int kMinBcryptCost = 4;
    static constexpr int kMaxBcryptCost = 14;
    static constexpr quint32 kMaxIterations = 1000000;
    static constexpr int kMaxFieldLength = 64;
    // PBKDF2 records as they were written before bcrypt.
    static constexpr int kKeyLength = 32;

    QByteArray salt;
    quint32 iterations = 0;
    QByteArray key;

    // A new bcrypt hash of `password` (random salt from the system's
    // generator, through libxcrypt's crypt_gensalt_rn and crypt_r). Empty if
    // `password` is empty or cannot be a bcrypt password (see canHash()).
    static PasswordHash bcrypt(const QString &password, int cost = kBcryptCost);
    // bcrypt keys are C strings: a NUL would cut the password short.
    static bool canHash(const QString &password);
    // A legacy PBKDF2-HMAC-SHA256 record (kept to read and test old data).
    static PasswordHash derive(const QString &password, const QByteArray &salt, quint32 iterations);
    // A record holding a crypt(3) string as etcd stores it ("$2a$10$...").
    static PasswordHash fromCrypt(const QByteArray &crypt);

    bool isEmpty() const { return key.isEmpty(); }
    bool isBcrypt() const { return !isEmpty() && salt.isEmpty() && iterations == 0; }
    // Within the bounds above (an empty hash is valid: "no password given").
    bool isWellFormed() const;
    // Constant-time comparison of the recomputed hash; false for an empty or
    // malformed hash.
    bool matches(const QString &password) const;

    bool operator==(const PasswordHash &o) const
    {
        return salt == o.salt && iterations == o.iterations && key == o.key;
    }
    bool operator!=(const PasswordHash &o) const { return !(*this == o); }
};

} // namespace auth
