import type { AppStatus } from '../../../shared/contract';
import { href } from '../routing/route';
import { NotificationBanner } from './NotificationBanner';

/** Whether the desk sends for real: not in practice mode, and not with a test key. */
export function sendsNothingForReal(status: AppStatus): boolean {
  return status.practiceMode || status.service?.keyType === 'test';
}

/** On every page while nothing is really sent: practice mode, or a service connected with a test key. */
export function PracticeModeBanner({ status }: { status: AppStatus }) {
  if (status.service?.keyType === 'test') {
    return (
      <NotificationBanner id="practice-mode-title" heading="Test key: nothing is really sent">
        <p className="govuk-body">
          This desk is connected to {status.service.name} with a test key. Notify accepts messages sent with a test key
          but never delivers them to anyone.{' '}
          <a className="govuk-notification-banner__link" href={href('settings')}>
            Connect with a live key
          </a>{' '}
          to send for real.
        </p>
      </NotificationBanner>
    );
  }
  return (
    <NotificationBanner id="practice-mode-title" heading="Practice mode: nothing is really sent">
      <p className="govuk-body">
        Messages go to a practice service inside the desk, sent with a test key: messages sent with a test key are never
        delivered to anyone.{' '}
        <a className="govuk-notification-banner__link" href={href('settings')}>
          Connect your GOV.UK Notify service
        </a>{' '}
        with a live key to send for real.
      </p>
    </NotificationBanner>
  );
}
