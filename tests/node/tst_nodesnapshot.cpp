// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The snapshot image's framing (node::NodeSnapshot). Version 2 gives the store's part a 32-bit
// length, so a store of 4 GiB or more could not be written: its snapshot failed (EFBIG), the
// member kept its whole log, and a follower that fell behind could never catch up (issue 15,
// "no size limit but the disk"). Such a store now takes version 3, whose 64-bit length follows
// the last part; every smaller image stays version 2 byte for byte, so members of an earlier
// release still read it. Nobody builds a 4 GiB store in a test: the size the long form starts
// at is a parameter, lowered here, and the end-to-end path (leader's file, transfer, follower's
// file, restart) is tst_snapshotstream's "version 3" row.
#include "../common/PieceSource.h"
#include "../store/StoreTestUtil.h"
#include "node/NodeSnapshot.h"
#include "store/Store.h"

#include <QDataStream>
#include <QIODevice>
#include <QTest>
#include <QtEndian>

namespace {

node::NodeSnapshot sample()
{
    store::Store s;
    for (const store::Command &c : {st::set(QStringLiteral("/a"), QStringLiteral("1")),
                                    st::set(QStringLiteral("/d/x"), QString(3000, u'x')),
                                    st::set(QStringLiteral("/d/_h"), QStringLiteral("h"))})
        s.apply(c);
    return node::NodeSnapshot{s.save(), R"({"members":[]})", QByteArray("auth image")};
}

// What NodeSnapshot::read takes from `image` handed out 3 bytes at a time, or nullopt.
std::optional<node::NodeSnapshot::Decoded> readInPieces(const QByteArray &image)
{
    store::DataStreamReader reader(piecesOf(image, 3), QDataStream::BigEndian);
    return node::NodeSnapshot::read(reader);
}

QByteArray storeOf(store::StoreSnapshot::Decoded decoded)
{
    store::Store s;
    s.recover(std::move(decoded));
    return s.save();
}

quint64 trailerOf(const QByteArray &image)
{
    return qFromBigEndian<quint64>(image.constData() + image.size() - 8);
}

} // namespace

class TestNodeSnapshot : public QObject
{
    Q_OBJECT

private slots:
    // What earlier members wrote and read: QDataStream's magic, version 2, then the three parts
    // as byte arrays. An image below the long form's size must still be exactly that.
    void shortFormIsVersionTwoByteForByte()
    {
        const node::NodeSnapshot snap = sample();
        QByteArray expected;
        QDataStream s(&expected, QIODevice::WriteOnly);
        s.setVersion(QDataStream::Qt_6_4);
        s << quint32(0x51455453) << quint8(2) << snap.store << snap.membership << snap.auth;
        QCOMPARE(snap.encode(), expected);
        QCOMPARE(snap.encode(quint64(snap.store.size()) + 1), expected);
    }

    // From the long form's size on: version 3, the length field 0xffffffff, the store's 64-bit
    // length last; and it reads back, whole and in pieces, to the same parts.
    void longFormRoundTrips()
    {
        const node::NodeSnapshot snap = sample();
        const QByteArray image = snap.encode(quint64(snap.store.size()));
        QCOMPARE(int(image.at(4)), 3);
        QCOMPARE(qFromBigEndian<quint32>(image.constData() + 5), 0xffffffffu);
        QCOMPARE(trailerOf(image), quint64(snap.store.size()));
        QCOMPARE(image.size(), snap.encode().size() + 8);

        const std::optional<node::NodeSnapshot> whole = node::NodeSnapshot::decode(image);
        QVERIFY(whole);
        QCOMPARE(whole->store, snap.store);
        QCOMPARE(whole->membership, snap.membership);
        QCOMPARE(whole->auth, snap.auth);

        std::optional<node::NodeSnapshot::Decoded> streamed = readInPieces(image);
        QVERIFY(streamed);
        QCOMPARE(streamed->membership, snap.membership);
        QCOMPARE(streamed->auth, snap.auth);
        QCOMPARE(storeOf(std::move(streamed->store)), snap.store);
    }

    // A member's own snapshots are written as they are encoded: head(0), the store, the tail,
    // then head(size) over the first bytes. That gives exactly encode()'s image in either form.
    void streamedWriterGivesTheSameImage_data()
    {
        QTest::addColumn<bool>("longForm");
        QTest::newRow("version 2") << false;
        QTest::newRow("version 3") << true;
    }
    void streamedWriterGivesTheSameImage()
    {
        QFETCH(bool, longForm);
        const node::NodeSnapshot snap = sample();
        const quint64 size = quint64(snap.store.size());
        const quint64 from = longForm ? size : node::NodeSnapshot::kLongFormFrom;
        QByteArray streamed = node::NodeSnapshot::head(0, from) + snap.store +
                              node::NodeSnapshot::tail(snap.membership, snap.auth, size, from);
        const QByteArray head = node::NodeSnapshot::head(size, from);
        QCOMPARE(head.size(), node::NodeSnapshot::head(0, from).size());
        streamed.replace(0, head.size(), head);
        QCOMPARE(streamed, snap.encode(from));
    }

    // Anything else is refused, whole and in pieces alike: a length that is not the store's, a
    // version 3 head without its marker, a version 2 head with it, any truncation.
    void damagedLongFormIsRefused()
    {
        const node::NodeSnapshot snap = sample();
        const QByteArray good = snap.encode(0);
        const auto refused = [](const QByteArray &image) {
            return !node::NodeSnapshot::decode(image) && !readInPieces(image);
        };
        QVERIFY(!refused(good));
        for (const qint64 delta : {qint64(-1), qint64(1), qint64(1) << 40}) {
            QByteArray bad = good;
            qToBigEndian<quint64>(trailerOf(good) + quint64(delta), bad.data() + bad.size() - 8);
            QVERIFY2(refused(bad), qPrintable(QString::number(delta)));
        }
        QByteArray marker = good;
        qToBigEndian<quint32>(quint32(snap.store.size()), marker.data() + 5);
        QVERIFY(refused(marker));
        QByteArray v2WithMarker = snap.encode();
        qToBigEndian<quint32>(0xffffffffu, v2WithMarker.data() + 5);
        QVERIFY(refused(v2WithMarker));
        QByteArray v4 = good;
        v4[4] = 4;
        QVERIFY(refused(v4));
        for (qsizetype n = 0; n < good.size(); ++n)
            QVERIFY2(refused(good.first(n)), qPrintable(QString::number(n)));
    }
};

QTEST_GUILESS_MAIN(TestNodeSnapshot)
#include "tst_nodesnapshot.moc"
