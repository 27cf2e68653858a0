// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "windows/ConnectionDialog.h"

#include "client/Client.h"
#include "connection/ErrorText.h"
#include "connection/ProfileStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace admin {

ConnectionDialog::ConnectionDialog(ProfileStore *store, const QString &selected, QWidget *parent)
    : QDialog(parent), m_store(store)
{
    setWindowTitle(tr("Connect to a cluster"));
    auto *form = new QFormLayout(this);

    auto *profileRow = new QHBoxLayout;
    m_profileCombo = new QComboBox(this);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    auto *deleteButton = new QPushButton(tr("Delete"), this);
    deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    profileRow->addWidget(m_profileCombo, 1);
    profileRow->addWidget(deleteButton);
    form->addRow(tr("Saved profiles:"), profileRow);

    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("profileNameEdit"));
    m_nameEdit->setPlaceholderText(tr("e.g. production"));
    form->addRow(tr("Profile name:"), m_nameEdit);
    m_endpointsEdit = new QLineEdit(this);
    m_endpointsEdit->setObjectName(QStringLiteral("endpointsEdit"));
    m_endpointsEdit->setPlaceholderText(tr("http://10.0.0.1:2379, http://10.0.0.2:2379"));
    m_endpointsEdit->setToolTip(tr("Client URLs of one or more members, separated by commas"));
    form->addRow(tr("Endpoints:"), m_endpointsEdit);
    m_caEdit = fileRow(form, tr("CA certificate:"), "caFileEdit",
                       tr("Certificates (*.pem *.crt);;All files (*)"));
    m_certEdit = fileRow(form, tr("Client certificate:"), "certFileEdit",
                         tr("Certificates (*.pem *.crt);;All files (*)"));
    m_keyEdit =
        fileRow(form, tr("Client key:"), "keyFileEdit", tr("Keys (*.pem *.key);;All files (*)"));
    m_userEdit = new QLineEdit(this);
    m_userEdit->setObjectName(QStringLiteral("userEdit"));
    form->addRow(tr("User:"), m_userEdit);
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Password:"), m_passwordEdit);
    m_savePasswordCheck = new QCheckBox(tr("Remember the password in the desktop keyring"), this);
    m_savePasswordCheck->setObjectName(QStringLiteral("savePasswordCheck"));
    m_savePasswordCheck->setToolTip(
        tr("Kept by the desktop's keyring (Secret Service, KWallet…), never in the settings "
           "file. Without a keyring the password is not remembered."));
    form->addRow(QString(), m_savePasswordCheck);
    m_productionCheck =
        new QCheckBox(tr("Production: read-only, every write asks for confirmation"), this);
    m_productionCheck->setObjectName(QStringLiteral("productionCheck"));
    form->addRow(QString(), m_productionCheck);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("dialogError"));
    m_error->setStyleSheet(QStringLiteral("color:#b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();
    form->addRow(m_error);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->hide();
    form->addRow(m_testResult);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto *saveButton = buttons->addButton(tr("Save profile"), QDialogButtonBox::ActionRole);
    saveButton->setObjectName(QStringLiteral("saveProfileButton"));
    auto *testButton = buttons->addButton(tr("Test connection"), QDialogButtonBox::ActionRole);
    testButton->setObjectName(QStringLiteral("testConnectionButton"));
    connect(testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    form->addRow(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(saveButton, &QPushButton::clicked, this, &ConnectionDialog::saveProfile);
    connect(deleteButton, &QPushButton::clicked, this, &ConnectionDialog::deleteProfile);
    connect(m_profileCombo, &QComboBox::activated, this, &ConnectionDialog::loadSelected);

    fillProfileList(selected);
    if (m_profileCombo->currentIndex() > 0) {
        loadSelected();
    } else {
        m_nameEdit->setText(tr("local"));
        m_endpointsEdit->setText(QStringLiteral("http://127.0.0.1:2379"));
    }
    resize(520, sizeHint().height());
}

QLineEdit *ConnectionDialog::fileRow(QFormLayout *form, const QString &label, const char *name,
                                     const QString &filter)
{
    auto *row = new QHBoxLayout;
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(tr("optional"));
    auto *browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Choose a file"));
    connect(browse, &QToolButton::clicked, this, [this, edit, label, filter] {
        const QString file = QFileDialog::getOpenFileName(this, label, edit->text(), filter);
        if (!file.isEmpty())
            edit->setText(file);
    });
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

void ConnectionDialog::fillProfileList(const QString &select)
{
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("(new profile)"));
    const QStringList names = m_store->names();
    for (const QString &n : names)
        m_profileCombo->addItem(n, n);
    const int at = m_profileCombo->findData(select);
    m_profileCombo->setCurrentIndex(at > 0 ? at : 0);
}

void ConnectionDialog::loadSelected()
{
    const QString name = m_profileCombo->currentData().toString();
    if (name.isEmpty()) {
        setProfile(ConnectionProfile());
        return;
    }
    if (const auto p = m_store->load(name))
        setProfile(*p);
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p;
    p.name = m_nameEdit->text().trimmed();
    p.endpoints = ConnectionProfile::parseEndpointText(m_endpointsEdit->text());
    p.caFile = m_caEdit->text().trimmed();
    p.certFile = m_certEdit->text().trimmed();
    p.keyFile = m_keyEdit->text().trimmed();
    p.username = m_userEdit->text().trimmed();
    p.password = m_passwordEdit->text();
    p.savePassword = m_savePasswordCheck->isChecked();
    p.production = m_productionCheck->isChecked();
    return p;
}

void ConnectionDialog::setProfile(const ConnectionProfile &p)
{
    m_nameEdit->setText(p.name);
    m_endpointsEdit->setText(p.endpoints.join(QStringLiteral(", ")));
    m_caEdit->setText(p.caFile);
    m_certEdit->setText(p.certFile);
    m_keyEdit->setText(p.keyFile);
    m_userEdit->setText(p.username);
    m_passwordEdit->setText(p.password);
    m_savePasswordCheck->setChecked(p.savePassword);
    m_productionCheck->setChecked(p.production);
    m_error->hide();
    m_keyringWarned = false;
}

void ConnectionDialog::saveProfile()
{
    const ConnectionProfile p = profile();
    QString problem = p.name.isEmpty() ? tr("Give the profile a name.") : p.validate();
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    if (!storeProfile(p))
        return;
    fillProfileList(p.name);
    m_error->hide();
}

bool ConnectionDialog::storeProfile(const ConnectionProfile &p)
{
    const QString keyring = m_store->save(p);
    if (keyring.isEmpty() || m_keyringWarned)
        return true;
    // Said once; the next Connect goes on without remembering it.
    m_keyringWarned = true;
    m_savePasswordCheck->setChecked(false);
    m_error->setText(tr("%1 The password was not remembered (it is never written in plain "
                        "text); you will be asked for it next time.")
                         .arg(keyring));
    m_error->show();
    return false;
}

void ConnectionDialog::showTestResult(bool ok, const QString &text)
{
    m_testResult->setStyleSheet(ok ? QStringLiteral("color:#1e7b34;")
                                   : QStringLiteral("color:#b00020;"));
    m_testResult->setText(text);
    m_testResult->show();
    emit tested(ok, text);
}

void ConnectionDialog::testConnection()
{
    const ConnectionProfile p = profile();
    const QString problem = p.validate();
    if (!problem.isEmpty()) {
        showTestResult(false, problem);
        return;
    }
    delete m_testClient;
    client::ClientConfig config = p.toClientConfig();
    config.totalTimeoutMs = 10000;
    m_testClient = new client::Client(config, this);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Testing…"));
    m_testResult->show();
    client::Client *c = m_testClient;
    // A keys read checks the credentials too; the version names the server.
    c->get(QStringLiteral("/"))->then(this, [this, c](client::Reply *r) {
        if (c != m_testClient)
            return;
        if (r->error()) {
            showTestResult(false, ErrorText::describe(r->error()));
            return;
        }
        const QString member = r->endpoint().toString();
        c->version(r->endpoint())->then(this, [this, c, member](client::Reply *v) {
            if (c != m_testClient)
                return;
            const QString server = v->error()
                                       ? tr("unknown version")
                                       : v->json().value(QLatin1String("etcdserver")).toString();
            showTestResult(true, m_userEdit->text().trimmed().isEmpty()
                                     ? tr("Connected to %1 (etcd %2).").arg(member, server)
                                     : tr("Connected to %1 (etcd %2); the credentials are "
                                          "accepted.")
                                           .arg(member, server));
        });
    });
}

void ConnectionDialog::deleteProfile()
{
    const QString name = m_profileCombo->currentData().toString();
    if (name.isEmpty())
        return;
    m_store->remove(name);
    fillProfileList(QString());
    setProfile(ConnectionProfile());
}

void ConnectionDialog::accept()
{
    const ConnectionProfile p = profile();
    const QString problem = p.validate();
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    if (!p.name.isEmpty() && !storeProfile(p))
        return;
    QDialog::accept();
}

} // namespace admin
