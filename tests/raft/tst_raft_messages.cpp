// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Wire formats of the Raft values (Message, Entry, HardState, ConfChange, ConfState,
// SnapshotMetadata): exact round trips, a version byte first, and decoders that survive
// arbitrary, truncated and hostile bytes without crashing or allocating beyond the input.
#include "raft/ConfChange.h"
#include "raft/HardState.h"
#include "raft/MemoryStorage.h"
#include "raft/Message.h"
#include "raft/RawNode.h"
#include "raft/WireWriter.h"

#include <QtTest/QTest>

#include <random>

#ifdef Q_OS_LINUX
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#endif

using namespace raft;

Q_DECLARE_METATYPE(raft::Message)

class TestRaftMessages : public QObject
{
    Q_OBJECT

private:
    static Message fullMessage()
    {
        Message m;
        m.type = MessageType::MsgApp;
        m.to = 3;
        m.from = 0xFFFFFFFFFFFFFFFFULL;
        m.term = 7;
        m.logTerm = 6;
        m.index = 1ULL << 40;
        m.commit = 41;
        m.reject = true;
        m.rejectHint = 127;
        m.context = QByteArray("read-ctx\0x", 10);
        m.entries = {
            Entry{7, 42, EntryType::Normal, "set /a 1"},
            Entry{7, 43, EntryType::ConfChange,
                  ConfChange{ConfChangeType::AddLearner, 9, "http://127.0.0.1:2380"}.encode()},
            Entry{7, 44, EntryType::Normal, {}}};
        m.snapshot.metadata = {40, 5, ConfState{{1, 2, 3}, {9}}};
        m.snapshot.data = QByteArray(1000, 'x');
        return m;
    }

#ifdef Q_OS_LINUX
    // A "Vm...:" figure of /proc/self/status in KiB, -1 if missing.
    static qint64 statusKb(const char *field)
    {
        FILE *f = fopen("/proc/self/status", "r");
        if (!f)
            return -1;
        char line[256];
        qint64 kb = -1;
        const size_t n = strlen(field);
        while (fgets(line, sizeof line, f))
            if (strncmp(line, field, n) == 0)
                kb = strtoll(line + n, nullptr, 10);
        fclose(f);
        return kb;
    }
#endif

private slots:
    void messageRoundTrip_data()
    {
        QTest::addColumn<int>("type");
        for (int t = 0; t < kMessageTypeCount; ++t)
            QTest::newRow(messageTypeName(MessageType(t))) << t;
    }
    void messageRoundTrip()
    {
        QFETCH(int, type);
        Message m = fullMessage();
        m.type = MessageType(type);
        const QByteArray bytes = m.encode();
        QCOMPARE(quint8(bytes.at(0)), quint8(1)); // version first
        const auto back = Message::decode(bytes);
        QVERIFY(back.has_value());
        QVERIFY(*back == m);
    }

    void heartbeatIsCompact()
    {
        Message m;
        m.type = MessageType::MsgHeartbeat;
        m.from = 1;
        m.to = 2;
        m.term = 5;
        m.commit = 100;
        // version, type, flags, 7 one-byte varints, empty context, no entries
        QCOMPARE(m.encode().size(), 12);
    }

    void unknownVersionAndTypeRejected()
    {
        QByteArray bytes = fullMessage().encode();
        bytes[0] = 2;
        QVERIFY(!Message::decode(bytes));
        bytes[0] = 1;
        bytes[1] = char(kMessageTypeCount);
        QVERIFY(!Message::decode(bytes));
        QVERIFY(!Message::decode({}));
    }

    void trailingBytesRejected()
    {
        QByteArray bytes = fullMessage().encode();
        bytes.append('\0');
        QVERIFY(!Message::decode(bytes));
    }

    void valueRoundTrips()
    {
        const Entry e{3, 9, EntryType::ConfChange, "payload"};
        QCOMPARE(Entry::decode(e.encode()), std::optional<Entry>(e));
        const HardState hs{12, 3, 1ULL << 63};
        QVERIFY(HardState::decode(hs.encode()) == hs);
        const ConfChange cc{ConfChangeType::RemoveNode, 77, "ctx"};
        QVERIFY(ConfChange::decode(cc.encode()) == cc);
        const ConfState cs{{1, 5, 9}, {12}};
        QVERIFY(ConfState::decode(cs.encode()) == cs);
        const SnapshotMetadata md{100, 4, cs};
        QVERIFY(SnapshotMetadata::decode(md.encode()) == md);
    }

    void malformedValuesRejected()
    {
        // Unsorted / duplicate / overlapping member ids are not a ConfState.
        QVERIFY(!ConfState::decode(ConfState{{2, 1}, {}}.encode()));
        QVERIFY(!ConfState::decode(ConfState{{1, 1}, {}}.encode()));
        QVERIFY(!ConfState::decode(ConfState{{1, 2}, {2}}.encode()));
        QVERIFY(!ConfChange::decode(ConfChange{ConfChangeType::AddNode, 0, {}}.encode()));
        // A varint longer than 64 bits.
        QByteArray hs("\x01", 1);
        hs.append(QByteArray(10, char(0xff)));
        hs.append('\x01');
        QVERIFY(!HardState::decode(hs));
    }

    void hugeCountsDoNotAllocate()
    {
        // Claims 2^62 entries and a 2^62-byte context in a 30-byte message.
        QByteArray bytes;
        bytes.append(char(1));                                     // version
        bytes.append(char(MessageType::MsgApp));                   // type
        bytes.append(char(0));                                     // flags
        bytes.append(QByteArray(7, char(0)));                      // 7 varints
        bytes.append(QByteArray::fromHex("80808080808080808040")); // context length 2^62
        QVERIFY(!Message::decode(bytes));
        bytes.chop(10);
        bytes.append(char(0));                                     // empty context
        bytes.append(QByteArray::fromHex("80808080808080808040")); // entry count 2^62
        QVERIFY(!Message::decode(bytes));
    }

    void entryCountReservesLittle()
    {
#ifdef Q_OS_LINUX
        // A count the input can back (64 MiB of bytes, 4 per minimal entry)
        // claims 16 Mi entries; the first one is malformed. Reserving room
        // for all of them would map 16 Mi * sizeof(Entry) (768 MiB; Qt does
        // not throw when that fails, so the decoder would not even notice).
        // The decode runs in a child whose peak address space is compared
        // with what it had before: the message must be rejected without
        // mapping more than a small fraction of that.
        const quint64 claimed = 16ULL * 1024 * 1024;
        WireWriter w;
        w.u8(1); // version
        w.u8(quint8(MessageType::MsgApp));
        w.u8(0);                    // flags
        for (int i = 0; i < 7; ++i) // to .. rejectHint
            w.varint(0);
        w.bytes({});       // context
        w.varint(claimed); // entry count
        QByteArray bytes = w.take();
        bytes.reserve(bytes.size() + qsizetype(claimed * 4)); // no second copy raises the peak
        bytes.append(qsizetype(claimed * 4), char(0xff));     // a malformed first entry
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            const qint64 before = statusKb("VmSize:");
            if (before <= 0 || statusKb("VmPeak:") > before + 64 * 1024)
                _exit(3); // the peak says nothing: it was reached before
            const bool accepted = Message::decode(bytes).has_value();
            const qint64 grownKb = statusKb("VmPeak:") - before;
            _exit(accepted ? 1 : grownKb > 128 * 1024 ? 2 : 0);
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY2(WIFEXITED(status), "the decoding child crashed");
        // 1: accepted, 2: mapped more than 128 MiB, 3: could not measure
        QCOMPARE(WEXITSTATUS(status), 0);
#else
        QSKIP("measures the address space through /proc");
#endif
    }

    void everyTruncationRejected()
    {
        const QByteArray bytes = fullMessage().encode();
        for (qsizetype n = 0; n < bytes.size(); ++n)
            QVERIFY2(!Message::decode(bytes.left(n)), qPrintable(QString::number(n)));
        const QByteArray e = Entry{1, 2, EntryType::Normal, "abc"}.encode();
        for (qsizetype n = 0; n < e.size(); ++n)
            QVERIFY(!Entry::decode(e.left(n)));
        const QByteArray cc = ConfChange{ConfChangeType::AddNode, 300, "x"}.encode();
        for (qsizetype n = 0; n < cc.size(); ++n)
            QVERIFY(!ConfChange::decode(cc.left(n)));
        const QByteArray hs = HardState{300, 2, 299}.encode();
        for (qsizetype n = 0; n < hs.size(); ++n)
            QVERIFY(!HardState::decode(hs.left(n)));
    }

    // What decodes is not necessarily sane: RawNode refuses messages whose content is
    // inconsistent, or that are not meant for it, before the algorithm sees them.
    void stepRefusesMalformedMessages_data()
    {
        QTest::addColumn<Message>("message");
        QTest::addColumn<int>("result");
        Message app;
        app.type = MessageType::MsgApp;
        app.from = 2;
        app.to = 1;
        app.term = 5;
        app.index = 3;
        app.logTerm = 1;
        app.entries = {Entry{4, 4, EntryType::Normal, "a"}, Entry{5, 5, EntryType::Normal, "b"}};
        QTest::newRow("consecutive entries") << app << int(StepResult::Ok);
        Message gap = app;
        gap.entries[1].index = 7;
        QTest::newRow("gap in entries") << gap << int(StepResult::Malformed);
        Message future = app;
        future.entries[1].term = 6;
        QTest::newRow("entry term beyond sender's") << future << int(StepResult::Malformed);
        Message backwards = app;
        backwards.entries[1].term = 3;
        QTest::newRow("decreasing terms") << backwards << int(StepResult::Malformed);
        Message snap;
        snap.type = MessageType::MsgSnap;
        snap.from = 2;
        snap.to = 1;
        snap.term = 5;
        QTest::newRow("snapshot message without snapshot") << snap << int(StepResult::Malformed);
        Message other = app;
        other.to = 9;
        QTest::newRow("other recipient") << other << int(StepResult::WrongRecipient);
        Message hup;
        hup.type = MessageType::MsgHup;
        hup.to = 1;
        QTest::newRow("local-only kind") << hup << int(StepResult::LocalOnly);
        Message stranger;
        stranger.type = MessageType::MsgAppResp;
        stranger.from = 42;
        stranger.to = 1;
        stranger.term = 5;
        QTest::newRow("response from a stranger") << stranger << int(StepResult::UnknownPeer);
    }
    void stepRefusesMalformedMessages()
    {
        QFETCH(Message, message);
        QFETCH(int, result);
        MemoryStorage storage;
        Config c;
        c.id = 1;
        c.peers = {1, 2, 3};
        c.storage = &storage;
        RawNode node(c);
        const quint64 lastBefore = node.status().lastIndex;
        QCOMPARE(int(node.step(message)), result);
        if (result != int(StepResult::Ok)) {
            QCOMPARE(node.status().lastIndex, lastBefore);
            QCOMPARE(node.status().hardState.term, quint64(1));
        }
    }

    // Random bytes and random mutations of valid encodings: decoders must return a value or
    // nothing, and whatever they return must re-encode to something that decodes equal.
    void fuzz()
    {
        std::mt19937_64 rng(20240601);
        const QByteArray valid = fullMessage().encode();
        int accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray bytes;
            if (round % 2 == 0) {
                const int len = int(rng() % 64);
                for (int i = 0; i < len; ++i)
                    bytes.append(char(rng()));
                if (!bytes.isEmpty())
                    bytes[0] = 1; // get past the version check most of the time
            } else {
                bytes = valid;
                const int flips = 1 + int(rng() % 4);
                for (int i = 0; i < flips; ++i)
                    bytes[qsizetype(rng() % quint64(bytes.size()))] = char(rng());
                bytes.truncate(qsizetype(rng() % quint64(bytes.size() + 1)));
            }
            if (const auto m = Message::decode(bytes)) {
                ++accepted;
                QVERIFY(Message::decode(m->encode()) == m);
            }
            if (const auto e = Entry::decode(bytes))
                QVERIFY(Entry::decode(e->encode()) == e);
            if (const auto cc = ConfChange::decode(bytes))
                QVERIFY(ConfChange::decode(cc->encode()) == cc);
            if (const auto hs = HardState::decode(bytes))
                QVERIFY(HardState::decode(hs->encode()) == hs);
            if (const auto cs = ConfState::decode(bytes))
                QVERIFY(ConfState::decode(cs->encode()) == cs);
        }
        qInfo("fuzz: %d of 20000 inputs decoded as messages", accepted);
    }
};

QTEST_APPLESS_MAIN(TestRaftMessages)
#include "tst_raft_messages.moc"
