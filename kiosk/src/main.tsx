import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './App';
import './app.css';
import { setupI18n } from './i18n/setup-i18n';

setupI18n();
registerSW({ immediate: true });

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
