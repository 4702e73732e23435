// An outbox row as both stores keep it (the same columns in SQLite and PostgreSQL): the mail outbox's and the webhook
// outbox's raw rows, their column lists, and the rows and entries the port hands out made of them.
import type { OutgoingMail } from '../mail/outgoingMail.ts';
import type { OutboxEntry, OutboxRow, OutboxStatus } from './port.ts';
import type { QueuedWebhook, WebhookEntry, WebhookRow, WebhookStatus } from './webhookOutboxPort.ts';

export interface RawOutboxRow {
  id: number;
  booking_id: string | null;
  recipient: string;
  message: string;
  attempts: number;
  status: OutboxStatus;
  due_ms: number;
  last_error: string | null;
  created_ms: number;
}

export const OUTBOX_COLUMNS = 'id, booking_id, recipient, message, attempts, status, due_ms, last_error, created_ms';

export const outboxRow = (r: RawOutboxRow): OutboxRow => ({
  id: r.id,
  bookingId: r.booking_id,
  recipient: r.recipient,
  attempts: r.attempts,
  message: JSON.parse(r.message) as OutgoingMail,
  created: r.created_ms,
});

export const outboxEntry = (r: RawOutboxRow): OutboxEntry => ({
  ...outboxRow(r),
  status: r.status,
  due: r.due_ms,
  lastError: r.last_error,
});

export interface RawWebhookRow {
  id: number;
  message_id: string;
  endpoint: string;
  booking_id: string;
  event_type: QueuedWebhook['type'];
  booking_sequence: number;
  body: string;
  attempts: number;
  created_ms: number;
  status: WebhookStatus;
  due_ms: number;
  last_error: string | null;
}

export const WEBHOOK_COLUMNS = [
  'id',
  'message_id',
  'endpoint',
  'booking_id',
  'event_type',
  'booking_sequence',
  'body',
  'attempts',
  'created_ms',
  'status',
  'due_ms',
  'last_error',
];

export const webhookRow = (r: RawWebhookRow): WebhookRow => ({
  id: r.id,
  messageId: r.message_id,
  endpoint: r.endpoint,
  bookingId: r.booking_id,
  type: r.event_type,
  sequence: r.booking_sequence,
  body: r.body,
  attempts: r.attempts,
  created: r.created_ms,
});

export const webhookEntry = (r: RawWebhookRow): WebhookEntry => ({
  ...webhookRow(r),
  status: r.status,
  due: r.due_ms,
  lastError: r.last_error,
});
