import {
  ArgTypes,
  Controls,
  Description,
  Heading,
  Primary,
  Stories,
  Subtitle,
  Title,
  useOf,
} from '@storybook/addon-docs/blocks';

/**
 * The docs page of every entry: Storybook's default page (title, description, the first story, its
 * controls, every story), plus, for a component, the table of all its props with their TSDoc.
 *
 * The stories keep `parameters.controls.include` to what is safe to change from the Controls panel
 * (the message, the open state and the callbacks come from each story's own world). That filter
 * also narrows the controls table under the first story, so the full table is drawn from the meta
 * (`<ArgTypes />`), which no controls filter touches.
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
      {hasComponent ? (
        <>
          <Controls />
          <Heading>Props</Heading>
          <ArgTypes />
        </>
      ) : null}
      {isSingleStory ? null : <Stories />}
    </>
  );
}
