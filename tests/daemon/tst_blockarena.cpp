// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// http::BlockArena, which makes a watch stream's pieces on the api thread, up to 16 to a heap
// block, for other threads to destroy: every object is constructed and destroyed exactly once, and
// every block goes back to the heap once its last object is destroyed, whichever thread does
// it and whether the arena is still there. (The sanitizer build also checks that no block is
// freed twice or read after it was freed.)

#include "BlockArena.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace {

std::atomic<int> g_alive{0};

// Counts itself, and checks its own bytes when destroyed: a block reused or freed under a live
// object would show as a wrong payload.
struct Counted
{
    explicit Counted(int value) : value(value), check(~value) { g_alive.fetch_add(1); }
    Counted(const Counted &) = delete;
    Counted &operator=(const Counted &) = delete;
    ~Counted()
    {
        if (check != ~value)
            std::abort();
        check = 0;
        g_alive.fetch_sub(1);
    }
    int value;
    int check;
};

// Blocks not yet given back, over every arena: what the test sees of the heap.
struct BlockCount
{
    static inline std::atomic<int> held{0};
    static void made() { held.fetch_add(1); }
    static void freed() { held.fetch_sub(1); }
};

using Arena = http::BlockArena<Counted, 4, BlockCount>;

int blocksHeld()
{
    return BlockCount::held.load();
}

} // namespace

class TestBlockArena : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QCOMPARE(g_alive.load(), 0);
        QCOMPARE(blocksHeld(), 0);
    }

    void blocksGoBackAsTheirLastObjectGoes()
    {
        Arena arena;
        std::vector<Counted *> made;
        for (int i = 0; i < 10; ++i)
            made.push_back(arena.create(i));
        QCOMPARE(g_alive.load(), 10);
        // Blocks of 1, 2, 4 and 4: {0} {1 2} {3 4 5 6} {7 8 9 -}.
        QCOMPARE(blocksHeld(), 4);
        Arena::destroy(made[0]);
        QCOMPARE(blocksHeld(), 3);
        // A block's objects out of order: it goes with the last of them, not before.
        Arena::destroy(made[2]);
        QCOMPARE(blocksHeld(), 3);
        Arena::destroy(made[1]);
        QCOMPARE(blocksHeld(), 2);
        Arena::destroy(made[6]);
        Arena::destroy(made[3]);
        Arena::destroy(made[5]);
        QCOMPARE(blocksHeld(), 2);
        Arena::destroy(made[4]);
        QCOMPARE(blocksHeld(), 1);
        for (int i = 7; i < 10; ++i) {
            QCOMPARE(made[size_t(i)]->value, i);
            Arena::destroy(made[size_t(i)]);
        }
        // The block still being filled stays with the arena, and takes the next object.
        QCOMPARE(blocksHeld(), 1);
        Counted *last = arena.create(10);
        QCOMPARE(last->value, 10);
        QCOMPARE(blocksHeld(), 1);
        QCOMPARE(g_alive.load(), 1);
        Arena::destroy(last);
        QCOMPARE(blocksHeld(), 0); // it was full: its last object took it
        made.clear();
        for (int i = 0; i < 3; ++i)
            made.push_back(arena.create(i));
        QCOMPARE(blocksHeld(), 1); // no smaller than 4 from now on
        for (Counted *object : made)
            Arena::destroy(object);
        QCOMPARE(blocksHeld(), 1); // and none once the arena is gone (init)
    }

    void theArenaMayGoFirst()
    {
        std::vector<Counted *> made;
        {
            Arena arena;
            for (int i = 0; i < 6; ++i)
                made.push_back(arena.create(i));
            // An empty arena holds nothing.
            Arena empty;
        }
        QCOMPARE(blocksHeld(), 3); // {0} {1 2} {3 4 5 -}
        for (Counted *object : made)
            Arena::destroy(object);
        QCOMPARE(blocksHeld(), 0);
        QCOMPARE(g_alive.load(), 0);
    }

    void anArenaWhoseObjectsAreGoneGivesBackItsBlock()
    {
        {
            Arena arena;
            Arena::destroy(arena.create(1)); // a block of 1: full, and gone with its object
            QCOMPARE(blocksHeld(), 0);
            Arena::destroy(arena.create(2)); // the first of a block of 2
            QCOMPARE(blocksHeld(), 1);
        }
        QCOMPARE(blocksHeld(), 0);
    }

    // The way SocketChannel uses it: one thread makes, others destroy what they take.
    void madeOnOneThreadDestroyedOnOthers()
    {
        constexpr int kObjects = 200000;
        std::mutex mutex;
        std::deque<Counted *> handed;
        std::atomic<bool> done{false};
        std::atomic<long long> sum{0};
        auto take = [&] {
            std::mt19937 random(std::hash<std::thread::id>{}(std::this_thread::get_id()));
            std::vector<Counted *> mine;
            for (;;) {
                {
                    std::lock_guard lock(mutex);
                    const size_t n = std::min<size_t>(handed.size(), 1 + random() % 64);
                    mine.assign(handed.begin(), handed.begin() + qsizetype(n));
                    handed.erase(handed.begin(), handed.begin() + qsizetype(n));
                }
                if (mine.empty()) {
                    if (done.load())
                        return;
                    std::this_thread::yield();
                    continue;
                }
                // Newest first, as SocketChannel::takePieces walks them.
                std::reverse(mine.begin(), mine.end());
                for (Counted *object : mine) {
                    sum.fetch_add(object->value);
                    Arena::destroy(object);
                }
            }
        };
        std::thread first(take);
        std::thread second(take);
        {
            Arena arena;
            for (int i = 0; i < kObjects; ++i) {
                Counted *object = arena.create(i);
                std::lock_guard lock(mutex);
                handed.push_back(object);
            }
        } // the arena goes while the takers still destroy
        done.store(true);
        first.join();
        second.join();
        QCOMPARE(sum.load(), static_cast<long long>(kObjects) * (kObjects - 1) / 2);
        QCOMPARE(g_alive.load(), 0);
        QCOMPARE(blocksHeld(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBlockArena)
#include "tst_blockarena.moc"
