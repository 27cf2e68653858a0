// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// PasswordHash as etcd stores passwords: new hashes are bcrypt cost 10
// crypt(3) strings ("$2b$10$"), hashes written by etcd 3.4.23 ("$2a$10$",
// Go's bcrypt) verify, hostile costs are refused as corrupt records, and
// PBKDF2 records written before bcrypt still load from commands and
// snapshot images and still verify.
#include "auth/AuthStore.h"
#include "auth/AuthWire.h"

#include <QTest>

namespace {

// Read out of the v2 store of etcd 3.4.23 (`etcd --enable-v2`, users created
// with PUT /v2/auth/users/<name>; the hashes sit in /2/users/<name> of the
// snapshot file).
const QByteArray kEtcdRoot =
    "$2a$10$nhvIplEr4fgs7pgJwjasPOn3Qj8K3AZcrRHfpxp0pdoqIQcSQuNxG"; // etcdpw
const QByteArray kEtcdAlice =
    "$2a$10$I8u6JBOF178TWiHnvaPR0eRsOilLDzFxml9me7lufCGjZQphanR/S"; // "s3cr3t pass"

auth::AuthCommand createUser(const QString &name, const auth::PasswordHash &password)
{
    auth::AuthCommand c;
    c.op = auth::AuthCommand::Op::CreateOrUpdateUser;
    c.name = name;
    c.password = password;
    return c;
}

} // namespace

class TestPasswordHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newHashesAreBcryptCost10();
    void etcdHashesVerify();
    void bcryptVariants();
    void hostileRecordsAreCorrupt();
    void pbkdf2RecordsStillLoad();
    void nulInPassword();
};

void TestPasswordHash::newHashesAreBcryptCost10()
{
    const auth::PasswordHash h = auth::PasswordHash::bcrypt(QStringLiteral("s3cret"));
    QVERIFY2(h.key.startsWith("$2b$10$"), h.key.constData());
    QCOMPARE(h.key.size(), 60);
    QVERIFY(h.salt.isEmpty());
    QCOMPARE(h.iterations, 0u);
    QVERIFY(h.isBcrypt());
    QVERIFY(h.isWellFormed());
    QVERIFY(h.matches(QStringLiteral("s3cret")));
    QVERIFY(!h.matches(QStringLiteral("s3cret ")));
    QVERIFY(!h.matches(QString()));
    // A fresh salt every time.
    QVERIFY(auth::PasswordHash::bcrypt(QStringLiteral("s3cret")).key != h.key);
    QVERIFY(auth::PasswordHash::bcrypt(QString()).isEmpty());
    // The record survives the wire as it is.
    const std::optional<auth::AuthCommand> back =
        auth::AuthCommand::decode(createUser(QStringLiteral("u"), h).encode());
    QVERIFY(back);
    QCOMPARE(back->password, h);
}

void TestPasswordHash::etcdHashesVerify()
{
    const auth::PasswordHash root = auth::PasswordHash::fromCrypt(kEtcdRoot);
    QVERIFY(root.isWellFormed());
    QVERIFY(root.matches(QStringLiteral("etcdpw")));
    QVERIFY(!root.matches(QStringLiteral("etcdpx")));
    const auth::PasswordHash alice = auth::PasswordHash::fromCrypt(kEtcdAlice);
    QVERIFY(alice.matches(QStringLiteral("s3cr3t pass")));
    QVERIFY(!alice.matches(QStringLiteral("s3cr3t")));
    // Held by a store, replicated and snapshotted like any other record.
    auth::AuthStore s;
    QVERIFY(s.apply(createUser(QStringLiteral("root"), root)).ok());
    auth::AuthStore copy;
    QVERIFY(copy.recover(s.save()));
    QVERIFY(copy.check(QStringLiteral("root"), QStringLiteral("etcdpw")));
    QVERIFY(!copy.check(QStringLiteral("root"), QStringLiteral("wrong")));
}

void TestPasswordHash::bcryptVariants()
{
    // $2a$, $2b$ and $2y$ name the same algorithm for passwords like these.
    const auth::PasswordHash b = auth::PasswordHash::bcrypt(QStringLiteral("pw"), 4);
    QVERIFY(b.key.startsWith("$2b$04$"));
    for (const char variant : {'a', 'y'}) {
        QByteArray other = b.key;
        other[2] = variant;
        QVERIFY(auth::PasswordHash::fromCrypt(other).matches(QStringLiteral("pw")));
    }
    QByteArray unknown = b.key;
    unknown[2] = 'x';
    QVERIFY(!auth::PasswordHash::fromCrypt(unknown).isWellFormed());
    QVERIFY(!auth::PasswordHash::fromCrypt(unknown).matches(QStringLiteral("pw")));
}

void TestPasswordHash::hostileRecordsAreCorrupt()
{
    // Cost 31 would take days per check: such a record does not decode.
    QByteArray slow = kEtcdRoot;
    slow.replace(4, 2, "31");
    QVERIFY(!auth::PasswordHash::fromCrypt(slow).isWellFormed());
    QVERIFY(!auth::PasswordHash::fromCrypt(slow).matches(QStringLiteral("etcdpw")));
    QVERIFY(!auth::AuthCommand::decode(
        createUser(QStringLiteral("u"), auth::PasswordHash::fromCrypt(slow)).encode()));
    QByteArray limit = kEtcdRoot;
    limit.replace(4, 2, QByteArray::number(auth::PasswordHash::kMaxBcryptCost + 1));
    QVERIFY(!auth::PasswordHash::fromCrypt(limit).isWellFormed());
    limit.replace(4, 2, QByteArray::number(auth::PasswordHash::kMaxBcryptCost));
    QVERIFY(auth::PasswordHash::fromCrypt(limit).isWellFormed());
    // Truncated, overlong or foreign strings are corrupt too.
    QVERIFY(!auth::PasswordHash::fromCrypt(kEtcdRoot.left(59)).isWellFormed());
    QVERIFY(!auth::PasswordHash::fromCrypt(kEtcdRoot + "A").isWellFormed());
    QVERIFY(!auth::PasswordHash::fromCrypt("$6$salt$abc").isWellFormed());
    QByteArray badChar = kEtcdRoot;
    badChar[20] = '!';
    QVERIFY(!auth::PasswordHash::fromCrypt(badChar).isWellFormed());
}

void TestPasswordHash::pbkdf2RecordsStillLoad()
{
    // A snapshot image as members wrote it before bcrypt: "QETA", version 1,
    // auth enabled, one user whose hash is salt | iterations | PBKDF2 key.
    const auth::PasswordHash old =
        auth::PasswordHash::derive(QStringLiteral("rootpw"), QByteArray(16, 's'), 4096);
    QCOMPARE(old.key.size(), 32);
    QByteArray image;
    {
        QDataStream s(&image, QIODevice::WriteOnly);
        s.setVersion(QDataStream::Qt_6_4);
        s.setByteOrder(QDataStream::LittleEndian);
        s << quint32(0x51455441) << quint8(1) << quint8(1) << quint32(1);
        s << QByteArray("root") << old.salt << quint32(4096) << old.key;
        s << quint8(1) << quint32(1) << QByteArray("root"); // roles
        s << quint32(0);                                    // no roles defined
    }
    auth::AuthStore s;
    QVERIFY(s.recover(image));
    QVERIFY(s.isEnabled());
    QVERIFY(s.check(QStringLiteral("root"), QStringLiteral("rootpw")));
    QVERIFY(!s.check(QStringLiteral("root"), QStringLiteral("rootpx")));
    QCOMPARE(s.save(), image); // kept as it was until the password changes
}

void TestPasswordHash::nulInPassword()
{
    // bcrypt keys are C strings: "a\0b" would be hashed as "a".
    const QString withNul = QStringLiteral("a") + QChar(0) + QStringLiteral("b");
    QVERIFY(!auth::PasswordHash::canHash(withNul));
    QVERIFY(auth::PasswordHash::bcrypt(withNul, 4).isEmpty());
    const auth::PasswordHash a = auth::PasswordHash::bcrypt(QStringLiteral("a"), 4);
    QVERIFY(a.matches(QStringLiteral("a")));
    QVERIFY(!a.matches(withNul));
}

QTEST_APPLESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
