// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/StatsJson.h"

#include "api/ApiBackend.h"
#include "api/JsonWriter.h"
#include "store/StoreStats.h"

#include <QLocale>

#include <cmath>

namespace api {

namespace {

void key(QByteArray &out, const char *name, bool &first)
{
    JsonWriter::appendFieldName(out, first, name);
}

QByteArray hexId(quint64 id)
{
    return QByteArray::number(id, 16);
}

void stringList(QByteArray &out, const QStringList &list)
{
    out.append('[');
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i)
            out.append(',');
        JsonWriter::appendString(out, list.at(i));
    }
    out.append(']');
}

} // namespace

QByteArray StatsJson::goFloat(double v)
{
    if (!std::isfinite(v))
        return "0";
    if (v == 0)
        return "0";
    const double a = std::fabs(v);
    if (a < 1e-6 || a >= 1e21)
        return QByteArray::number(v, 'e', QLocale::FloatingPointShortest);
    return QByteArray::number(v, 'f', QLocale::FloatingPointShortest);
}

QByteArray StatsJson::goDuration(qint64 ns)
{
    if (ns == 0)
        return "0s";
    QByteArray sign;
    quint64 u = ns < 0 ? quint64(-(ns + 1)) + 1 : quint64(ns);
    if (ns < 0)
        sign = "-";
    auto fraction = [](quint64 value, int digits) {
        // value has `digits` decimals; trim trailing zeros.
        QByteArray whole = QByteArray::number(value);
        QByteArray intPart, frac;
        if (whole.size() > digits) {
            intPart = whole.left(whole.size() - digits);
            frac = whole.mid(whole.size() - digits);
        } else {
            intPart = "0";
            frac = whole.rightJustified(digits, '0');
        }
        while (frac.endsWith('0'))
            frac.chop(1);
        return frac.isEmpty() ? intPart : intPart + '.' + frac;
    };
    if (u < 1000)
        return sign + QByteArray::number(u) + "ns";
    if (u < 1000000)
        return sign + fraction(u, 3) + "\xC2\xB5s";
    if (u < 1000000000)
        return sign + fraction(u, 6) + "ms";
    QByteArray out = sign;
    const quint64 hours = u / 3600000000000ULL;
    u %= 3600000000000ULL;
    const quint64 minutes = u / 60000000000ULL;
    u %= 60000000000ULL;
    if (hours)
        out += QByteArray::number(hours) + 'h';
    if (hours || minutes)
        out += QByteArray::number(minutes) + 'm';
    out += fraction(u, 9) + 's';
    return out;
}

QByteArray StatsJson::store(const store::StoreStats &s)
{
    QByteArray out("{");
    bool first = true;
    const std::pair<const char *, quint64> fields[] = {
        {"getsSuccess", s.getsSuccess},
        {"getsFail", s.getsFail},
        {"setsSuccess", s.setsSuccess},
        {"setsFail", s.setsFail},
        {"deleteSuccess", s.deleteSuccess},
        {"deleteFail", s.deleteFail},
        {"updateSuccess", s.updateSuccess},
        {"updateFail", s.updateFail},
        {"createSuccess", s.createSuccess},
        {"createFail", s.createFail},
        {"compareAndSwapSuccess", s.compareAndSwapSuccess},
        {"compareAndSwapFail", s.compareAndSwapFail},
        {"compareAndDeleteSuccess", s.compareAndDeleteSuccess},
        {"compareAndDeleteFail", s.compareAndDeleteFail},
        {"expireCount", s.expireCount},
    };
    for (const auto &[name, value] : fields) {
        key(out, name, first);
        out.append(QByteArray::number(value));
    }
    key(out, "watchers", first);
    out.append(QByteArray::number(s.watchers));
    out.append('}');
    return out;
}

QByteArray StatsJson::self(const SelfStats &s)
{
    QByteArray out("{");
    bool first = true;
    key(out, "name", first);
    JsonWriter::appendString(out, s.name);
    key(out, "id", first);
    out.append('"' + hexId(s.id) + '"');
    key(out, "state", first);
    out.append(s.leader ? "\"StateLeader\"" : "\"StateFollower\"");
    key(out, "startTime", first);
    out.append('"' + JsonWriter::rfc3339Nano(s.startTimeNs) + '"');
    key(out, "leaderInfo", first);
    out.append("{\"leader\":\"" + (s.leaderId ? hexId(s.leaderId) : QByteArray()) +
               "\",\"uptime\":\"" + goDuration(s.leaderUptimeNs) + "\",\"startTime\":\"" +
               JsonWriter::rfc3339Nano(s.leaderStartTimeNs) + "\"}");
    key(out, "recvAppendRequestCnt", first);
    out.append(QByteArray::number(s.recvAppendRequestCnt));
    // Rates are omitted when zero, like etcd's omitempty fields.
    if (s.recvPkgRate != 0) {
        key(out, "recvPkgRate", first);
        out.append(goFloat(s.recvPkgRate));
    }
    if (s.recvBandwidthRate != 0) {
        key(out, "recvBandwidthRate", first);
        out.append(goFloat(s.recvBandwidthRate));
    }
    key(out, "sendAppendRequestCnt", first);
    out.append(QByteArray::number(s.sendAppendRequestCnt));
    if (s.sendPkgRate != 0) {
        key(out, "sendPkgRate", first);
        out.append(goFloat(s.sendPkgRate));
    }
    if (s.sendBandwidthRate != 0) {
        key(out, "sendBandwidthRate", first);
        out.append(goFloat(s.sendBandwidthRate));
    }
    out.append('}');
    return out;
}

QByteArray StatsJson::leader(const LeaderStats &s)
{
    QByteArray out("{\"leader\":\"" + hexId(s.leaderId) + "\",\"followers\":{");
    for (qsizetype i = 0; i < s.followers.size(); ++i) {
        const FollowerStats &f = s.followers.at(i);
        if (i)
            out.append(',');
        out.append('"' + hexId(f.id) + "\":{\"latency\":{\"current\":" + goFloat(f.currentMs) +
                   ",\"average\":" + goFloat(f.averageMs) +
                   ",\"standardDeviation\":" + goFloat(f.standardDeviationMs) +
                   ",\"minimum\":" + goFloat(f.minimumMs) + ",\"maximum\":" + goFloat(f.maximumMs) +
                   "},\"counts\":{\"fail\":" + QByteArray::number(f.fail) +
                   ",\"success\":" + QByteArray::number(f.success) + '}');
        // Not in etcd, which only logs the difference: seconds, the follower's clock minus
        // the leader's, and the bound on that figure's error. Absent until measured.
        if (f.clockOffset)
            out.append(",\"clockOffset\":{\"current\":" + goFloat(f.clockOffset->offsetSeconds) +
                       ",\"maxError\":" + goFloat(f.clockOffset->maxErrorSeconds) + '}');
        out.append('}');
    }
    out.append("}}");
    return out;
}

QByteArray StatsJson::member(const MemberInfo &m)
{
    QByteArray out("{\"id\":\"" + hexId(m.id) + "\",\"name\":");
    JsonWriter::appendString(out, m.name);
    out.append(",\"peerURLs\":");
    stringList(out, m.peerUrls);
    out.append(",\"clientURLs\":");
    stringList(out, m.clientUrls);
    out.append('}');
    return out;
}

QByteArray StatsJson::members(const QList<MemberInfo> &members)
{
    QByteArray out("{\"members\":[");
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i)
            out.append(',');
        out.append(member(members.at(i)));
    }
    out.append("]}\n");
    return out;
}

} // namespace api
