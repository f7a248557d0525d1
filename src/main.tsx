import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppServices } from './app/services';
import { activateLocale, preferredLocale } from './lib/i18n';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const services = createAppServices();

// A German browser waits for the German chunk rather than flashing English first; English is already here.
void activateLocale(preferredLocale())
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App services={services} />
      </StrictMode>,
    ),
  );
