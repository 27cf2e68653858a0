// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QReadWriteLock>

#if defined(__SANITIZE_THREAD__)
#define QETCD_TSAN_ANNOTATE 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define QETCD_TSAN_ANNOTATE 1
#endif
#endif

#ifdef QETCD_TSAN_ANNOTATE
#include <sanitizer/tsan_interface.h>
#endif

namespace node {

// A QReadWriteLock that ThreadSanitizer understands.
//
// QReadWriteLock does its work inside QtCore, which Debian does not build with TSan, so a
// TSan build cannot see that a writer's unlock happens before a reader's lock and reports
// every read made under the lock as racing with the last write made under it. (QMutex needs
// nothing: its inline code carries Qt's own annotations.) In a TSan build this class tells
// TSan about each lock and unlock through its annotation interface; in any other build it is
// exactly a QReadWriteLock (Qt's writer-preferring lock is kept on purpose: glibc's default
// pthread rwlock, behind std::shared_mutex, lets a stream of readers starve the writer).
//
// Not recursive. Thread-safe.
class AnnotatedReadWriteLock
{
public:
    AnnotatedReadWriteLock()
    {
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_create(this, 0);
#endif
    }
    ~AnnotatedReadWriteLock()
    {
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_destroy(this, 0);
#endif
    }
    AnnotatedReadWriteLock(const AnnotatedReadWriteLock &) = delete;
    AnnotatedReadWriteLock &operator=(const AnnotatedReadWriteLock &) = delete;

    void lockForRead()
    {
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_pre_lock(this, __tsan_mutex_read_lock);
#endif
        m_lock.lockForRead();
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_post_lock(this, __tsan_mutex_read_lock, 0);
#endif
    }
    void lockForWrite()
    {
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_pre_lock(this, 0);
#endif
        m_lock.lockForWrite();
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_post_lock(this, 0, 0);
#endif
    }
    void unlockRead()
    {
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_pre_unlock(this, __tsan_mutex_read_lock);
#endif
        m_lock.unlock();
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_post_unlock(this, __tsan_mutex_read_lock);
#endif
    }
    void unlockWrite()
    {
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_pre_unlock(this, 0);
#endif
        m_lock.unlock();
#ifdef QETCD_TSAN_ANNOTATE
        __tsan_mutex_post_unlock(this, 0);
#endif
    }

    // Scoped holds, as QReadLocker and QWriteLocker.
    class ReadLocker
    {
    public:
        explicit ReadLocker(AnnotatedReadWriteLock *lock) : m_lock(lock) { m_lock->lockForRead(); }
        ~ReadLocker() { m_lock->unlockRead(); }
        ReadLocker(const ReadLocker &) = delete;
        ReadLocker &operator=(const ReadLocker &) = delete;

    private:
        AnnotatedReadWriteLock *m_lock;
    };
    class WriteLocker
    {
    public:
        explicit WriteLocker(AnnotatedReadWriteLock *lock) : m_lock(lock)
        {
            m_lock->lockForWrite();
        }
        ~WriteLocker() { m_lock->unlockWrite(); }
        WriteLocker(const WriteLocker &) = delete;
        WriteLocker &operator=(const WriteLocker &) = delete;

    private:
        AnnotatedReadWriteLock *m_lock;
    };

private:
    QReadWriteLock m_lock;
};

} // namespace node
