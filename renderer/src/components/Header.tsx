import { InboxNavLabel } from '../pages/inbox/InboxNavLabel';
import { href, useRoute } from '../routing/route';

const navigationItems = [
  { section: 'templates', label: 'Templates' },
  { section: 'send', label: 'Send a message' },
  { section: 'import', label: 'Import a spreadsheet' },
  { section: 'outbox', label: 'Outbox' },
  { section: 'sent', label: 'Sent messages' },
  { section: 'inbox', label: 'Inbox' },
  { section: 'dashboard', label: 'Dashboard' },
  { section: 'letters', label: 'Letters to print' },
  { section: 'settings', label: 'Settings' },
] as const;

export function Header() {
  const route = useRoute();
  const currentSection = route.segments[0] ?? 'templates';
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
                {navigationItems.map((item) => {
                  const current = item.section === currentSection;
                  const label = item.section === 'inbox' ? <InboxNavLabel /> : item.label;
                  return (
                    <li
                      key={item.section}
                      className={`govuk-service-navigation__item${current ? ' govuk-service-navigation__item--active' : ''}`}
                    >
                      <a className="govuk-service-navigation__link" href={href(item.section)} aria-current={current ? 'page' : undefined}>
                        {current ? <strong className="govuk-service-navigation__active-fallback">{label}</strong> : label}
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
