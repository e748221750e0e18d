import type { Decorator, Preview } from '@storybook/react-vite';
import { useEffect } from 'react';
import { configure } from 'storybook/test';
import '../packages/react/src/styles.css';
import { DocsPage } from './DocsPage';
import { editableArgs } from './editableArgs';
import { optionalPropTypes } from './optionalPropTypes';

// Play functions wait for a condition up to 5 s instead of Testing Library's 1 s: in CI the Storybook
// projects share 2 CPUs with every other browser project. Passing plays wait no longer than before.
configure({ asyncUtilTimeout: 5_000 });

/**
 * Puts each story on the chosen theme's surface, as an app would with `data-theme`. On a story's own
 * canvas the surface fills the whole viewport (not just the content's height); in docs, where many
 * stories share a page, each keeps its own height.
 */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <div
      data-theme={theme}
      // The story's own language on its surface too: a docs page shows English and Chinese stories
      // together under one <html lang>, which only the last story mounted sets.
      lang={context.globals.locale === 'zh-CN' ? 'zh-CN' : 'en'}
      style={{
        boxSizing: 'border-box',
        padding: 16,
        minHeight: context.viewMode === 'docs' ? undefined : '100vh',
        colorScheme: theme,
        color: 'var(--readmark-text)',
        background: 'var(--readmark-surface)',
        fontFamily: 'system-ui, sans-serif',
      }}
    >
      <Story />
    </div>
  );
};

/** Sets `<html lang>` to `lang` while mounted, and puts back what was there before. */
function DocumentLanguage({ lang }: { lang: string }) {
  useEffect(() => {
    const root = document.documentElement;
    const previous = root.getAttribute('lang');
    root.setAttribute('lang', lang);
    return () => {
      if (previous === null) root.removeAttribute('lang');
      else root.setAttribute('lang', previous);
    };
  }, [lang]);
  return null;
}

/**
 * The page's language follows the toolbar's (or a story's pinned `locale`), so screen readers and
 * the browser treat the built-in Chinese strings as Chinese.
 */
const withLanguage: Decorator = (Story, context) => (
  <>
    <DocumentLanguage lang={context.globals.locale === 'zh-CN' ? 'zh-CN' : 'en'} />
    <Story />
  </>
);

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [optionalPropTypes, editableArgs],
  decorators: [withTheme, withLanguage],
  globalTypes: {
    locale: {
      description: 'Built-in strings, chosen on ReceiptProvider',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'zh-CN', title: '简体中文' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Light or dark variables of styles.css',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // One table of every prop of a component with its TSDoc, controls on those a story lets you
    // change (`controls.editable`, editableArgs.ts).
    docs: { page: DocsPage },
    // Every story is checked with axe-core; in the Vitest run a violation fails the test. WCAG 2.2's
    // target size (2.5.8, 24 x 24 CSS px or spaced apart) too, which axe leaves off by default.
    a11y: { test: 'error', options: { rules: { 'target-size': { enabled: true } } } },
  },
};

export default preview;
