import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startTransport } from './api/client';
import { App } from './App';
import { connectCoreEvents } from './store/coreEvents';
import { useStore } from './store/store';

startTransport();
connectCoreEvents();
const store = useStore.getState();
void store.loadStatus();
void store.loadTemplates();
void store.loadSync();
void store.loadUnreadReplies();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
