import type { ReactNode } from 'react';

interface NotificationBannerProps {
  /** The id of the banner's title, which names the banner for assistive technology. */
  id: string;
  heading: ReactNode;
  /** A success banner is announced at once (role="alert"); the other kind is a region to find. */
  success?: boolean;
  children?: ReactNode;
}

export function NotificationBanner({ id, heading, success = false, children }: NotificationBannerProps) {
  return (
    <div
      className={success ? 'govuk-notification-banner govuk-notification-banner--success' : 'govuk-notification-banner'}
      role={success ? 'alert' : 'region'}
      aria-labelledby={id}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {success ? 'Success' : 'Important'}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
