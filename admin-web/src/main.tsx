import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureAmplify } from './app/amplify';
import { App } from './app/App';
import { ConfigError, loadAppConfig } from './app/config';
import { ConfigErrorScreen } from './app/ConfigErrorScreen';
import { initI18n } from './i18n';
import './styles.css';

async function start(): Promise<void> {
  await initI18n();
  const root = createRoot(document.getElementById('root')!);

  try {
    const config = await loadAppConfig();
    configureAmplify(config);
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    root.render(<ConfigErrorScreen error={error} />);
  }
}

void start();
