import { useId } from 'react';
import { useDemoStrings } from './i18n/DemoStringsContext';
import type { DemoLocale } from './i18n/demoStrings';

/** The English / 简体中文 switch. Language names stay in their own language. */
export function LanguageSelect(props: { onChange: (locale: DemoLocale) => void }) {
  const { onChange } = props;
  const { locale, strings } = useDemoStrings();
  const id = useId();
  return (
    <div className="demo-language">
      <label htmlFor={id}>{strings.language}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => onChange(event.target.value === 'zh-CN' ? 'zh-CN' : 'en')}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="zh-CN" lang="zh-CN">
          简体中文
        </option>
      </select>
    </div>
  );
}
