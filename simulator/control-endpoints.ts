import { z } from 'zod';
import type { SimulatorContext } from './context';
import { resetContext } from './context';
import { FAULTS_REQUEST, type FaultsRequest } from './faults';
import { isPlainObject, parseJsonBody } from './json-body';
import { acceptedNotification } from './notification-view';
import type { AcceptedNotification } from './types';

export type ControlResult = { status: number; json: unknown };

export interface ControlActions {
  setFaults(faults: FaultsRequest): void;
}

export function acceptedNotifications(context: SimulatorContext): AcceptedNotification[] {
  const nowMs = Date.now();
  return context.store.all().map((notification) => acceptedNotification(notification, nowMs));
}

/**
 * The simulator's own endpoints (no auth) for tests in other processes:
 * GET /_simulator/notifications → {"notifications": AcceptedNotification[]} (oldest first),
 * POST /_simulator/faults with a Faults subset, POST /_simulator/reset,
 * POST /_simulator/web-interface-sends `{"ids": [...], "createdByName": "...", "job": true|false}`: notifications
 * already sent become as if a person had sent them in Notify's web interface (one-off, or uploaded in a spreadsheet).
 */
export function handleControlRequest(
  context: SimulatorContext,
  actions: ControlActions,
  method: string,
  path: string,
  body: Buffer,
): ControlResult {
  if (path === '/_simulator/notifications' && method === 'GET') {
    return { status: 200, json: { notifications: acceptedNotifications(context) } };
  }
  if (path === '/_simulator/faults' && method === 'GET') {
    return { status: 200, json: context.faults };
  }
  if (path === '/_simulator/faults' && method === 'POST') {
    let requested: unknown;
    try {
      requested = parseJsonBody(body, { emptyIsObject: true });
    } catch {
      return { status: 400, json: { error: 'The body must be JSON' } };
    }
    const parsed = FAULTS_REQUEST.safeParse(isPlainObject(requested) ? requested : undefined);
    if (!parsed.success) {
      return { status: 400, json: { error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') } };
    }
    actions.setFaults(parsed.data);
    return { status: 200, json: context.faults };
  }
  if (path === '/_simulator/web-interface-sends' && method === 'POST') {
    return markWebInterfaceSends(context, body);
  }
  if (path === '/_simulator/reset' && method === 'POST') {
    resetContext(context);
    return { status: 200, json: { reset: true } };
  }
  return { status: 404, json: { error: `No simulator control endpoint ${method} ${path}` } };
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
