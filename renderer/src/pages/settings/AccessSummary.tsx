import { permissionAbilities, type AppStatus, type PolicySummary } from '../../../../shared/contract';
import { describeAccess } from '../../access/access';
import { channelLabels } from '../../format/channels';

/** What the organisation's policy file fixes, in words; empty when it fixes nothing beyond roles. */
function policyFixes(policy: PolicySummary): string[] {
  return [
    ...(policy.serviceUrl ? [`the Notify service is ${policy.serviceUrl}`] : []),
    ...(policy.providesApiKey ? ['the policy file holds the service’s API key'] : []),
    ...(policy.practiceMode ? [] : ['practice mode is off']),
    ...(policy.channels.length < 3
      ? [`only ${policy.channels.map((channel) => channelLabels[channel].toLowerCase()).join(' and ')} may be sent`]
      : []),
    ...(policy.retention
      ? [`personal data is kept ${policy.retention.personalDataDays} days, records ${policy.retention.recordDays} days`]
      : []),
    ...(policy.encryption === 'optional' ? ['the database may be left unencrypted'] : []),
    ...(policy.caFile ? [`connections trust the CA file ${policy.caFile}`] : []),
  ];
}

/** Who is at the desk, what they may do, and whether a policy file decides it. */
export function AccessSummary({ status }: { status: AppStatus }) {
  const { access, policy } = status;
  const fixes = policy ? policyFixes(policy) : [];
  return (
    <section aria-labelledby="access-heading" data-testid="access-summary">
      <h2 className="govuk-heading-m" id="access-heading">
        You and this desk
      </h2>
      <p className="govuk-body">{describeAccess(access, policy !== null)}</p>
      {policy ? (
        <p className="govuk-body">
          Your organisation’s policy file ({policy.path}) decides who may do what here. Only IT can change it.
        </p>
      ) : (
        <p className="govuk-body">
          There is no policy file on this computer, so this desk is single-user: whoever uses this computer account may
          do everything here.
        </p>
      )}
      {policy && access.permissions.length > 0 && (
        <>
          <p className="govuk-body">You can:</p>
          <ul className="govuk-list govuk-list--bullet">
            {access.permissions.map((permission) => (
              <li key={permission}>{permissionAbilities[permission]}</li>
            ))}
          </ul>
        </>
      )}
      {fixes.length > 0 && (
        <>
          <p className="govuk-body">The policy also fixes that:</p>
          <ul className="govuk-list govuk-list--bullet">
            {fixes.map((fix) => (
              <li key={fix}>{fix}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
