import '@readmark/react/styles.css';
import { scenarios } from './scenarios';

// The harness (src/node/run.ts) opens this page once per repetition and scenario, and calls
// `window.readmarkBench[name](options)` through Playwright.
Object.assign(window, { readmarkBench: scenarios });
document.documentElement.dataset.benchReady = 'true';
