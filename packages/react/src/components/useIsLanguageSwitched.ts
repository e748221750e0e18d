import { useState } from 'react';

/**
 * True during the render in which `language` is not the one of the last render (the provider's
 * `locale` switched), false in every other. The kit's polite regions withdraw what they say then,
 * for good: kept, it would be read in the wrong language under the new `lang`; said again in the
 * new one, old news would sound like news, also after switching back. What they say next is
 * written in the new language. State, not a ref: a render React throws away switches nothing.
 */
export function useIsLanguageSwitched(language: string | undefined): boolean {
  const [last, setLast] = useState(language);
  // Set during render, as React's "information from previous renders": no commit of its own.
  if (language === last) return false;
  setLast(language);
  return true;
}
