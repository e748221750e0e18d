// pnpm hook. The root devDependencies `react-18` / `react-dom-18` (npm:react@18.3.1 /
// npm:react-dom@18.3.1) let the `react18*` Vitest projects check @readmark/react on React 18.
// react-dom lists react as a peer, which pnpm resolves from the root, React 19, so react-dom 18
// would run React 19's `react` (its own `require('react')` is not seen by Vite's aliases). Here
// react-dom 18 gets react 18 as a plain dependency instead. Nothing else in the workspace uses
// react-dom 18.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'react-dom' && pkg.version.startsWith('18.')) {
        if (pkg.peerDependencies) delete pkg.peerDependencies.react;
        pkg.dependencies = { ...pkg.dependencies, react: pkg.version };
      }
      return pkg;
    },
  },
};
