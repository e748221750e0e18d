import type { Preview } from '@storybook/react-vite';

type Enhancer = NonNullable<Preview['argTypesEnhancers']>[number];
type SBType = { name: string; value?: unknown; raw?: string; required?: boolean };

const undefinedSuffix = ' | undefined';

/**
 * The kit's optional props are typed `T | undefined` (`exactOptionalPropertyTypes`), which
 * Storybook's docgen reads as a union: the props table said "union" and the Controls panel offered
 * a JSON box ("Set object") for a class name, which passed `{}` and gave `class="… [object
 * Object]"`. Such a prop is shown as its `T`: a text box for a string, its type in the table.
 */
export const optionalPropTypes: Enhancer = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const type = argType.type as SBType | undefined;
      if (type?.name !== 'union' || !type.raw?.endsWith(undefinedSuffix)) return [name, argType];
      const members = (type.value as SBType[]).filter(
        (member) => !(member.name === 'other' && member.value === 'undefined'),
      );
      if (members.length !== 1) return [name, argType];
      // `((event) => void) | undefined` loses its brackets with its `undefined`.
      const raw = type.raw.slice(0, -undefinedSuffix.length).replace(/^\((.*)\)$/s, '$1');
      return [
        name,
        {
          ...argType,
          type: { ...members[0], raw, required: type.required ?? false },
          table: { ...argType.table, type: { ...argType.table?.type, summary: raw } },
        },
      ];
    }),
  ) as ReturnType<Enhancer>;
