// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ConfigParser.h"

#include "ConfigValidator.h"
#include "FlagTable.h"
#include "FlagValue.h"
#include "UsageText.h"
#include "YamlConfig.h"
#include "go/GoFlags.h"

#include <QHash>
#include <QSet>

namespace server::config {

namespace {

// etcd's exit statuses: Go's flag package exits 2 on a command line it cannot parse; etcd
// itself exits 1 when the parsed configuration is unusable.
constexpr int kExitBadCommandLine = 2;
constexpr int kExitBadConfiguration = 1;

ConfigParser::Result failure(const QString &message, int exitCode)
{
    ConfigParser::Result result;
    result.outcome = ConfigParser::Outcome::Error;
    result.exitCode = exitCode;
    result.text = QCoreApplication::translate("server::config::ConfigParser",
                                              "qetcd: %1\nSee 'qetcd --help'.")
                      .arg(message);
    return result;
}

// The daemon's grammar is Go's flag package (go/GoFlags) with two differences kept from the
// QCommandLineParser it used before: flags may follow positional arguments, and every error of a
// command line is collected. errorText() reports them as that parser did, word for word.
const QStringList kValuelessOptions{QStringLiteral("h"), QStringLiteral("help"),
                                    QStringLiteral("version")};

QList<go::GoFlags::Definition> definitions()
{
    QList<go::GoFlags::Definition> out;
    // Bool values are not checked here: FlagDefinition::apply reports them like other values.
    for (const FlagDefinition &f : FlagTable::all())
        out.append({f.name, f.isBool, {}});
    for (const QString &name : kValuelessOptions)
        out.append({name, true, {}});
    return out;
}

// QCommandLineParser's wording: a missing value (necessarily the last argument) or else the
// last "=value" given to help or version wins over unknown options, which are listed together.
QString errorText(const go::GoFlags::Result &parsed)
{
    QStringList unknown;
    for (const go::GoFlags::Error &e : parsed.errors) {
        switch (e.kind) {
        case go::GoFlags::Error::Kind::NeedsArgument:
            return QCoreApplication::translate("QCommandLineParser", "Missing value after '%1'.")
                .arg(e.argument);
        case go::GoFlags::Error::Kind::BadSyntax: // "---x", "--=x": the name up to '='
            unknown.append(e.argument.mid(e.argument.startsWith(QLatin1String("--")) ? 2 : 1)
                               .section(QLatin1Char('='), 0, 0));
            break;
        case go::GoFlags::Error::Kind::NotDefined:
            unknown.append(e.name);
            break;
        case go::GoFlags::Error::Kind::InvalidBool: // no definition has a check
        case go::GoFlags::Error::Kind::InvalidValue:
            break;
        }
    }
    for (qsizetype i = parsed.settings.size() - 1; i >= 0; --i) {
        const go::GoFlags::Setting &s = parsed.settings.at(i);
        if (s.explicitValue && kValuelessOptions.contains(s.name))
            return QCoreApplication::translate("QCommandLineParser", "Unexpected value after '%1'.")
                .arg(s.argument.section(QLatin1Char('='), 0, 0));
    }
    if (unknown.size() == 1)
        return QCoreApplication::translate("QCommandLineParser", "Unknown option '%1'.")
            .arg(unknown.first());
    if (unknown.size() > 1)
        return QCoreApplication::translate("QCommandLineParser", "Unknown options: %1.")
            .arg(unknown.join(QStringLiteral(", ")));
    return {};
}

} // namespace

ConfigParser::Result ConfigParser::parse(const QStringList &args, const QProcessEnvironment &env)
{
    go::GoFlags::Options options;
    options.interspersed = go::GoFlags::Interspersed::Anywhere;
    options.keepGoing = true;
    const go::GoFlags::Result parsed = go::GoFlags::parse(definitions(), args.mid(1), options);
    const QString parseError = errorText(parsed);
    if (!parsed.ok() || !parseError.isEmpty())
        return failure(parseError, kExitBadCommandLine);

    QHash<QString, QString> given; // flag name -> its last value
    for (const go::GoFlags::Setting &s : parsed.settings)
        given.insert(s.name, s.value);

    if (given.contains(QStringLiteral("h")) || given.contains(QStringLiteral("help"))) {
        Result result;
        result.outcome = Outcome::ShowHelp;
        result.text = UsageText::help();
        return result;
    }

    Config config;
    QSet<QString> explicitlySet;
    for (const FlagDefinition &f : FlagTable::all()) {
        const auto it = given.constFind(f.name);
        if (it == given.constEnd())
            continue;
        const QString &value = *it;
        const QString error = f.apply(config, value);
        if (!error.isEmpty())
            return failure(tr("invalid value \"%1\" for flag --%2: %3").arg(value, f.name, error),
                           kExitBadCommandLine);
        explicitlySet.insert(f.name);
    }

    if (!parsed.arguments.isEmpty())
        return failure(tr("'%1' is not a valid flag").arg(parsed.arguments.first()),
                       kExitBadConfiguration);

    if (given.contains(QStringLiteral("version"))) {
        Result result;
        result.outcome = Outcome::ShowVersion;
        result.text = UsageText::version();
        return result;
    }

    // etcd 3.4 (etcdmain/config.go): --config-file, or else ETCD_CONFIG_FILE, makes the file the
    // whole configuration; the other flags and variables are ignored, with a note.
    QString configFile = config.configFile;
    if (configFile.isEmpty())
        configFile = env.value(QStringLiteral("ETCD_CONFIG_FILE"));
    if (!configFile.isEmpty()) {
        QStringList ignored;
        for (const FlagDefinition &f : FlagTable::all()) {
            if (f.name == QLatin1String("config-file"))
                continue;
            if (explicitlySet.contains(f.name))
                ignored.append(QStringLiteral("--") + f.name);
        }
        QStringList variables;
        for (const QString &key : env.keys()) {
            if (key.startsWith(QLatin1String("ETCD_")) &&
                key != QLatin1String("ETCD_CONFIG_FILE") && !env.value(key).isEmpty())
                variables.append(key);
        }
        variables.sort();
        ignored += variables;
        Config fromFile;
        fromFile.configFile = configFile;
        fromFile.warnings.append(
            tr("loaded server configuration from %1; other command-line flags and environment "
               "variables are ignored")
                .arg(configFile));
        if (!ignored.isEmpty())
            fromFile.warnings.append(tr("ignored because --config-file is given: %1")
                                         .arg(ignored.join(QStringLiteral(", "))));
        QSet<QString> setInFile;
        if (const QString error = YamlConfig::apply(configFile, fromFile, setInFile);
            !error.isEmpty())
            return failure(error, kExitBadConfiguration);
        return finish(fromFile, setInFile);
    }

    QSet<QString> knownVariables;
    for (const FlagDefinition &f : FlagTable::all()) {
        const QString key = f.environmentName();
        knownVariables.insert(key);
        const QString value = env.value(key);
        if (value.isEmpty())
            continue; // as etcd: an empty variable counts as unset
        if (explicitlySet.contains(f.name)) {
            config.warnings.append(
                tr("recognized environment variable %1, but unused: shadowed by corresponding "
                   "flag --%2")
                    .arg(key, f.name));
            continue;
        }
        const QString error = f.apply(config, value);
        if (!error.isEmpty())
            return failure(tr("invalid value \"%1\" for %2: %3").arg(value, key, error),
                           kExitBadConfiguration);
        explicitlySet.insert(f.name);
    }
    QStringList unknownVariables;
    for (const QString &key : env.keys()) {
        if (key.startsWith(QLatin1String("ETCD_")) && !knownVariables.contains(key))
            unknownVariables.append(key);
    }
    unknownVariables.sort();
    for (const QString &key : unknownVariables)
        config.warnings.append(tr("unrecognized environment variable %1").arg(key));
    return finish(config, explicitlySet);
}

ConfigParser::Result ConfigParser::finish(Config config, const QSet<QString> &explicitlySet)
{

    if (!explicitlySet.contains(QStringLiteral("data-dir"))) {
        config.dataDir = config.name + QLatin1String(".etcd");
        config.warnings.append(
            tr("no data-dir provided, using default data-dir ./%1").arg(config.dataDir));
    }
    if (!explicitlySet.contains(QStringLiteral("initial-cluster"))) {
        config.initialClusterMembers.clear();
        for (const QUrl &url : config.initialAdvertisePeerUrls)
            config.initialClusterMembers.append({config.name, url});
        QStringList entries;
        for (const Config::ClusterMember &m : config.initialClusterMembers)
            entries.append(m.name + QLatin1Char('=') + m.peerUrl.toString());
        config.initialCluster = entries.join(QLatin1Char(','));
    }

    const QString error = ConfigValidator::validate(config, explicitlySet);
    if (!error.isEmpty())
        return failure(error, kExitBadConfiguration);

    Result result;
    result.outcome = Outcome::Run;
    result.config = config;
    return result;
}

} // namespace server::config
