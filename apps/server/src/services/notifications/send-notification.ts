import { Api, GrammyError } from 'grammy';
import type { ServiceDeps } from '../../service-deps.ts';

/** What a channel is sent: the alert's look and words. */
export type NotificationText = { severity: string; title: string; message: string };

type Channel = { kind: string; target: string; secretEncrypted: string | null };

/** Why a send failed, safe to store and show: never the bot token or a URL with it. */
export class NotificationFailed extends Error {}

/**
 * Sends one alert to one channel: Telegram through grammY's Bot API client (`sendMessage` to the
 * chat, as the user's bot, at `TELEGRAM_API_ROOT`), email through the server's mailer.
 */
export async function sendNotification(
  deps: Pick<ServiceDeps, 'config' | 'secretBox' | 'mailer'>,
  channel: Channel,
  text: NotificationText,
): Promise<void> {
  const subject = `[${text.severity}] ${text.title}`;
  if (channel.kind === 'email') {
    await deps.mailer.send({
      to: channel.target,
      subject: `Tradewind: ${subject}`,
      text: text.message,
    });
    return;
  }
  const token = deps.secretBox.decrypt(channel.secretEncrypted ?? '');
  const api = new Api(token, {
    apiRoot: deps.config.telegramApiRoot,
    timeoutSeconds: 10,
  });
  try {
    await api.sendMessage(channel.target, `${subject}\n${text.message}`);
  } catch (error) {
    throw new NotificationFailed(
      error instanceof GrammyError
        ? `Telegram answered ${error.error_code}: ${error.description}`
        : 'Telegram could not be reached',
    );
  }
}
