/**
 * "Show code" snippets for the docs pages. The stories render small wrappers that build an
 * in-memory NIM world first; what an app writes is the kit's API around its own messages, so each
 * story file describes that instead (`parameters.docs.source`), from the story's current args and
 * language.
 */

/** A prop value as a JSX attribute value, or undefined to leave the prop out. */
type PropValue = string | number | boolean | readonly string[] | undefined;

function attribute(name: string, value: PropValue): string | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return name;
  if (typeof value === 'string') return `${name}="${value}"`;
  if (typeof value === 'number') return `${name}={${value}}`;
  // The Controls panel's object editor takes any JSON: show what was typed rather than throw.
  if (!Array.isArray(value)) return `${name}={${JSON.stringify(value)}}`;
  return `${name}={[${value.map((item) => `'${item}'`).join(', ')}]}`;
}

/**
 * `<Name a="1" b={2} />`, or one attribute a line when it gets long. `code` holds attributes written
 * as code already (`onOpen={() => setIsOpen(true)}`); `props` are values, left out when undefined
 * or false.
 */
export function element(
  name: string,
  {
    code = [],
    props = {},
    indent = '',
  }: { code?: string[]; props?: Record<string, PropValue>; indent?: string },
): string {
  const attributes = [
    ...code,
    ...Object.entries(props)
      .map(([key, value]) => attribute(key, value))
      .filter((item) => item !== undefined),
  ];
  const line = `${indent}<${[name, ...attributes].join(' ')} />`;
  if (line.length <= 100) return line;
  return [
    `${indent}<${name}`,
    ...attributes.map((item) => `${indent}  ${item}`),
    `${indent}/>`,
  ].join('\n');
}

/** The language of the toolbar (or of the story's `globals`). */
export function localeOf(globals: Record<string, unknown> | undefined): 'en' | 'zh-CN' {
  return globals?.locale === 'zh-CN' ? 'zh-CN' : 'en';
}

/**
 * An app's code with the provider: imports from @readmark/react, then `body`. `body` may use
 * `provider(children)` to wrap JSX in `<ReceiptProvider transport={transport} accountId={me}>`.
 */
export function snippet({
  imports,
  extraImports = [],
  body,
}: {
  /** Names from @readmark/react. */
  imports: string[];
  /** Whole import lines of other modules, e.g. React's. */
  extraImports?: string[];
  body: string;
}): string {
  const names = [...new Set(imports)].sort();
  const fromKit =
    names.join(', ').length > 60
      ? `import {\n${names.map((name) => `  ${name},`).join('\n')}\n} from '@readmark/react';`
      : `import { ${names.join(', ')} } from '@readmark/react';`;
  return [...extraImports, fromKit, "import '@readmark/react/styles.css';", '', body.trim()].join(
    '\n',
  );
}

/**
 * `children` (already indented by two spaces) inside the provider an app puts around its chat
 * once: `transport` from `createNimTransport(nim)` (kept stable), `me` the logged-in account.
 */
export function provider(
  children: string,
  { locale = 'en', extra = [] }: { locale?: string; extra?: string[] } = {},
): string {
  const open = element('ReceiptProvider', {
    code: ['transport={transport}', 'accountId={me}', ...extra],
    props: { locale: locale === 'en' ? undefined : locale },
  }).replace(/ ?\/>$/, '>');
  return [
    '// transport: createNimTransport(nim) from @readmark/nim, kept stable; me: the logged-in account',
    open,
    children,
    '</ReceiptProvider>',
  ].join('\n');
}

/**
 * A `docs.source.transform` that ignores the detected source (the story's own wrapper, minified in
 * a build) and writes `write(args, locale)` instead.
 */
export function sourceFrom<TArgs>(write: (args: TArgs, locale: 'en' | 'zh-CN') => string) {
  return {
    transform: (_code: string, context: { args: unknown; globals?: Record<string, unknown> }) =>
      write((context.args ?? {}) as TArgs, localeOf(context.globals)),
  };
}

/**
 * A `TeamBadge` component as an app writes it: a team message's `badge` (an `<UnreadBadge>` line
 * whose `onOpen` sets `isOpen`) and the `sheet` it opens (`<ReceiptDetailSheet>`, by default the
 * plain one). Needs `useState` imported.
 */
export function teamBadgeComponent({
  comment,
  badge,
  sheet = '      <ReceiptDetailSheet message={message} isOpen={isOpen} onClose={() => setIsOpen(false)} />',
}: {
  comment: string;
  badge: string;
  sheet?: string;
}): string {
  return `
/** ${comment} */
function TeamBadge({ message }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
${badge}
${sheet}
    </>
  );
}
`;
}
