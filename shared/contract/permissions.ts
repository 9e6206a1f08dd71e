/**
 * What a call of the contract needs the person at the desk to be allowed to do. Every call declares exactly one;
 * the core's dispatcher checks it against the person's role (the role table lives with the policy).
 */
export const permissions = [
  /** Read what every person at the desk sees: app status, templates, previews, the sync status. */
  'use-desk',
  /** Send one-off messages, and retry or cancel their own. */
  'send-messages',
  /** See the messages they sent themselves. */
  'view-own-messages',
  /** Import spreadsheets and queue, pause, resume and cancel their own batches. */
  'import-spreadsheets',
  /** Pause, resume or cancel anyone's batch or message; pause all sending. */
  'manage-any-batch',
  /** The whole service's delivery record, the dashboard and the inbox of replies. */
  'view-service-record',
  /** Export the delivery record or a batch report to a file. */
  'export-record',
  /** Read and export the audit trail. */
  'view-audit',
  /** Create, edit and archive templates. */
  'manage-templates',
  /** The Notify service, its API key and practice mode. */
  'manage-service',
  /** Direct providers, routes and watch folders. */
  'manage-providers',
  /** Retention, purges and the other settings the policy may fix. */
  'manage-policy',
] as const;

export type Permission = (typeof permissions)[number];

/** An area's calls, each with the one permission it needs: `satisfies PermissionsFor<typeof areaHandlerArgs>`. */
export type PermissionsFor<Args> = { readonly [K in keyof Args]: Permission };
