// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "InteractionEnv.h"

#include "raft/Describe.h"

#include <stdexcept>

using namespace raft;

namespace {

QString indent(const QString &text)
{
    QString out;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out += QStringLiteral("  ") + line + QLatin1Char('\n');
    return out;
}

const char *proposeResultName(ProposeResult r)
{
    switch (r) {
    case ProposeResult::Ok:
        return "ok";
    case ProposeResult::NoLeader:
        return "NoLeader";
    case ProposeResult::TransferInProgress:
        return "TransferInProgress";
    case ProposeResult::ConfChangePending:
        return "ConfChangePending";
    case ProposeResult::LearnerNotCaughtUp:
        return "LearnerNotCaughtUp";
    case ProposeResult::NotMember:
        return "NotMember";
    case ProposeResult::TooMuchUncommitted:
        return "TooMuchUncommitted";
    case ProposeResult::Invalid:
        return "Invalid";
    }
    return "unknown";
}

// A bad script is a test bug: stop the command and report it in the output.
struct ScriptError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

quint64 parseId(const QString &s)
{
    bool ok = false;
    const quint64 id = s.toULongLong(&ok);
    if (!ok || id == 0)
        throw ScriptError("not a member id: " + s.toStdString());
    return id;
}

int parseInt(const QString &s)
{
    bool ok = false;
    const int n = s.toInt(&ok);
    if (!ok || n < 0)
        throw ScriptError("not a count: " + s.toStdString());
    return n;
}

bool parseBool(const QString &s)
{
    if (s == QLatin1String("true"))
        return true;
    if (s == QLatin1String("false"))
        return false;
    throw ScriptError("not true/false: " + s.toStdString());
}

} // namespace

SimNode &InteractionEnv::node(quint64 id)
{
    const auto it = m_nodes.find(id);
    if (it == m_nodes.end())
        throw ScriptError("no member " + std::to_string(id));
    return *it->second;
}

QList<quint64> InteractionEnv::targets(const Args &args, qsizetype from) const
{
    QList<quint64> ids;
    for (qsizetype i = from; i < args.size(); ++i)
        ids.append(parseId(args.at(i)));
    if (ids.isEmpty()) {
        for (const auto &[id, n] : m_nodes)
            ids.append(id);
    }
    return ids;
}

QString InteractionEnv::execute(const QString &commandLine)
{
    const Args args = commandLine.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString cmd = args.value(0);
    auto need = [&](qsizetype n) {
        if (args.size() < n + 1)
            throw ScriptError(cmd.toStdString() + " needs " + std::to_string(n) + " arguments");
    };
    try {
        if (cmd == QLatin1String("add-nodes"))
            return addNodes(args);
        if (cmd == QLatin1String("campaign")) {
            need(1);
            node(parseId(args[1])).raft().campaign();
            return {};
        }
        if (cmd == QLatin1String("propose")) {
            need(2);
            return QLatin1String(
                proposeResultName(node(parseId(args[1])).raft().propose(args[2].toUtf8())));
        }
        if (cmd == QLatin1String("propose-conf-change")) {
            need(2);
            const QString spec = args[2];
            ConfChange cc;
            cc.nodeId = parseId(spec.mid(1));
            if (spec.startsWith(QLatin1Char('v')))
                cc.type = ConfChangeType::AddNode;
            else if (spec.startsWith(QLatin1Char('l')))
                cc.type = ConfChangeType::AddLearner;
            else if (spec.startsWith(QLatin1Char('r')))
                cc.type = ConfChangeType::RemoveNode;
            else
                throw ScriptError("conf change is v<id>, l<id> or r<id>");
            if (cc.type != ConfChangeType::RemoveNode && !m_nodes.count(cc.nodeId)) {
                SimOptions o = m_options;
                o.seed = m_options.seed * 1000003 + cc.nodeId;
                m_nodes[cc.nodeId] = std::make_unique<SimNode>(cc.nodeId, o, QList<quint64>{});
            }
            return QLatin1String(
                proposeResultName(node(parseId(args[1])).raft().proposeConfChange(cc)));
        }
        if (cmd == QLatin1String("transfer-leadership")) {
            need(2);
            return QLatin1String(proposeResultName(
                node(parseId(args[1])).raft().transferLeadership(parseId(args[2]))));
        }
        if (cmd == QLatin1String("tick")) {
            need(2);
            tick(parseId(args[1]), parseInt(args[2]));
            return {};
        }
        if (cmd == QLatin1String("tick-heartbeat")) {
            need(1);
            tick(parseId(args[1]), m_options.heartbeatTick);
            return {};
        }
        if (cmd == QLatin1String("tick-election")) {
            // The randomized timeout lies in [electionTick, 2 * electionTick): this many
            // ticks always reach it, and at most once.
            need(1);
            tick(parseId(args[1]), 2 * m_options.electionTick);
            return {};
        }
        if (cmd == QLatin1String("process-ready"))
            return processReady(targets(args, 1));
        if (cmd == QLatin1String("deliver-msgs"))
            return deliverMsgs(targets(args, 1));
        if (cmd == QLatin1String("stabilize"))
            return stabilize(targets(args, 1));
        if (cmd == QLatin1String("crash")) {
            need(1);
            const quint64 id = parseId(args[1]);
            node(id).crash();
            m_inbox.erase(id);
            return {};
        }
        if (cmd == QLatin1String("restart")) {
            need(1);
            SimNode &n = node(parseId(args[1]));
            n.restart();
            return status({n.id()});
        }
        if (cmd == QLatin1String("isolate")) {
            need(1);
            m_isolated.insert(parseId(args[1]));
            return {};
        }
        if (cmd == QLatin1String("recover")) {
            m_isolated.clear();
            return {};
        }
        if (cmd == QLatin1String("compact")) {
            need(2);
            SimNode &n = node(parseId(args[1]));
            if (!n.snapshotAndCompact(parseId(args[2])))
                throw ScriptError("could not take a snapshot");
            return raftLog(n.id());
        }
        if (cmd == QLatin1String("status"))
            return status(targets(args, 1));
        if (cmd == QLatin1String("raft-log")) {
            need(1);
            return raftLog(parseId(args[1]));
        }
        if (cmd == QLatin1String("values")) {
            need(1);
            SimNode &n = node(parseId(args[1]));
            QStringList values;
            for (const QByteArray &v : n.values)
                values.append(quoteBytes(v));
            return QStringLiteral("applied %1: [%2]")
                .arg(n.appliedIndex)
                .arg(values.join(QLatin1Char(' ')));
        }
        throw ScriptError("unknown command " + cmd.toStdString());
    } catch (const ScriptError &e) {
        return QStringLiteral("error: ") + QString::fromStdString(e.what());
    }
}

QString InteractionEnv::addNodes(const Args &args)
{
    if (args.size() < 2)
        throw ScriptError("add-nodes <n> [key=value ...]");
    if (!m_nodes.empty())
        throw ScriptError("add-nodes works once per file");
    const int n = parseInt(args[1]);
    for (qsizetype i = 2; i < args.size(); ++i) {
        const QString key = args[i].section(QLatin1Char('='), 0, 0);
        const QString value = args[i].section(QLatin1Char('='), 1);
        if (key == QLatin1String("election"))
            m_options.electionTick = parseInt(value);
        else if (key == QLatin1String("heartbeat"))
            m_options.heartbeatTick = parseInt(value);
        else if (key == QLatin1String("prevote"))
            m_options.preVote = parseBool(value);
        else if (key == QLatin1String("checkquorum"))
            m_options.checkQuorum = parseBool(value);
        else
            throw ScriptError("unknown option " + key.toStdString());
    }
    QList<quint64> ids;
    for (int i = 1; i <= n; ++i)
        ids.append(quint64(i));
    for (quint64 id : ids) {
        SimOptions o = m_options;
        o.seed = m_options.seed * 1000003 + id;
        auto node = std::make_unique<SimNode>(id, o, ids);
        // The bootstrap Ready (the voters' AddNode entries, committed at term 1) sends
        // nothing; handling it here keeps it out of every script.
        if (!node->drain().isEmpty())
            throw ScriptError("bootstrap Ready sent messages");
        m_nodes.emplace(id, std::move(node));
    }
    return status(ids);
}

QString InteractionEnv::processReady(const QList<quint64> &ids, bool *progress)
{
    QString out;
    for (quint64 id : ids) {
        SimNode &n = node(id);
        if (!n.onReady) // members added later (propose-conf-change) get it here too
            n.onReady = [this](SimNode &, const Ready &rd) { m_lastReady = describe(rd); };
        if (!n.isUp() || !n.raft().hasReady())
            continue;
        m_lastReady.clear();
        const SimNode::Output sent = n.handleReady();
        out += QStringLiteral("> %1 handling Ready\n").arg(id) + indent(m_lastReady);
        route(sent.all());
        if (progress)
            *progress = true;
    }
    return out;
}

void InteractionEnv::route(const QList<Message> &messages)
{
    for (const Message &m : messages) {
        if (m_isolated.count(m.from) || m_isolated.count(m.to) || !m_nodes.count(m.to))
            continue;
        m_inbox[m.to].append(m);
    }
}

QString InteractionEnv::deliverMsgs(const QList<quint64> &ids, bool *progress)
{
    QString out;
    for (quint64 id : ids) {
        SimNode &n = node(id);
        const QList<Message> inbox = m_inbox[id];
        m_inbox.erase(id);
        if (inbox.isEmpty() || !n.isUp())
            continue;
        out += QStringLiteral("> %1 receiving messages\n").arg(id);
        for (const Message &m : inbox) {
            out += indent(describe(m));
            const StepResult r = n.raft().step(m);
            if (r != StepResult::Ok)
                out += QStringLiteral("  ignored (step result %1)\n").arg(int(r));
            // The transport reports the end of a snapshot stream (here: it arrived).
            if (m.type == MessageType::MsgSnap && m_nodes.count(m.from) && node(m.from).isUp())
                node(m.from).raft().reportSnapshot(id, true);
        }
        if (progress)
            *progress = true;
    }
    return out;
}

QString InteractionEnv::stabilize(const QList<quint64> &ids)
{
    QString out;
    for (int round = 0; round < 1000; ++round) {
        bool progress = false;
        out += processReady(ids, &progress);
        out += deliverMsgs(ids, &progress);
        if (!progress)
            return out;
    }
    return out + QStringLiteral("error: no quiet state after 1000 rounds\n");
}

void InteractionEnv::tick(quint64 id, int n)
{
    SimNode &node = this->node(id);
    for (int i = 0; i < n && node.isUp(); ++i)
        node.raft().tick();
}

QString InteractionEnv::status(const QList<quint64> &ids)
{
    QString out;
    for (quint64 id : ids) {
        SimNode &n = node(id);
        if (!n.isUp())
            out += QStringLiteral("%1 is down\n").arg(id);
        else
            out += describe(n.status()) + QLatin1Char('\n');
    }
    return out;
}

QString InteractionEnv::raftLog(quint64 id)
{
    SimNode &n = node(id);
    Snapshot snap;
    n.storage().snapshot(&snap);
    QString out;
    if (!snap.isEmpty())
        out += QStringLiteral("Snapshot ") + describe(snap) + QLatin1Char('\n');
    const QList<Entry> entries = n.storedEntries();
    out += entries.isEmpty() ? QStringLiteral("log is empty\n") : describe(entries);
    return out;
}
