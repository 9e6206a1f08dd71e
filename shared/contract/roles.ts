import type { Permission } from './permissions';

/** The desk's roles, from the least to the most a person may do: each role may do all that the one before it may. */
export const roles = ['caseworker', 'post-room', 'supervisor', 'administrator'] as const;
export type Role = (typeof roles)[number];

/**
 * What each role adds to the one before it, mapped onto GOV.UK Notify's team permissions (docs/policy.md):
 * - caseworker: Notify's "Send messages" for one-off messages, and their own sent messages (Notify shows every team
 *   member all sent messages; the desk narrows that to a caseworker's own);
 * - post room: uploads ("Send messages" from a spreadsheet), printing letters and their own batches;
 * - supervisor: "See dashboard" (every sent message, the dashboard, CSV downloads, the inbox), cancelling anyone's
 *   batch, and the audit trail (Notify's service history);
 * - administrator: "Add and edit templates", "Manage settings, team and usage" and "Manage API integration": the
 *   service, its key, providers and routes, watch folders, and the settings a policy may fix.
 */
const addedBy: Record<Role, readonly Permission[]> = {
  caseworker: ['use-desk', 'send-messages', 'view-own-messages'],
  'post-room': ['import-spreadsheets'],
  supervisor: ['manage-any-batch', 'view-service-record', 'export-record', 'view-audit'],
  administrator: ['manage-templates', 'manage-service', 'manage-providers', 'manage-policy'],
};

/** Every permission of each role: the role table the core's dispatcher checks each call against. */
const upTo = (role: Role): readonly Permission[] =>
  roles.slice(0, roles.indexOf(role) + 1).flatMap((earlier) => addedBy[earlier]);
export const rolePermissions: { readonly [R in Role]: readonly Permission[] } = {
  caseworker: upTo('caseworker'),
  'post-room': upTo('post-room'),
  supervisor: upTo('supervisor'),
  administrator: upTo('administrator'),
};

/** A role as people say it. */
export const roleNames: { readonly [R in Role]: string } = {
  caseworker: 'caseworker',
  'post-room': 'post room',
  supervisor: 'supervisor',
  administrator: 'administrator',
};

const rolePlurals: { readonly [R in Role]: string } = {
  caseworker: 'caseworkers',
  'post-room': 'post room staff',
  supervisor: 'supervisors',
  administrator: 'administrators',
};

/** What a permission lets a person do, to finish "… can …". */
export const permissionAbilities: { readonly [P in Permission]: string } = {
  'use-desk': 'use notify-desk',
  'send-messages': 'send messages',
  'view-own-messages': 'see the messages they sent',
  'import-spreadsheets': 'import spreadsheets, print letters and manage their own batches',
  'manage-any-batch': 'pause, cancel or retry anyone’s messages and batches, and pause all sending',
  'view-service-record': 'see every message the service sent, the dashboard and every reply',
  'export-record': 'export the record of sent messages and replies',
  'view-audit': 'read and export the audit trail',
  'manage-templates': 'create, change and archive templates',
  'manage-service': 'set up the Notify service and its API key',
  'manage-providers': 'change how messages are sent, and watch folders',
  'manage-policy': 'change the desk’s settings',
};

/** The roles that have a permission, least first. */
export function rolesWith(permission: Permission): Role[] {
  return roles.filter((role) => rolePermissions[role].includes(permission));
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Who may do what a permission allows, as a sentence: "Only supervisors and administrators can export …". */
export function whoMay(permission: Permission): string {
  return `Only ${joinWords(rolesWith(permission).map((role) => rolePlurals[role]))} can ${permissionAbilities[permission]}.`;
}

/** Why a person with this role (or none) is refused a call needing `permission`, and what to do. */
export function permissionRefusal(permission: Permission, role: Role | null): string {
  if (role === null) {
    return 'Your account has no role at this desk: your organisation’s policy file names neither you nor a group you are in. Ask IT to give you one.';
  }
  return `Your role at this desk is ${roleNames[role]}. ${whoMay(permission)} Ask IT if you need to.`;
}
