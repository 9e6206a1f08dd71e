import type { Permission } from '../../../shared/contract';
import { useMay } from '../access/access';
import { InboxNavLabel } from '../pages/inbox/InboxNavLabel';
import { href, useRoute } from '../routing/route';

/** Each page and what a person needs to use it: the menu shows only the pages they may use. */
export const navigationItems = [
  { section: 'templates', label: 'Templates', permission: 'use-desk' },
  { section: 'send', label: 'Send a message', permission: 'send-messages' },
  { section: 'import', label: 'Import a spreadsheet', permission: 'import-spreadsheets' },
  { section: 'outbox', label: 'Outbox', permission: 'view-own-messages' },
  { section: 'sent', label: 'Sent messages', permission: 'view-own-messages' },
  { section: 'inbox', label: 'Inbox', permission: 'view-own-messages' },
  { section: 'dashboard', label: 'Dashboard', permission: 'view-service-record' },
  { section: 'letters', label: 'Letters to print', permission: 'import-spreadsheets' },
  { section: 'audit', label: 'Audit trail', permission: 'view-audit' },
  { section: 'settings', label: 'Settings', permission: 'use-desk' },
] as const satisfies readonly { section: string; label: string; permission: Permission }[];

export function Header() {
  const route = useRoute();
  const currentSection = route.segments[0] ?? 'templates';
  const may = useMay();
  return (
    <header>
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <a href={href('templates')} className="govuk-generic-header__homepage-link">
              Notify desk
            </a>
          </div>
        </div>
      </div>
      <div className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list" id="navigation">
                {navigationItems
                  .filter((item) => item.section === 'settings' || may(item.permission))
                  .map((item) => {
                    const current = item.section === currentSection;
                    const label = item.section === 'inbox' ? <InboxNavLabel /> : item.label;
                    return (
                      <li
                        key={item.section}
                        className={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`}
                      >
                        <a
                          className="govuk-service-navigation__link"
                          href={href(item.section)}
                          aria-current={current ? 'page' : undefined}
                        >
                          {current ? (
                            <strong className="govuk-service-navigation__active-fallback">{label}</strong>
                          ) : (
                            label
                          )}
                        </a>
                      </li>
                    );
                  })}
              </ul>
            </nav>
          </div>
        </div>
      </div>
    </header>
  );
}
