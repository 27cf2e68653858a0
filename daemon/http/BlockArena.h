// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <atomic>
#include <new>
#include <utility>

namespace http {

// Makes objects of type T for one producing thread, up to N to one heap block, and gives a block
// back to the heap once all its objects were destroyed, by whatever threads destroyed them.
//
// Why: a watch stream's pieces (SocketChannel) are made on the api thread, the member's own,
// which also runs Raft, and destroyed by a StreamSender's thread, which runs at SCHED_IDLE. One
// heap object per piece made tcmalloc move them from the sender's cache back to the api
// thread's through its central free list, under a spin lock: the sender, preempted holding it,
// kept the member's thread waiting on that lock 10 to 30 times a second, for up to 4.7 ms
// (`perf trace -e futex` on the member's thread, 1,000 streams; bench/README "Scale", session
// 37). With N objects to a block the api thread asks the heap once per N pieces, and the
// sender returns memory to it once per N. The blocks grow to N (1, 2, 4, ...): most channels
// are long polls, with two or three pieces, and an idle one must not hold a block of 16 (1.2
// KiB more per idle watcher when they started at 16).
//
// Threads: create() and the destructor on the producing thread (or after it is done: the
// destructor only gives up the block being filled); destroy() on any thread, once per object.
// The objects are independent of the arena: one may be destroyed after the arena is gone.
//
// `Tally` is told of every block made and freed (tests count them; the daemon's does nothing,
// so that no counter shared by every arena is written on the member's and the senders' threads).
struct NoBlockTally
{
    static void made() {}
    static void freed() {}
};

template <typename T, int N, typename Tally = NoBlockTally> class BlockArena
{
    static_assert(N > 0);

public:
    BlockArena() = default;
    BlockArena(const BlockArena &) = delete;
    BlockArena &operator=(const BlockArena &) = delete;
    ~BlockArena()
    {
        // The unused places of the block being filled count as destroyed: whoever destroys its
        // last object, here or elsewhere, frees it.
        if (m_block)
            m_block->release(m_block->capacity - m_used);
    }

    template <typename... Args> T *create(Args &&...args)
    {
        if (!m_block) {
            m_block = Block::make(m_nextCapacity);
            m_nextCapacity = qMin(N, 2 * m_nextCapacity);
        }
        Slot &slot = m_block->places()[m_used];
        slot.block = m_block;
        T *object = new (slot.storage) T(std::forward<Args>(args)...);
        // A full block is no longer this arena's: its last object may be destroyed, and the
        // block freed, at any moment from now on.
        if (++m_used == m_block->capacity) {
            m_block = nullptr;
            m_used = 0;
        }
        return object;
    }

    // Any thread; `object` came from create() of an arena of this type.
    static void destroy(T *object)
    {
        // The storage is the first member of a standard-layout Slot.
        Slot *slot = reinterpret_cast<Slot *>(object);
        Block *block = slot->block;
        object->~T();
        block->release(1);
    }

private:
    struct Block;
    struct Slot
    {
        alignas(T) unsigned char storage[sizeof(T)];
        Block *block;
    };
    // A header, then `capacity` slots, in one allocation.
    struct alignas(Slot) Block
    {
        std::atomic<int> released{0};
        int capacity = 0;

        static Block *make(int capacity)
        {
            void *raw = ::operator new(sizeof(Block) + size_t(capacity) * sizeof(Slot));
            Block *block = new (raw) Block;
            block->capacity = capacity;
            Tally::made();
            return block;
        }
        Slot *places()
        {
            return reinterpret_cast<Slot *>(reinterpret_cast<char *>(this) + sizeof(Block));
        }
        void release(int count)
        {
            // acq_rel: the thread that frees the block has seen every other object's destruction.
            if (released.fetch_add(count, std::memory_order_acq_rel) + count == capacity) {
                Tally::freed();
                this->~Block();
                ::operator delete(this);
            }
        }
    };

    // ::operator new aligns no further than this.
    static_assert(alignof(Slot) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);

    Block *m_block = nullptr; // being filled; nullptr until the next create()
    int m_used = 0;           // places of m_block handed out
    int m_nextCapacity = 1;
};

} // namespace http
