#include "ConfigParser.h"

#include "ConfigValidator.h"
#include "FlagTable.h"
#include "FlagValue.h"
#include "UsageText.h"

#include <QCommandLineParser>
#include <QHash>
#include <QSet>

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
    result.text =
        QCoreApplication::translate("ConfigParser", "qetcd: %1\nSee 'qetcd --help'.").arg(message);
    return result;
}

// QCommandLineParser rejects `--flag=value` for options without a value, but Go (and so etcd)
// spells explicit booleans exactly that way. This pass rewrites `-debug=false` into `--debug`
// and remembers the text after '='; a bare boolean flag remembers "true". Values of flags that
// take one (`--name -x`) are stepped over so they are never mistaken for flags.
QStringList rewriteBooleans(const QStringList &args, QHash<QString, QString> *boolValues)
{
    QStringList out;
    out.append(args.isEmpty() ? QStringLiteral("qetcd") : args.first());
    bool optionsEnded = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (optionsEnded || arg.size() < 2 || !arg.startsWith(QLatin1Char('-'))) {
            out.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsEnded = true;
            out.append(arg);
            continue;
        }
        const QString body = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
        const qsizetype eq = body.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? body : body.left(eq);
        const FlagDefinition *flag = FlagTable::find(name);
        if (flag && flag->isBool) {
            boolValues->insert(name, eq < 0 ? QStringLiteral("true") : body.mid(eq + 1));
            out.append(QStringLiteral("--") + name);
            continue;
        }
        out.append(arg);
        if (flag && eq < 0 && i + 1 < args.size())
            out.append(args.at(++i));
    }
    return out;
}

} // namespace

ConfigParser::Result ConfigParser::parse(const QStringList &args, const QProcessEnvironment &env)
{
    QHash<QString, QString> boolValues;
    const QStringList rewritten = rewriteBooleans(args, &boolValues);

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const FlagDefinition &f : FlagTable::all()) {
        parser.addOption(f.isBool ? QCommandLineOption(f.name)
                                  : QCommandLineOption(f.name, QString(), QStringLiteral("value")));
    }
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption versionOption(QStringLiteral("version"));
    parser.addOption(helpOption);
    parser.addOption(versionOption);

    if (!parser.parse(rewritten))
        return failure(parser.errorText(), kExitBadCommandLine);

    if (parser.isSet(helpOption)) {
        Result result;
        result.outcome = Outcome::ShowHelp;
        result.text = UsageText::help();
        return result;
    }

    Config config;
    QSet<QString> explicitlySet;
    for (const FlagDefinition &f : FlagTable::all()) {
        if (!parser.isSet(f.name))
            continue;
        const QString value = f.isBool ? boolValues.value(f.name) : parser.value(f.name);
        const QString error = f.apply(config, value);
        if (!error.isEmpty())
            return failure(tr("invalid value \"%1\" for flag --%2: %3").arg(value, f.name, error),
                           kExitBadCommandLine);
        explicitlySet.insert(f.name);
    }

    if (!parser.positionalArguments().isEmpty())
        return failure(tr("'%1' is not a valid flag").arg(parser.positionalArguments().first()),
                       kExitBadConfiguration);

    if (parser.isSet(versionOption)) {
        Result result;
        result.outcome = Outcome::ShowVersion;
        result.text = UsageText::version();
        return result;
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
