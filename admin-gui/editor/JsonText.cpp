// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "editor/JsonText.h"

#include <QCoreApplication>

namespace admin::editor {

namespace {

QString trText(const char *text)
{
    return QCoreApplication::translate("admin::editor::JsonText", text);
}

// One pass of recursive descent over the text; when `out` is set, the
// tokens are written to it with the layout asked for. Strings and numbers
// are copied from the source as they are.
class Parser
{
public:
    Parser(const QString &text, QString *out, int indent) : m_s(text), m_out(out), m_indent(indent)
    {
    }

    bool run()
    {
        skipSpace();
        if (!value(0))
            return false;
        skipSpace();
        if (m_i != m_s.size())
            return fail(trText("unexpected text after the end of the value"));
        return true;
    }

    qsizetype errorAt() const { return m_errorAt; }
    const QString &error() const { return m_error; }

private:
    bool fail(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_errorAt = m_i;
        }
        return false;
    }

    void skipSpace()
    {
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i);
            if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r')
                break;
            ++m_i;
        }
    }

    bool atEnd() const { return m_i >= m_s.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_s.at(m_i); }

    void write(QStringView text)
    {
        if (m_out)
            m_out->append(text);
    }
    void newline(int depth)
    {
        if (m_out && m_indent > 0) {
            m_out->append(u'\n');
            m_out->append(QString(depth * m_indent, u' '));
        }
    }

    bool value(int depth)
    {
        if (depth > JsonText::maxDepth)
            return fail(trText("nested too deeply"));
        if (atEnd())
            return fail(trText("unexpected end of the text, a value was expected"));
        const QChar c = peek();
        if (c == u'{')
            return object(depth);
        if (c == u'[')
            return array(depth);
        if (c == u'"')
            return string();
        if (c == u'-' || (c >= u'0' && c <= u'9'))
            return number();
        for (const char *literal : {"true", "false", "null"}) {
            const QLatin1StringView word(literal);
            if (QStringView(m_s).mid(m_i).startsWith(word)) {
                m_i += word.size();
                write(QString(word));
                return true;
            }
        }
        if (c == u'\'')
            return fail(trText("strings take double quotes"));
        return fail(trText("a value was expected (object, array, string, number, true, false "
                           "or null)"));
    }

    bool object(int depth)
    {
        ++m_i; // {
        write(u"{");
        skipSpace();
        if (peek() == u'}') {
            ++m_i;
            write(u"}");
            return true;
        }
        for (;;) {
            newline(depth + 1);
            if (peek() != u'"')
                return fail(peek() == u'}' ? trText("a comma before '}' (trailing comma)")
                                           : trText("a member name in double quotes was expected"));
            if (!string())
                return false;
            skipSpace();
            if (peek() != u':')
                return fail(trText("expected ':' after the member name"));
            ++m_i;
            write(m_out && m_indent > 0 ? u": " : u":");
            skipSpace();
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == u',') {
                ++m_i;
                write(u",");
                skipSpace();
                continue;
            }
            if (peek() == u'}') {
                ++m_i;
                newline(depth);
                write(u"}");
                return true;
            }
            return fail(trText("expected ',' or '}'"));
        }
    }

    bool array(int depth)
    {
        ++m_i; // [
        write(u"[");
        skipSpace();
        if (peek() == u']') {
            ++m_i;
            write(u"]");
            return true;
        }
        for (;;) {
            newline(depth + 1);
            if (peek() == u']')
                return fail(trText("a comma before ']' (trailing comma)"));
            if (!value(depth + 1))
                return false;
            skipSpace();
            if (peek() == u',') {
                ++m_i;
                write(u",");
                skipSpace();
                continue;
            }
            if (peek() == u']') {
                ++m_i;
                newline(depth);
                write(u"]");
                return true;
            }
            return fail(trText("expected ',' or ']'"));
        }
    }

    static bool isHex(QChar c)
    {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
    }

    bool string()
    {
        const qsizetype start = m_i;
        ++m_i; // "
        while (!atEnd()) {
            const QChar c = m_s.at(m_i);
            if (c == u'"') {
                ++m_i;
                write(QStringView(m_s).mid(start, m_i - start));
                return true;
            }
            if (c.unicode() < 0x20)
                return fail(c == u'\n' ? trText("the string is not closed on this line")
                                       : trText("a control character in a string must be escaped"));
            if (c == u'\\') {
                ++m_i;
                if (atEnd())
                    break;
                const QChar e = m_s.at(m_i);
                if (e == u'u') {
                    for (int k = 1; k <= 4; ++k) {
                        if (m_i + k >= m_s.size() || !isHex(m_s.at(m_i + k))) {
                            m_i += k;
                            return fail(trText("\\u needs four hexadecimal digits"));
                        }
                    }
                    m_i += 4;
                } else if (!QStringView(u"\"\\/bfnrt").contains(e)) {
                    return fail(trText("unknown escape sequence"));
                }
            }
            ++m_i;
        }
        return fail(trText("the string is not closed"));
    }

    bool digits()
    {
        const qsizetype from = m_i;
        while (!atEnd() && peek() >= u'0' && peek() <= u'9')
            ++m_i;
        return m_i > from;
    }

    bool number()
    {
        const qsizetype start = m_i;
        if (peek() == u'-')
            ++m_i;
        if (peek() == u'0') {
            ++m_i;
            if (!atEnd() && peek() >= u'0' && peek() <= u'9')
                return fail(trText("numbers do not start with 0"));
        } else if (!digits()) {
            return fail(trText("a digit was expected"));
        }
        if (peek() == u'.') {
            ++m_i;
            if (!digits())
                return fail(trText("a digit was expected after '.'"));
        }
        if (peek() == u'e' || peek() == u'E') {
            ++m_i;
            if (peek() == u'+' || peek() == u'-')
                ++m_i;
            if (!digits())
                return fail(trText("a digit was expected in the exponent"));
        }
        write(QStringView(m_s).mid(start, m_i - start));
        return true;
    }

    const QString &m_s;
    QString *m_out;
    int m_indent;
    qsizetype m_i = 0;
    QString m_error;
    qsizetype m_errorAt = 0;
};

std::optional<QString> reformat(const QString &text, int indent)
{
    QString out;
    out.reserve(text.size());
    Parser p(text, &out, indent);
    if (!p.run())
        return std::nullopt;
    return out;
}

} // namespace

QString JsonText::Check::describe() const
{
    return trText("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

JsonText::Check JsonText::check(const QString &text)
{
    Check c;
    Parser p(text, nullptr, 0);
    c.valid = p.run();
    if (c.valid)
        return c;
    c.message = p.error();
    c.offset = qMin(p.errorAt(), text.size());
    const QStringView before = QStringView(text).left(c.offset);
    c.line = int(before.count(u'\n')) + 1;
    c.column = int(c.offset - (before.lastIndexOf(u'\n') + 1)) + 1;
    return c;
}

bool JsonText::looksStructured(const QString &text)
{
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        return c == u'{' || c == u'[';
    }
    return false;
}

bool JsonText::isStructured(const QString &text)
{
    return looksStructured(text) && check(text).valid;
}

std::optional<QString> JsonText::format(const QString &text, int indent)
{
    return reformat(text, qMax(1, indent));
}

std::optional<QString> JsonText::minify(const QString &text)
{
    return reformat(text, 0);
}

} // namespace admin::editor
