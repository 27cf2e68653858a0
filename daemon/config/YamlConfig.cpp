// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "YamlConfig.h"

#include "FlagTable.h"

#include <QFile>
#include <QHash>

#include <yaml-cpp/yaml.h>

namespace server::config {

namespace {

const QLatin1String kClientSecurity("client-transport-security");
const QLatin1String kPeerSecurity("peer-transport-security");

// Keys inside the two transport-security mappings -> flags (etcd 3.4's securityConfig, plus
// allowed-cn and crl-file for the peer-cert-allowed-cn and *-crl-file flags).
const QHash<QString, QString> &nestedKeys()
{
    static const QHash<QString, QString> keys{
        {QStringLiteral("client-transport-security.cert-file"), QStringLiteral("cert-file")},
        {QStringLiteral("client-transport-security.key-file"), QStringLiteral("key-file")},
        {QStringLiteral("client-transport-security.client-cert-auth"),
         QStringLiteral("client-cert-auth")},
        {QStringLiteral("client-transport-security.trusted-ca-file"),
         QStringLiteral("trusted-ca-file")},
        {QStringLiteral("client-transport-security.auto-tls"), QStringLiteral("auto-tls")},
        {QStringLiteral("client-transport-security.crl-file"), QStringLiteral("client-crl-file")},
        {QStringLiteral("peer-transport-security.cert-file"), QStringLiteral("peer-cert-file")},
        {QStringLiteral("peer-transport-security.key-file"), QStringLiteral("peer-key-file")},
        {QStringLiteral("peer-transport-security.client-cert-auth"),
         QStringLiteral("peer-client-cert-auth")},
        {QStringLiteral("peer-transport-security.trusted-ca-file"),
         QStringLiteral("peer-trusted-ca-file")},
        {QStringLiteral("peer-transport-security.auto-tls"), QStringLiteral("peer-auto-tls")},
        {QStringLiteral("peer-transport-security.allowed-cn"),
         QStringLiteral("peer-cert-allowed-cn")},
        {QStringLiteral("peer-transport-security.crl-file"), QStringLiteral("peer-crl-file")},
    };
    return keys;
}

// Flags that are not top-level keys of etcd's file: the TLS ones live in the mappings above (a
// top-level cert-file is not one etcd reads), and a file cannot name another file.
bool onlyNested(const QString &flag)
{
    if (flag == QLatin1String("config-file"))
        return true;
    for (const QString &nestedFlag : nestedKeys())
        if (nestedFlag == flag)
            return true;
    return false;
}

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

// 1-based line of a node, as editors show it.
int lineOf(const YAML::Node &node)
{
    return node.Mark().line + 1;
}

class Reader
{
public:
    Reader(const QString &path, Config &config, QSet<QString> &explicitlySet)
        : m_path(path), m_config(config), m_explicitlySet(explicitlySet)
    {
    }

    QString readMapping(const YAML::Node &mapping, const QString &prefix)
    {
        for (auto it = mapping.begin(); it != mapping.end(); ++it) {
            // Copies (handles): `it->` yields a temporary pair, references into it would dangle.
            const YAML::Node keyNode = it->first;
            const YAML::Node value = it->second;
            if (!keyNode.IsScalar())
                return at(keyNode, YamlConfig::tr("a key must be a plain name"));
            const QString key = prefix + text(keyNode.Scalar());
            if (prefix.isEmpty() && (key == kClientSecurity || key == kPeerSecurity)) {
                if (value.IsNull())
                    continue;
                if (!value.IsMap())
                    return at(keyNode, YamlConfig::tr("key \"%1\": expected a mapping of keys "
                                                      "(cert-file, key-file, ...)")
                                           .arg(key));
                if (QString error = readMapping(value, key + QLatin1Char('.')); !error.isEmpty())
                    return error;
                continue;
            }
            const QString flagName = YamlConfig::flagForKey(key);
            const FlagDefinition *flag = flagName.isEmpty() ? nullptr : FlagTable::find(flagName);
            if (!flag) {
                m_config.warnings.append(
                    YamlConfig::tr("%1:%2: unknown configuration key \"%3\" ignored")
                        .arg(m_path)
                        .arg(lineOf(keyNode))
                        .arg(key));
                continue;
            }
            if (QString error = applyValue(*flag, key, keyNode, value); !error.isEmpty())
                return error;
        }
        return {};
    }

private:
    QString at(const YAML::Node &node, const QString &message) const
    {
        return QStringLiteral("%1:%2: %3").arg(m_path).arg(lineOf(node)).arg(message);
    }

    QString applyValue(const FlagDefinition &flag, const QString &key, const YAML::Node &keyNode,
                       const YAML::Node &value)
    {
        QString valueText;
        if (value.IsNull()) {
            return {}; // as an empty ETCD_* variable: unset
        } else if (value.IsScalar()) {
            valueText = text(value.Scalar());
            bool b = false;
            if (flag.isBool && YAML::convert<bool>::decode(value, b))
                valueText = b ? QStringLiteral("true") : QStringLiteral("false");
        } else if (value.IsSequence() && flag.isList) {
            QStringList items;
            for (const YAML::Node &item : value) {
                if (!item.IsScalar())
                    return at(item, YamlConfig::tr("key \"%1\": a list item must be a single "
                                                   "value")
                                        .arg(key));
                items.append(text(item.Scalar()));
            }
            valueText = items.join(QLatin1Char(','));
        } else {
            return at(keyNode, flag.isList ? YamlConfig::tr("key \"%1\": expected a value or a "
                                                            "list of values")
                                                 .arg(key)
                                           : YamlConfig::tr("key \"%1\": expected a single "
                                                            "value, not a list or mapping")
                                                 .arg(key));
        }
        if (valueText.isEmpty())
            return {};
        if (const QString error = flag.apply(m_config, valueText); !error.isEmpty())
            return at(keyNode, YamlConfig::tr("invalid value \"%1\" for key \"%2\": %3")
                                   .arg(valueText, key, error));
        m_explicitlySet.insert(flag.name);
        return {};
    }

    const QString m_path;
    Config &m_config;
    QSet<QString> &m_explicitlySet;
};

} // namespace

QString YamlConfig::flagForKey(const QString &key)
{
    if (key.contains(QLatin1Char('.')))
        return nestedKeys().value(key);
    return onlyNested(key) ? QString() : key;
}

QString YamlConfig::apply(const QString &path, Config &config, QSet<QString> &explicitlySet)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("cannot read configuration file %1: %2").arg(path, file.errorString());
    // Bounded before parsing; read one byte more than allowed so that files whose size() says
    // nothing (pipes, /proc) are bounded too.
    const QByteArray bytes =
        file.size() > kMaxFileBytes ? QByteArray() : file.read(kMaxFileBytes + 1);
    if (file.size() > kMaxFileBytes || bytes.size() > kMaxFileBytes)
        return tr("configuration file %1 is larger than %2 bytes; refused")
            .arg(path)
            .arg(kMaxFileBytes);
    if (file.error() != QFileDevice::NoError)
        return tr("cannot read configuration file %1: %2").arg(path, file.errorString());

    YAML::Node root;
    try {
        root = YAML::Load(bytes.toStdString());
    } catch (const YAML::Exception &e) {
        return tr("%1:%2: not a valid YAML file: %3")
            .arg(path)
            .arg(e.mark.line + 1)
            .arg(text(e.msg));
    }
    if (root.IsNull())
        return {}; // an empty file: every default
    if (!root.IsMap())
        return tr("%1:%2: expected a mapping of configuration keys to values")
            .arg(path)
            .arg(lineOf(root));
    try {
        return Reader(path, config, explicitlySet).readMapping(root, QString());
    } catch (const YAML::Exception &e) {
        return tr("%1:%2: %3").arg(path).arg(e.mark.line + 1).arg(text(e.msg));
    }
}

} // namespace server::config
