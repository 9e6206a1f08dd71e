import { href } from '../routing/route';

export function PracticeModeBanner() {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="practice-mode-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="practice-mode-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">Practice mode: nothing is really sent</p>
        <p className="govuk-body">
          Messages go to a pretend service. <a className="govuk-notification-banner__link" href={href('settings')}>Connect your GOV.UK Notify service</a> to send for real.
        </p>
      </div>
    </div>
  );
}
