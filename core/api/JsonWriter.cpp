#include "api/JsonWriter.h"

#include "store/EtcdError.h"
#include "store/Event.h"
#include "store/NodeValue.h"

#include <QDateTime>

namespace {

const char hexDigits[] = "0123456789abcdef";

bool needsEscape(uchar c)
{
    return c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0xE2;
}

void appendUInt(QByteArray &out, quint64 v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        out.append(buf[--n]);
}

void appendInt(QByteArray &out, qint64 v)
{
    if (v < 0) {
        out.append('-');
        appendUInt(out, quint64(-(v + 1)) + 1);
    } else {
        appendUInt(out, quint64(v));
    }
}

} // namespace

void JsonWriter::appendString(QByteArray &out, QByteArrayView s)
{
    out.append('"');
    qsizetype start = 0;
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(s[i]);
        if (!needsEscape(c))
            continue;
        if (c == 0xE2) {
            // U+2028 / U+2029 are E2 80 A8 / E2 80 A9: escaped by Go for JSONP safety.
            if (i + 2 < n && uchar(s[i + 1]) == 0x80 &&
                (uchar(s[i + 2]) == 0xA8 || uchar(s[i + 2]) == 0xA9)) {
                out.append(s.data() + start, i - start);
                out.append(uchar(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
                i += 2;
                start = i + 1;
            }
            continue;
        }
        out.append(s.data() + start, i - start);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            out.append("\\u00");
            out.append(hexDigits[c >> 4]);
            out.append(hexDigits[c & 0xF]);
        }
        start = i + 1;
    }
    out.append(s.data() + start, n - start);
    out.append('"');
}

void JsonWriter::appendString(QByteArray &out, QStringView s)
{
    appendString(out, QByteArrayView(s.toUtf8()));
}

QByteArray JsonWriter::rfc3339Nano(qint64 ns)
{
    qint64 secs = ns / 1000000000;
    qint64 frac = ns % 1000000000;
    if (frac < 0) {
        frac += 1000000000;
        --secs;
    }
    QByteArray out = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)
                         .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
                         .toLatin1();
    if (frac) {
        QByteArray digits = QByteArray::number(frac).rightJustified(9, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        out += '.' + digits;
    }
    out += 'Z';
    return out;
}

void JsonWriter::appendNode(QByteArray &out, const NodeValue &node)
{
    out.append('{');
    bool first = true;
    auto field = [&](const char *name) {
        if (!first)
            out.append(',');
        first = false;
        out.append('"');
        out.append(name);
        out.append("\":");
    };
    // The root of the key space has no key in etcd's answers.
    if (!node.key.isEmpty() && node.key != QLatin1String("/")) {
        field("key");
        appendString(out, node.key);
    }
    if (node.value) {
        field("value");
        appendString(out, *node.value);
    }
    if (node.dir) {
        field("dir");
        out.append("true");
    }
    if (node.expirationNs != 0) {
        field("expiration");
        out.append('"');
        out.append(rfc3339Nano(node.expirationNs));
        out.append('"');
        if (node.ttl != 0) {
            field("ttl");
            appendInt(out, node.ttl);
        }
    }
    if (!node.nodes.isEmpty()) {
        field("nodes");
        out.append('[');
        for (qsizetype i = 0; i < node.nodes.size(); ++i) {
            if (i)
                out.append(',');
            appendNode(out, node.nodes.at(i));
        }
        out.append(']');
    }
    if (node.modifiedIndex) {
        field("modifiedIndex");
        appendUInt(out, node.modifiedIndex);
    }
    if (node.createdIndex) {
        field("createdIndex");
        appendUInt(out, node.createdIndex);
    }
    out.append('}');
}

QByteArray JsonWriter::event(const Event &event, bool withNodes)
{
    QByteArray out;
    out.reserve(256);
    out.append("{\"action\":");
    appendString(out, actionName(event.action));
    if (withNodes) {
        out.append(",\"node\":");
        appendNode(out, event.node);
        if (event.prevNode) {
            out.append(",\"prevNode\":");
            appendNode(out, *event.prevNode);
        }
    }
    out.append("}\n");
    return out;
}

QByteArray JsonWriter::error(const EtcdError &error)
{
    QByteArray out;
    out.append("{\"errorCode\":");
    appendInt(out, int(error.code));
    out.append(",\"message\":");
    appendString(out, error.message());
    if (!error.cause.isEmpty()) {
        out.append(",\"cause\":");
        appendString(out, error.cause);
    }
    out.append(",\"index\":");
    appendUInt(out, error.index);
    out.append("}\n");
    return out;
}
