// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// CRC-32C through ISA-L: the standard check value and the RFC 3720 (iSCSI) test vectors pin the
// init/final-xor convention; extend() must equal one pass over the concatenation.
#include "storage/Crc32c.h"

#include <QTest>

using storage::Crc32c;

class TestCrc32c : public QObject
{
    Q_OBJECT

private slots:
    void knownValues_data();
    void knownValues();
    void extendEqualsOnePass();
};

void TestCrc32c::knownValues_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint32>("crc");

    QByteArray ascending, descending;
    for (int i = 0; i < 32; ++i) {
        ascending.append(char(i));
        descending.append(char(31 - i));
    }
    QTest::newRow("check value") << QByteArray("123456789") << 0xE3069283u;
    QTest::newRow("empty") << QByteArray() << 0x00000000u;
    QTest::newRow("rfc3720 zeros") << QByteArray(32, '\0') << 0x8A9136AAu;
    QTest::newRow("rfc3720 ones") << QByteArray(32, '\xff') << 0x62A8AB43u;
    QTest::newRow("rfc3720 ascending") << ascending << 0x46DD794Eu;
    QTest::newRow("rfc3720 descending") << descending << 0x113FDB5Cu;
}

void TestCrc32c::knownValues()
{
    QFETCH(QByteArray, input);
    QFETCH(quint32, crc);
    QCOMPARE(Crc32c::compute(input), crc);
}

void TestCrc32c::extendEqualsOnePass()
{
    const QByteArray data = "The quick brown fox jumps over the lazy dog, twice over.";
    const quint32 whole = Crc32c::compute(data);
    for (int split = 0; split <= data.size(); ++split) {
        const quint32 first = Crc32c::compute(data.constData(), split);
        QCOMPARE(Crc32c::compute(data.constData() + split, data.size() - split, first), whole);
    }
}

QTEST_APPLESS_MAIN(TestCrc32c)
#include "tst_crc32c.moc"
