import type { Decorator, Preview } from '@storybook/react-vite';
import '../packages/react/src/styles.css';

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

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withTheme],
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
    // Every story is checked with axe-core; in the Vitest run a violation fails the test.
    a11y: { test: 'error' },
  },
};

export default preview;
