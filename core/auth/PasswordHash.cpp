#include "auth/PasswordHash.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>

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
    return iterations >= 1 && iterations <= kMaxIterations && salt.size() <= kMaxFieldLength &&
           key.size() <= kMaxFieldLength;
}

bool PasswordHash::matches(const QString &password) const
{
    if (isEmpty() || !isWellFormed())
        return false;
    const QByteArray candidate = derive(password, salt, iterations).key;
    if (candidate.size() != key.size())
        return false;
    // No early exit: the time taken does not tell how many bytes matched.
    uchar diff = 0;
    for (qsizetype i = 0; i < key.size(); ++i)
        diff |= uchar(candidate[i]) ^ uchar(key[i]);
    return diff == 0;
}
