// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/EtcdError.h"
#include "store/Event.h"

#include <functional>
#include <type_traits>
#include <utility>

namespace store {

// WatchSink: where a registered watch's answers go. Called synchronously from
// Store::apply, Store::recover and (stream replays) Store::watch; a sink must not mutate
// the store but may call watch()/cancel().
//  - operator()(event): the next matching event.
//  - fail(error): the watch cannot go on without a gap (a snapshot install replaced the
//    history and it no longer reaches back to the events the watcher still waited for:
//    401 EventIndexCleared). The hub has already dropped the watcher when fail() runs, so
//    it gets nothing afterwards. A sink without an error handler just loses the watch.
// Any callable taking `const Event &` converts to a sink without an error handler, so
// plain lambdas keep working where no error can be acted on. A plain value; copies share
// nothing.
class WatchSink
{
public:
    using EventFn = std::function<void(const Event &)>;
    using ErrorFn = std::function<void(const EtcdError &)>;

    WatchSink() = default;
    template <typename F, typename = std::enable_if_t<std::is_constructible_v<EventFn, F> &&
                                                      !std::is_same_v<std::decay_t<F>, WatchSink>>>
    WatchSink(F &&onEvent) : m_onEvent(std::forward<F>(onEvent))
    {
    }
    WatchSink(EventFn onEvent, ErrorFn onError)
        : m_onEvent(std::move(onEvent)), m_onError(std::move(onError))
    {
    }

    explicit operator bool() const { return bool(m_onEvent); }
    void operator()(const Event &e) const
    {
        if (m_onEvent)
            m_onEvent(e);
    }
    void fail(const EtcdError &error) const
    {
        if (m_onError)
            m_onError(error);
    }

private:
    EventFn m_onEvent;
    ErrorFn m_onError;
};

} // namespace store
