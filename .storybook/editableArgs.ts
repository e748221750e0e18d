import type { Preview } from '@storybook/react-vite';

type Enhancer = NonNullable<Preview['argTypesEnhancers']>[number];

/**
 * `parameters.controls.editable`, the kit's own: the props a story lets a reader change from the
 * Controls table. Every other prop keeps its row, with its TSDoc, type and default, but no control
 * (its message, open state and callbacks come from the story's own world, and a JSON box for a
 * message would only break it).
 *
 * Storybook's `controls.include` did the same by dropping the other rows, so each docs page drew a
 * second, read-only table of every prop (`<ArgTypes />`) under the controls, the same descriptions
 * twice: one table now says it all.
 */
export const editableArgs: Enhancer = ({ argTypes, parameters }) => {
  const editable: unknown = parameters.controls?.editable;
  if (!Array.isArray(editable)) return argTypes;
  return Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => [
      name,
      editable.includes(name) ? argType : { ...argType, control: false },
    ]),
  ) as ReturnType<Enhancer>;
};
