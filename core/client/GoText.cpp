// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/GoText.h"

#include "go/GoJson.h"
#include "go/GoPath.h"
#include "go/GoUrl.h"
#include "go/GoUtf8.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>

namespace client::go {

namespace {

const char hexDigits[] = "0123456789abcdef";

bool isPrintable(int cp)
{
    // Close to Go's unicode.IsPrint for the ranges that matter in keys and
    // values: controls, the Unicode separators and non-characters are not.
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return false;
    if (cp == 0xAD || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF)
        return false;
    if ((cp & 0xFFFE) == 0xFFFE)
        return false;
    const QChar::Category cat =
        cp > 0xFFFF ? QChar::category(char32_t(cp)) : QChar(char16_t(cp)).category();
    switch (cat) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    case QChar::Separator_Space:
        return cp == 0x20;
    default:
        return true;
    }
}

void appendHex(QByteArray &out, unsigned value, int digits)
{
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += hexDigits[(value >> shift) & 0xF];
}

} // namespace

QByteArray quote(const QByteArray &utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (qsizetype i = 0; i < utf8.size();) {
        qsizetype len = 1;
        const int cp = ::go::GoUtf8::decodeRune(utf8, i, &len);
        if (cp < 0) {
            out += "\\x";
            appendHex(out, static_cast<unsigned char>(utf8[i]), 2);
            i += 1;
            continue;
        }
        switch (cp) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\a':
            out += "\\a";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\v':
            out += "\\v";
            break;
        default:
            if (isPrintable(cp)) {
                out += utf8.mid(i, len);
            } else if (cp < 0x80) {
                out += "\\x";
                appendHex(out, unsigned(cp), 2);
            } else if (cp < 0x10000) {
                out += "\\u";
                appendHex(out, unsigned(cp), 4);
            } else {
                out += "\\U";
                appendHex(out, unsigned(cp), 8);
            }
        }
        i += len;
    }
    out += '"';
    return out;
}

QByteArray jsonString(const QByteArray &utf8)
{
    return ::go::GoJson::string(utf8);
}

QByteArray escapePath(const QString &path)
{
    return ::go::GoUrl::escapePath(path.toUtf8());
}

QByteArray escapeQuery(const QString &component)
{
    return ::go::GoUrl::escapeQuery(component.toUtf8());
}

QString canonicalPath(const QString &path)
{
    return ::go::GoPath::cleanKeepingSlash(path);
}

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

QString quoteChar(char c)
{
    if (c == '\'')
        return QStringLiteral("'\\''");
    if (c == '"')
        return QStringLiteral("'\"'");
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    return QStringLiteral("'\\x%1'").arg(b, 2, 16, QLatin1Char('0'));
}

// Length of the JSON number at the start of `s` (0 if none).
int numberLength(const QByteArray &s, int i)
{
    const int start = i;
    if (i < s.size() && s[i] == '-')
        ++i;
    if (i >= s.size() || !(s[i] >= '0' && s[i] <= '9'))
        return 0;
    if (s[i] == '0')
        ++i;
    else
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
    }
    return i - start;
}

} // namespace

QString jsonDecodeError(const QByteArray &body, const QString &goType)
{
    int i = 0;
    while (i < body.size() && isJsonSpace(body[i]))
        ++i;
    if (i == body.size())
        return QStringLiteral("unexpected end of JSON input");
    const char first = body[i];
    if (first == '-' || (first >= '0' && first <= '9')) {
        int end = i + numberLength(body, i);
        while (end < body.size() && isJsonSpace(body[end]))
            ++end;
        if (end < body.size())
            return QStringLiteral("invalid character %1 after top-level value")
                .arg(quoteChar(body[end]));
        return QStringLiteral("json: cannot unmarshal number into Go value of type %1").arg(goType);
    }
    // Find where the first value ends: brackets balanced outside strings,
    // a string's closing quote, or a literal's last letter.
    int end = i;
    if (first == '{' || first == '[') {
        int depth = 0;
        bool inString = false;
        bool escape = false;
        for (; end < body.size(); ++end) {
            const char c = body[end];
            if (inString) {
                if (escape)
                    escape = false;
                else if (c == '\\')
                    escape = true;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                break;
            }
        }
        if (end == body.size())
            return QStringLiteral("unexpected end of JSON input");
        ++end;
    } else if (first == '"') {
        bool escape = false;
        for (end = i + 1; end < body.size(); ++end) {
            if (escape)
                escape = false;
            else if (body[end] == '\\')
                escape = true;
            else if (body[end] == '"')
                break;
        }
        if (end == body.size())
            return QStringLiteral("unexpected end of JSON input");
        ++end;
    } else {
        const QByteArray literal = first == 't'   ? "true"
                                   : first == 'f' ? "false"
                                   : first == 'n' ? "null"
                                                  : "";
        if (literal.isEmpty())
            return QStringLiteral("invalid character %1 looking for beginning of value")
                .arg(quoteChar(first));
        for (int k = 0; k < literal.size(); ++k, ++end) {
            if (end == body.size())
                return QStringLiteral("unexpected end of JSON input");
            if (body[end] != literal[k])
                return QStringLiteral("invalid character %1 in literal %2 (expecting %3)")
                    .arg(quoteChar(body[end]), QString::fromLatin1(literal), quoteChar(literal[k]));
        }
    }
    int rest = end;
    while (rest < body.size() && isJsonSpace(body[rest]))
        ++rest;
    if (rest < body.size())
        return QStringLiteral("invalid character %1 after top-level value")
            .arg(quoteChar(body[rest]));
    // Wrapped in an array so that scalars parse too.
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + body.mid(i, end - i) + "]", &pe);
    if (pe.error != QJsonParseError::NoError) {
        const int at = qBound(0, i + pe.offset - 1, int(body.size()) - 1);
        return QStringLiteral("invalid character %1 looking for beginning of value")
            .arg(quoteChar(body[at]));
    }
    const QJsonValue v = doc.array().first();
    switch (v.type()) {
    case QJsonValue::Object:
    case QJsonValue::Null:
        return QString();
    case QJsonValue::Array:
        return QStringLiteral("json: cannot unmarshal array into Go value of type %1").arg(goType);
    case QJsonValue::String:
        return QStringLiteral("json: cannot unmarshal string into Go value of type %1").arg(goType);
    default:
        return QStringLiteral("json: cannot unmarshal bool into Go value of type %1").arg(goType);
    }
}

QString normalizeRfc3339(const QString &timestamp)
{
    // Shape: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
    if (timestamp.size() < 20 || timestamp[10] != QLatin1Char('T'))
        return timestamp;
    int zone = timestamp.size() - 1;
    if (timestamp.endsWith(QLatin1Char('Z')) || timestamp.endsWith(QLatin1Char('z'))) {
        zone = timestamp.size() - 1;
    } else if (timestamp.size() >= 25 && (timestamp[timestamp.size() - 6] == QLatin1Char('+') ||
                                          timestamp[timestamp.size() - 6] == QLatin1Char('-'))) {
        zone = timestamp.size() - 6;
    } else {
        return timestamp;
    }
    QString head = timestamp.left(19);
    QString fraction;
    if (zone > 19) {
        if (timestamp[19] != QLatin1Char('.'))
            return timestamp;
        fraction = timestamp.mid(20, zone - 20);
        while (fraction.endsWith(QLatin1Char('0')))
            fraction.chop(1);
    }
    QString suffix = timestamp.mid(zone);
    if (suffix == QLatin1String("z") || suffix == QLatin1String("+00:00"))
        suffix = QStringLiteral("Z");
    return head + (fraction.isEmpty() ? QString() : QLatin1Char('.') + fraction) + suffix;
}

} // namespace client::go
