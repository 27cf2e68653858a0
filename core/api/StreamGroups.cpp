// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/StreamGroups.h"

#include "api/JsonWriter.h"
#include "api/KeysBackend.h"
#include "go/GoPath.h"

#include <algorithm>
#include <utility>

namespace api {

struct StreamGroups::Group
{
    QString key;           // in m_groups
    quint64 watcherId = 0; // the store's watcher for the group; 0 once the store dropped it
    std::vector<std::shared_ptr<WatchState>> members;
    // An event is being handed out: members that leave meanwhile are dropped after it.
    bool delivering = false;
    bool leftDuringDelivery = false;
};

StreamGroups::StreamGroups(KeysBackend &backend, std::shared_ptr<EventEncodingCache> encodings)
    : m_backend(backend), m_encodings(std::move(encodings))
{
}

StreamGroups::~StreamGroups() = default;

StreamGroups::Joined StreamGroups::join(const QString &path, bool recursive)
{
    Joined joined;
    const QString key = QLatin1Char(recursive ? 'r' : 'k') + go::GoPath::clean(path);
    std::shared_ptr<Group> group = m_groups.value(key);
    if (group) {
        // Asked of the store only for its index and its checks of the key: the group's own
        // watcher already gets the events, so this one goes at once.
        const store::WatchResult probe = m_backend.watch(path, recursive, true, 0, {});
        if (probe.error) {
            joined.error = probe.error;
            return joined;
        }
        m_backend.cancelWatch(probe.watcherId);
        joined.etcdIndex = probe.etcdIndex;
        joined.group = std::move(group);
        return joined;
    }

    group = std::make_shared<Group>();
    group->key = key;
    std::weak_ptr<Group> weakGroup = group;
    std::weak_ptr<StreamGroups> weakSelf = weak_from_this();
    auto onEvent = [weakGroup, weakSelf, encodings = m_encodings](const store::Event &event) {
        const std::shared_ptr<Group> g = weakGroup.lock();
        if (!g)
            return;
        const std::shared_ptr<const EncodedEvent> encoded = encodings->get(event);
        g->delivering = true;
        for (const std::shared_ptr<WatchState> &s : g->members) {
            if (s->finished)
                continue;
            if (s->channel->isOpen()) {
                s->channel->writeEvent(encoded);
                continue;
            }
            // Closed before its close callback could be set (a client gone at once): it
            // would never leave otherwise.
            s->finished = true;
            g->leftDuringDelivery = true;
        }
        g->delivering = false;
        if (std::exchange(g->leftDuringDelivery, false)) {
            if (const std::shared_ptr<StreamGroups> self = weakSelf.lock())
                self->dropFinished(g);
        }
    };
    // The store dropped the group's watcher (401 after a snapshot install): each member's head
    // is out, so the error goes as the last chunk of its body, as for a watch of its own.
    auto onError = [weakGroup, weakSelf](const store::EtcdError &error) {
        const std::shared_ptr<Group> g = weakGroup.lock();
        if (!g)
            return;
        g->watcherId = 0;
        if (const std::shared_ptr<StreamGroups> self = weakSelf.lock())
            self->forget(g);
        const QByteArray chunk = JsonWriter::error(error);
        const std::vector<std::shared_ptr<WatchState>> members = std::exchange(g->members, {});
        for (const std::shared_ptr<WatchState> &s : members) {
            if (s->finished)
                continue;
            s->finished = true;
            if (!s->channel->isOpen())
                continue;
            s->channel->writeChunk(chunk);
            s->channel->endStream();
        }
    };
    const store::WatchResult result =
        m_backend.watch(path, recursive, true, 0, store::WatchSink(onEvent, onError));
    if (result.error) {
        joined.error = result.error;
        return joined;
    }
    group->watcherId = result.watcherId;
    joined.etcdIndex = result.etcdIndex;
    m_groups.insert(key, group);
    joined.group = std::move(group);
    return joined;
}

void StreamGroups::started(const std::shared_ptr<Group> &group,
                           const std::shared_ptr<WatchState> &state)
{
    state->started = true;
    group->members.push_back(state);
    std::weak_ptr<Group> weakGroup = group;
    std::weak_ptr<StreamGroups> weakSelf = weak_from_this();
    state->channel->onClosed([state, weakGroup, weakSelf] {
        state->finished = true;
        const std::shared_ptr<Group> g = weakGroup.lock();
        const std::shared_ptr<StreamGroups> self = weakSelf.lock();
        if (!g || !self)
            return;
        if (g->delivering)
            g->leftDuringDelivery = true;
        else
            self->dropFinished(g);
    });
}

void StreamGroups::dropFinished(const std::shared_ptr<Group> &group)
{
    std::vector<std::shared_ptr<WatchState>> &m = group->members;
    m.erase(std::remove_if(m.begin(), m.end(),
                           [](const std::shared_ptr<WatchState> &s) { return s->finished; }),
            m.end());
    if (!m.empty())
        return;
    if (group->watcherId)
        m_backend.cancelWatch(std::exchange(group->watcherId, 0));
    forget(group);
}

void StreamGroups::forget(const std::shared_ptr<Group> &group)
{
    // A later group of the same key may have taken its place already.
    auto it = m_groups.find(group->key);
    if (it != m_groups.end() && it.value() == group)
        m_groups.erase(it);
}

int StreamGroups::extraMembers() const
{
    int extra = 0;
    for (const std::shared_ptr<Group> &g : m_groups) {
        if (!g->watcherId)
            continue;
        const auto live =
            std::count_if(g->members.cbegin(), g->members.cend(),
                          [](const std::shared_ptr<WatchState> &s) { return !s->finished; });
        extra += int(std::max<qsizetype>(live - 1, 0));
    }
    return extra;
}

} // namespace api
