import { href } from '../routing/route';
import { NotificationBanner } from './NotificationBanner';

export function PracticeModeBanner() {
  return (
    <NotificationBanner id="practice-mode-title" heading="Practice mode: nothing is really sent">
      <p className="govuk-body">
        Messages go to a pretend service. <a className="govuk-notification-banner__link" href={href('settings')}>Connect your GOV.UK Notify service</a> to send for real.
      </p>
    </NotificationBanner>
  );
}
