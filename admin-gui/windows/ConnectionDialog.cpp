// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "windows/ConnectionDialog.h"

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
    m_savePasswordCheck = new QCheckBox(tr("Remember the password (stored unencrypted)"), this);
    m_savePasswordCheck->setObjectName(QStringLiteral("savePasswordCheck"));
    form->addRow(QString(), m_savePasswordCheck);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("dialogError"));
    m_error->setStyleSheet(QStringLiteral("color:#b00020;"));
    m_error->setWordWrap(true);
    m_error->hide();
    form->addRow(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    auto *saveButton = buttons->addButton(tr("Save profile"), QDialogButtonBox::ActionRole);
    saveButton->setObjectName(QStringLiteral("saveProfileButton"));
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
    m_error->hide();
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
    m_store->save(p);
    fillProfileList(p.name);
    m_error->hide();
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
    if (!p.name.isEmpty())
        m_store->save(p);
    QDialog::accept();
}

} // namespace admin
