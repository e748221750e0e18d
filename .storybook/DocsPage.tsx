import {
  Controls,
  Description,
  Primary,
  Stories,
  Subtitle,
  Title,
  useOf,
} from '@storybook/addon-docs/blocks';

/**
 * The docs page of every entry: Storybook's default page (title, description, the first story, its
 * controls, every story). For a component the controls table is the props table: a row per prop
 * with its TSDoc, type and default, and a control on the props the stories let a reader change
 * (`parameters.controls.editable`, editableArgs.ts); the others' come from each story's own world.
 * It was a controls table of those few followed by a full "Props" table (the ArgTypes block), the same
 * descriptions twice.
 */
export function DocsPage() {
  const { csfFile, preparedMeta } = useOf('meta', ['meta']);
  const isSingleStory = Object.keys(csfFile.stories).length === 1;
  const hasComponent = preparedMeta.component !== undefined;
  return (
    <>
      <Title />
      <Subtitle />
      <Description of="meta" />
      {isSingleStory ? <Description of="story" /> : null}
      <Primary />
      {hasComponent ? <Controls /> : null}
      {isSingleStory ? null : <Stories />}
    </>
  );
}
