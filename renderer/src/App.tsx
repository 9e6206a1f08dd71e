import { useEffect, useRef } from 'react';
import { CoreRestartedBanner } from './components/CoreRestartedBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { Header, navigationItems } from './components/Header';
import { Allowed } from './access/access';
import { AuditPage } from './pages/audit/AuditPage';
import { PracticeModeBanner, sendsNothingForReal } from './components/PracticeModeBanner';
import { ImportPage } from './pages/import/ImportPage';
import { LettersPage } from './pages/letters/LettersPage';
import { ConversationPage } from './pages/inbox/ConversationPage';
import { InboxPage } from './pages/inbox/InboxPage';
import { OutboxPage } from './pages/outbox/OutboxPage';
import { DashboardPage } from './pages/record/DashboardPage';
import { MessageDetailPage } from './pages/record/MessageDetailPage';
import { SentMessagesPage } from './pages/record/SentMessagesPage';
import { SendMessagePage } from './pages/send/SendMessagePage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { ArchiveTemplatePage } from './pages/templates/ArchiveTemplatePage';
import { TemplateFormPage } from './pages/templates/TemplateFormPage';
import { TemplatesPage } from './pages/templates/TemplatesPage';
import { TemplateVersionsPage } from './pages/templates/TemplateVersionsPage';
import { type Route, useRoute } from './routing/route';
import { useStore } from './store/store';

/** A page, or why the person may not use it: the core refuses its calls all the same. */
function Page({ route }: { route: Route }) {
  const [section = 'templates', id, action] = route.segments;
  const item = navigationItems.find((candidate) => candidate.section === section);
  const changesTemplate = section === 'templates' && (id === 'new' || action === 'edit' || action === 'archive');
  const permission = changesTemplate ? 'manage-templates' : item?.permission;
  if (!permission || section === 'settings') return <PageFor route={route} />;
  return (
    <Allowed permission={permission} title={changesTemplate ? 'Templates' : (item?.label ?? 'notify-desk')}>
      <PageFor route={route} />
    </Allowed>
  );
}

function PageFor({ route }: { route: Route }) {
  const statusLoaded = useStore((store) => store.status !== null);
  const [section, id, action] = route.segments;
  switch (section) {
    case undefined:
    case 'templates':
      if (id === 'new') return <TemplateFormPage />;
      if (id && action === 'edit') return <TemplateFormPage key={id} templateId={id} />;
      if (id && action === 'versions') return <TemplateVersionsPage templateId={id} />;
      if (id && action === 'archive') return <ArchiveTemplatePage templateId={id} />;
      return <TemplatesPage />;
    case 'audit':
      return <AuditPage />;
    case 'send':
      return <SendMessagePage />;
    case 'import':
      return <ImportPage />;
    case 'outbox':
      return <OutboxPage />;
    case 'letters':
      return <LettersPage />;
    case 'sent':
      return id ? <MessageDetailPage key={id} id={id} /> : <SentMessagesPage route={route} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'inbox':
      return id ? <ConversationPage key={id} phoneKey={id} /> : <InboxPage />;
    case 'settings':
      return <SettingsPage key={statusLoaded ? 'loaded' : 'loading'} />;
    default:
      return (
        <>
          <h1 className="govuk-heading-l">Page not found</h1>
          <p className="govuk-body">Use the menu to find what you need.</p>
        </>
      );
  }
}

export function App() {
  const route = useRoute();
  const status = useStore((store) => store.status);
  const statusError = useStore((store) => store.statusError);
  const main = useRef<HTMLElement>(null);
  const path = route.segments.join('/');

  useEffect(() => {
    // A new page: start at the top and let screen readers land on it, as a page load would.
    window.scrollTo(0, 0);
    if (document.activeElement === document.body || main.current?.contains(document.activeElement) === false) {
      main.current?.focus({ preventScroll: true });
    }
  }, [path]);

  return (
    <>
      <a
        href="#main-content"
        className="govuk-skip-link"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to main content
      </a>
      <Header />
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" ref={main} tabIndex={-1}>
          {status && sendsNothingForReal(status) && <PracticeModeBanner status={status} />}
          {statusError && <ErrorBanner message={statusError} />}
          <CoreRestartedBanner />
          <Page route={route} />
        </main>
      </div>
    </>
  );
}
