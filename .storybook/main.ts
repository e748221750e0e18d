import type { StorybookConfig } from '@storybook/react-vite';

/**
 * Storybook for the React kit. Stories live beside the components and run from source: the
 * `@readmark/source` export condition resolves every workspace package to its `src/index.ts`,
 * so no library build is needed first.
 */
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['./Introduction.mdx', '../packages/react/src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: { conditions: ['@readmark/source', 'browser', 'module', 'import', 'default'] },
    });
  },
};

export default config;
