// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/PasswordHash.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

#include <crypt.h>

#include <memory>

namespace auth {

namespace {

// Bytes of randomness bcrypt's salt holds.
constexpr int kBcryptSaltBytes = 16;
// "$2b$10$" + 22 salt + 31 hash characters.
constexpr int kBcryptLength = 60;

// No early exit: the time taken does not tell how many bytes matched.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    uchar diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= uchar(a[i]) ^ uchar(b[i]);
    return diff == 0;
}

bool isBcryptChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '/';
}

// "$2a$NN$" + 53 characters of bcrypt's base64, NN within the cost bounds.
bool isBcryptString(const QByteArray &s)
{
    if (s.size() != kBcryptLength || s[0] != '$' || s[1] != '2' || s[3] != '$' || s[6] != '$')
        return false;
    if (s[2] != 'a' && s[2] != 'b' && s[2] != 'y')
        return false;
    if (s[4] < '0' || s[4] > '9' || s[5] < '0' || s[5] > '9')
        return false;
    const int cost = (s[4] - '0') * 10 + (s[5] - '0');
    if (cost < PasswordHash::kMinBcryptCost || cost > PasswordHash::kMaxBcryptCost)
        return false;
    for (qsizetype i = 7; i < s.size(); ++i) {
        if (!isBcryptChar(s[i]))
            return false;
    }
    return true;
}

// libxcrypt's crypt_r: `setting` is a full hash or a salt string. Empty on
// failure (libxcrypt answers a failure token starting with '*').
QByteArray cryptR(const QByteArray &password, const QByteArray &setting)
{
    // crypt_data is about 32 KiB: not for the stack of a pool thread.
    auto data = std::make_unique<crypt_data>();
    const char *out = crypt_r(password.constData(), setting.constData(), data.get());
    if (!out || out[0] == '*')
        return {};
    return QByteArray(out);
}

} // namespace

bool PasswordHash::canHash(const QString &password)
{
    return !password.isEmpty() && !password.contains(QChar(0));
}

PasswordHash PasswordHash::bcrypt(const QString &password, int cost)
{
    if (!canHash(password))
        return {};
    quint32 random[kBcryptSaltBytes / sizeof(quint32)];
    QRandomGenerator::system()->fillRange(random);
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$2b$", cost, reinterpret_cast<const char *>(random), kBcryptSaltBytes,
                          setting, sizeof setting))
        return {};
    const QByteArray hash = cryptR(password.toUtf8(), setting);
    if (!isBcryptString(hash))
        return {};
    return fromCrypt(hash);
}

PasswordHash PasswordHash::fromCrypt(const QByteArray &crypt)
{
    PasswordHash h;
    h.key = crypt;
    return h;
}

PasswordHash PasswordHash::derive(const QString &password, const QByteArray &salt,
                                  quint32 iterations)
{
    PasswordHash h;
    h.salt = salt;
    h.iterations = iterations;
    h.key = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt,
                                               int(iterations), kKeyLength);
    return h;
}

bool PasswordHash::isWellFormed() const
{
    if (isEmpty())
        return salt.isEmpty() && iterations == 0;
    if (isBcrypt())
        return isBcryptString(key);
    return iterations >= 1 && iterations <= kMaxIterations && salt.size() <= kMaxFieldLength &&
           key.size() <= kMaxFieldLength;
}

bool PasswordHash::matches(const QString &password) const
{
    if (isEmpty() || !isWellFormed())
        return false;
    if (isBcrypt()) {
        // No stored bcrypt password contains a NUL (see canHash): a candidate
        // with one would otherwise match the part before it.
        if (password.contains(QChar(0)))
            return false;
        return sameBytes(cryptR(password.toUtf8(), key), key);
    }
    return sameBytes(derive(password, salt, iterations).key, key);
}

} // namespace auth
