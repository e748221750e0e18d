/** The kit's own class, followed by the app's `className` when it gives one. */
export function withClassName(base: string, className: string | undefined): string {
  return className ? `${base} ${className}` : base;
}
