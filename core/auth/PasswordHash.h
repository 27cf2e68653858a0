#pragma once

#include <QByteArray>
#include <QString>

// A salted PBKDF2-HMAC-SHA256 password hash, as one user's record keeps it.
// The proposer derives it (with a fresh random salt) before the command goes
// through consensus, so every member stores the same bytes; verifying
// recomputes the key with the stored salt and iteration count. Plain value;
// derive() and matches() are pure computation (no clock, no I/O) and cost
// `iterations` HMAC rounds, which is the point.
struct PasswordHash
{
    static constexpr quint32 kDefaultIterations = 4096;
    static constexpr int kKeyLength = 32;
    static constexpr int kSaltLength = 16;
    // Bounds a decoded record must respect, so a corrupt one cannot make a
    // verification run for minutes or allocate without limit.
    static constexpr quint32 kMaxIterations = 1000000;
    static constexpr int kMaxFieldLength = 64;

    QByteArray salt;
    quint32 iterations = 0;
    QByteArray key;

    static PasswordHash derive(const QString &password, const QByteArray &salt,
                               quint32 iterations = kDefaultIterations);

    bool isEmpty() const { return key.isEmpty(); }
    // Within the bounds above (an empty hash is valid: "no password given").
    bool isWellFormed() const;
    // Constant-time comparison of the derived key; false for an empty hash.
    bool matches(const QString &password) const;

    bool operator==(const PasswordHash &o) const
    {
        return salt == o.salt && iterations == o.iterations && key == o.key;
    }
    bool operator!=(const PasswordHash &o) const { return !(*this == o); }
};
