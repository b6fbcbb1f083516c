/** One outgoing email. */
export type MailMessage = { to: string; subject: string; text: string };

/** The port every email leaves through; SMTP or a provider plugs in here later. */
export type Mailer = { send(message: MailMessage): Promise<void> };
