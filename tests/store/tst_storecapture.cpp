// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// StoreCapture + StoreSnapshot::Encoder: an image written piece by piece while the store goes
// on changing between the pieces must be byte for byte the image save() gives at the start
// (issue 15: a snapshot taken while writes continue is exactly the store at its index).
#include "StoreTestUtil.h"

#include "store/Node.h"
#include "store/Store.h"
#include "store/StoreCapture.h"
#include "store/StoreSnapshot.h"

#include <QRandomGenerator>
#include <QTest>

using namespace st;
using store::Command;
using store::Store;
using store::StoreSnapshot;

namespace {

// One random mutation among those that change the tree in every way the capture must undo:
// new keys and directories (also under removed ones), in-order keys, overwrites, updates
// and compare-and-swaps with and without TTLs, refreshes, deletes of keys and whole
// directories, expiry. Keys come from a small set so that they collide often.
Command randomCommand(QRandomGenerator &rng, qint64 now)
{
    const QString dirs[] = {QStringLiteral("/a"), QStringLiteral("/a/b"), QStringLiteral("/c"),
                            QStringLiteral("/a/b/d"), QStringLiteral("/_h")};
    const QString dir = dirs[rng.bounded(int(std::size(dirs)))];
    const QString key = dir + QStringLiteral("/k%1").arg(rng.bounded(20));
    const QString value = QStringLiteral("v%1").arg(rng.generate());
    const qint64 exp = rng.bounded(3) == 0 ? now + qint64(1 + rng.bounded(5)) * kSec : 0;
    switch (rng.bounded(13)) {
    case 0:
    case 1:
    case 11:
    case 12:
        return set(key, value, exp, now);
    case 2:
        return create(key, value, exp, now);
    case 3:
        return createUnique(dir, value, now);
    case 4:
        return update(key, value, exp, now);
    case 5: {
        Command c = update(key, QString(), now + 10 * kSec, now);
        c.refresh = true;
        return c;
    }
    case 6:
        return cas(key, value, QString(), 0, exp, now);
    case 7: {
        Command c = cmd(Command::Op::Delete, key, now);
        return c;
    }
    case 8: {
        Command c = cmd(Command::Op::Delete, dir, now);
        c.recursive = true;
        return c;
    }
    case 9:
        return mkdir(dir + QStringLiteral("/sub%1").arg(rng.bounded(2)), exp, now);
    default:
        return cmd(Command::Op::Expire, QString(), now);
    }
}

} // namespace

class TestStoreCapture : public QObject
{
    Q_OBJECT

private slots:
    void imageWrittenWhileTheStoreChangesIsTheStartsImage_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("pieceBytes");
        for (quint32 seed = 1; seed <= 40; ++seed)
            QTest::addRow("seed %u", seed) << seed << int(1 + seed % 3 * 20);
    }

    void imageWrittenWhileTheStoreChangesIsTheStartsImage()
    {
        QFETCH(quint32, seed);
        QFETCH(int, pieceBytes);
        QRandomGenerator rng(seed);
        Store s;
        qint64 now = T0;
        for (int i = 0; i < 300; ++i) {
            now += kSec / 4;
            s.apply(randomCommand(rng, now));
        }
        const QByteArray expected = s.save();
        const quint64 index = s.index();

        const std::shared_ptr<const store::StoreCapture> capture = s.beginCapture();
        QVERIFY(capture);
        QVERIFY(!s.beginCapture()); // one at a time
        StoreSnapshot::Encoder encoder(*capture);
        QByteArray image;
        int changes = 0;
        // Pieces of a few nodes, with one to five changes between two pieces.
        while (encoder.next(&image, pieceBytes)) {
            for (int k = 1 + int(rng.bounded(5)); k > 0; --k, ++changes) {
                now += kSec / 4;
                s.apply(randomCommand(rng, now));
            }
        }
        QVERIFY2(changes >= 10, qPrintable(QString::number(changes)));
        QVERIFY(s.index() > index);
        QCOMPARE(image.size(), expected.size());
        QVERIFY(image == expected);
        s.endCapture();

        // And the store went on as without a capture: its own image restores.
        Store restored;
        QVERIFY(restored.recover(s.save()));
        QCOMPARE(restored.save(), s.save());
    }

    // A large value was copied whole into the piece it began in, so one value of 8 MiB made a
    // piece of 8 MiB that held the member for 87 ms. Its bytes now follow in pieces of their
    // own: no piece is more than maxBytes, a value below that size and one node's fields, and the
    // image is the same bytes, while the large values (in the tree and in the history, as a
    // node and as a previous node) are overwritten and deleted between the pieces.
    void largeValuesAreCutAcrossPieces_data()
    {
        QTest::addColumn<int>("pieceBytes");
        QTest::newRow("64 KiB pieces") << 64 * 1024;
        QTest::newRow("4 KiB pieces") << 4 * 1024;
        QTest::newRow("100-byte pieces") << 100;
    }

    void largeValuesAreCutAcrossPieces()
    {
        QFETCH(int, pieceBytes);
        constexpr qsizetype from = StoreSnapshot::Encoder::kQueueFrom;
        const qsizetype sizes[] = {from - 1, from, from + 1, 3 * from + 5, 130 * 1024 + 7, 10};
        Store s;
        qint64 now = T0;
        int i = 0;
        for (const qsizetype size : sizes) {
            for (int dup = 0; dup < 2; ++dup, ++i) {
                now += kSec;
                s.apply(set(QStringLiteral("/big/k%1").arg(i), QString(size, QChar(u'a' + i % 26)),
                            0, now));
            }
        }
        // Overwritten once: the history holds them as previous nodes too.
        for (int k = 0; k < i; k += 3) {
            now += kSec;
            s.apply(set(QStringLiteral("/big/k%1").arg(k), QString(2 * from, u'z'), 0, now));
        }
        const QByteArray expected = s.save();

        const std::shared_ptr<const store::StoreCapture> capture = s.beginCapture();
        QVERIFY(capture);
        StoreSnapshot::Encoder encoder(*capture);
        QByteArray image;
        qsizetype largest = 0;
        int pieces = 0;
        for (bool more = true; more; ++pieces) {
            QByteArray piece;
            more = encoder.next(&piece, pieceBytes);
            largest = qMax(largest, piece.size());
            image += piece;
            // Every value changes under the encoder.
            now += kSec;
            const int k = pieces % i;
            if (pieces % 2)
                s.apply(
                    set(QStringLiteral("/big/k%1").arg(k), QString(from + pieces, u'y'), 0, now));
            else
                s.apply(cmd(Command::Op::Delete, QStringLiteral("/big/k%1").arg(k), now));
        }
        s.endCapture();
        QCOMPARE(image.size(), expected.size());
        QVERIFY(image == expected);
        // A value below kQueueFrom is copied whole, and a node's fields besides its value (a
        // name, flags, three numbers and a length) take less than 200 bytes here.
        QVERIFY2(largest < pieceBytes + from + 200,
                 qPrintable(QStringLiteral("a piece of %1 bytes").arg(largest)));
        QVERIFY(pieces > expected.size() / qMax(pieceBytes, 1) / 2);
    }

    // A snapshot installed while an image is being written replaces the tree: the capture
    // keeps the old one, and the image is still the start's.
    void installedSnapshotDoesNotTearTheImage()
    {
        Store s;
        for (int i = 0; i < 50; ++i)
            s.apply(set(QStringLiteral("/x/k%1").arg(i), QStringLiteral("v%1").arg(i)));
        const QByteArray expected = s.save();
        Store other;
        other.apply(set(QStringLiteral("/y"), QStringLiteral("other")));
        const QByteArray otherImage = other.save();

        const auto capture = s.beginCapture();
        StoreSnapshot::Encoder encoder(*capture);
        QByteArray image;
        QVERIFY(encoder.next(&image, 100));
        s.apply(cmd(Command::Op::Delete, QStringLiteral("/x/k40")));
        QVERIFY(s.recover(otherImage));
        s.apply(set(QStringLiteral("/x/k1"), QStringLiteral("new")));
        while (encoder.next(&image, 100)) {
        }
        QVERIFY(image == expected);
        s.endCapture();
        QCOMPARE(s.read(QStringLiteral("/y"), false, false, T0).event.node.value,
                 QStringLiteral("other"));
    }

    // An image from disk is not trusted to keep createdIndex at or below its index: such a
    // node is still part of the capture's image (the capture does not tell new nodes by
    // their index).
    void nodesAboveTheIndexStayInTheImage()
    {
        store::Node root(QString(), nullptr, true, 0, 0);
        store::Node *dir =
            root.adopt(std::make_unique<store::Node>(QStringLiteral("d"), &root, true, 900, 0));
        for (int i = 0; i < 20; ++i) {
            auto k = std::make_unique<store::Node>(QStringLiteral("k%1").arg(i), dir, false,
                                                   1000 + i, 0);
            k->value = "v";
            dir->adopt(std::move(k));
        }
        Store s;
        QVERIFY(s.recover(StoreSnapshot::encode(root, 5, {}, {})));
        const QByteArray expected = s.save();
        const auto capture = s.beginCapture();
        StoreSnapshot::Encoder encoder(*capture);
        QByteArray image;
        int i = 0;
        while (encoder.next(&image, 1)) {
            s.apply(set(QStringLiteral("/d/n%1").arg(i), QStringLiteral("new")));
            s.apply(cmd(Command::Op::Delete, QStringLiteral("/d/k%1").arg(i++ % 20)));
        }
        QVERIFY(image == expected);
        s.endCapture();
    }

    // Without a capture running, a change frees what it removes at once (nothing is kept).
    void endedCaptureRecordsNothing()
    {
        Store s;
        s.apply(set(QStringLiteral("/k"), QStringLiteral("v")));
        const auto capture = s.beginCapture();
        QVERIFY(s.capturing());
        s.endCapture();
        QVERIFY(!s.capturing());
        s.apply(cmd(Command::Op::Delete, QStringLiteral("/k")));
        // The capture no longer hears of changes: its tree is the live one, now without /k.
        QCOMPARE(capture->childCount(capture->root()), 0u);
    }
};

QTEST_GUILESS_MAIN(TestStoreCapture)
#include "tst_storecapture.moc"
