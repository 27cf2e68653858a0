// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/NewKeyDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace admin {

NewKeyDialog::NewKeyDialog(const QString &parentDir, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("New key or directory"));
    auto *form = new QFormLayout(this);
    m_parentEdit = new QLineEdit(parentDir.isEmpty() ? QStringLiteral("/") : parentDir, this);
    m_parentEdit->setObjectName(QStringLiteral("parentEdit"));
    m_kindCombo = new QComboBox(this);
    m_kindCombo->setObjectName(QStringLiteral("kindCombo"));
    m_kindCombo->addItem(tr("Key"));
    m_kindCombo->addItem(tr("Directory"));
    m_kindCombo->addItem(tr("In-order key (name chosen by the server)"));
    m_nameEdit = new QLineEdit(this);
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_nameEdit->setPlaceholderText(tr("name, or a/b/c for nested directories"));
    m_valueEdit = new QPlainTextEdit(this);
    m_valueEdit->setObjectName(QStringLiteral("valueEdit"));
    m_valueEdit->setTabChangesFocus(true);
    m_ttlSpin = new QSpinBox(this);
    m_ttlSpin->setObjectName(QStringLiteral("ttlSpin"));
    m_ttlSpin->setRange(0, 100000000);
    m_ttlSpin->setSpecialValueText(tr("none"));
    m_ttlSpin->setSuffix(tr(" s"));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("keyPreview"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));

    form->addRow(tr("In directory:"), m_parentEdit);
    form->addRow(tr("Kind:"), m_kindCombo);
    form->addRow(tr("Name:"), m_nameEdit);
    form->addRow(tr("Value:"), m_valueEdit);
    form->addRow(tr("Time to live:"), m_ttlSpin);
    form->addRow(tr("Creates:"), m_preview);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_parentEdit, &QLineEdit::textChanged, this, &NewKeyDialog::update);
    connect(m_nameEdit, &QLineEdit::textChanged, this, &NewKeyDialog::update);
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &NewKeyDialog::update);
    update();
    m_nameEdit->setFocus();
}

NewKeyDialog::Kind NewKeyDialog::kind() const
{
    return static_cast<Kind>(m_kindCombo->currentIndex());
}

QString NewKeyDialog::key() const
{
    QString parent = m_parentEdit->text().trimmed();
    if (!parent.startsWith(QLatin1Char('/')))
        parent.prepend(QLatin1Char('/'));
    while (parent.size() > 1 && parent.endsWith(QLatin1Char('/')))
        parent.chop(1);
    if (kind() == Kind::InOrderKey)
        return parent;
    QString name = m_nameEdit->text().trimmed();
    while (name.startsWith(QLatin1Char('/')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('/')))
        name.chop(1);
    return parent == QLatin1String("/") ? parent + name : parent + QLatin1Char('/') + name;
}

QString NewKeyDialog::value() const
{
    return m_valueEdit->toPlainText();
}

qint64 NewKeyDialog::ttl() const
{
    return m_ttlSpin->value();
}

void NewKeyDialog::update()
{
    const bool inOrder = kind() == Kind::InOrderKey;
    m_nameEdit->setEnabled(!inOrder);
    m_valueEdit->setEnabled(kind() != Kind::Directory);
    const bool ok = inOrder || !m_nameEdit->text().trimmed().remove(QLatin1Char('/')).isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_preview->setText(
        inOrder ? tr("%1/<next index>").arg(key() == QLatin1String("/") ? QString() : key())
                : key());
}

} // namespace admin
