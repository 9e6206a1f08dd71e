import type { ReactNode } from 'react';
import { permissionRefusal, roleNames, whoMay, type Permission } from '../../../shared/contract';
import { useStore } from '../store/store';

/** Whether the person at the desk may do what a permission allows (false until the desk has said who they are). */
export function useMay(): (permission: Permission) => boolean {
  const permissions = useStore((store) => store.status?.access.permissions);
  return (permission) => permissions?.includes(permission) ?? false;
}

/** The page's content when the person may; otherwise why not, and whom to ask. */
export function Allowed({
  permission,
  title,
  children,
}: {
  permission: Permission;
  title: string;
  children: ReactNode;
}) {
  const status = useStore((store) => store.status);
  const may = useMay();
  if (!status) return null;
  if (may(permission)) return <>{children}</>;
  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">{permissionRefusal(permission, status.access.role)}</p>
    </>
  );
}

/** A short line in place of a control the person may not use. */
export function NotForYou({ permission }: { permission: Permission }) {
  return <p className="govuk-body govuk-hint">{whoMay(permission)}</p>;
}

/** Who the person is at this desk, in words. */
export function describeAccess(
  access: {
    account: string;
    role: keyof typeof roleNames | null;
    roleFrom: { kind: 'user' } | { kind: 'group'; group: string } | null;
  },
  policy: boolean,
): string {
  if (!policy) return `You are signed in to this computer as ${access.account}.`;
  if (access.role === null)
    return `You are signed in as ${access.account}, and the policy file gives you no role at this desk. Ask IT to give you one.`;
  const from = access.roleFrom?.kind === 'group' ? ` (as a member of ${access.roleFrom.group})` : '';
  return `You are signed in as ${access.account}. Your role at this desk is ${roleNames[access.role]}${from}.`;
}
