import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { SimulatorContext } from './context';
import { resetContext } from './context';
import { FAULTS_REQUEST, type FaultsRequest } from './faults';
import { isPlainObject, parseJsonBody } from './json-body';
import { acceptedNotification } from './notification-view';
import { phoneNumberAsStored } from './seed-file';
import type { AcceptedNotification, ReceivedTextView } from './types';

export type ControlResult = { status: number; json: unknown };

export interface ControlActions {
  setFaults(faults: FaultsRequest): void;
}

export interface ControlRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Buffer;
}

export function acceptedNotifications(context: SimulatorContext): AcceptedNotification[] {
  const nowMs = Date.now();
  return context.store.all().map((notification) => acceptedNotification(notification, nowMs));
}

/** The body of POST /_simulator/received-text-messages. */
const RECEIVED_TEXT_REQUEST = z
  .object({ user_number: phoneNumberAsStored, content: z.string().min(1, 'A text needs some content') })
  .strict();

const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');

/** A text received now from a number (checked as Notify checks phone numbers), as the API shows it. */
export function addReceivedText(context: SimulatorContext, userNumber: string, content: string): ReceivedTextView {
  const parsed = RECEIVED_TEXT_REQUEST.safeParse({ user_number: userNumber, content });
  if (!parsed.success) throw new Error(describeIssues(parsed.error.issues));
  const text = context.receivedTexts.add(parsed.data.user_number, parsed.data.content);
  context.log(`received a text from ${parsed.data.user_number}`);
  return context.receivedTexts.response(text);
}

function badControlRequest(issues: readonly z.core.$ZodIssue[]): ControlResult {
  return { status: 400, json: { error: describeIssues(issues) } };
}

function hasControlKey(context: SimulatorContext, authorization: string | undefined): boolean {
  const expected = Buffer.from(`Bearer ${context.controlKey}`);
  const given = Buffer.from(authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function jsonBodyOf(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseJsonBody(body, { emptyIsObject: true }) };
  } catch {
    return { ok: false };
  }
}

/**
 * The simulator's own routes for tests and practice mode, each needing the control key
 * (`Authorization: Bearer <controlKey>`): GET /_simulator/notifications → {"notifications": AcceptedNotification[]}
 * (oldest first), GET and POST /_simulator/faults, POST /_simulator/reset,
 * POST /_simulator/received-text-messages with {"user_number", "content"} → 201 and the text as the API shows it, and
 * POST /_simulator/web-interface-sends `{"ids": [...], "createdByName": "...", "job": true|false}`: notifications
 * already sent become as if a person had sent them in Notify's web interface (one-off, or uploaded in a spreadsheet).
 */
export function handleControlRequest(
  context: SimulatorContext,
  actions: ControlActions,
  request: ControlRequest,
): ControlResult {
  const { method, path } = request;
  if (!hasControlKey(context, request.authorization)) {
    return {
      status: 401,
      json: { error: "The simulator's control routes need its control key: Authorization: Bearer <controlKey>" },
    };
  }
  if (path === '/_simulator/notifications' && method === 'GET') {
    return { status: 200, json: { notifications: acceptedNotifications(context) } };
  }
  if (path === '/_simulator/faults' && method === 'GET') {
    return { status: 200, json: context.faults };
  }
  if (path === '/_simulator/web-interface-sends' && method === 'POST') {
    return markWebInterfaceSends(context, request.body);
  }
  if (path === '/_simulator/reset' && method === 'POST') {
    resetContext(context);
    return { status: 200, json: { reset: true } };
  }
  if (method !== 'POST' || (path !== '/_simulator/faults' && path !== '/_simulator/received-text-messages')) {
    return { status: 404, json: { error: `No simulator control endpoint ${method} ${path}` } };
  }
  const body = jsonBodyOf(request.body);
  if (!body.ok) return { status: 400, json: { error: 'The body must be JSON' } };
  const object = isPlainObject(body.value) ? body.value : undefined;
  if (path === '/_simulator/faults') {
    const parsed = FAULTS_REQUEST.safeParse(object);
    if (!parsed.success) return badControlRequest(parsed.error.issues);
    actions.setFaults(parsed.data);
    return { status: 200, json: context.faults };
  }
  const parsed = RECEIVED_TEXT_REQUEST.safeParse(object);
  if (!parsed.success) return badControlRequest(parsed.error.issues);
  return { status: 201, json: addReceivedText(context, parsed.data.user_number, parsed.data.content) };
}

const WEB_INTERFACE_SENDS_REQUEST = z
  .object({ ids: z.array(z.string()).min(1), createdByName: z.string().min(1), job: z.boolean().default(false) })
  .strict();

function markWebInterfaceSends(context: SimulatorContext, body: Buffer): ControlResult {
  let parsed;
  try {
    parsed = WEB_INTERFACE_SENDS_REQUEST.safeParse(parseJsonBody(body, { emptyIsObject: true }));
  } catch {
    return { status: 400, json: { error: 'The body must be JSON' } };
  }
  if (!parsed.success) return { status: 400, json: { error: parsed.error.issues[0]?.message ?? 'invalid body' } };
  const marked = parsed.data.ids.filter((id) => {
    const notification = context.store.get(id);
    if (!notification) return false;
    notification.createdByName = parsed.data.createdByName;
    notification.fromJob = parsed.data.job;
    return true;
  });
  return { status: 200, json: { marked: marked.length } };
}
