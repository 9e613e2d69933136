import { appendFile } from 'node:fs/promises';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ENV, optionalEnv, requireEnv } from '../runtime/config';
import { logger } from '../http/logger';
import { boundedRequestHandler } from '../store/clients';
import type { Notification } from '../store/notification-repo';

/** Delivers one notification to the citizen (the port; adapters below). */
export interface Notifier {
  deliver(n: Notification): Promise<void>;
}

/**
 * Local: writes the notification to the log and appends it to a mailbox file, so a developer
 * sees what a citizen would receive (the web page shows the same from GET /api/notifications).
 */
export class LogNotifier implements Notifier {
  constructor(private readonly mailboxFile?: string) {}

  async deliver(n: Notification): Promise<void> {
    logger.info('notification delivered', { kind: n.kind, requestId: n.requestId });
    if (this.mailboxFile) await appendFile(this.mailboxFile, `${JSON.stringify({ ...n, delivery: 'delivered' })}\n`);
  }
}

/**
 * AWS: publishes to an SNS topic with the citizen id as a message attribute; subscriptions
 * (SMS, e-mail, the national public-service portal's webhook) filter on it. SNS was chosen over
 * SES because citizens are reached by SMS and the portal more than by e-mail.
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async deliver(n: Notification): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Message: n.message,
        Subject: 'Bản sao điện tử',
        MessageAttributes: {
          citizenId: { DataType: 'String', StringValue: n.citizenId },
          kind: { DataType: 'String', StringValue: n.kind },
          requestId: { DataType: 'String', StringValue: n.requestId },
        },
      }),
    );
  }
}

/** The notifier the configuration asks for. */
export function notifierFromEnv(): Notifier {
  const mode = optionalEnv(ENV.notifier, 'log');
  if (mode === 'sns') return new SnsNotifier(new SNSClient({ requestHandler: boundedRequestHandler(5_000) }), requireEnv(ENV.notifyTopicArn));
  return new LogNotifier(process.env[ENV.localMailboxFile]);
}
