import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from './config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Messages sent through the local transport (no SMTP_URL): what tests and developers read. */
  readonly outbox: MailMessage[];
}

/**
 * Real SMTP through nodemailer when SMTP_URL is set; otherwise nodemailer's JSON transport,
 * keeping each message in `outbox` and, with a data dir, as a file in DATA_DIR/mail.
 */
export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>, mailDir?: string, log?: (msg: string) => void): Mailer {
  const outbox: MailMessage[] = [];
  const transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : nodemailer.createTransport({ jsonTransport: true });
  return {
    outbox,
    async send(message) {
      const info = await transport.sendMail({ from: config.MAIL_FROM, ...message });
      if (config.SMTP_URL) return;
      outbox.push(message);
      if (outbox.length > 500) outbox.shift();
      if (mailDir) {
        mkdirSync(mailDir, { recursive: true });
        writeFileSync(path.join(mailDir, `${Date.now()}-${info.messageId.replace(/[^a-z0-9]/gi, '')}.json`), info.message as string);
      }
      log?.(`mail to ${message.to}: ${message.subject}\n${message.text}`);
    },
  };
}
