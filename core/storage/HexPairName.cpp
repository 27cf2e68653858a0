// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/HexPairName.h"

namespace storage {

namespace {

constexpr int kDigits = 16;

std::optional<quint64> parseHex(QStringView digits)
{
    quint64 v = 0;
    for (QChar c : digits) {
        const char16_t u = c.unicode();
        int d;
        if (u >= u'0' && u <= u'9')
            d = u - u'0';
        else if (u >= u'a' && u <= u'f')
            d = u - u'a' + 10;
        else
            return std::nullopt;
        v = (v << 4) | quint64(d);
    }
    return v;
}

} // namespace

QString HexPairName::format(quint64 first, quint64 second, QLatin1StringView suffix)
{
    return QString::asprintf("%016llx-%016llx", static_cast<unsigned long long>(first),
                             static_cast<unsigned long long>(second)) +
           suffix;
}

std::optional<HexPairName> HexPairName::parse(const QString &fileName, QLatin1StringView suffix)
{
    if (fileName.size() != 2 * kDigits + 1 + suffix.size() || !fileName.endsWith(suffix) ||
        fileName.at(kDigits) != u'-')
        return std::nullopt;
    const auto a = parseHex(QStringView(fileName).mid(0, kDigits));
    const auto b = parseHex(QStringView(fileName).mid(kDigits + 1, kDigits));
    if (!a || !b)
        return std::nullopt;
    return HexPairName{*a, *b};
}

} // namespace storage
