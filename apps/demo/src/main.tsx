import '@readmark/react/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createDemoWorld } from './createDemoWorld';
import { parseDemoOptions } from './demoOptions';

// The entry point is the only place that reads the page; the world lives as long as the page.
function start() {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html must contain <div id="root">');
  const options = parseDemoOptions(window.location.search);
  const world = createDemoWorld(options);
  createRoot(container).render(
    <StrictMode>
      <App world={world} options={options} />
    </StrictMode>,
  );
}

start();
