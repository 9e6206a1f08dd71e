import { roleNames, type Channel, type Role } from '../../../shared/contract';
import type { CoreContext } from '../core-context';
import { UserError } from '../user-error';

type Asker = Pick<CoreContext, 'person' | 'policy'>;

/** Whether the person may use a template limited to `allowedRoles`: anyone when it is not limited; those who manage templates always. */
export function mayUseTemplate(ctx: Pick<CoreContext, 'person'>, allowedRoles: readonly Role[] | null): boolean {
  if (allowedRoles === null || ctx.person.may('manage-templates')) return true;
  const { role } = ctx.person.access;
  return role !== null && allowedRoles.includes(role);
}

/** Refuses, in a sentence, a template the person's role may not use or whose kind of message the policy does not allow. */
export function requireTemplateUse(
  ctx: Asker,
  template: { name: string; type: Channel; allowedRoles: readonly Role[] | null },
): void {
  if (!mayUseTemplate(ctx, template.allowedRoles)) {
    const who = (template.allowedRoles ?? []).map((role) => roleNames[role]).join(', ');
    throw new UserError(
      `The template “${template.name}” can be used only by: ${who}. Choose another template, or ask an administrator.`,
      'template-not-for-role',
    );
  }
  ctx.policy.requireChannel(template.type);
}
